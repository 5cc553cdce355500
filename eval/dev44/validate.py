#!/usr/bin/env python3
"""Validate the dev44 evaluation set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev43's validate.py. Matching is done after removing all
whitespace (the full-width space included); nothing else is normalised
(except where said: the "held" strings of unanswerable look-alike items are
compared with full-width digits turned to ASCII).

The emphasis of dev44 is long documents whose passages look alike inside
one document: at least N_LONG documents of LONG_MIN-LONG_MAX characters are
built of parallel sections (one per district, quarter, 专项行动, 点位 or
period), listed in SECTIONS with their start markers, their names and the
marker that ends the last section. Items that ask about one section carry
"same_doc_sections": true; SAME_DOC_SECTIONS_QUESTIONS / _FOLLOWUPS give the
section, the measure word and the word the question asks with. The flag is
checked to be set exactly for the items whose document is such a document,
whose evidence lies inside one section named in the question (or its
history), and whose measure word (MEASURE_WORDS) occurs in that section and
in at least two other sections of the same document.

Kept from dev43: everyday words ("colloquial", now 25-40 % of items instead
of at least 60 %), documents whose title names no place (TITLES,
PLACE_CLUES, CITY_HIDDEN, "untitled_place"), look-alike documents
("look_alike", LOOK_ALIKE_TRAPS, LOOK_ALIKE_HELD), probes for unanswerable
items, relative years, short questions, typos, lists and the noise checks.

On failure it prints item ids and document names only, never item text.
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

N_QUESTIONS = 100
N_ANSWERABLE = 64
N_UNANSWERABLE = 36
N_FOLLOWUPS = 30
N_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = Q_FIELDS | {"history"}
Q_OPTIONAL = {"relative_year", "look_alike", "untitled_place", "colloquial", "same_doc_sections"}
EV_MIN, EV_MAX = 10, 40
# All documents 800-4500 characters (whitespace excluded); at least 10 long
# sectioned documents of 3000-4500 characters.
DOC_MIN, DOC_MAX = 800, 4500
LONG_MIN, LONG_MAX, N_LONG = 3000, 4500, 10
MIN_SECTIONS = 3
MIN_SAME_DOC_QUESTIONS = 40
MIN_SAME_DOC_FOLLOWUPS = 10
MIN_ITEMS_PER_DOC = 3
MIN_UNANSWERABLE_ANSWER = 20
WHY_RX = re.compile(
    r"没有|未|只有|只给|只定|只写|只分|只统计|只查|只按|只在|只说|只到|只测|只列|只排|只要求|只规定|截断|遮挡|不是"
)

KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "H_notstated",
    "I_target_only",
    "J_result_only",
    "L_similar",
)
MIN_PER_KIND = 1

LOOK_ALIKE_KINDS = ("consecutive_months", "two_quarters", "city_vs_district", "two_cities", "summary_vs_halfyear")
MIN_LOOK_ALIKE_QUESTIONS = 25
MIN_LOOK_ALIKE_ANSWERABLE = 15
MIN_LOOK_ALIKE_UNANSWERABLE = 6
MIN_LOOK_ALIKE_FOLLOWUPS = 8
MIN_ITEMS_PER_LOOK_ALIKE_KIND = 3

# Title-less documents (kept from dev42/dev43).
MIN_UNTITLED_DOCS = 8
MIN_UNTITLED_QUESTIONS = 30
MIN_UNTITLED_QUESTIONS_UNANSWERABLE = 8
MIN_UNTITLED_FOLLOWUPS = 10

# Everyday words (fewer than dev43).
MIN_COLLOQUIAL_SHARE = 0.25
MAX_COLLOQUIAL_SHARE = 0.40

# Relative years: the staff's "now" is late 2025.
RELATIVE_WORDS = {"前年": 2023, "去年": 2024, "今年": 2025, "明年": 2026, "后年": 2027}
YEAR_DIGITS = re.compile(r"20[0-9]{2}|[０-９]{4}")

MIN_SUBUNIT_QUESTIONS = 8
MIN_SUBUNIT_FOLLOWUPS = 3
MIN_RANK_QUESTIONS = 5
MIN_PROGRESS_QUESTIONS = 6
MIN_SHORT_QUESTIONS = 15
SHORT_MAX = 10
MIN_EVERYDAY_WORDS_QUESTIONS = 25
MIN_EVERYDAY_WORDS_FOLLOWUPS = 8
MIN_TYPO_QUESTIONS = 4
MIN_LIST_QUESTIONS = 6
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 6, 15
MIN_LIST_MUST_CONTAIN = 5
MIN_MULTI_DOC = 4
CITIES = ("铜陵", "南平", "漯河")
DISTRICTS = {
    "铜陵": ("铜官区", "义安区", "郊区", "枞阳县"),
    "南平": ("延平区", "建阳区", "邵武市", "武夷山市", "建瓯市", "顺昌县", "浦城县", "光泽县", "松溪县", "政和县"),
    "漯河": ("源汇区", "郾城区", "召陵区", "舞阳县", "临颍县"),
}
SUBUNITS = {
    "铜陵": ("西湖镇", "五松镇", "顺安镇", "钟鸣镇", "天门镇"),
    "南平": ("梅山街道", "黄墩街道", "紫云街道", "四鹤街道", "水南街道", "水东街道"),
    "漯河": (
        "老街街道",
        "马路街街道",
        "顺河街街道",
        "干河陈街道",
        "沙北街道",
        "城关镇",
        "孟庙镇",
        "商桥镇",
        "天桥街道",
        "翟庄街道",
        "东城街道",
        "召陵镇",
    ),
}
CITY_PREFIX = {"铜陵": "铜", "南平": "南", "漯河": "漯"}
PLACES = {c: (c,) + DISTRICTS[c] + SUBUNITS[c] for c in CITIES}
ALL_PLACES = tuple(p for c in CITIES for p in PLACES[c])
DOCNUM = re.compile(r"\S{1,8}〔(2025|２０２５)〕\S{1,4}号")
NOISE_TAGS = (
    "table",
    "signature",
    "speech_no_city",
    "hard_breaks",
    "page_marker",
    "letterhead",
    "news",
    "full_width",
    "docnumber",
    "attachment",
    "running_header",
    "masked",
    "cut_off",
    "addressee",
    "title_no_place",
)
CLUE_KINDS = ("docnumber", "addressee", "table", "speech", "body", "site")

# ---------------------------------------------------------------------------
# Tables (generated by tools/gen.py from the item specs).
# ---------------------------------------------------------------------------

EXPECTED_TYPES = {
    "deadline": 5,
    "list": 6,
    "multi_doc": 4,
    "multipart": 6,
    "number": 15,
    "progress": 5,
    "rank": 8,
    "standard": 5,
    "target": 5,
    "unanswerable": 36,
    "unit": 5,
}

EVERYDAY_WORDS_QUESTIONS = {
    "t001": ("查出", "发现问题"),
    "t010": ("完不成", "未完成"),
    "t015": ("拆违", "拆除违法建设"),
    "t025": ("查出", "发现问题"),
    "t026": ("老小区", "老旧小区"),
    "t029": ("垫底", "末位"),
    "t030": ("改完", "完工"),
    "t037": ("菜市场", "农贸市场"),
    "t040": ("整改完", "整改时限"),
    "t043": ("查出", "发现问题"),
    "t044": ("停车位", "停车泊位"),
    "t046": ("停车位", "停车泊位"),
    "t051": ("垫底", "末位"),
    "t053": ("垫底", "末位"),
    "t056": ("涨", "提高"),
    "t062": ("机扫率", "机械化清扫率"),
    "t064": ("违建", "违法建设"),
    "t072": ("查出", "发现问题"),
    "t073": ("机扫率", "机械化清扫率"),
    "t079": ("垫底", "末位"),
    "t080": ("下雪", "降雪"),
    "t082": ("垫底", "末位"),
    "t084": ("拆违", "拆除违法建设"),
    "t085": ("花了", "投资"),
    "t087": ("老小区", "老旧小区"),
    "t088": ("案子", "立案"),
    "t093": ("停车位", "停车泊位"),
    "t096": ("老小区", "老旧小区"),
}

EVERYDAY_WORDS_FOLLOWUPS = {
    "w02": ("拆违", "拆除违法建设"),
    "w04": ("案子", "立案"),
    "w10": ("改完", "完成"),
    "w12": ("垫底", "末位"),
    "w16": ("城管队员", "城管执法人员"),
    "w17": ("牛皮癣", "非法小广告"),
    "w19": ("整改完", "整改时限"),
    "w21": ("拆违", "拆除违法建设"),
}

FPROBES = {
    "w01": (
        "D_subunit",
        [
            ("all", "翟庄街道[^。]{0,12}[0-9]+处"),
        ],
    ),
    "w02": (
        "A_period",
        [
            ("all", "2026年"),
        ],
    ),
    "w10": (
        "I_target_only",
        [
            ("all", "农贸市场[^。]{0,10}(已完成|已改造|改造完成)"),
        ],
    ),
    "w19": (
        "F_cutoff",
        [
            ("doc", "颍河路[^。]*整改时限"),
        ],
    ),
    "w20": (
        "C_nofigure",
        [
            ("doc", "邵武市[^。]{0,400}满意度为[0-9]"),
        ],
    ),
    "w28": (
        "L_similar",
        [
            ("doc", "罚款|元"),
        ],
    ),
}

LIST_QUESTIONS = {
    "t006": 0,
    "t042": 8,
    "t054": 6,
    "t059": 8,
    "t071": 6,
    "t076": 10,
    "t094": 8,
}

LOOK_ALIKE_HELD = {
    "t005": ["86.0%", "87.5%"],
    "t006": ["市容环境"],
    "t008": ["120个"],
    "t011": ["58个", "52个"],
    "t014": ["21个", "71个"],
    "t031": ["2,216件", "1,742件"],
    "t052": ["0.2分"],
    "t058": ["2.8分"],
    "w02": ["200处"],
}

LOOK_ALIKE_TRAPS = {
    "t002": ["82.9分"],
    "t007": ["已建成7座"],
    "t018": ["82.7"],
    "t020": ["达到38%"],
    "t027": ["拆除违法建设19处"],
    "t029": ["91.4%"],
    "t030": ["9月底前完工15条"],
    "t032": ["公厕建成6座"],
    "t033": ["低于90%"],
    "t044": ["新增停车泊位320个"],
    "t053": ["92.7%"],
    "t062": ["66%"],
    "t069": ["82.8"],
    "t074": ["召陵区41处"],
    "t077": ["新建改建公厕24座"],
    "t078": ["公厕已建成6座"],
    "t079": ["81.6"],
    "t086": ["位列各县区第3位"],
    "t090": ["1,816件"],
    "w03": ["第5位"],
    "w05": ["０．４个百分点"],
    "w07": ["10月24日前"],
    "w08": ["52家"],
    "w09": ["延平区8座"],
    "w11": ["11月10日前"],
    "w13": ["84分以上"],
    "w22": ["58个"],
    "w24": ["已建成投用9座"],
    "w30": ["背街小巷完工5条"],
}

PROBES = {
    "t004": (
        "D_subunit",
        [
            ("doc", "黄墩街道[0-9]+个"),
            ("doc", "黄墩街道有[0-9]"),
        ],
    ),
    "t005": (
        "D_subunit",
        [
            ("doc", "义安区[^。]{0,20}满意度"),
        ],
    ),
    "t006": (
        "H_notstated",
        [
            ("doc", "测评项目"),
            ("doc", "分值"),
        ],
    ),
    "t008": (
        "I_target_only",
        [
            ("doc", "视频"),
        ],
    ),
    "t009": (
        "I_target_only",
        [
            ("doc", "全省[^。]{0,6}第[0-9]+位"),
            ("doc", "全省排名"),
        ],
    ),
    "t011": (
        "A_period",
        [
            ("doc", "第9期[^。]{0,10}发现问题[0-9]"),
        ],
    ),
    "t012": (
        "B_place",
        [
            ("doc", "武夷山市"),
        ],
    ),
    "t014": (
        "D_subunit",
        [
            ("doc", "义安区[^。|]{0,10}占道经营"),
        ],
    ),
    "t016": (
        "J_result_only",
        [
            ("doc", "郊区[^。]{0,30}任务[0-9]+处"),
            ("001_tongling-cgj-2024-zongjie.txt", "2024年[^。]{0,10}任务"),
        ],
    ),
    "t019": (
        "D_subunit",
        [
            ("all", "老街街道[^。]{0,10}[0-9]+条"),
        ],
    ),
    "t022": (
        "A_period",
        [
            ("doc", "10月[^。]{0,8}立案[0-9]"),
            ("017_luohe-cg-gongzuo-jianghua-2025.txt", "10月[^。]{0,8}立案[0-9]"),
            ("018_luohe-cgj-2024-zongjie.txt", "10月[^。]{0,8}立案[0-9]"),
        ],
    ),
    "t023": (
        "H_notstated",
        [
            ("doc", "红旗商户[^。]{0,10}[0-9]+家"),
        ],
    ),
    "t025": (
        "D_subunit",
        [
            ("all", "西湖镇[^。]{0,10}问题[0-9]"),
        ],
    ),
    "t028": (
        "L_similar",
        [
            ("doc", "简易程序"),
        ],
    ),
    "t031": (
        "A_period",
        [
            ("005_tongling-szcg-tongbao-2025-10.txt", "9月份[^。]{0,6}立案[0-9]"),
            ("005_tongling-szcg-tongbao-2025-10.txt", "1—9月"),
        ],
    ),
    "t038": (
        "D_subunit",
        [
            ("doc", "水南街道[^。]{0,6}得分"),
        ],
    ),
    "t039": (
        "L_similar",
        [
            ("doc", "培训[^。]{0,10}人次"),
        ],
    ),
    "t041": (
        "A_period",
        [
            ("all", "7月[^。]{0,10}泊位[0-9]"),
        ],
    ),
    "t043": (
        "B_place",
        [
            ("doc", "舞阳县[^。]{0,10}[0-9]+个"),
        ],
    ),
    "t045": (
        "E_rank",
        [
            ("doc", "第1位|第一名"),
        ],
    ),
    "t046": (
        "I_target_only",
        [
            ("all", "泊位[^。]{0,10}(已完成|已新增|已施划)"),
        ],
    ),
    "t050": (
        "I_target_only",
        [
            ("all", "11月份[^。]{0,10}按期处置率[0-9]"),
        ],
    ),
    "t052": (
        "F_cutoff",
        [
            ("doc", "逾期"),
        ],
    ),
    "t058": (
        "H_notstated",
        [
            ("doc", "扣分最多"),
        ],
    ),
    "t061": (
        "D_subunit",
        [
            ("all", "顺安镇[^。]{0,12}拆除[^。]{0,4}[0-9]+处"),
        ],
    ),
    "t064": (
        "H_notstated",
        [
            ("doc", "违法建设[^。]{0,30}万元"),
        ],
    ),
    "t066": (
        "B_place",
        [
            ("016_luohe-chuangwen-ducha-tongbao-10.txt", "第三季度"),
            ("017_luohe-cg-gongzuo-jianghua-2025.txt", "测评"),
        ],
    ),
    "t067": (
        "B_place",
        [
            ("doc", "邵武市[^。]{0,20}泊位"),
        ],
    ),
    "t073": (
        "J_result_only",
        [
            ("doc", "机械化清扫率[^。]{0,10}(目标|任务)"),
        ],
    ),
    "t081": (
        "D_subunit",
        [
            ("doc", "郊区[^。]{0,10}老旧小区[^。]{0,6}[0-9]+个"),
        ],
    ),
    "t083": (
        "D_subunit",
        [
            ("doc", "召陵区[^。]{0,10}易涝"),
        ],
    ),
    "t085": (
        "H_notstated",
        [
            ("doc", "背街小巷[^。]{0,20}万元"),
        ],
    ),
    "t088": (
        "D_subunit",
        [
            ("doc", "义安区[^。|]{0,6}占道经营[0-9]"),
        ],
    ),
    "t092": (
        "D_subunit",
        [
            ("all", "西湖镇[^。]{0,10}[0-9]+条"),
        ],
    ),
    "t099": (
        "D_subunit",
        [
            ("doc", "梅山街道(改造|完成|完工)[^。]{0,4}[0-9]+条"),
        ],
    ),
    "t100": (
        "A_period",
        [
            ("all", "2023年[^。]{0,20}公厕"),
            ("all", "前年[^。]{0,20}公厕"),
        ],
    ),
}

RELATIVE_YEAR_FOLLOWUPS = {
    "w02": 2026,
    "w09": 2024,
    "w15": 2025,
    "w25": 2024,
    "w29": 2024,
    "w30": 2025,
}

RELATIVE_YEAR_QUESTIONS = {
    "t008": 2025,
    "t015": 2024,
    "t020": 2025,
    "t026": 2025,
    "t027": 2024,
    "t028": 2024,
    "t029": 2024,
    "t030": 2025,
    "t032": 2025,
    "t036": 2025,
    "t039": 2025,
    "t046": 2025,
    "t061": 2024,
    "t062": 2024,
    "t066": 2025,
    "t067": 2025,
    "t077": 2025,
    "t078": 2025,
    "t081": 2025,
    "t083": 2025,
    "t084": 2025,
    "t087": 2024,
    "t092": 2025,
    "t099": 2025,
    "t100": 2023,
}

TYPO_QUESTIONS = {
    "t011": ("督察", "督查"),
    "t021": ("公测", "公厕"),
    "t043": ("督察", "督查"),
    "t075": ("测平", "测评"),
    "t090": ("立按", "立案"),
    "t091": ("约淡", "约谈"),
}

SHORT_QUESTIONS = [
    "t002",
    "t009",
    "t015",
    "t019",
    "t022",
    "t027",
    "t031",
    "t032",
    "t038",
    "t050",
    "t056",
    "t062",
    "t069",
    "t075",
    "t079",
    "t090",
]

RANK_QUESTIONS = ["t009", "t018", "t029", "t033", "t045", "t053", "t055", "t079", "t082", "t086"]

PROGRESS_QUESTIONS = ["t008", "t019", "t026", "t030", "t044", "t046", "t074", "t078", "t099", "t100"]

SUBUNIT_QUESTIONS = ["t007", "t021", "t037", "t040", "t053", "t060", "t063", "t069", "t070", "t072", "t098"]

SUBUNIT_FOLLOWUPS = ["w12", "w14", "w23"]

LOOK_ALIKE_FAMILIES = [
    (
        "consecutive_months",
        "南平 数字城管月报 9月 / 10月（同一版式）",
        [
            "008_nanping-szcg-tongbao-2025-09.txt",
            "009_nanping-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_cities",
        "数字城管月报 铜陵 10月 / 南平 9月、10月（10月两份同题）",
        [
            "005_tongling-szcg-tongbao-2025-10.txt",
            "008_nanping-szcg-tongbao-2025-09.txt",
            "009_nanping-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_quarters",
        "铜陵 测评通报 二季度 / 三季度",
        [
            "003_tongling-chuangwen-ceping-2025-q2.txt",
            "004_tongling-chuangwen-ceping-2025-q3.txt",
        ],
    ),
    (
        "two_cities",
        "季度测评通报 铜陵 二、三季度 / 南平 三季度（三季度两份同题）",
        [
            "003_tongling-chuangwen-ceping-2025-q2.txt",
            "004_tongling-chuangwen-ceping-2025-q3.txt",
            "013_nanping-chuangwen-ceping-2025-q3.txt",
        ],
    ),
    (
        "two_cities",
        "督查通报 南平 第8期 / 漯河 第10期（同题）",
        [
            "010_nanping-chuangwen-ducha-tongbao-08.txt",
            "016_luohe-chuangwen-ducha-tongbao-10.txt",
        ],
    ),
    (
        "two_cities",
        "不写市名的讲话 铜陵 创文 / 漯河 城管",
        [
            "006_tongling-chuangwen-jianghua-2025.txt",
            "017_luohe-cg-gongzuo-jianghua-2025.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "铜陵 2024 总结 / 2025 上半年通报 / 讲话 / 10月月报",
        [
            "001_tongling-cgj-2024-zongjie.txt",
            "002_tongling-cg-2025-shangbannian-tongbao.txt",
            "005_tongling-szcg-tongbao-2025-10.txt",
            "006_tongling-chuangwen-jianghua-2025.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "漯河 2024 总结 / 讲话 / 2025 前三季度总结",
        [
            "015_luohe-cg-2025-qiansanjidu-zongjie.txt",
            "017_luohe-cg-gongzuo-jianghua-2025.txt",
            "018_luohe-cgj-2024-zongjie.txt",
        ],
    ),
    (
        "city_vs_district",
        "铜陵市 总结、通报、讲话 / 铜官区新闻",
        [
            "001_tongling-cgj-2024-zongjie.txt",
            "002_tongling-cg-2025-shangbannian-tongbao.txt",
            "006_tongling-chuangwen-jianghua-2025.txt",
            "007_tongguan-gongce-beijie-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "南平市 分季度方案、专项行动方案、测评通报 / 延平区新闻",
        [
            "011_nanping-chuangwen-jidu-fangan-2025.txt",
            "012_nanping-cg-zhuanxiang-xingdong-2025.txt",
            "013_nanping-chuangwen-ceping-2025-q3.txt",
            "014_yanping-beijie-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "漯河市 总结、讲话 / 源汇区新闻",
        [
            "015_luohe-cg-2025-qiansanjidu-zongjie.txt",
            "017_luohe-cg-gongzuo-jianghua-2025.txt",
            "018_luohe-cgj-2024-zongjie.txt",
            "019_yuanhui-beijie-gongce-xinwen-2025.txt",
        ],
    ),
]

DOC_INFO = {
    "001_tongling-cgj-2024-zongjie.txt": ("铜陵", "城管", 2025, ["letterhead", "page_marker"]),
    "002_tongling-cg-2025-shangbannian-tongbao.txt": ("铜陵", "城管", 2025, ["docnumber", "addressee", "signature"]),
    "003_tongling-chuangwen-ceping-2025-q2.txt": (
        "铜陵",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "004_tongling-chuangwen-ceping-2025-q3.txt": (
        "铜陵",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "005_tongling-szcg-tongbao-2025-10.txt": (
        "铜陵",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "006_tongling-chuangwen-jianghua-2025.txt": (
        "铜陵",
        "创文",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "007_tongguan-gongce-beijie-xinwen-2025.txt": ("铜陵", "城管", 2025, ["news", "title_no_place"]),
    "008_nanping-szcg-tongbao-2025-09.txt": (
        "南平",
        "城管",
        2025,
        ["full_width", "letterhead", "docnumber", "addressee", "table", "title_no_place"],
    ),
    "009_nanping-szcg-tongbao-2025-10.txt": (
        "南平",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "010_nanping-chuangwen-ducha-tongbao-08.txt": (
        "南平",
        "创文",
        2025,
        ["docnumber", "addressee", "signature", "title_no_place"],
    ),
    "011_nanping-chuangwen-jidu-fangan-2025.txt": ("南平", "创文", None, ["attachment"]),
    "012_nanping-cg-zhuanxiang-xingdong-2025.txt": ("南平", "城管", 2025, ["docnumber", "addressee", "signature"]),
    "013_nanping-chuangwen-ceping-2025-q3.txt": (
        "南平",
        "创文",
        2025,
        ["docnumber", "addressee", "masked", "page_marker", "signature", "title_no_place"],
    ),
    "014_yanping-beijie-gongce-xinwen-2025.txt": ("南平", "城管", 2025, ["news", "title_no_place"]),
    "015_luohe-cg-2025-qiansanjidu-zongjie.txt": ("漯河", "城管", 2025, ["running_header", "page_marker", "signature"]),
    "016_luohe-chuangwen-ducha-tongbao-10.txt": (
        "漯河",
        "创文",
        None,
        ["docnumber", "addressee", "cut_off", "title_no_place"],
    ),
    "017_luohe-cg-gongzuo-jianghua-2025.txt": (
        "漯河",
        "城管",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "018_luohe-cgj-2024-zongjie.txt": ("漯河", "城管", 2024, ["hard_breaks", "signature"]),
    "019_yuanhui-beijie-gongce-xinwen-2025.txt": ("漯河", "城管", 2025, ["news", "title_no_place"]),
    "020_luohe-menqiansanbao-kaohe-banfa.txt": ("漯河", "城管", 2025, ["table"]),
}

TITLES = {
    "001_tongling-cgj-2024-zongjie.txt": "铜陵市城市管理局2024年工作总结",
    "002_tongling-cg-2025-shangbannian-tongbao.txt": "铜陵市城市管理局关于2025年上半年城市管理重点工作推进情况的通报",
    "003_tongling-chuangwen-ceping-2025-q2.txt": "关于2025年第二季度文明城市创建常态化测评情况的通报",
    "004_tongling-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "005_tongling-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "006_tongling-chuangwen-jianghua-2025.txt": "在全市创建全国文明城市推进会上的讲话",
    "007_tongguan-gongce-beijie-xinwen-2025.txt": "我区公厕新建改建和背街小巷整治进入冲刺阶段",
    "008_nanping-szcg-tongbao-2025-09.txt": "关于２０２５年９月份数字城管运行情况的通报",
    "009_nanping-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "010_nanping-chuangwen-ducha-tongbao-08.txt": "创建全国文明城市督查通报",
    "011_nanping-chuangwen-jidu-fangan-2025.txt": "南平市2025年创建全国文明城市重点工作分季度推进方案",
    "012_nanping-cg-zhuanxiang-xingdong-2025.txt": "南平市2025年城市管理品质提升六大专项行动方案",
    "013_nanping-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "014_yanping-beijie-gongce-xinwen-2025.txt": "我区背街小巷改造和公厕提质双线推进",
    "015_luohe-cg-2025-qiansanjidu-zongjie.txt": "漯河市城市管理局2025年前三季度工作总结",
    "016_luohe-chuangwen-ducha-tongbao-10.txt": "创建全国文明城市督查通报",
    "017_luohe-cg-gongzuo-jianghua-2025.txt": "在全市城市管理工作会议上的讲话",
    "018_luohe-cgj-2024-zongjie.txt": "漯河市城市管理局2024年工作总结",
    "019_yuanhui-beijie-gongce-xinwen-2025.txt": "我区背街小巷“微改造”让老街区焕新颜",
    "020_luohe-menqiansanbao-kaohe-banfa.txt": "漯河市城区“门前三包”责任制考核办法（试行）",
}

PLACE_CLUES = {
    "003_tongling-chuangwen-ceping-2025-q2.txt": ["docnumber", "addressee"],
    "004_tongling-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "005_tongling-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "006_tongling-chuangwen-jianghua-2025.txt": ["speech"],
    "007_tongguan-gongce-beijie-xinwen-2025.txt": ["body", "site"],
    "008_nanping-szcg-tongbao-2025-09.txt": ["docnumber", "addressee", "table"],
    "009_nanping-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "010_nanping-chuangwen-ducha-tongbao-08.txt": ["docnumber", "addressee"],
    "013_nanping-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee"],
    "014_yanping-beijie-gongce-xinwen-2025.txt": ["body", "site"],
    "016_luohe-chuangwen-ducha-tongbao-10.txt": ["docnumber", "addressee"],
    "017_luohe-cg-gongzuo-jianghua-2025.txt": ["speech"],
    "019_yuanhui-beijie-gongce-xinwen-2025.txt": ["body", "site"],
}

CITY_HIDDEN = [
    "003_tongling-chuangwen-ceping-2025-q2.txt",
    "004_tongling-chuangwen-ceping-2025-q3.txt",
    "005_tongling-szcg-tongbao-2025-10.txt",
    "006_tongling-chuangwen-jianghua-2025.txt",
    "007_tongguan-gongce-beijie-xinwen-2025.txt",
    "008_nanping-szcg-tongbao-2025-09.txt",
    "009_nanping-szcg-tongbao-2025-10.txt",
    "010_nanping-chuangwen-ducha-tongbao-08.txt",
    "013_nanping-chuangwen-ceping-2025-q3.txt",
    "014_yanping-beijie-gongce-xinwen-2025.txt",
    "016_luohe-chuangwen-ducha-tongbao-10.txt",
    "017_luohe-cg-gongzuo-jianghua-2025.txt",
    "019_yuanhui-beijie-gongce-xinwen-2025.txt",
]

SAME_TITLE_PAIRS = [
    ("005_tongling-szcg-tongbao-2025-10.txt", "009_nanping-szcg-tongbao-2025-10.txt"),
    ("004_tongling-chuangwen-ceping-2025-q3.txt", "013_nanping-chuangwen-ceping-2025-q3.txt"),
    ("010_nanping-chuangwen-ducha-tongbao-08.txt", "016_luohe-chuangwen-ducha-tongbao-10.txt"),
]

RUNNING_HEADERS = {
    "015_luohe-cg-2025-qiansanjidu-zongjie.txt": "漯河市城市管理局2025年前三季度工作总结",
}

SECTIONS = {
    "001_tongling-cgj-2024-zongjie.txt": (
        "三、存在的问题",
        [
            ("铜官区", "（一）铜官区", ("铜官区",)),
            ("义安区", "（二）义安区", ("义安区", "五松镇", "顺安镇")),
            ("郊区", "（三）郊区", ("郊区",)),
            ("枞阳县", "（四）枞阳县", ("枞阳县",)),
        ],
    ),
    "002_tongling-cg-2025-shangbannian-tongbao.txt": (
        "三、下半年工作要求",
        [
            ("铜官区", "（一）铜官区", ("铜官区", "西湖镇")),
            ("义安区", "（二）义安区", ("义安区", "五松镇", "顺安镇")),
            ("郊区", "（三）郊区", ("郊区",)),
            ("枞阳县", "（四）枞阳县", ("枞阳县",)),
        ],
    ),
    "003_tongling-chuangwen-ceping-2025-q2.txt": (
        "三、工作要求",
        [
            ("铜官区", "（一）铜官区", ("铜官区", "西湖镇")),
            ("义安区", "（二）义安区", ("义安区", "五松镇", "顺安镇", "钟鸣镇")),
            ("枞阳县", "（三）枞阳县", ("枞阳县",)),
            ("郊区", "（四）郊区", ("郊区",)),
        ],
    ),
    "006_tongling-chuangwen-jianghua-2025.txt": (
        "四、保障措施要有力",
        [
            ("去年", "一、去年的成绩要看清", ("去年",)),
            ("上半年", "二、今年上半年的进展要摆准", ("上半年",)),
            ("下半年", "三、下半年的任务要压实", ("下半年",)),
        ],
    ),
    "010_nanping-chuangwen-ducha-tongbao-08.txt": (
        "二、问题分析",
        [
            ("府前农贸市场", "（一）延平区梅山街道府前农贸市场", ("府前农贸市场",)),
            ("滨江东路背街", "（二）延平区紫云街道滨江东路背街", ("滨江东路",)),
            ("星湖小区", "（三）延平区黄墩街道星湖小区", ("星湖小区",)),
            ("九峰路公厕", "（四）延平区四鹤街道九峰路公厕", ("九峰路",)),
            ("水南客运站广场", "（五）延平区水南街道水南客运站广场", ("客运站",)),
            ("水东小学周边", "（六）延平区水东街道水东小学周边", ("水东小学",)),
            ("府前社区新时代文明实践站", "（七）延平区梅山街道府前社区新时代文明实践站", ("文明实践站",)),
            ("八一路与滨江路交叉口", "（八）延平区紫云街道八一路与滨江路交叉口", ("八一路",)),
            ("城南农贸市场", "（九）建阳区城南农贸市场", ("城南农贸市场",)),
            ("书林巷背街", "（十）建阳区书林巷背街", ("书林巷",)),
            ("崇阳溪公园", "（十一）建阳区崇阳溪公园", ("崇阳溪公园",)),
            ("将军路公厕", "（十二）建阳区将军路公厕", ("将军路公厕",)),
        ],
    ),
    "011_nanping-chuangwen-jidu-fangan-2025.txt": (
        "三、保障措施",
        [
            ("第一季度", "（一）第一季度", ("一季度",)),
            ("第二季度", "（二）第二季度", ("二季度",)),
            ("第三季度", "（三）第三季度", ("三季度",)),
            ("第四季度", "（四）第四季度", ("四季度",)),
        ],
    ),
    "012_nanping-cg-zhuanxiang-xingdong-2025.txt": (
        "三、工作要求",
        [
            ("占道经营整治行动", "（一）占道经营整治行动", ("占道经营", "疏导点")),
            ("违法建设治理行动", "（二）违法建设治理行动", ("违法建设", "违建", "拆违")),
            ("停车秩序整治行动", "（三）停车秩序整治行动", ("停车",)),
            ("公厕提质行动", "（四）公厕提质行动", ("公厕", "厕所")),
            ("背街小巷改造行动", "（五）背街小巷改造行动", ("背街",)),
            ("生活垃圾分类推进行动", "（六）生活垃圾分类推进行动", ("垃圾分类",)),
        ],
    ),
    "013_nanping-chuangwen-ceping-2025-q3.txt": (
        "三、工作要求",
        [
            ("延平区", "（一）延平区", ("延平区", "紫云街道", "水东街道")),
            ("武夷山市", "（二）武夷山市", ("武夷山市",)),
            ("建阳区", "（三）建阳区", ("建阳区",)),
            ("邵武市", "（四）邵武市", ("邵武市",)),
            ("建瓯市", "（五）建瓯市", ("建瓯市",)),
            ("顺昌县", "（六）顺昌县", ("顺昌县",)),
            ("浦城县", "（七）浦城县", ("浦城县",)),
            ("光泽县", "（八）光泽县", ("光泽县",)),
            ("政和县", "（九）政和县", ("政和县",)),
            ("松溪县", "（十）松溪县", ("松溪县",)),
        ],
    ),
    "015_luohe-cg-2025-qiansanjidu-zongjie.txt": (
        "三、存在的问题",
        [
            ("源汇区", "（一）源汇区", ("源汇区", "老街街道", "马路街街道", "顺河街街道", "干河陈街道")),
            ("郾城区", "（二）郾城区", ("郾城区", "沙北街道", "城关镇")),
            ("召陵区", "（三）召陵区", ("召陵区", "天桥街道", "翟庄街道", "东城街道")),
            ("舞阳县", "（四）舞阳县", ("舞阳县",)),
            ("临颍县", "（五）临颍县", ("临颍县",)),
        ],
    ),
    "016_luohe-chuangwen-ducha-tongbao-10.txt": (
        None,
        [
            ("交通路农贸市场", "1.源汇区老街街道交通路农贸市场", ("交通路农贸市场", "老街街道")),
            ("民主巷背街", "2.源汇区马路街街道民主巷背街", ("民主巷", "马路街街道")),
            ("建业小区", "3.源汇区顺河街街道建业小区", ("建业小区", "顺河街街道")),
            ("嵩山路公厕", "4.源汇区干河陈街道嵩山路公厕", ("嵩山路公厕", "干河陈街道")),
            ("黄河路农贸市场", "5.郾城区沙北街道黄河路农贸市场", ("黄河路",)),
            ("文化路小学周边", "6.郾城区城关镇文化路小学周边", ("文化路小学", "城关镇")),
            ("许慎广场", "7.郾城区沙北街道许慎广场", ("许慎广场",)),
            ("人民路与嵩山路交叉口", "8.召陵区天桥街道人民路与嵩山路交叉口", ("人民路", "天桥街道")),
            ("翟庄新村", "9.召陵区翟庄街道翟庄新村", ("翟庄新村", "翟庄街道")),
            ("东城街道新时代文明实践站", "10.召陵区东城街道新时代文明实践站", ("东城街道", "文明实践站")),
            ("颍河路背街", "11.临颍县颍河路背街", ("颍河路",)),
        ],
    ),
    "017_luohe-cg-gongzuo-jianghua-2025.txt": (
        "同志们，城市管理千头万绪",
        [
            ("数字城管", "（一）数字城管", ("数字城管",)),
            ("违法建设治理", "（二）违法建设治理", ("违法建设", "违建", "拆违")),
            ("公厕提质", "（三）公厕提质", ("公厕",)),
            ("背街小巷整治", "（四）背街小巷整治", ("背街",)),
            ("停车秩序管理", "（五）停车秩序管理", ("停车", "泊位")),
            ("占道经营治理", "（六）占道经营治理", ("占道经营", "疏导点")),
            ("生活垃圾分类", "（七）生活垃圾分类", ("垃圾",)),
            ("城市防汛排涝", "（八）城市防汛排涝", ("防汛", "易涝", "排涝")),
        ],
    ),
}

SAME_DOC_SECTIONS_QUESTIONS = {
    "t001": ("浦城县", "发现问题", "问题"),
    "t003": ("义安区", "按期处置率", "按期处置率"),
    "t007": ("源汇区", "公厕", "公厕"),
    "t010": ("第四季度", "考核办法", "扣"),
    "t013": ("上半年", "整改率", "整改率"),
    "t015": ("违法建设治理", "去年", "去年"),
    "t018": ("郊区", "得分", "得分"),
    "t020": ("生活垃圾分类", "今年", "今年"),
    "t021": ("九峰路公厕", "整改时限", "整改"),
    "t024": ("第三季度", "目标任务", "目标"),
    "t026": ("上半年", "老旧小区", "老小区"),
    "t027": ("郊区", "拆除违法建设", "违建"),
    "t032": ("公厕提质", "今年", "今年"),
    "t033": ("临颍县", "按期处置率", "按期处置率"),
    "t034": ("铜官区", "整改要求", "整改要求"),
    "t036": ("背街小巷整治", "牵头单位", "牵头"),
    "t037": ("黄河路农贸市场", "扣", "扣"),
    "t040": ("建业小区", "整改时限", "整改"),
    "t044": ("枞阳县", "泊位", "停车位"),
    "t048": ("第三季度", "季度总结", "季度总结"),
    "t051": ("松溪县", "整改", "整改"),
    "t055": ("义安区", "扣分最多", "扣分最多"),
    "t056": ("建瓯市", "较第二季度", "涨"),
    "t057": ("下半年", "公益广告", "公益广告"),
    "t060": ("八一路与滨江路交叉口", "反弹问题", "反弹问题"),
    "t062": ("枞阳县", "机械化清扫率", "机扫率"),
    "t063": ("嵩山路公厕", "责任单位", "负责"),
    "t068": ("背街小巷改造行动", "考核办法", "扣"),
    "t069": ("义安区", "得分", "得分"),
    "t070": ("义安区", "背街小巷", "背街小巷"),
    "t071": ("崇阳溪公园", "发现问题", "问题"),
    "t072": ("府前农贸市场", "发现问题", "问题"),
    "t074": ("召陵区", "拆除违法建设", "拆违"),
    "t075": ("政和县", "得分", "得分"),
    "t077": ("公厕提质", "牵头单位", "牵头"),
    "t084": ("违法建设治理行动", "目标任务", "目标"),
    "t087": ("去年", "老旧小区", "老小区"),
    "t089": ("城南农贸市场", "责任单位", "负责"),
    "t091": ("郊区", "按期处置率", "按期处置率"),
    "t093": ("郾城区", "停车泊位", "停车位"),
    "t095": ("第二季度", "牵头", "牵头"),
    "t096": ("下半年", "老旧小区", "老小区"),
    "t097": ("停车秩序整治行动", "牵头单位", "牵头"),
    "t098": ("翟庄新村", "整改要求", "整改要求"),
}

SAME_DOC_SECTIONS_FOLLOWUPS = {
    "w06": ("武夷山市", "满意度", "满意度"),
    "w07": ("枞阳县", "整改", "整改"),
    "w08": ("公厕提质行动", "目标任务", "目标"),
    "w12": ("延平区", "得分", "得分"),
    "w14": ("水南客运站广场", "扣", "扣"),
    "w17": ("第一季度", "目标任务", "目标"),
    "w18": ("舞阳县", "12345", "12345"),
    "w21": ("义安区", "拆除违法建设", "拆违"),
    "w23": ("水东小学周边", "责任单位", "负责"),
    "w24": ("铜官区", "公厕", "公厕"),
    "w25": ("去年", "礼让率", "礼让率"),
    "w26": ("郊区", "志愿服务站点", "志愿服务站点"),
    "w29": ("铜官区", "泊位", "泊位"),
}

MEASURE_WORDS = {
    "12345": ["12345"],
    "今年": ["今年"],
    "停车位": ["停车泊位", "泊位"],
    "停车泊位": ["停车泊位"],
    "公厕": ["公厕"],
    "公益广告": ["公益广告"],
    "去年": ["去年"],
    "反弹问题": ["反弹问题"],
    "发现问题": ["发现问题"],
    "季度总结": ["季度总结"],
    "得分": ["得分"],
    "志愿服务站点": ["志愿服务站点"],
    "扣": ["扣", "考核办法"],
    "扣分最多": ["扣分最多"],
    "拆违": ["拆除违法建设"],
    "拆除违法建设": ["拆除违法建设"],
    "按期处置率": ["按期处置率"],
    "整改": ["整改", "整改时限"],
    "整改时限": ["整改时限"],
    "整改率": ["整改率"],
    "整改要求": ["整改要求"],
    "机扫率": ["机械化清扫率"],
    "机械化清扫率": ["机械化清扫率"],
    "泊位": ["泊位"],
    "涨": ["较第二季度"],
    "满意度": ["满意度"],
    "牵头": ["牵头", "牵头单位"],
    "牵头单位": ["牵头单位"],
    "目标": ["目标任务"],
    "目标任务": ["目标任务"],
    "礼让率": ["礼让率"],
    "老小区": ["老旧小区"],
    "老旧小区": ["老旧小区"],
    "考核办法": ["考核办法"],
    "背街小巷": ["背街小巷"],
    "负责": ["责任单位"],
    "责任单位": ["责任单位"],
    "较第二季度": ["较第二季度"],
    "违建": ["拆除违法建设"],
    "问题": ["发现问题"],
}

CITY_HIDDEN = set(CITY_HIDDEN)

WS = re.compile(r"\s+")
FW_TO_ASCII = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
CJK = re.compile(r"[\u4e00-\u9fff]")
UNTITLED = {n for n, info in DOC_INFO.items() if "title_no_place" in info[3]}


def squash(text):
    return WS.sub("", text)


def load_corpus():
    docs, raw = {}, {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
                raw[name] = fh.read()
            docs[name] = squash(raw[name])
    return docs, raw


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


def doc_names(item):
    d = item.get("doc")
    if isinstance(d, str):
        return [d]
    if isinstance(d, list) and all(isinstance(x, str) for x in d):
        return list(d)
    return []


def overlaps(a, b):
    return a in b or b in a


def places_in(text):
    return [p for p in ALL_PLACES if p in (text or "")]


def check_answerable(item, docs, errors, counters, multi=False):
    names = doc_names(item)
    if not names or any(n not in docs for n in names):
        errors["unknown_doc"] += 1
        return set()
    if multi:
        if not isinstance(item["doc"], list) or len(names) < 2 or len(set(names)) != len(names):
            errors["multi_doc_doc_must_list_two_or_more_documents"] += 1
    elif not isinstance(item["doc"], str):
        errors["doc_must_be_a_string"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return set()
    covered = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
            print("  evidence length:", item["id"], len(ev))
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
            print("  evidence not found:", item["id"])
        covered.update(found)
    if multi:
        if names[0] not in covered:
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if set(names) - covered:
            errors["multi_doc_document_without_evidence"] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            in_ev = any(s in ev for ev in item["evidence"])
            counters["must_contain_in_evidence"] += in_ev
            if WS.search(s) or not (in_ev or any(s in docs[n] for n in names)):
                errors["must_contain_not_in_evidence_or_doc"] += 1
                print("  must_contain not found:", item["id"])
    return set(names)


def check_unanswerable(item, docs, errors, counters, table):
    answer = item["answer"]
    if not isinstance(answer, str) or len(answer.strip()) < MIN_UNANSWERABLE_ANSWER or not WHY_RX.search(answer):
        errors["unanswerable_answer_gives_no_reason"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = table.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if entry[0] not in KINDS:
        errors["unknown_probe_kind"] += 1
    for scope, pattern in entry[1]:
        rx = re.compile(pattern)
        if scope == "doc":
            targets = [docs[name]]
        elif scope == "all":
            targets = list(docs.values())
        elif scope in docs:
            targets = [docs[scope]]
        else:
            errors["probe_bad_scope"] += 1
            continue
        counters["probes_checked"] += 1
        if any(rx.search(t) for t in targets):
            errors["probe_matched_tempting_text"] += 1
            print("  probe matched:", item["id"], scope)


def family_kind(names):
    """The first look-alike family holding all of names, or None."""
    for kind, _label, files in LOOK_ALIKE_FAMILIES:
        if set(names) <= set(files):
            return kind
    return None


def check_look_alike(items, docs, errors, counters, label):
    """look_alike: a non-empty list of corpus files, none of them the item's
    document(s), all in one look-alike family with them; answerable items
    name the look-alike figures (LOOK_ALIKE_TRAPS), unanswerable ones what
    the documents hold (LOOK_ALIKE_HELD)."""
    kinds = Counter()
    n_ans = n_un = 0
    for it in items:
        iid = it.get("id")
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        if "look_alike" not in it:
            if iid in LOOK_ALIKE_TRAPS or iid in LOOK_ALIKE_HELD:
                errors[label + "_table_entry_without_look_alike_field"] += 1
            continue
        look = it["look_alike"]
        names = doc_names(it)
        if not is_str_list(look) or not look:
            errors[label + "_look_alike_empty_or_bad"] += 1
            continue
        if any(n not in docs for n in look):
            errors[label + "_look_alike_file_missing"] += 1
            continue
        if set(look) & set(names) or len(set(look)) != len(look):
            errors[label + "_look_alike_same_as_doc"] += 1
        kind = family_kind(names + look)
        if kind is None:
            errors[label + "_look_alike_not_in_one_family"] += 1
            print("  no family:", iid)
        kinds[kind] += 1
        if unans:
            n_un += 1
            held = LOOK_ALIKE_HELD.get(iid)
            if not held:
                errors[label + "_unanswerable_look_alike_without_held"] += 1
                continue
            answer = (it.get("answer") or "").translate(FW_TO_ASCII)
            pool = [docs[n].translate(FW_TO_ASCII) for n in names + look]
            for s in held:
                counters[label + "_held_checked"] += 1
                a = s.translate(FW_TO_ASCII)
                if a not in answer:
                    errors[label + "_held_not_in_answer"] += 1
                    print("  held not in answer:", iid)
                if not any(a in t for t in pool):
                    errors[label + "_held_not_in_documents"] += 1
                    print("  held not in documents:", iid)
            if not any(any(s.translate(FW_TO_ASCII) in docs[n].translate(FW_TO_ASCII) for n in look) for s in held):
                errors[label + "_held_names_nothing_from_a_look_alike"] += 1
                print("  held names nothing from a look-alike:", iid)
        else:
            n_ans += 1
            traps = LOOK_ALIKE_TRAPS.get(iid)
            if not traps:
                errors[label + "_answerable_look_alike_without_traps"] += 1
                continue
            must = it.get("must_contain") or []
            for t in traps:
                counters[label + "_traps_checked"] += 1
                if not any(t in docs[n] for n in look):
                    errors[label + "_trap_not_in_look_alike"] += 1
                    print("  trap not in look-alike:", iid)
                if any(overlaps(t, s) for s in must):
                    errors[label + "_trap_overlaps_must_contain"] += 1
                    print("  trap overlaps must_contain:", iid)
                if any(t in ev for ev in it.get("evidence") or []):
                    errors[label + "_trap_in_evidence"] += 1
                    print("  trap in evidence:", iid)
    for k in LOOK_ALIKE_KINDS:
        counters[f"{label}_look_alike_kind_{k}"] = kinds[k]
    counters[label + "_look_alike_answerable"] = n_ans
    counters[label + "_look_alike_unanswerable"] = n_un
    return kinds, n_ans, n_un


def check_untitled_place(items, docs, errors, counters, label):
    """untitled_place is true exactly when the item's document(s) or its
    look_alike files include a document whose title names no place; the
    question (with its history) then names a place, and an answerable item
    names a place of its (first) document's city."""
    n_ans = n_un = 0
    for it in items:
        iid = it.get("id")
        names = doc_names(it) + [n for n in (it.get("look_alike") or []) if isinstance(n, str)]
        touches = any(n in UNTITLED for n in names)
        if "untitled_place" in it and it["untitled_place"] is not True:
            errors[label + "_untitled_place_not_true"] += 1
        has = it.get("untitled_place") is True
        if touches != has:
            errors[label + "_untitled_place_field_wrong"] += 1
            print("  untitled_place field wrong:", iid)
        if not has:
            continue
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        n_un += unans
        n_ans += not unans
        text = " ".join((it.get("history") or []) + [it.get("question") or ""])
        named = places_in(text)
        if not named:
            errors[label + "_untitled_place_question_names_no_place"] += 1
            print("  question names no place:", iid)
            continue
        if not unans:
            main = doc_names(it)[0] if doc_names(it) else None
            city = DOC_INFO.get(main, (None,))[0]
            if city and not any(p in PLACES[city] for p in named):
                errors[label + "_untitled_place_question_names_another_city"] += 1
                print("  question names another city:", iid)
    counters[label + "_untitled_place_answerable"] = n_ans
    counters[label + "_untitled_place_unanswerable"] = n_un
    return n_ans, n_un


def relative_words(text):
    return [w for w in RELATIVE_WORDS if w in (text or "")]


def check_relative_years(items, table, errors, counters, label, followups=False):
    """Items asking with 前年 / 去年 / 今年 / 明年 / 后年 carry relative_year;
    the word (of the question, for a follow-up else of its history) maps to
    the year, the question names no year in digits, the answer names the
    year (“2024年”)."""
    by_id = {it.get("id"): it for it in items}
    for it in items:
        listed = it.get("id") in table
        if ("relative_year" in it) != listed:
            errors[label + "_field_and_table_disagree"] += 1
        if not listed and relative_words(it.get("question")):
            errors[label + "_relative_word_in_unlisted_item"] += 1
    words = Counter()
    for iid, year in table.items():
        it = by_id.get(iid)
        if it is None:
            errors[label + "_unknown_id"] += 1
            continue
        if it.get("relative_year") != year:
            errors[label + "_field_differs_from_table"] += 1
        q = it.get("question") or ""
        found = relative_words(q)
        if not found and followups:
            for turn in reversed(it.get("history") or []):
                found = relative_words(turn)
                if found:
                    break
        if not found:
            errors[label + "_no_relative_word"] += 1
        elif any(RELATIVE_WORDS[w] != year for w in found):
            errors[label + "_relative_word_does_not_match_year"] += 1
        for w in set(found):
            words[w] += 1
        if YEAR_DIGITS.search(q):
            errors[label + "_question_names_year_in_digits"] += 1
        if f"{year}年" not in (it.get("answer") or ""):
            errors[label + "_answer_does_not_name_year"] += 1
            print("  answer does not name year:", iid, year)
    counters[label + "_items"] = len(table)
    for w in RELATIVE_WORDS:
        counters[f"{label}_word_{w}"] = words[w]


def check_groups(questions, docs, errors, counters):
    by_id = {q.get("id"): q for q in questions}
    answerable = {q.get("id") for q in questions if q.get("type") != "unanswerable"}
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    for label, group, minimum in (
        ("rank", RANK_QUESTIONS, MIN_RANK_QUESTIONS),
        ("progress", PROGRESS_QUESTIONS, MIN_PROGRESS_QUESTIONS),
        ("short", SHORT_QUESTIONS, MIN_SHORT_QUESTIONS),
        ("everyday_words", EVERYDAY_WORDS_QUESTIONS, MIN_EVERYDAY_WORDS_QUESTIONS),
        ("typo", TYPO_QUESTIONS, MIN_TYPO_QUESTIONS),
    ):
        grp = set(group)
        if grp - set(by_id):
            errors[label + "_question_unknown_id"] += len(grp - set(by_id))
        counters[label + "_questions_answerable"] = len(grp & answerable)
        counters[label + "_questions_unanswerable"] = len(grp & unans)
        if len(grp) < minimum:
            errors["too_few_" + label + "_questions"] += 1
        if not grp & answerable or not grp & unans:
            errors[label + "_questions_need_both_answerable_and_unanswerable"] += 1
    for qid in SHORT_QUESTIONS:
        if len(by_id.get(qid, {}).get("question") or "") > SHORT_MAX:
            errors["short_question_too_long"] += 1
    n_short = sum(len(q.get("question") or "") <= SHORT_MAX for q in questions)
    if n_short != len(SHORT_QUESTIONS):
        errors["short_questions_table_incomplete"] += 1
    for qid, (typo, right) in TYPO_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None:
            continue
        names = [n for n in doc_names(q) if n in docs]
        if typo not in (q.get("question") or ""):
            errors["typo_not_in_question"] += 1
        if any(typo in docs[n] for n in names) or not any(right in docs[n] for n in names):
            errors["typo_in_document_or_right_word_missing"] += 1
    sub = set(SUBUNIT_QUESTIONS)
    counters["subunit_questions"] = len(sub)
    if sub - answerable:
        errors["subunit_question_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_QUESTIONS:
        errors["too_few_subunit_questions"] += 1
    lst = set(LIST_QUESTIONS)
    counters["list_questions_answerable"] = len(lst & answerable)
    counters["list_questions_unanswerable"] = len(lst & unans)
    if len(lst) < MIN_LIST_QUESTIONS or not lst & answerable or not lst & unans:
        errors["list_questions_too_few_or_one_sided"] += 1
    for qid in answerable:
        if by_id[qid].get("type") == "list" and qid not in lst:
            errors["list_type_not_in_list_table"] += 1
    for qid, n_items in LIST_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None:
            errors["list_question_unknown_id"] += 1
            continue
        if qid in answerable:
            if not LIST_MIN_ITEMS <= n_items <= LIST_MAX_ITEMS:
                errors["list_items_out_of_range"] += 1
            if len(q.get("must_contain") or []) < MIN_LIST_MUST_CONTAIN:
                errors["list_must_contain_too_short"] += 1
        elif n_items != 0:
            errors["unanswerable_list_with_items"] += 1


def check_colloquial(questions, followups, docs, errors, counters):
    """colloquial: if present, a boolean; true exactly for the items listed in
    EVERYDAY_WORDS_QUESTIONS / EVERYDAY_WORDS_FOLLOWUPS. For each listed
    item the staff word is in its question (a follow-up: in its question or
    history) and in none of its documents, and the document's term is in one
    of its documents. Between MIN_COLLOQUIAL_SHARE and MAX_COLLOQUIAL_SHARE
    of questions and of follow-ups carry it (dev44: fewer than dev43)."""
    for label, items, table, minimum in (
        ("questions", questions, EVERYDAY_WORDS_QUESTIONS, MIN_EVERYDAY_WORDS_QUESTIONS),
        ("followups", followups, EVERYDAY_WORDS_FOLLOWUPS, MIN_EVERYDAY_WORDS_FOLLOWUPS),
    ):
        by_id = {it.get("id"): it for it in items}
        if set(table) - set(by_id):
            errors[label + "_everyday_words_unknown_id"] += len(set(table) - set(by_id))
        n_col = n_ans = n_un = 0
        for it in items:
            iid = it.get("id")
            if "colloquial" in it and not isinstance(it["colloquial"], bool):
                errors[label + "_colloquial_not_boolean"] += 1
                continue
            has = it.get("colloquial") is True
            if has != (iid in table):
                errors[label + "_colloquial_field_and_table_disagree"] += 1
                print("  colloquial field and table disagree:", iid)
            if not has:
                continue
            n_col += 1
            unans = it.get("must_contain") == [] and it.get("evidence") == []
            n_un += unans
            n_ans += not unans
        counters[label + "_colloquial"] = n_col
        counters[label + "_colloquial_answerable"] = n_ans
        counters[label + "_colloquial_unanswerable"] = n_un
        if n_col < minimum or n_col < MIN_COLLOQUIAL_SHARE * len(items):
            errors["too_few_colloquial_" + label] += 1
        if n_col > MAX_COLLOQUIAL_SHARE * len(items):
            errors["too_many_colloquial_" + label] += 1
        if not n_ans or not n_un:
            errors["colloquial_" + label + "_need_both_answerable_and_unanswerable"] += 1
        for iid, (word, term) in table.items():
            it = by_id.get(iid)
            if it is None:
                continue
            names = [n for n in doc_names(it) if n in docs]
            counters["everyday_words_checked"] += 1
            text = " ".join((it.get("history") or []) + [it.get("question") or ""])
            if word not in text:
                errors[label + "_everyday_word_not_in_question"] += 1
                print("  everyday word not in question:", iid)
            if any(word in docs[n] for n in names):
                errors[label + "_everyday_word_in_document"] += 1
                print("  everyday word in document:", iid)
            if not any(term in docs[n] for n in names):
                errors[label + "_everyday_document_term_not_in_document"] += 1
                print("  document term missing:", iid)


def check_questions(questions, docs, errors, counters, used):
    ids = [q.get("id") for q in questions]
    if ids != [f"t{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_t001_to_t100"] += 1
    if len(set(ids)) != len(ids):
        errors["duplicate_question_id"] += 1
    type_counts = Counter(q.get("type") for q in questions)
    for t, n in EXPECTED_TYPES.items():
        if type_counts.get(t, 0) != n:
            errors["type_count_mismatch_" + t] += 1
    if set(type_counts) - set(EXPECTED_TYPES):
        errors["unknown_type"] += 1
    if (
        type_counts.get("unanswerable", 0) != N_UNANSWERABLE
        or len(questions) - type_counts.get("unanswerable", 0) != N_ANSWERABLE
    ):
        errors["answerable_unanswerable_counts_differ_from_readme"] += 1
    if type_counts.get("multi_doc", 0) < MIN_MULTI_DOC:
        errors["too_few_multi_doc"] += 1
    texts = [q.get("question") for q in questions]
    if len(set(texts)) != len(texts):
        errors["duplicate_question_text"] += 1
    for q in questions:
        if not set(q) >= Q_FIELDS or set(q) - Q_FIELDS - Q_OPTIONAL:
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
        if q["type"] == "unanswerable":
            if isinstance(q["doc"], str):
                used[q["doc"]] += 1
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            if q["id"] in PROBES:
                errors["probes_for_answerable_question"] += 1
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    kind_counts = Counter(entry[0] for entry in list(PROBES.values()) + list(FPROBES.values()))
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    check_relative_years(questions, RELATIVE_YEAR_QUESTIONS, errors, counters, "relative_year")
    check_groups(questions, docs, errors, counters)
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
    for f in followups:
        if not set(f) >= F_FIELDS or set(f) - F_FIELDS - Q_OPTIONAL:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and 1 <= len(f["history"]) <= 3):
            errors["followup_bad_history"] += 1
        if not isinstance(f["answer"], str) or not f["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        if f["must_contain"] == [] and f["evidence"] == []:
            used[f["doc"]] += 1
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            for n in check_answerable(f, docs, errors, counters):
                used[n] += 1
    counters["followups_unanswerable"] = n_unans
    if n_unans != N_UNANSWERABLE_FOLLOWUPS:
        errors["unanswerable_followup_count_differs_from_readme"] += 1
    sub = set(SUBUNIT_FOLLOWUPS)
    counters["subunit_followups"] = len(sub)
    if len(sub) < MIN_SUBUNIT_FOLLOWUPS:
        errors["too_few_subunit_followups"] += 1
    for fid in sub:
        f = next((x for x in followups if x.get("id") == fid), None)
        if f is None or f.get("must_contain") == []:
            errors["subunit_followup_unknown_or_unanswerable"] += 1
    check_relative_years(
        followups, RELATIVE_YEAR_FOLLOWUPS, errors, counters, "relative_year_followups", followups=True
    )


def check_titles(docs, raw, errors, counters):
    """Titles: each document's title (TITLES) is one of its first lines; a
    document tagged title_no_place has a title naming no city, district,
    街道 or 镇 of any of the three cities, and its place is shown by the clues
    PLACE_CLUES lists (each checked); other titles name their city or one
    of its districts. CITY_HIDDEN documents never name their city; no
    document names another city or another city's districts; look-alikes of
    two cities in SAME_TITLE_PAIRS have the same title."""
    if set(TITLES) != set(docs):
        errors["titles_do_not_cover_the_corpus"] += 1
    n_untitled = 0
    for name, title in TITLES.items():
        if name not in docs:
            continue
        city = DOC_INFO[name][0]
        text = docs[name]
        lines = [ln.strip() for ln in raw[name].split("\n") if ln.strip()]
        if title not in lines[:8]:
            errors["title_not_a_line_of_the_document"] += 1
            print("  title not found:", name)
        named = [p for p in ALL_PLACES if p in title]
        if name in UNTITLED:
            n_untitled += 1
            if named:
                errors["untitled_document_title_names_a_place"] += 1
                print("  untitled title names a place:", name)
            clues = PLACE_CLUES.get(name) or []
            if not clues:
                errors["untitled_document_without_place_clue"] += 1
            for clue in clues:
                counters["place_clues_checked"] += 1
                counters["place_clue_" + clue] += 1
                ok = clue in CLUE_KINDS
                if clue == "docnumber":
                    ok = any(DOCNUM.fullmatch(ln) and ln.startswith(CITY_PREFIX[city]) for ln in lines[:8])
                elif clue == "addressee":
                    ok = any(ln.endswith("：") and sum(d in ln for d in DISTRICTS[city]) >= 2 for ln in lines)
                elif clue == "table":
                    rows = [ln for ln in lines if ln.startswith("|") and any(p in ln for p in PLACES[city][1:])]
                    ok = len(rows) >= 2
                elif clue == "speech":
                    ok = sum(d in text for d in DISTRICTS[city]) >= 3
                elif clue == "body":
                    body = text.replace(squash(title), "", 1)
                    ok = any(p in body for p in PLACES[city][1:])
                elif clue == "site":
                    ok = any(ln.startswith("主办：") and any(d in ln for d in DISTRICTS[city]) for ln in lines)
                if not ok:
                    errors["place_clue_not_found_" + clue] += 1
                    print("  place clue not found:", name, clue)
        elif not any(p in title for p in (city,) + DISTRICTS[city]):
            errors["titled_document_title_names_no_place_of_its_city"] += 1
        if name in CITY_HIDDEN and city in text:
            errors["hidden_city_named_in_document"] += 1
            print("  hidden city named:", name)
        for other in CITIES:
            if other != city and any(p in text for p in PLACES[other]):
                errors["document_names_another_city_or_its_places"] += 1
                print("  another city's place named:", name, other)
        if not any(d in text for d in DISTRICTS[city]):
            errors["document_names_no_district_of_its_city"] += 1
    counters["untitled_documents"] = n_untitled
    counters["city_hidden_documents"] = len(CITY_HIDDEN)
    if n_untitled < MIN_UNTITLED_DOCS:
        errors["too_few_untitled_documents"] += 1
    for name in docs:
        if name not in CITY_HIDDEN and DOC_INFO[name][0] not in docs[name]:
            errors["city_hidden_table_incomplete"] += 1
            print("  city not named but not in CITY_HIDDEN:", name)
    for a, b in SAME_TITLE_PAIRS:
        if TITLES.get(a) != TITLES.get(b) or DOC_INFO[a][0] == DOC_INFO[b][0] or not {a, b} <= UNTITLED:
            errors["same_title_pair_wrong"] += 1
    counters["same_title_pairs"] = len(SAME_TITLE_PAIRS)


def check_noise(docs, raw, errors, counters):
    """Each document shows the layout noise DOC_INFO says it has."""
    if set(DOC_INFO) != set(docs):
        errors["doc_info_does_not_cover_the_corpus"] += 1
    tags = Counter()
    masked = [n for n in docs if "***" in docs[n]]
    if len(masked) != 1:
        errors["exactly_one_document_must_hold_a_masked_figure"] += 1
    for name, (city, domain, _year, noise) in DOC_INFO.items():
        if name not in docs:
            continue
        text, lines = docs[name], raw[name].split("\n")
        nonempty = [ln.strip() for ln in lines if ln.strip()]
        if domain not in ("创文", "城管"):
            errors["doc_info_bad_domain"] += 1
        for tag in noise:
            tags[tag] += 1
            ok = True
            if tag not in NOISE_TAGS:
                ok = False
            elif tag == "table":
                ok = sum(ln.startswith("|") and ln.endswith("|") for ln in nonempty) >= 3
            elif tag == "signature":
                ok = bool(re.search(r"20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日$", nonempty[-1]))
            elif tag == "letterhead":
                ok = any(re.fullmatch(r"\S+\s{4,}\S+年\S+月\S+日", ln) for ln in nonempty[:5])
            elif tag == "docnumber":
                ok = any(DOCNUM.fullmatch(ln) for ln in nonempty[:8])
            elif tag == "attachment":
                ok = nonempty[0] == "附件1"
            elif tag == "news":
                ok = "发布时间：" in text and "首页" in text and "责任编辑" in text
            elif tag == "full_width":
                ok = len(re.findall("[０-９]", text)) >= 50 and not re.search("[0-9]", text)
            elif tag == "masked":
                ok = "***" in text
            elif tag == "cut_off":
                ok = text[-1] not in "。！？”）|日" and CJK.match(text[-1]) is not None
            elif tag == "page_marker":
                ok = any(re.search(r"[\u4e00-\u9fff]—[0-9]—", ln) for ln in lines)
            elif tag == "running_header":
                head = RUNNING_HEADERS.get(name, "")
                hits = [ln for ln in lines if head and head in ln and not ln.strip().startswith(head)]
                ok = len(hits) >= 2 and all(re.search(re.escape(head) + r"[\u4e00-\u9fff“]", ln) for ln in hits)
            elif tag == "hard_breaks":
                body = [ln for ln in nonempty if not ln.startswith("|")]
                open_end = [ln for ln in body if CJK.match(ln[-1]) or ln[-1].isdigit() or ln[-1] in ",."]
                ok = len(open_end) >= 0.3 * len(body) and all(len(ln) <= 40 for ln in body)
                counters["hard_break_lines_" + name[:3]] = len(open_end)
            elif tag == "speech_no_city":
                ok = (
                    "在全市" in text
                    and re.search(r"在全市\S{2,30}会(议)?上的讲话", text) is not None
                    and not any(c in text for c in CITIES)
                    and sum(d in text for d in DISTRICTS[city]) >= 3
                )
            elif tag == "addressee":
                ok = any(ln.endswith("：") and sum(d in ln for d in DISTRICTS[city]) >= 2 for ln in nonempty[:10])
            elif tag == "title_no_place":
                ok = name in TITLES and not any(p in TITLES[name] for p in ALL_PLACES)
            if not ok:
                errors["noise_not_found_" + tag] += 1
                print("  noise not found:", name, tag)
    for tag in NOISE_TAGS:
        counters["noise_" + tag] = tags[tag]
        if tags[tag] == 0:
            errors["no_document_with_noise_" + tag] += 1


def section_spans(name, text):
    """Spans (start, end) of the named sections of a long sectioned document,
    in the whitespace-free text: a section runs from its start marker to the
    next section's marker, the last one to the end marker (or to the end of
    the text when the end marker is None). Returns None when a marker is
    missing, repeated or out of order."""
    end_marker, secs = SECTIONS[name]
    starts = []
    for _key, marker, _names in secs:
        if text.count(marker) != 1:
            return None
        starts.append(text.index(marker))
    if starts != sorted(starts):
        return None
    if end_marker is None:
        end = len(text)
    else:
        if text.count(end_marker) != 1 or text.index(end_marker) < starts[-1]:
            return None
        end = text.index(end_marker)
    spans = {}
    for i, (key, _marker, _names) in enumerate(secs):
        stop = starts[i + 1] if i + 1 < len(secs) else end
        spans[key] = (starts[i], stop)
    return spans


def check_sections(docs, errors, counters):
    """Every document in SECTIONS is long (LONG_MIN-LONG_MAX characters), has
    at least MIN_SECTIONS sections whose markers occur once and in order, and
    each section contains one of its names; at least N_LONG such documents
    exist, and every long document is in SECTIONS."""
    n = 0
    for name in SECTIONS:
        if name not in docs:
            errors["sections_unknown_document"] += 1
            continue
        text = docs[name]
        if not LONG_MIN <= len(text) <= LONG_MAX:
            errors["sectioned_document_not_long"] += 1
            print("  sectioned document not long:", name)
        spans = section_spans(name, text)
        if spans is None:
            errors["section_markers_missing_or_out_of_order"] += 1
            print("  section markers wrong:", name)
            continue
        if len(spans) < MIN_SECTIONS:
            errors["too_few_sections"] += 1
        keys = [k for k, _m, _n in SECTIONS[name][1]]
        if len(set(keys)) != len(keys):
            errors["duplicate_section_key"] += 1
        for key, _marker, names in SECTIONS[name][1]:
            a, b = spans[key]
            if not names or not any(x in text[a:b] for x in names):
                errors["section_name_not_in_section"] += 1
                print("  section name not in its section:", name)
        n += 1
        counters["sections_in_" + name[:3]] = len(spans)
    for name, text in docs.items():
        if LONG_MIN <= len(text) <= LONG_MAX and name not in SECTIONS:
            errors["long_document_without_sections"] += 1
            print("  long document without sections:", name)
    counters["long_sectioned_documents"] = n
    if n < N_LONG:
        errors["too_few_long_sectioned_documents"] += 1


def section_names(name, key):
    for k, _marker, names in SECTIONS[name][1]:
        if k == key:
            return names
    return ()


def qualifies(item, docs, key, measure):
    """True when the item's document is a long sectioned document, all its
    evidence lies inside section `key`, the question (with its history)
    names that section, and `measure` occurs in that section and in at least
    two other sections of the document."""
    name = item.get("doc")
    if not isinstance(name, str) or name not in SECTIONS or name not in docs:
        return False
    text = docs[name]
    spans = section_spans(name, text)
    if spans is None or key not in spans:
        return False
    ev = item.get("evidence") or []
    if not ev:
        return False
    a, b = spans[key]
    if not all(e in text[a:b] for e in ev):
        return False
    asked = " ".join((item.get("history") or []) + [item.get("question") or ""])
    if not any(x in asked for x in section_names(name, key)):
        return False
    if measure not in text[a:b]:
        return False
    others = sum(measure in text[s:e] for k, (s, e) in spans.items() if k != key)
    return others >= 2


def check_same_doc_sections(items, docs, errors, counters, label, table):
    """same_doc_sections: if present, true; set exactly for the items listed
    in the table (item id -> section key, measure word, the word as asked).
    A listed item is answerable, asks with its word and qualifies (see
    qualifies); an unlisted item qualifies for no section of its document
    with any measure word that MEASURE_WORDS lists for a word its question
    (with history) contains (MEASURE_WORDS maps each measure word, and each
    everyday or short form the tables ask it with, to the measure words)."""
    by_id = {it.get("id"): it for it in items}
    if set(table) - set(by_id):
        errors[label + "_same_doc_sections_unknown_id"] += len(set(table) - set(by_id))
    n_ok = 0
    per_doc = Counter()
    for it in items:
        iid = it.get("id")
        if "same_doc_sections" in it and it["same_doc_sections"] is not True:
            errors[label + "_same_doc_sections_not_true"] += 1
        has = it.get("same_doc_sections") is True
        if has != (iid in table):
            errors[label + "_same_doc_sections_field_and_table_disagree"] += 1
            print("  same_doc_sections field and table disagree:", iid)
        asked = " ".join((it.get("history") or []) + [it.get("question") or ""])
        if iid in table:
            key, measure, word = table[iid]
            counters["same_doc_sections_checked"] += 1
            if it.get("must_contain") == []:
                errors[label + "_same_doc_sections_on_unanswerable"] += 1
            if word not in asked:
                errors[label + "_same_doc_sections_word_not_asked"] += 1
                print("  section word not asked:", iid)
            if measure not in MEASURE_WORDS.get(word, ()):
                errors[label + "_same_doc_sections_measure_not_listed"] += 1
            if not qualifies(it, docs, key, measure):
                errors[label + "_same_doc_sections_item_does_not_qualify"] += 1
                print("  does not qualify:", iid, it.get("doc"))
            else:
                n_ok += 1
                per_doc[it["doc"]] += 1
        else:
            name = it.get("doc")
            if isinstance(name, str) and name in SECTIONS:
                hit = False
                for key, _marker, _names in SECTIONS[name][1]:
                    for word, measures in MEASURE_WORDS.items():
                        if word in asked and any(qualifies(it, docs, key, m) for m in measures):
                            hit = True
                            break
                    if hit:
                        break
                if hit:
                    errors[label + "_same_doc_sections_flag_missing"] += 1
                    print("  same_doc_sections flag missing:", iid, name)
    counters[label + "_same_doc_sections"] = n_ok
    for name in SECTIONS:
        counters[label + "_same_doc_sections_" + name[:3]] = per_doc[name]


def main():
    docs, raw = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    qk, qa, qu = check_look_alike(questions, docs, errors, counters, "questions")
    fk, fa, fu = check_look_alike(followups, docs, errors, counters, "followups")
    if qa + qu < MIN_LOOK_ALIKE_QUESTIONS or qa < MIN_LOOK_ALIKE_ANSWERABLE or qu < MIN_LOOK_ALIKE_UNANSWERABLE:
        errors["too_few_look_alike_questions"] += 1
    if fa + fu < MIN_LOOK_ALIKE_FOLLOWUPS:
        errors["too_few_look_alike_followups"] += 1
    for k in LOOK_ALIKE_KINDS:
        if qk[k] + fk[k] < MIN_ITEMS_PER_LOOK_ALIKE_KIND:
            errors["too_few_look_alike_items_of_kind_" + k] += 1
    ids = {q.get("id") for q in questions} | {f.get("id") for f in followups}
    if (set(LOOK_ALIKE_TRAPS) | set(LOOK_ALIKE_HELD)) - ids:
        errors["look_alike_table_unknown_id"] += 1
    ua, uu = check_untitled_place(questions, docs, errors, counters, "questions")
    fa2, fu2 = check_untitled_place(followups, docs, errors, counters, "followups")
    if ua + uu < MIN_UNTITLED_QUESTIONS or uu < MIN_UNTITLED_QUESTIONS_UNANSWERABLE:
        errors["too_few_untitled_place_questions"] += 1
    if fa2 + fu2 < MIN_UNTITLED_FOLLOWUPS:
        errors["too_few_untitled_place_followups"] += 1
    check_colloquial(questions, followups, docs, errors, counters)
    check_sections(docs, errors, counters)
    check_same_doc_sections(questions, docs, errors, counters, "questions", SAME_DOC_SECTIONS_QUESTIONS)
    check_same_doc_sections(followups, docs, errors, counters, "followups", SAME_DOC_SECTIONS_FOLLOWUPS)
    if len(SAME_DOC_SECTIONS_QUESTIONS) < MIN_SAME_DOC_QUESTIONS:
        errors["too_few_same_doc_sections_questions"] += 1
    if len(SAME_DOC_SECTIONS_FOLLOWUPS) < MIN_SAME_DOC_FOLLOWUPS:
        errors["too_few_same_doc_sections_followups"] += 1
    check_titles(docs, raw, errors, counters)
    check_noise(docs, raw, errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
        print("  length out of range:", [n for n in docs if not DOC_MIN <= len(docs[n]) <= DOC_MAX])
    n_long = sum(LONG_MIN <= n <= LONG_MAX for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1
    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)
        print("  thin documents:", thin)
    if len(followups) != N_FOLLOWUPS:
        errors["followup_count_not_30"] += 1

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, long ({LONG_MIN}-{LONG_MAX}): {n_long}")
    print("questions:", len(questions))
    for t in sorted(EXPECTED_TYPES):
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        print(f"items per document: min {min(used[n] for n in docs)}, max {max(used[n] for n in docs)}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
