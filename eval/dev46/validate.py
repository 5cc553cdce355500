#!/usr/bin/env python3
"""Validate the dev46 evaluation set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev44's validate.py (same matching rules and most checks;
dev44's same_doc_sections check is dropped). Matching is done after
removing all whitespace (the full-width space included); nothing else is
normalised, except where said: period words, measure words and the "held"
strings of unanswerable look-alike items are compared with full-width
digits turned to ASCII.

The emphasis of dev46 is look-alike periods and untitled documents
("period_trap"): the answer (or, for an unanswerable item, the item's
document) sits in a document whose title names no place, while another
document of the same city whose title names the city speaks of an
overlapping period in other words (前三季度 vs 第三季度, 上半年 vs 二季度 /
6月, 1—10月 vs 10月, 全年 vs 第四季度, 2024年 / 今年(=2024) vs 去年 / 今年
in a 2025 speech). PERIOD_TRAPS_QUESTIONS / _FOLLOWUPS give for each
flagged item the measure word, the untitled document, the titled
document, the period word asked and the titled document's period word.

Also new: TASK_HEADING_QUESTIONS (answers stated under a heading of a
period's tasks, in a sentence without a target word) and RATE_RANK_MISSING
(unanswerable questions asking a rank or a rate that is masked or given
only for other places).

Kept from dev44: everyday words ("colloquial", 25-40 % of items), documents
whose title names no place (TITLES, PLACE_CLUES, CITY_HIDDEN,
"untitled_place"), look-alike documents ("look_alike", LOOK_ALIKE_TRAPS,
LOOK_ALIKE_HELD), probes for unanswerable items, relative years, short
questions, typos, lists and the noise checks.

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
Q_OPTIONAL = {"relative_year", "look_alike", "untitled_place", "colloquial", "period_trap"}
EV_MIN, EV_MAX = 10, 40
# All documents 800-4500 characters (whitespace excluded); at least N_LONG
# of them over LONG_MIN characters.
DOC_MIN, DOC_MAX = 800, 4500
LONG_MIN, N_LONG = 2000, 6
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

LOOK_ALIKE_KINDS = ("overlapping_period", "relative_year", "two_cities", "city_vs_district", "target_vs_progress")
MIN_LOOK_ALIKE_QUESTIONS = 25
MIN_LOOK_ALIKE_ANSWERABLE = 15
MIN_LOOK_ALIKE_UNANSWERABLE = 6
MIN_LOOK_ALIKE_FOLLOWUPS = 8
MIN_ITEMS_PER_LOOK_ALIKE_KIND = 3

# Period traps (new in dev46).
MIN_PERIOD_TRAP_QUESTIONS = 30
MIN_PERIOD_TRAP_FOLLOWUPS = 8
PERIOD_TRAP_ANSWERABLE_SHARE = (0.55, 0.75)
PERIOD_TRAP_KINDS = ("overlapping_period", "relative_year")

# Figures stated under a heading of a period's tasks (new in dev46).
MIN_TASK_HEADING_QUESTIONS = 8
TARGET_WORDS = ("目标", "力争", "确保", "任务")

# Ranks or rates masked or given only for other places (new in dev46).
MIN_RATE_RANK_MISSING = 6
RATE_RANK_RX = re.compile(r"排|第几|名|率")

# Title-less documents.
MIN_UNTITLED_DOCS = 8
MIN_UNTITLED_QUESTIONS = 30
MIN_UNTITLED_QUESTIONS_UNANSWERABLE = 8
MIN_UNTITLED_FOLLOWUPS = 10

# Everyday words.
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
CITIES = ("白城", "固原", "黄冈")
DISTRICTS = {
    "白城": ("洮北区", "洮南市", "大安市", "镇赉县", "通榆县"),
    "固原": ("原州区", "西吉县", "隆德县", "泾源县", "彭阳县"),
    "黄冈": ("黄州区", "团风县", "红安县", "罗田县", "英山县", "浠水县", "蕲春县", "黄梅县", "麻城市", "武穴市"),
}
SUBUNITS = {
    "白城": (
        "海明街道",
        "长庆街道",
        "瑞光街道",
        "明仁街道",
        "铁东街道",
        "新立街道",
        "平台镇",
        "林海镇",
        "洮河镇",
    ),
    "固原": ("南关街道", "古雁街道", "北塬街道", "三营镇", "头营镇", "开城镇"),
    "黄冈": ("赤壁街道", "东湖街道", "禹王街道", "南湖街道", "路口镇", "堵城镇", "陈策楼镇"),
}
CITY_PREFIX = {"白城": "白", "固原": "固", "黄冈": "黄"}
PLACES = {c: (c,) + DISTRICTS[c] + SUBUNITS[c] for c in CITIES}
ALL_PLACES = tuple(p for c in CITIES for p in PLACES[c])
ALL_SUBUNITS = tuple(p for c in CITIES for p in SUBUNITS[c])
DOCNUM = re.compile(r"\S{1,8}〔(2025|２０２５)〕\S{1,4}号")
NOISE_TAGS = (
    "table",
    "table_plain",
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
    "number": 14,
    "progress": 2,
    "rank": 8,
    "standard": 5,
    "target": 10,
    "unanswerable": 36,
    "unit": 4,
}

EVERYDAY_WORDS_QUESTIONS = {
    "t004": ("老小区", "老旧小区"),
    "t007": ("垫底", "末位"),
    "t009": ("改完", "完工"),
    "t010": ("垫底", "末位"),
    "t012": ("查出", "发现问题"),
    "t014": ("查出", "发现问题"),
    "t019": ("垫底", "末位"),
    "t024": ("停车位", "停车泊位"),
    "t027": ("整改完", "整改时限"),
    "t029": ("案子", "立案"),
    "t030": ("垫底", "末位"),
    "t035": ("菜市场", "农贸市场"),
    "t039": ("菜市场", "农贸市场"),
    "t046": ("拆违", "拆除违法建设"),
    "t049": ("垫底", "末位"),
    "t051": ("菜市场", "农贸市场"),
    "t056": ("查出", "发现问题"),
    "t057": ("菜市场", "农贸市场"),
    "t060": ("案子", "立案"),
    "t062": ("案子", "立案"),
    "t066": ("改完", "完工"),
    "t068": ("查出", "发现问题"),
    "t069": ("垫底", "末位"),
    "t071": ("查出", "发现问题"),
    "t090": ("考了", "得分"),
    "t092": ("拆违", "拆除违法建设"),
    "t099": ("违建", "拆除违法建设"),
}

EVERYDAY_WORDS_FOLLOWUPS = {
    "w05": ("查出", "发现问题"),
    "w08": ("菜市场", "农贸市场"),
    "w12": ("垫底", "末位"),
    "w17": ("停车位", "停车泊位"),
    "w21": ("机扫率", "机械化清扫率"),
    "w22": ("老小区", "老旧小区"),
    "w25": ("拆违", "拆除违法建设"),
    "w28": ("案子", "立案"),
}

PROBES = {
    "t001": ("H_notstated", [("doc", "财政")]),
    "t003": ("D_subunit", [("doc", "禹王街道")]),
    "t006": ("I_target_only", [("all", "回收利用率[^。|]{0,6}(达到|为)[0-9]")]),
    "t015": ("A_period", [("doc", "泊位")]),
    "t017": ("A_period", [("doc", "志愿服务活动")]),
    "t020": (
        "I_target_only",
        [
            ("doc", "老旧小区[^。]{0,10}(已完成|已完工|完工[0-9])"),
            ("doc", "上半年"),
            ("004_baicheng-chuangwen-2024-zongjie.txt", "上半年"),
        ],
    ),
    "t022": ("I_target_only", [("all", "驿站[^。]{0,10}(已建成|建成[0-9])")]),
    "t025": ("L_similar", [("doc", "简易程序")]),
    "t029": ("D_subunit", [("doc", "路口镇|堵城镇|陈策楼镇")]),
    "t036": ("E_rank", [("doc", "全省")]),
    "t038": ("A_period", [("all", "2026年"), ("all", "明年[^。]{0,20}公厕")]),
    "t042": ("L_similar", [("doc", "罚款|万元")]),
    "t043": ("F_cutoff", [("doc", "工作要求")]),
    "t044": ("H_notstated", [("doc", "考评[^。]{0,10}[0-9]+\\.[0-9]分")]),
    "t046": ("A_period", [("all", "一季度[^。]{0,10}拆除违法建设"), ("all", "1—3月")]),
    "t047": ("A_period", [("doc", "５月份[^。]{0,10}立案"), ("doc", "５月份[^。]{0,6}共")]),
    "t048": (
        "H_notstated",
        [("doc", "全市[^。]{0,20}按期处置率[0-9]"), ("doc", "10月份[^。]{0,10}按期处置率[0-9]")],
    ),
    "t051": ("H_notstated", [("doc", "泾源县[^。]{0,10}农贸市场[^。]{0,6}[0-9]+个")]),
    "t055": (
        "C_nofigure",
        [("doc", "英山县\\|140\\|[0-9]"), ("doc", "英山县[^。|]{0,10}[0-9]+\\.[0-9]%")],
    ),
    "t057": (
        "I_target_only",
        [
            ("doc", "农贸市场[^。]{0,10}(已完成|已改造|改造完成)"),
            ("004_baicheng-chuangwen-2024-zongjie.txt", "农贸市场[^。]{0,10}(已完成|已改造|改造完成)"),
        ],
    ),
    "t059": (
        "B_place",
        [("doc", "蕲春县[^。|]{0,10}[0-9]+\\.[0-9]分"), ("doc", "蕲春县[^。]{0,10}第[0-9]")],
    ),
    "t063": ("H_notstated", [("doc", "样本|[0-9]+人|[0-9]+份")]),
    "t065": ("I_target_only", [("all", "11月份[^。]{0,10}按期处置率[0-9]")]),
    "t071": ("B_place", [("doc", "隆德县[^、，]{0,20}发现问题")]),
    "t073": ("D_subunit", [("doc", "三营镇")]),
    "t074": ("A_period", [("doc", "四季度"), ("018_huanggang-cgj-2024-zongjie.txt", "四季度")]),
    "t077": ("A_period", [("doc", "违法建设"), ("doc", "拆")]),
    "t078": ("E_rank", [("doc", "英山县[^。]{0,12}第[0-9]+位"), ("doc", "英山县\\|140\\|[0-9]")]),
    "t079": (
        "J_result_only",
        [
            ("doc", "背街小巷[^。]{0,10}任务"),
            ("020_huanggang-chuangwen-2024-zongjie.txt", "背街小巷[^。]{0,10}任务"),
        ],
    ),
    "t081": ("D_subunit", [("doc", "(长庆|瑞光|明仁|铁东)街道")]),
    "t085": ("F_cutoff", [("doc", "新区公厕[^。]*整改时限")]),
    "t089": ("D_subunit", [("doc", "瑞光街道")]),
    "t090": (
        "A_period",
        [
            ("doc", "四季度[^。]{0,10}[0-9]+\\.[0-9]分"),
            ("004_baicheng-chuangwen-2024-zongjie.txt", "第四季度[^。]{0,10}[0-9]+\\.[0-9]分"),
        ],
    ),
    "t091": ("A_period", [("doc", "公厕")]),
    "t096": ("A_period", [("doc", "上半年[^。]{0,20}第[0-9]+位")]),
    "t097": ("J_result_only", [("doc", "礼让率[^。]{0,10}(目标|以上)")]),
}

FPROBES = {
    "w01": ("E_rank", [("doc", "英山县[^。]{0,12}第[0-9]+位")]),
    "w09": ("F_cutoff", [("doc", "新区公厕[^。]*责任单位：西吉县城市[^。]{2,}")]),
    "w11": ("A_period", [("all", "2026年")]),
    "w20": ("H_notstated", [("doc", "奖金|万元|元")]),
    "w23": ("A_period", [("doc", "志愿服务站点[^。|]{0,10}[0-9]+个"), ("doc", "新建志愿服务站点")]),
    "w25": ("D_subunit", [("doc", "三营镇[^。]{0,15}[0-9]+处")]),
}

LIST_QUESTIONS = {
    "t012": 6,
    "t013": 7,
    "t033": 9,
    "t058": 6,
    "t081": 0,
    "t084": 10,
    "t094": 7,
}

LOOK_ALIKE_HELD = {
    "t015": ["720个"],
    "t017": ["3,260场"],
    "t020": ["46个", "38个"],
    "t036": ["第4位"],
    "t046": ["220处", "236处"],
    "t048": ["92.9%"],
    "t055": ["90.6%"],
    "t057": ["6个", "5个"],
    "t074": ["91.8%"],
    "t077": ["52处"],
    "t090": ["84.2分", "84.1分"],
    "t091": ["17座"],
    "w01": ["90.6%"],
    "w11": ["220处"],
    "w23": ["24个"],
}

LOOK_ALIKE_TRAPS = {
    "t004": ["38个"],
    "t005": ["91.8%"],
    "t007": ["83.3"],
    "t008": ["70%"],
    "t009": ["开工14个"],
    "t013": ["公共场所秩序"],
    "t014": ["2,046个"],
    "t016": ["24,310件"],
    "t018": ["93.8%"],
    "t019": ["90.3%"],
    "t021": ["86.9分"],
    "t024": ["1,160个"],
    "t028": ["94.1%"],
    "t031": ["3,180件", "94.0%"],
    "t032": ["26条"],
    "t037": ["洮北区"],
    "t039": ["农贸市场5个"],
    "t040": ["6,820件", "93.6%"],
    "t045": ["84.3分"],
    "t050": ["30座"],
    "t053": ["82.8分"],
    "t054": ["3,020个"],
    "t060": ["31,460件"],
    "t061": ["89.8%"],
    "t062": ["12,260件"],
    "t064": ["第6位"],
    "t066": ["背街小巷完工6条"],
    "t067": ["26座"],
    "t068": ["1,086个"],
    "t076": ["12.6万人"],
    "t082": ["52个"],
    "t084": ["236处"],
    "t092": ["236处"],
    "t093": ["11月10日前"],
    "t095": ["85.6分"],
    "t099": ["118处"],
    "w03": ["12个"],
    "w04": ["2,860个"],
    "w05": ["1,012个"],
    "w06": ["97.2%"],
    "w10": ["12月20日前"],
    "w14": ["列第2位"],
    "w16": ["86.8"],
    "w24": ["96.1%"],
    "w26": ["97.0%"],
}

RELATIVE_YEAR_QUESTIONS = {
    "t003": 2024,
    "t004": 2025,
    "t005": 2024,
    "t006": 2025,
    "t008": 2025,
    "t009": 2025,
    "t014": 2024,
    "t020": 2025,
    "t022": 2025,
    "t024": 2025,
    "t032": 2025,
    "t033": 2025,
    "t036": 2024,
    "t038": 2026,
    "t039": 2025,
    "t042": 2024,
    "t046": 2025,
    "t050": 2025,
    "t053": 2024,
    "t057": 2025,
    "t059": 2024,
    "t064": 2024,
    "t066": 2025,
    "t067": 2025,
    "t074": 2024,
    "t076": 2024,
    "t080": 2025,
    "t082": 2025,
    "t084": 2024,
    "t090": 2024,
    "t092": 2024,
    "t098": 2024,
    "t100": 2025,
}

RELATIVE_YEAR_FOLLOWUPS = {
    "w04": 2024,
    "w08": 2025,
    "w10": 2025,
    "w11": 2026,
    "w13": 2025,
    "w17": 2025,
    "w18": 2025,
    "w24": 2024,
    "w27": 2025,
}

TYPO_QUESTIONS = {
    "t016": ("立按", "立案"),
    "t045": ("测平", "测评"),
    "t049": ("约淡", "约谈"),
    "t050": ("公测", "公厕"),
    "t071": ("督察", "督查"),
}

SHORT_QUESTIONS = [
    "t016",
    "t023",
    "t026",
    "t037",
    "t042",
    "t044",
    "t047",
    "t048",
    "t052",
    "t053",
    "t060",
    "t062",
    "t068",
    "t073",
    "t077",
    "t091",
    "t092",
    "t099",
]

RANK_QUESTIONS = [
    "t002",
    "t003",
    "t007",
    "t019",
    "t021",
    "t036",
    "t037",
    "t059",
    "t064",
    "t069",
    "t073",
    "t078",
    "t089",
    "t095",
    "t096",
]

PROGRESS_QUESTIONS = ["t009", "t020", "t022", "t057", "t066", "t091"]

SUBUNIT_QUESTIONS = ["t002", "t009", "t011", "t012", "t027", "t041", "t056", "t083"]

SUBUNIT_FOLLOWUPS = ["w02", "w08", "w19", "w28", "w29"]

PERIOD_TRAPS_QUESTIONS = {
    "t004": (
        "老旧小区",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "今年",
        "今年",
    ),
    "t005": (
        "按期处置率",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "去年",
        "2024年",
    ),
    "t014": (
        "发现问题",
        "019_huanggang-chuangwen-ceping-2024-q4.txt",
        "020_huanggang-chuangwen-2024-zongjie.txt",
        "四季度",
        "全年",
    ),
    "t015": (
        "泊位",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "三季度",
        "前三季度",
    ),
    "t016": (
        "立案",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "三季度",
        "前三季度",
    ),
    "t017": (
        "志愿服务活动",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "二季度",
        "上半年",
    ),
    "t018": (
        "按期处置率",
        "010_guyuan-szcg-tongbao-2025-06.txt",
        "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
        "6月",
        "上半年",
    ),
    "t020": (
        "老旧小区",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "上半年",
        "今年",
    ),
    "t028": (
        "按期处置率",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "t031": (
        "12345",
        "010_guyuan-szcg-tongbao-2025-06.txt",
        "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
        "6月",
        "上半年",
    ),
    "t032": (
        "背街小巷",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "今年",
        "2024年",
    ),
    "t036": (
        "全省",
        "019_huanggang-chuangwen-ceping-2024-q4.txt",
        "020_huanggang-chuangwen-2024-zongjie.txt",
        "四季度",
        "全年",
    ),
    "t039": (
        "农贸市场",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "今年",
        "今年",
    ),
    "t040": (
        "12345",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "第三季度",
        "前三季度",
    ),
    "t045": (
        "平均得分",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "二季度",
        "上半年",
    ),
    "t046": (
        "拆除违法建设",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "今年",
        "2024年",
    ),
    "t048": (
        "按期处置率",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "t050": (
        "公厕",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "今年",
        "2024年",
    ),
    "t053": (
        "平均得分",
        "019_huanggang-chuangwen-ceping-2024-q4.txt",
        "020_huanggang-chuangwen-2024-zongjie.txt",
        "四季度",
        "全年",
    ),
    "t055": (
        "按期处置率",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "t057": (
        "农贸市场",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "今年",
        "今年",
    ),
    "t060": (
        "立案",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "t061": (
        "按期处置率",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "三季度",
        "前三季度",
    ),
    "t062": (
        "立案",
        "010_guyuan-szcg-tongbao-2025-06.txt",
        "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
        "6月",
        "上半年",
    ),
    "t064": (
        "排名",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "去年",
        "前三季度",
    ),
    "t067": (
        "公厕",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "今年",
        "今年",
    ),
    "t068": (
        "发现问题",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "二季度",
        "上半年",
    ),
    "t074": (
        "按期处置率",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "去年",
        "2024年",
    ),
    "t076": (
        "注册志愿者",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "去年",
        "截至12月20日",
    ),
    "t077": (
        "拆除违法建设",
        "010_guyuan-szcg-tongbao-2025-06.txt",
        "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
        "6月",
        "上半年",
    ),
    "t082": (
        "志愿服务站点",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "今年",
        "今年",
    ),
    "t084": (
        "拆除违法建设",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "去年",
        "2024年",
    ),
    "t090": (
        "得分",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "四季度",
        "第三季度",
    ),
    "t091": (
        "公厕",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "三季度",
        "前三季度",
    ),
    "t092": (
        "拆除违法建设",
        "017_huanggang-cg-jianghua-2025.txt",
        "018_huanggang-cgj-2024-zongjie.txt",
        "去年",
        "2024年",
    ),
    "t095": (
        "得分",
        "019_huanggang-chuangwen-ceping-2024-q4.txt",
        "020_huanggang-chuangwen-2024-zongjie.txt",
        "四季度",
        "全年",
    ),
    "t099": (
        "拆除违法建设",
        "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
        "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
        "三季度",
        "前三季度",
    ),
}

PERIOD_TRAPS_FOLLOWUPS = {
    "w01": (
        "按期处置率",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "w04": (
        "交办问题",
        "003_baicheng-chuangwen-jianghua-2025.txt",
        "004_baicheng-chuangwen-2024-zongjie.txt",
        "去年",
        "今年",
    ),
    "w05": (
        "整改",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "一季度",
        "上半年",
    ),
    "w06": (
        "结案率",
        "016_huanggang-szcg-tongbao-2025-10.txt",
        "015_huanggang-cg-2025-1-10yue-tongbao.txt",
        "10月",
        "1—10月",
    ),
    "w16": (
        "得分",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "二季度",
        "上半年",
    ),
    "w23": (
        "志愿服务站点",
        "009_guyuan-chuangwen-ceping-2025-q2.txt",
        "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
        "二季度",
        "上半年",
    ),
    "w24": (
        "整改率",
        "019_huanggang-chuangwen-ceping-2024-q4.txt",
        "020_huanggang-chuangwen-2024-zongjie.txt",
        "三季度",
        "全年",
    ),
    "w26": (
        "结案率",
        "010_guyuan-szcg-tongbao-2025-06.txt",
        "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
        "6月",
        "上半年",
    ),
}

TASK_HEADING_QUESTIONS = {
    "t004": ("二、今年的任务", "三、几点要求"),
    "t008": ("二、今年的任务", "三、几点要求"),
    "t024": ("二、今年的任务", "三、几点要求"),
    "t032": ("二、今年的任务", "三、几点要求"),
    "t033": ("一、全年任务", "二、任务分解"),
    "t039": ("二、今年的任务", "三、几点要求"),
    "t050": ("二、今年的任务", "三、几点要求"),
    "t067": ("二、今年的任务", "三、几点要求"),
    "t082": ("二、今年的任务", "三、几点要求"),
    "t086": ("四、下半年重点任务", "固原市创建全国文明城市工作指挥部办公室"),
}

RATE_RANK_MISSING = {
    "t003": ("禹王街道", "other_places"),
    "t055": ("英山县", "masked"),
    "t059": ("蕲春县", "other_places"),
    "t073": ("三营镇", "other_places"),
    "t078": ("英山县", "masked"),
    "t089": ("瑞光街道", "other_places"),
}

DOC_INFO = {
    "001_baicheng-cg-2025-qiansanjidu-zongjie.txt": (
        "白城",
        "城管",
        2025,
        ["page_marker", "running_header", "signature"],
    ),
    "002_baicheng-cg-2025-q3-kaohe-tongbao.txt": (
        "白城",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "003_baicheng-chuangwen-jianghua-2025.txt": (
        "白城",
        "创文",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "004_baicheng-chuangwen-2024-zongjie.txt": ("白城", "创文", 2024, ["hard_breaks", "signature"]),
    "005_baicheng-szcg-tongbao-2025-10.txt": (
        "白城",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "006_baicheng-cg-kaohe-banfa.txt": ("白城", "城管", 2025, ["table"]),
    "007_taobei-beijie-gongce-xinwen-2025.txt": ("白城", "城管", 2025, ["news", "title_no_place"]),
    "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt": (
        "固原",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature"],
    ),
    "009_guyuan-chuangwen-ceping-2025-q2.txt": (
        "固原",
        "创文",
        2025,
        ["docnumber", "addressee", "table_plain", "signature", "title_no_place"],
    ),
    "010_guyuan-szcg-tongbao-2025-06.txt": (
        "固原",
        "城管",
        2025,
        ["full_width", "letterhead", "docnumber", "addressee", "table", "title_no_place"],
    ),
    "011_guyuan-cgj-2025-shangbannian-zongjie.txt": (
        "固原",
        "城管",
        2025,
        ["page_marker", "running_header", "signature"],
    ),
    "012_guyuan-chuangwen-ducha-tongbao-06.txt": (
        "固原",
        "创文",
        2025,
        ["docnumber", "addressee", "cut_off", "title_no_place"],
    ),
    "013_guyuan-cg-2025-renwu-fenjie.txt": ("固原", "城管", None, ["attachment", "table_plain"]),
    "014_yuanzhou-laojiu-nongmao-xinwen-2025.txt": ("固原", "创文", 2025, ["news", "title_no_place"]),
    "015_huanggang-cg-2025-1-10yue-tongbao.txt": (
        "黄冈",
        "城管",
        2025,
        ["docnumber", "addressee", "table_plain", "page_marker", "signature"],
    ),
    "016_huanggang-szcg-tongbao-2025-10.txt": (
        "黄冈",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "masked", "signature", "title_no_place"],
    ),
    "017_huanggang-cg-jianghua-2025.txt": ("黄冈", "城管", 2025, ["speech_no_city", "hard_breaks", "title_no_place"]),
    "018_huanggang-cgj-2024-zongjie.txt": ("黄冈", "城管", 2025, ["letterhead", "signature"]),
    "019_huanggang-chuangwen-ceping-2024-q4.txt": (
        "黄冈",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "020_huanggang-chuangwen-2024-zongjie.txt": ("黄冈", "创文", 2025, ["page_marker", "signature"]),
}

TITLES = {
    "001_baicheng-cg-2025-qiansanjidu-zongjie.txt": "白城市2025年前三季度城市管理工作总结",
    "002_baicheng-cg-2025-q3-kaohe-tongbao.txt": "关于2025年第三季度城市管理工作考核情况的通报",
    "003_baicheng-chuangwen-jianghua-2025.txt": "在全市创建全国文明城市推进会上的讲话",
    "004_baicheng-chuangwen-2024-zongjie.txt": "白城市2024年创建全国文明城市工作总结",
    "005_baicheng-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "006_baicheng-cg-kaohe-banfa.txt": "白城市城市管理工作考核办法（试行）",
    "007_taobei-beijie-gongce-xinwen-2025.txt": "我区背街小巷改造和公厕建设跑出“加速度”",
    "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt": "固原市2025年上半年创建全国文明城市工作推进情况通报",
    "009_guyuan-chuangwen-ceping-2025-q2.txt": "关于2025年第二季度文明城市创建常态化测评情况的通报",
    "010_guyuan-szcg-tongbao-2025-06.txt": "关于２０２５年６月份数字城管运行情况的通报",
    "011_guyuan-cgj-2025-shangbannian-zongjie.txt": "固原市城市管理局2025年上半年工作总结",
    "012_guyuan-chuangwen-ducha-tongbao-06.txt": "创建全国文明城市督查通报",
    "013_guyuan-cg-2025-renwu-fenjie.txt": "固原市2025年城市管理品质提升行动任务分解表",
    "014_yuanzhou-laojiu-nongmao-xinwen-2025.txt": "我区老旧小区改造和农贸市场提升同步推进",
    "015_huanggang-cg-2025-1-10yue-tongbao.txt": "黄冈市城市管理局关于2025年1—10月城市管理重点工作进展情况的通报",
    "016_huanggang-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "017_huanggang-cg-jianghua-2025.txt": "在全市城市管理工作会议上的讲话",
    "018_huanggang-cgj-2024-zongjie.txt": "黄冈市城市管理局2024年工作总结",
    "019_huanggang-chuangwen-ceping-2024-q4.txt": "关于2024年第四季度文明城市创建常态化测评情况的通报",
    "020_huanggang-chuangwen-2024-zongjie.txt": "黄冈市2024年创建全国文明城市工作总结",
}

PLACE_CLUES = {
    "002_baicheng-cg-2025-q3-kaohe-tongbao.txt": ["docnumber", "addressee", "table"],
    "003_baicheng-chuangwen-jianghua-2025.txt": ["speech"],
    "005_baicheng-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "007_taobei-beijie-gongce-xinwen-2025.txt": ["body", "site"],
    "009_guyuan-chuangwen-ceping-2025-q2.txt": ["docnumber", "addressee", "table"],
    "010_guyuan-szcg-tongbao-2025-06.txt": ["docnumber", "addressee", "table"],
    "012_guyuan-chuangwen-ducha-tongbao-06.txt": ["docnumber", "addressee", "body"],
    "014_yuanzhou-laojiu-nongmao-xinwen-2025.txt": ["body", "site"],
    "016_huanggang-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "017_huanggang-cg-jianghua-2025.txt": ["speech"],
    "019_huanggang-chuangwen-ceping-2024-q4.txt": ["docnumber", "addressee"],
}

CITY_HIDDEN = [
    "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
    "003_baicheng-chuangwen-jianghua-2025.txt",
    "005_baicheng-szcg-tongbao-2025-10.txt",
    "007_taobei-beijie-gongce-xinwen-2025.txt",
    "009_guyuan-chuangwen-ceping-2025-q2.txt",
    "010_guyuan-szcg-tongbao-2025-06.txt",
    "012_guyuan-chuangwen-ducha-tongbao-06.txt",
    "014_yuanzhou-laojiu-nongmao-xinwen-2025.txt",
    "016_huanggang-szcg-tongbao-2025-10.txt",
    "017_huanggang-cg-jianghua-2025.txt",
    "019_huanggang-chuangwen-ceping-2024-q4.txt",
]

SAME_TITLE_PAIRS = [
    ("005_baicheng-szcg-tongbao-2025-10.txt", "016_huanggang-szcg-tongbao-2025-10.txt"),
]

RUNNING_HEADERS = {
    "001_baicheng-cg-2025-qiansanjidu-zongjie.txt": "白城市2025年前三季度城市管理工作总结",
    "011_guyuan-cgj-2025-shangbannian-zongjie.txt": "固原市城市管理局2025年上半年工作总结",
}

LOOK_ALIKE_FAMILIES = [
    (
        "overlapping_period",
        "白城 第三季度考核通报 / 前三季度城管总结",
        ["001_baicheng-cg-2025-qiansanjidu-zongjie.txt", "002_baicheng-cg-2025-q3-kaohe-tongbao.txt"],
    ),
    (
        "overlapping_period",
        "固原 第二季度测评通报 / 上半年创文推进通报",
        ["008_guyuan-chuangwen-2025-shangbannian-tongbao.txt", "009_guyuan-chuangwen-ceping-2025-q2.txt"],
    ),
    (
        "overlapping_period",
        "固原 6月份数字城管通报 / 上半年城管总结",
        ["010_guyuan-szcg-tongbao-2025-06.txt", "011_guyuan-cgj-2025-shangbannian-zongjie.txt"],
    ),
    (
        "overlapping_period",
        "黄冈 10月份数字城管通报 / 1—10月进展通报",
        ["015_huanggang-cg-2025-1-10yue-tongbao.txt", "016_huanggang-szcg-tongbao-2025-10.txt"],
    ),
    (
        "overlapping_period",
        "黄冈 2024年第四季度测评通报 / 2024年创文总结（全年）",
        ["019_huanggang-chuangwen-ceping-2024-q4.txt", "020_huanggang-chuangwen-2024-zongjie.txt"],
    ),
    (
        "relative_year",
        "白城 2025年创文讲话（去年、今年）/ 2024年创文总结（今年=2024年）",
        ["003_baicheng-chuangwen-jianghua-2025.txt", "004_baicheng-chuangwen-2024-zongjie.txt"],
    ),
    (
        "relative_year",
        "黄冈 2025年城管讲话（去年、今年）/ 2024年城管总结",
        ["017_huanggang-cg-jianghua-2025.txt", "018_huanggang-cgj-2024-zongjie.txt"],
    ),
    (
        "two_cities",
        "数字城管月报 白城10月 / 固原6月 / 黄冈10月（白城、黄冈同题）",
        [
            "005_baicheng-szcg-tongbao-2025-10.txt",
            "010_guyuan-szcg-tongbao-2025-06.txt",
            "016_huanggang-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_cities",
        "常态化测评通报 固原2025年二季度 / 黄冈2024年四季度",
        ["009_guyuan-chuangwen-ceping-2025-q2.txt", "019_huanggang-chuangwen-ceping-2024-q4.txt"],
    ),
    (
        "city_vs_district",
        "白城 市级总结、通报 / 洮北区新闻",
        [
            "001_baicheng-cg-2025-qiansanjidu-zongjie.txt",
            "002_baicheng-cg-2025-q3-kaohe-tongbao.txt",
            "005_baicheng-szcg-tongbao-2025-10.txt",
            "007_taobei-beijie-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "固原 市级通报、总结 / 原州区新闻",
        [
            "008_guyuan-chuangwen-2025-shangbannian-tongbao.txt",
            "011_guyuan-cgj-2025-shangbannian-zongjie.txt",
            "014_yuanzhou-laojiu-nongmao-xinwen-2025.txt",
        ],
    ),
    (
        "target_vs_progress",
        "黄冈 讲话里的今年任务 / 1—10月进展",
        ["015_huanggang-cg-2025-1-10yue-tongbao.txt", "017_huanggang-cg-jianghua-2025.txt"],
    ),
    (
        "target_vs_progress",
        "固原 上半年城管总结 / 全年任务分解表",
        ["011_guyuan-cgj-2025-shangbannian-zongjie.txt", "013_guyuan-cg-2025-renwu-fenjie.txt"],
    ),
]

CITY_HIDDEN = set(CITY_HIDDEN)

WS = re.compile(r"\s+")
FW_TO_ASCII = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
CJK = re.compile(r"[\u4e00-\u9fff]")
UNTITLED = {n for n, info in DOC_INFO.items() if "title_no_place" in info[3]}


def squash(text):
    return WS.sub("", text)


def ascii_digits(text):
    return (text or "").translate(FW_TO_ASCII)


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


def asked_text(item):
    return " ".join((item.get("history") or []) + [item.get("question") or ""])


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
        answer = squash(item.get("answer") or "")
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            in_ev = any(s in ev for ev in item["evidence"])
            counters["must_contain_in_evidence"] += in_ev
            if WS.search(s) or not (in_ev or any(s in docs[n] for n in names)):
                errors["must_contain_not_in_evidence_or_doc"] += 1
                print("  must_contain not found:", item["id"])
            if s not in answer:
                errors["must_contain_not_in_answer"] += 1
                print("  must_contain not in answer:", item["id"])
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
            answer = ascii_digits(it.get("answer"))
            pool = [ascii_digits(docs[n]) for n in names + look]
            for s in held:
                counters[label + "_held_checked"] += 1
                a = ascii_digits(s)
                if a not in answer:
                    errors[label + "_held_not_in_answer"] += 1
                    print("  held not in answer:", iid)
                if not any(a in t for t in pool):
                    errors[label + "_held_not_in_documents"] += 1
                    print("  held not in documents:", iid)
            if not any(any(ascii_digits(s) in ascii_digits(docs[n]) for n in look) for s in held):
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
                if any(overlaps(t, s) or overlaps(ascii_digits(t), ascii_digits(s)) for s in must):
                    errors[label + "_trap_overlaps_must_contain"] += 1
                    print("  trap overlaps must_contain:", iid)
                if any(t in ev for ev in it.get("evidence") or []):
                    errors[label + "_trap_in_evidence"] += 1
                    print("  trap in evidence:", iid)
    for k in LOOK_ALIKE_KINDS:
        counters[f"{label}_look_alike_kind_{k}"] = kinds[k]
    if set(kinds) - set(LOOK_ALIKE_KINDS) - {None}:
        errors[label + "_unknown_look_alike_kind"] += 1
    counters[label + "_look_alike_answerable"] = n_ans
    counters[label + "_look_alike_unanswerable"] = n_un
    return kinds, n_ans, n_un


def title_names_city(name):
    city = DOC_INFO[name][0]
    return city in TITLES.get(name, "")


def check_period_traps(items, docs, errors, counters, label, table, minimum):
    """period_trap: if present, true; set exactly for the items listed in
    the table (item id -> measure word, untitled document, titled document,
    period word asked, the titled document's period word). For each listed
    item: its document is the untitled document (whose title names no
    place; an answerable item's evidence lies there), the titled document
    is of the same city and its title names the city, the item's
    look_alike holds the titled document (so LOOK_ALIKE_TRAPS /
    LOOK_ALIKE_HELD are checked) and the pair is a family of kind
    overlapping_period or relative_year; the measure word occurs in the
    titled document (and, for an answerable item, in the untitled one);
    the period word asked occurs in the question (with its history) and,
    for an answerable item, in the untitled document; the titled
    document's period word occurs in the titled document. Full-width
    digits count as ASCII for these words. About two thirds answerable."""
    by_id = {it.get("id"): it for it in items}
    if set(table) - set(by_id):
        errors[label + "_period_trap_unknown_id"] += len(set(table) - set(by_id))
    n_ans = n_un = 0
    pairs = Counter()
    for it in items:
        iid = it.get("id")
        if "period_trap" in it and it["period_trap"] is not True:
            errors[label + "_period_trap_not_true"] += 1
        has = it.get("period_trap") is True
        if has != (iid in table):
            errors[label + "_period_trap_field_and_table_disagree"] += 1
            print("  period_trap field and table disagree:", iid)
        if iid not in table:
            continue
        measure, untitled, titled, asked, other = table[iid]
        counters[label + "_period_trap_checked"] += 1
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        n_un += unans
        n_ans += not unans
        pairs[(untitled[:3], titled[:3])] += 1
        if untitled not in docs or titled not in docs:
            errors[label + "_period_trap_unknown_document"] += 1
            continue
        if it.get("doc") != untitled:
            errors[label + "_period_trap_doc_is_not_the_untitled_document"] += 1
            print("  period trap doc differs:", iid)
        if untitled not in UNTITLED or any(p in TITLES.get(untitled, "") for p in ALL_PLACES):
            errors[label + "_period_trap_document_title_names_a_place"] += 1
            print("  period trap document has a place in its title:", iid, untitled)
        if DOC_INFO[titled][0] != DOC_INFO[untitled][0] or not title_names_city(titled):
            errors[label + "_period_trap_titled_document_wrong"] += 1
            print("  period trap titled document wrong:", iid, titled)
        if titled not in (it.get("look_alike") or []):
            errors[label + "_period_trap_titled_document_not_in_look_alike"] += 1
            print("  period trap titled document not in look_alike:", iid)
        if family_kind([untitled, titled]) not in PERIOD_TRAP_KINDS:
            errors[label + "_period_trap_pair_not_a_period_family"] += 1
            print("  period trap pair not a period family:", iid)
        u_text, t_text = ascii_digits(docs[untitled]), ascii_digits(docs[titled])
        if measure not in t_text:
            errors[label + "_period_trap_measure_not_in_titled_document"] += 1
            print("  measure not in titled document:", iid, titled)
        if asked not in ascii_digits(asked_text(it)):
            errors[label + "_period_trap_period_not_asked"] += 1
            print("  period word not asked:", iid)
        if other not in t_text:
            errors[label + "_period_trap_other_period_not_in_titled_document"] += 1
            print("  other period word not in titled document:", iid, titled)
        if not unans:
            if measure not in u_text:
                errors[label + "_period_trap_measure_not_in_untitled_document"] += 1
                print("  measure not in untitled document:", iid, untitled)
            if asked not in u_text:
                errors[label + "_period_trap_period_not_in_untitled_document"] += 1
                print("  period word not in untitled document:", iid, untitled)
            if not all(ev in docs[untitled] for ev in it.get("evidence") or []):
                errors[label + "_period_trap_evidence_outside_untitled_document"] += 1
    counters[label + "_period_trap_answerable"] = n_ans
    counters[label + "_period_trap_unanswerable"] = n_un
    for (u, t), n in sorted(pairs.items()):
        counters[f"{label}_period_trap_pair_{u}_{t}"] = n
    total = n_ans + n_un
    if total < minimum:
        errors["too_few_period_trap_" + label] += 1
    lo, hi = PERIOD_TRAP_ANSWERABLE_SHARE
    if total and not lo <= n_ans / total <= hi:
        errors[label + "_period_trap_answerable_share_out_of_range"] += 1
    return n_ans, n_un


def sentence_around(text, start, end, floor=0):
    a = max(text.rfind("。", 0, start) + 1, floor)
    b = text.find("。", end)
    return text[a : (b if b >= 0 else len(text))]


def check_task_headings(questions, docs, errors, counters):
    """TASK_HEADING_QUESTIONS: item id -> (heading, end marker). The item
    is answerable; its document holds the heading once and the end marker
    after it; every evidence string lies between them; the sentence(s)
    holding the evidence contain no target word (TARGET_WORDS), so the
    figure is a task only by the heading it stands under."""
    by_id = {q.get("id"): q for q in questions}
    n = 0
    for qid, (heading, end) in TASK_HEADING_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None:
            errors["task_heading_unknown_id"] += 1
            continue
        if q.get("must_contain") == []:
            errors["task_heading_on_unanswerable"] += 1
            continue
        name = q.get("doc")
        if not isinstance(name, str) or name not in docs:
            errors["task_heading_bad_doc"] += 1
            continue
        text = docs[name]
        if text.count(heading) != 1:
            errors["task_heading_not_once_in_document"] += 1
            print("  task heading not once:", qid, name)
            continue
        a = text.index(heading) + len(heading)
        b = text.find(end, a)
        if b < 0:
            errors["task_heading_end_marker_missing"] += 1
            print("  task heading end missing:", qid, name)
            continue
        ok = True
        for ev in q.get("evidence") or []:
            i = text.find(ev, a)
            if i < 0 or i + len(ev) > b:
                ok = False
                errors["task_heading_evidence_outside_section"] += 1
                print("  evidence outside task section:", qid)
                continue
            sent = sentence_around(text, i, i + len(ev), a)
            if any(w in sent for w in TARGET_WORDS):
                ok = False
                errors["task_heading_sentence_has_target_word"] += 1
                print("  target word in sentence:", qid)
        n += ok
    counters["task_heading_questions"] = n
    if len(TASK_HEADING_QUESTIONS) < MIN_TASK_HEADING_QUESTIONS:
        errors["too_few_task_heading_questions"] += 1


def check_rate_rank_missing(questions, docs, raw, errors, counters):
    """RATE_RANK_MISSING: item id -> (place, how). The item is unanswerable
    and asks a rank or a rate (RATE_RANK_RX) for the place it names. how
    'masked': a line of the document holds the place and the mask ***.
    how 'other_places': the place is followed by no figure in the
    document, while other places of the same city are."""
    by_id = {q.get("id"): q for q in questions}
    kinds = Counter()
    for qid, (place, how) in RATE_RANK_MISSING.items():
        q = by_id.get(qid)
        if q is None:
            errors["rate_rank_missing_unknown_id"] += 1
            continue
        if q.get("must_contain") != []:
            errors["rate_rank_missing_on_answerable"] += 1
        text = q.get("question") or ""
        if place not in text or not RATE_RANK_RX.search(text):
            errors["rate_rank_missing_question_wrong"] += 1
            print("  rate/rank question wrong:", qid)
        name = q.get("doc")
        if name not in docs:
            errors["rate_rank_missing_bad_doc"] += 1
            continue
        kinds[how] += 1
        if how == "masked":
            ok = any(place in ln and "***" in ln for ln in raw[name].split("\n"))
        elif how == "other_places":
            city = DOC_INFO[name][0]
            fig = r"[^。；]{0,12}[0-9０-９]"
            ok = re.search(re.escape(place) + r"[^。，、；|]{0,8}[0-9０-９]", docs[name]) is None and any(
                re.search(re.escape(p) + fig, docs[name]) for p in PLACES[city][1:] if p != place
            )
        else:
            ok = False
        if not ok:
            errors["rate_rank_missing_not_shown_" + how] += 1
            print("  rate/rank missing not shown:", qid, name)
    counters["rate_rank_missing_questions"] = len(RATE_RANK_MISSING)
    for k in ("masked", "other_places"):
        counters["rate_rank_missing_" + k] = kinds[k]
    if len(RATE_RANK_MISSING) < MIN_RATE_RANK_MISSING or not kinds["masked"] or not kinds["other_places"]:
        errors["too_few_rate_rank_missing_questions"] += 1


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
        named = places_in(asked_text(it))
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
            print("  relative word in unlisted item:", it.get("id"))
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
            print("  relative word does not match year:", iid)
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
            print("  typo check failed:", qid)
    sub = set(SUBUNIT_QUESTIONS)
    counters["subunit_questions"] = len(sub)
    if sub - answerable:
        errors["subunit_question_not_answerable"] += len(sub - answerable)
    for qid in sub:
        q = by_id.get(qid) or {}
        if not any(p in (q.get("question") or "") for p in ALL_SUBUNITS):
            errors["subunit_question_names_no_subunit"] += 1
            print("  subunit question names no 街道/镇:", qid)
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
    of questions and of follow-ups carry it."""
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
            if word not in asked_text(it):
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
        elif not any(p in asked_text(f) for p in ALL_SUBUNITS):
            errors["subunit_followup_names_no_subunit"] += 1
    check_relative_years(
        followups, RELATIVE_YEAR_FOLLOWUPS, errors, counters, "relative_year_followups", followups=True
    )


def check_titles(docs, raw, errors, counters):
    """Titles: each document's title (TITLES) is one of its first lines; a
    document tagged title_no_place has a title naming no city, district,
    街道 or 镇 of any of the three cities, and its place is shown by the clues
    PLACE_CLUES lists (each checked); other titles name their city or one
    of its districts. CITY_HIDDEN documents never name their city; no
    document names another city or another city's districts; documents of
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
                    rows = [ln for ln in lines if ln.count("|") >= 2 and any(p in ln for p in PLACES[city][1:])]
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
    if len(masked) != 1 or docs[masked[0]].count("***") != 1:
        errors["exactly_one_masked_figure_in_one_document"] += 1
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
            elif tag == "table_plain":
                ok = sum(ln.count("|") >= 2 and not ln.startswith("|") and not ln.endswith("|") for ln in nonempty) >= 3
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
                ok = sum(len(re.findall(r"[\u4e00-\u9fff]—[0-9]—", ln)) for ln in lines) >= 2
            elif tag == "running_header":
                head = RUNNING_HEADERS.get(name, "")
                hits = [ln for ln in lines if head and head in ln and not ln.strip().startswith(head)]
                ok = len(hits) >= 2 and all(
                    re.search(r"—[0-9]—" + re.escape(head) + r"[\u4e00-\u9fff“]", ln) for ln in hits
                )
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
    n_pm = sum(1 for n in docs if re.search(r"[\u4e00-\u9fff]—[0-9]—", raw[n]))
    n_rh = sum(1 for n in RUNNING_HEADERS if n in docs)
    if n_pm < 3 or n_rh != 2:
        errors["page_markers_need_three_documents_two_with_running_header"] += 1


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
    check_period_traps(
        questions, docs, errors, counters, "questions", PERIOD_TRAPS_QUESTIONS, MIN_PERIOD_TRAP_QUESTIONS
    )
    check_period_traps(
        followups, docs, errors, counters, "followups", PERIOD_TRAPS_FOLLOWUPS, MIN_PERIOD_TRAP_FOLLOWUPS
    )
    check_task_headings(questions, docs, errors, counters)
    check_rate_rank_missing(questions, docs, raw, errors, counters)
    ua, uu = check_untitled_place(questions, docs, errors, counters, "questions")
    fa2, fu2 = check_untitled_place(followups, docs, errors, counters, "followups")
    if ua + uu < MIN_UNTITLED_QUESTIONS or uu < MIN_UNTITLED_QUESTIONS_UNANSWERABLE:
        errors["too_few_untitled_place_questions"] += 1
    if fa2 + fu2 < MIN_UNTITLED_FOLLOWUPS:
        errors["too_few_untitled_place_followups"] += 1
    check_colloquial(questions, followups, docs, errors, counters)
    check_titles(docs, raw, errors, counters)
    check_noise(docs, raw, errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
        print("  length out of range:", [n for n in docs if not DOC_MIN <= len(docs[n]) <= DOC_MAX])
    n_long = sum(n > LONG_MIN for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1
    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)
        print("  thin documents:", thin)
    if len(followups) != N_FOLLOWUPS:
        errors["followup_count_not_30"] += 1

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {LONG_MIN}: {n_long}")
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
