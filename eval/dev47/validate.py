#!/usr/bin/env python3
"""Validate the dev47 evaluation set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev44's validate.py (same kinds of checks, same output style).
Matching is done after removing all whitespace (the full-width space
included); nothing else is normalised (except where said: the "held"
strings of unanswerable look-alike items are compared with full-width
digits turned to ASCII).

dev47 has two emphases:

* Longer chats: at least MIN_LONG_CHATS follow-ups carry two earlier user
  turns. LONG_CHATS gives for each the place the first turn names and the
  period or measure word the second turn names; the validator checks that
  exactly the follow-ups with two history turns are listed, that the first
  turn names the place (a place of the item's document's city), that the
  second turn holds the word and names no place, and that the last turn
  names no place and does not repeat the word (it says only what changes).

* Answers that need two sentences of one passage: items flagged
  "two_sentences" (at least MIN_TWO_SENTENCES answerable questions) ask for
  a figure whose subject is named only in an earlier sentence of the same
  paragraph (a heading-like lead "（三）公厕建设。" or "截至6月底：" before
  the figures). TWO_SENTENCES_QUESTIONS / _FOLLOWUPS give the subject word,
  the word the question asks it with and the figure. The evidence strings
  must lie within one paragraph (a line; in the hard-broken documents a
  block between blank lines), span at least two sentences (split at 。！？：),
  the subject must stand in an earlier sentence of that span and not in the
  figure's sentence, and the figure must be in must_contain.

Kept from dev44: everyday words ("colloquial", 25-40 % of items), documents
whose title names no place (TITLES, PLACE_CLUES, CITY_HIDDEN,
"untitled_place"), look-alike documents ("look_alike", LOOK_ALIKE_TRAPS,
LOOK_ALIKE_HELD), probes for unanswerable items, relative years, short
questions, typos, lists, 街道 / 镇 questions and the noise checks. dev44's
"same_doc_sections" is dropped.

On failure it prints item ids and document names only, never item text.
"""

import itertools
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
Q_OPTIONAL = {"relative_year", "look_alike", "untitled_place", "colloquial", "two_sentences"}
EV_MIN, EV_MAX = 10, 40
# All documents 800-4500 characters (whitespace excluded); at least
# N_OVER documents over OVER_MIN characters.
DOC_MIN, DOC_MAX = 800, 4500
OVER_MIN, N_OVER = 2000, 6
MIN_ITEMS_PER_DOC = 3
MIN_UNANSWERABLE_ANSWER = 20
WHY_RX = re.compile(
    r"没有|未|只有|只给|只定|只写|只分|只统计|只查|只按|只在|只说|只到|只测|只列|只排|只要求|只规定|截断|遮挡|不是"
)

# Two sentences of one passage.
MIN_TWO_SENTENCES = 20
SENTENCE_END = "。！？："

# Longer chats.
MIN_LONG_CHATS = 12

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

MIN_UNTITLED_DOCS = 8
MIN_UNTITLED_QUESTIONS = 30
MIN_UNTITLED_QUESTIONS_UNANSWERABLE = 8
MIN_UNTITLED_FOLLOWUPS = 10

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
CITIES = ("宿州", "三明", "濮阳")
DISTRICTS = {
    "宿州": ("埇桥区", "砀山县", "萧县", "灵璧县", "泗县"),
    "三明": (
        "三元区",
        "沙县区",
        "永安市",
        "明溪县",
        "清流县",
        "宁化县",
        "大田县",
        "尤溪县",
        "将乐县",
        "泰宁县",
        "建宁县",
    ),
    "濮阳": ("华龙区", "濮阳县", "清丰县", "南乐县", "范县", "台前县"),
}
SUBUNITS = {
    "宿州": (
        "沱河街道",
        "道东街道",
        "东关街道",
        "南关街道",
        "三里湾街道",
        "汴河街道",
        "城东街道",
        "夹沟镇",
        "朱仙庄镇",
        "灰古镇",
    ),
    "三明": (
        "列东街道",
        "列西街道",
        "徐碧街道",
        "城关街道",
        "白沙街道",
        "富兴堡街道",
        "荆西街道",
        "凤岗街道",
        "陈大镇",
        "洋溪镇",
        "莘口镇",
        "岩前镇",
    ),
    "濮阳": ("中原路街道", "胜利路街道", "建设路街道", "人民路街道", "大庆路街道", "黄河路街道", "岳村镇"),
}
CITY_PREFIX = {"宿州": "宿", "三明": "明", "濮阳": "濮"}
PLACES = {c: (c,) + DISTRICTS[c] + SUBUNITS[c] for c in CITIES}
ALL_PLACES = tuple(p for c in CITIES for p in PLACES[c])
ALL_SUBUNITS = tuple(p for c in CITIES for p in SUBUNITS[c])
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
    "deadline": 4,
    "list": 6,
    "multi_doc": 5,
    "multipart": 4,
    "number": 20,
    "progress": 8,
    "rank": 5,
    "standard": 5,
    "target": 4,
    "unanswerable": 36,
    "unit": 3,
}

EVERYDAY_WORDS_FOLLOWUPS = {
    "w02": ("整改完", "整改时限"),
    "w08": ("涨", "提高"),
    "w10": ("垫底", "末位"),
    "w11": ("拆违", "拆除违法建设"),
    "w14": ("查出", "发现问题"),
    "w18": ("花了", "投资"),
    "w21": ("停车位", "停车泊位"),
    "w22": ("拆违", "拆除违法建设"),
    "w26": ("拆违", "拆除违法建设"),
}

EVERYDAY_WORDS_QUESTIONS = {
    "t001": ("整改完", "整改时限"),
    "t003": ("查出", "发现问题"),
    "t006": ("牛皮癣", "非法小广告"),
    "t017": ("老小区", "老旧小区"),
    "t019": ("拆违", "拆除违法建设"),
    "t022": ("垫底", "末位"),
    "t030": ("厕所", "公厕"),
    "t031": ("垫底", "末位"),
    "t032": ("涨", "提高"),
    "t036": ("花了", "投资"),
    "t038": ("拆违", "违法建设"),
    "t040": ("停车位", "停车泊位"),
    "t044": ("垫底", "末位"),
    "t047": ("拆违", "拆除违法建设"),
    "t049": ("菜市场", "农贸市场"),
    "t052": ("拆违", "拆除违法建设"),
    "t053": ("下雪", "降雪"),
    "t054": ("拆违", "拆除违法建设"),
    "t058": ("机扫率", "机械化清扫率"),
    "t059": ("查出", "发现问题"),
    "t061": ("拆违", "拆除违法建设"),
    "t070": ("老小区", "老旧小区"),
    "t071": ("案子", "立案"),
    "t075": ("机扫率", "机械化清扫率"),
    "t077": ("城管队员", "城管执法人员"),
    "t081": ("老小区", "老旧小区"),
    "t082": ("垫底", "末位"),
    "t089": ("垫底", "末位"),
    "t090": ("拆违", "拆除违法建设"),
    "t097": ("花了", "投资"),
}

FPROBES = {
    "w15": ("D_subunit", [("doc", "列东街道")]),
    "w17": ("I_target_only", [("all", "文明实践站[^。]{0,15}(已完成|已建成)[0-9]")]),
    "w18": ("H_notstated", [("doc", "华龙区[^。]{0,20}万元")]),
    "w24": ("F_cutoff", [("doc", "兴华路[^。]*扣[0-9]")]),
    "w26": ("D_subunit", [("doc", "沙县区[^。]{0,40}拆除违法建设[0-9]+处")]),
    "w29": (
        "A_period",
        [("doc", "2026年"), ("015_puyang-cgj-2024-zongjie.txt", "2026年"), ("doc", "明年[^。]{0,20}泊位")],
    ),
}

LIST_QUESTIONS = {"t004": 10, "t023": 0, "t043": 8, "t080": 6, "t086": 6, "t094": 7, "t095": 8}

LONG_CHATS = {
    "w01": ("三明", "平均"),
    "w04": ("濮阳", "违法建设"),
    "w05": ("濮阳", "背街小巷"),
    "w06": ("宿州", "停车泊位"),
    "w08": ("建宁县", "三季度"),
    "w10": ("台前县", "三季度"),
    "w11": ("濮阳", "拆违"),
    "w12": ("宿州", "按期处置率"),
    "w13": ("埇桥区", "按期处置率"),
    "w14": ("宿州", "东关小区"),
    "w15": ("列东街道", "测评"),
    "w20": ("大庆路街道", "第9期"),
    "w21": ("三明", "公厕"),
    "w23": ("华龙区", "公厕"),
    "w24": ("南乐县", "第9期"),
    "w26": ("沙县区", "前三季度"),
    "w28": ("宿州", "礼让"),
    "w30": ("荆西街道", "10月份"),
}

LOOK_ALIKE_HELD = {
    "t002": ["93%以上", "93.5%以上"],
    "t014": ["812件"],
    "t016": ["14座", "11座"],
    "t020": ["84.6"],
    "t048": ["85.3", "88.2"],
    "t054": ["180处"],
    "t065": ["84.6", "88.2"],
    "t079": ["93.2%", "95.3%"],
    "t084": ["0.5分"],
    "w15": ["84.6", "88.2分"],
    "w29": ["2,000个"],
}

LOOK_ALIKE_TRAPS = {
    "t009": ["第8位"],
    "t011": ["上半年建成14座"],
    "t013": ["公厕12座"],
    "t019": ["拆除违法建设103处"],
    "t021": ["新建改建19座"],
    "t022": ["季度测评连续两次列末位"],
    "t026": ["背街小巷完工14条"],
    "t027": ["2,812件"],
    "t030": ["公厕建成18座"],
    "t032": ["提高2.4分"],
    "t033": ["发现问题46个"],
    "t038": ["华龙区拆除58处"],
    "t039": ["今年新建改建26座"],
    "t044": ["清流县"],
    "t046": ["发现问题41个"],
    "t050": ["11月10日前"],
    "t055": ["已完工7条"],
    "t056": ["已建成8座"],
    "t057": ["82.4分"],
    "t064": ["今年整治20条"],
    "t074": ["今年新建改建22座"],
    "t076": ["11月15日前"],
    "t082": ["81.1"],
    "t086": ["拆除违法建设103处"],
    "t087": ["完工15条"],
    "t088": ["93.1%"],
    "t096": ["2,812件"],
    "t099": ["完成整治19条"],
    "w01": ["83.2分"],
    "w04": ["今年新建改建22座"],
    "w07": ["上半年完工9条"],
    "w10": ["81.1"],
    "w11": ["60处"],
    "w12": ["92.6%"],
    "w16": ["９１．８％"],
    "w19": ["95%以上"],
    "w21": ["新增停车泊位1,200个"],
    "w23": ["今年新建改建22座"],
    "w27": ["92.6%"],
}

PROBES = {
    "t002": ("I_target_only", [("all", "11月份[^。]{0,10}按期处置率[0-9]")]),
    "t005": (
        "B_place",
        [
            ("doc", "砀山县[^。]{0,20}问题[0-9]"),
            ("doc", "萧县[^。]{0,20}问题[0-9]"),
            ("doc", "灵璧县[^。]{0,20}问题[0-9]"),
            ("doc", "泗县[^。]{0,20}问题[0-9]"),
        ],
    ),
    "t007": (
        "I_target_only",
        [
            ("doc", "临时停车场[^。]{0,10}(已建成|建成[0-9])"),
            ("012_sanming-cgj-2025-qiansanjidu-zongjie.txt", "临时停车场"),
        ],
    ),
    "t008": (
        "A_period",
        [
            ("012_sanming-cgj-2025-qiansanjidu-zongjie.txt", "去年[^。]{0,30}公厕"),
            ("011_sanming-chuangwen-renwu-fenjie-2025.txt", "公厕[^|]{0,20}去年"),
            ("doc", "去年全市"),
        ],
    ),
    "t010": ("F_cutoff", [("doc", "兴华路[^。]*整改时限")]),
    "t012": ("L_similar", [("doc", "简易程序")]),
    "t014": ("A_period", [("doc", "12345"), ("doc", "工单")]),
    "t015": ("H_notstated", [("doc", "公厕[^。]{0,20}万元")]),
    "t016": (
        "D_subunit",
        [
            ("all", "埇桥区[^。]{0,20}上半年[^。]{0,10}公厕"),
            ("all", "上半年[^。]{0,20}埇桥区[^。]{0,10}公厕[^。]{0,6}[0-9]"),
        ],
    ),
    "t017": ("D_subunit", [("all", "埇桥区[^。]{0,15}老旧小区[^。]{0,10}[0-9]+个")]),
    "t020": ("E_rank", [("doc", "第二季度[^。]{0,10}(第[0-9]+位|排名)")]),
    "t023": ("F_cutoff", [("doc", "工作要求")]),
    "t035": ("B_place", [("all", "濮阳县")]),
    "t041": ("J_result_only", [("doc", "满意率[^。]{0,10}目标"), ("doc", "满意率要")]),
    "t045": ("A_period", [("doc", "三季度测评"), ("doc", "第三季度")]),
    "t047": ("D_subunit", [("all", "沱河街道[^。]{0,20}拆除[^。]{0,8}[0-9]+处")]),
    "t048": ("D_subunit", [("doc", "中原路街道"), ("doc", "街道[^。|]{0,6}得分")]),
    "t051": ("D_subunit", [("all", "中原路街道[^。]{0,20}[0-9]+条")]),
    "t054": ("A_period", [("all", "2026年[^。]{0,20}(拆除|违法建设)")]),
    "t060": ("B_place", [("doc", "永安市")]),
    "t063": (
        "A_period",
        [("all", "9月份[^。]{0,20}(列东街道|荆西街道|城关街道)[^。]{0,10}第[0-9]"), ("doc", "9月份各街道")],
    ),
    "t065": ("D_subunit", [("doc", "列东街道")]),
    "t068": ("H_notstated", [("doc", "配套资金[^。]{0,10}[0-9]+万元"), ("doc", "配套[^。]{0,8}[0-9.]+亿元")]),
    "t069": ("C_nofigure", [("doc", "泰宁县[^。]{0,6}[0-9]+\\.[0-9]%"), ("doc", "泰宁县满意度")]),
    "t072": ("H_notstated", [("doc", "罚款"), ("doc", "违法停放[^。]{0,20}[0-9]+元")]),
    "t073": ("A_period", [("all", "8月份[^。]{0,10}立案[0-9０-９]"), ("all", "8月份共立案")]),
    "t075": (
        "J_result_only",
        [("doc", "机械化清扫率[^。]{0,10}目标"), ("doc", "2024年[^。]{0,30}机械化清扫率[^。]{0,10}(目标|任务)")],
    ),
    "t077": ("L_similar", [("doc", "轮训[^。]{0,10}人次"), ("doc", "培训[^。]{0,10}人次")]),
    "t078": ("L_similar", [("doc", "简易程序")]),
    "t079": ("D_subunit", [("doc", "沱河街道")]),
    "t081": (
        "I_target_only",
        [
            ("doc", "老旧小区[^。|]{0,10}(已完成|已完工|实际)"),
            ("012_sanming-cgj-2025-qiansanjidu-zongjie.txt", "老旧小区"),
            ("013_sanyuan-beijie-gongce-xinwen-2025.txt", "老旧小区"),
        ],
    ),
    "t084": ("H_notstated", [("doc", "扣分标准"), ("doc", "分值"), ("doc", "扣[0-9.]+分")]),
    "t085": ("H_notstated", [("doc", "公厕[^。]{0,20}万元")]),
    "t091": (
        "E_rank",
        [
            ("all", "第一季度[^。]{0,12}(排名|第[0-9]+位)"),
            ("all", "一季度[^。]{0,6}[0-9]+\\.[0-9]分[^。]{0,6}第[0-9]+位"),
        ],
    ),
    "t097": ("H_notstated", [("doc", "公厕[^。]{0,30}万元")]),
    "t100": ("L_similar", [("doc", "罚款"), ("doc", "[0-9]+元罚")]),
}

RELATIVE_YEAR_FOLLOWUPS = {"w04": 2025, "w05": 2025, "w07": 2025, "w23": 2024, "w28": 2025, "w29": 2026}

RELATIVE_YEAR_QUESTIONS = {
    "t007": 2025,
    "t008": 2024,
    "t009": 2024,
    "t011": 2025,
    "t013": 2024,
    "t015": 2025,
    "t019": 2024,
    "t034": 2024,
    "t035": 2025,
    "t037": 2025,
    "t038": 2025,
    "t039": 2024,
    "t051": 2025,
    "t054": 2026,
    "t056": 2025,
    "t058": 2024,
    "t064": 2025,
    "t066": 2026,
    "t068": 2025,
    "t070": 2025,
    "t074": 2025,
    "t075": 2024,
    "t077": 2025,
    "t085": 2025,
    "t086": 2025,
    "t087": 2025,
    "t099": 2024,
}

TWO_SENTENCES_FOLLOWUPS = {}

TWO_SENTENCES_QUESTIONS = {
    "t003": ("银河路农贸市场", "银河路农贸市场", "8个"),
    "t006": ("非法小广告", "牛皮癣", "54个"),
    "t011": ("公厕", "公厕", "11座"),
    "t013": ("公厕", "公厕", "28座"),
    "t019": ("违法建设", "拆违", "196处"),
    "t021": ("第三季度", "三季度", "18座"),
    "t024": ("志愿服务", "志愿服务", "14.2%"),
    "t026": ("背街小巷", "背街小巷", "15条"),
    "t030": ("公厕", "厕所", "19座"),
    "t036": ("背街小巷", "背街小巷", "19条"),
    "t038": ("违法建设", "拆违", "60处"),
    "t039": ("公厕", "公厕", "22座"),
    "t040": ("6月底", "6月底", "1,180个"),
    "t052": ("违法建设", "拆违", "164处"),
    "t055": ("背街小巷", "背街小巷", "4条"),
    "t059": ("振兴路农贸市场", "振兴路农贸市场", "7个"),
    "t064": ("背街小巷", "背街小巷", "6条"),
    "t070": ("老旧小区", "老小区", "42个"),
    "t074": ("公厕", "公厕", "26座"),
    "t087": ("背街小巷", "背街小巷", "9条"),
    "t090": ("违法建设", "拆违", "132处"),
    "t092": ("市容秩序", "市容秩序", "110个"),
}

TYPO_QUESTIONS = {
    "t035": ("公测", "公厕"),
    "t043": ("测平", "测评"),
    "t046": ("督察", "督查"),
    "t073": ("立按", "立案"),
    "t089": ("约淡", "约谈"),
}

PROGRESS_QUESTIONS = ["t002", "t007", "t011", "t024", "t026", "t040", "t055", "t064", "t070", "t081", "t087"]

RANK_QUESTIONS = ["t020", "t031", "t032", "t044", "t061", "t080", "t082", "t091"]

SHORT_QUESTIONS = [
    "t020",
    "t031",
    "t034",
    "t039",
    "t044",
    "t045",
    "t054",
    "t057",
    "t058",
    "t060",
    "t065",
    "t069",
    "t073",
    "t082",
    "t088",
    "t096",
    "t099",
]

SUBUNIT_FOLLOWUPS = ["w02", "w20", "w30"]

SUBUNIT_QUESTIONS = ["t001", "t003", "t050", "t059", "t062", "t067", "t071", "t093"]

LOOK_ALIKE_FAMILIES = [
    (
        "consecutive_months",
        "宿州 数字城管月报 9月 / 10月（同一版式，9月为全角数字）",
        ["002_suzhou-szcg-tongbao-2025-09.txt", "003_suzhou-szcg-tongbao-2025-10.txt"],
    ),
    (
        "two_cities",
        "数字城管月报 宿州 9月、10月 / 三明 10月（10月两份同题）",
        [
            "002_suzhou-szcg-tongbao-2025-09.txt",
            "003_suzhou-szcg-tongbao-2025-10.txt",
            "010_sanming-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_quarters",
        "三明 测评通报 二季度 / 三季度",
        ["008_sanming-chuangwen-ceping-2025-q2.txt", "009_sanming-chuangwen-ceping-2025-q3.txt"],
    ),
    (
        "two_cities",
        "季度测评通报 三明 二、三季度 / 濮阳 三季度（三季度两份同题）",
        [
            "008_sanming-chuangwen-ceping-2025-q2.txt",
            "009_sanming-chuangwen-ceping-2025-q3.txt",
            "018_puyang-chuangwen-ceping-2025-q3.txt",
        ],
    ),
    (
        "two_cities",
        "督查通报 宿州 第6期 / 濮阳 第9期（同题）",
        ["007_suzhou-chuangwen-ducha-tongbao-06.txt", "017_puyang-chuangwen-ducha-tongbao-09.txt"],
    ),
    (
        "two_cities",
        "不写市名的讲话 宿州 创文 / 濮阳 城管",
        ["004_suzhou-chuangwen-jianghua-2025.txt", "016_puyang-cg-gongzuo-jianghua-2025.txt"],
    ),
    (
        "summary_vs_halfyear",
        "宿州 2024 总结 / 2025 讲话、会议纪要、9月和10月月报",
        [
            "001_suzhou-cgj-2024-zongjie.txt",
            "002_suzhou-szcg-tongbao-2025-09.txt",
            "003_suzhou-szcg-tongbao-2025-10.txt",
            "004_suzhou-chuangwen-jianghua-2025.txt",
            "005_suzhou-cgw-huiyi-jiyao-2025.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "三明 分解表（年度目标和进度安排）/ 前三季度总结 / 10月月报",
        [
            "010_sanming-szcg-tongbao-2025-10.txt",
            "011_sanming-chuangwen-renwu-fenjie-2025.txt",
            "012_sanming-cgj-2025-qiansanjidu-zongjie.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "濮阳 2024 总结（今年 = 2024）/ 2025 讲话",
        ["015_puyang-cgj-2024-zongjie.txt", "016_puyang-cg-gongzuo-jianghua-2025.txt"],
    ),
    (
        "city_vs_district",
        "宿州市 总结、讲话、纪要 / 埇桥区新闻",
        [
            "001_suzhou-cgj-2024-zongjie.txt",
            "004_suzhou-chuangwen-jianghua-2025.txt",
            "005_suzhou-cgw-huiyi-jiyao-2025.txt",
            "006_yongqiao-gongce-beijie-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "三明市 分解表、前三季度总结 / 三元区新闻",
        [
            "011_sanming-chuangwen-renwu-fenjie-2025.txt",
            "012_sanming-cgj-2025-qiansanjidu-zongjie.txt",
            "013_sanyuan-beijie-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "濮阳市 总结、讲话 / 华龙区新闻",
        [
            "015_puyang-cgj-2024-zongjie.txt",
            "016_puyang-cg-gongzuo-jianghua-2025.txt",
            "019_hualong-beijie-gongce-xinwen-2025.txt",
        ],
    ),
]

DOC_INFO = {
    "001_suzhou-cgj-2024-zongjie.txt": ("宿州", "城管", 2025, ["letterhead", "page_marker", "table"]),
    "002_suzhou-szcg-tongbao-2025-09.txt": (
        "宿州",
        "城管",
        2025,
        ["full_width", "letterhead", "docnumber", "addressee", "table", "title_no_place"],
    ),
    "003_suzhou-szcg-tongbao-2025-10.txt": (
        "宿州",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "004_suzhou-chuangwen-jianghua-2025.txt": (
        "宿州",
        "创文",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "005_suzhou-cgw-huiyi-jiyao-2025.txt": ("宿州", "城管", 2025, ["letterhead"]),
    "006_yongqiao-gongce-beijie-xinwen-2025.txt": ("宿州", "城管", 2025, ["news", "title_no_place"]),
    "007_suzhou-chuangwen-ducha-tongbao-06.txt": (
        "宿州",
        "创文",
        2025,
        ["docnumber", "addressee", "signature", "title_no_place"],
    ),
    "008_sanming-chuangwen-ceping-2025-q2.txt": (
        "三明",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "009_sanming-chuangwen-ceping-2025-q3.txt": (
        "三明",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "masked", "page_marker", "signature", "title_no_place"],
    ),
    "010_sanming-szcg-tongbao-2025-10.txt": (
        "三明",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "011_sanming-chuangwen-renwu-fenjie-2025.txt": ("三明", "创文", None, ["attachment", "table"]),
    "012_sanming-cgj-2025-qiansanjidu-zongjie.txt": (
        "三明",
        "城管",
        2025,
        ["running_header", "page_marker", "signature"],
    ),
    "013_sanyuan-beijie-gongce-xinwen-2025.txt": ("三明", "城管", 2025, ["news", "title_no_place"]),
    "014_sanming-tingche-dajizhewen-2025.txt": ("三明", "城管", 2025, ["table"]),
    "015_puyang-cgj-2024-zongjie.txt": ("濮阳", "城管", 2024, ["hard_breaks", "signature"]),
    "016_puyang-cg-gongzuo-jianghua-2025.txt": (
        "濮阳",
        "城管",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "017_puyang-chuangwen-ducha-tongbao-09.txt": (
        "濮阳",
        "创文",
        None,
        ["docnumber", "addressee", "cut_off", "title_no_place"],
    ),
    "018_puyang-chuangwen-ceping-2025-q3.txt": (
        "濮阳",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "019_hualong-beijie-gongce-xinwen-2025.txt": ("濮阳", "城管", 2025, ["news", "title_no_place"]),
    "020_puyang-shirong-zerenqu-kaohe-banfa.txt": ("濮阳", "城管", 2025, ["table"]),
}

TITLES = {
    "001_suzhou-cgj-2024-zongjie.txt": "宿州市城市管理局2024年工作总结",
    "002_suzhou-szcg-tongbao-2025-09.txt": "关于２０２５年９月份数字城管运行情况的通报",
    "003_suzhou-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "004_suzhou-chuangwen-jianghua-2025.txt": "在全市创建全国文明城市工作推进会上的讲话",
    "005_suzhou-cgw-huiyi-jiyao-2025.txt": "宿州市城市管理委员会2025年第3次全体会议纪要",
    "006_yongqiao-gongce-beijie-xinwen-2025.txt": "我区公厕建设和背街小巷整治跑出“加速度”",
    "007_suzhou-chuangwen-ducha-tongbao-06.txt": "创建全国文明城市督查通报",
    "008_sanming-chuangwen-ceping-2025-q2.txt": "关于2025年第二季度文明城市创建常态化测评情况的通报",
    "009_sanming-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "010_sanming-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "011_sanming-chuangwen-renwu-fenjie-2025.txt": "三明市2025年创建全国文明城市重点任务分解表",
    "012_sanming-cgj-2025-qiansanjidu-zongjie.txt": "三明市城市管理局2025年前三季度工作总结",
    "013_sanyuan-beijie-gongce-xinwen-2025.txt": "我区背街小巷改造和公厕提质同步推进",
    "014_sanming-tingche-dajizhewen-2025.txt": "三明市城市管理局负责人就《三明市中心城区停车秩序综合治理实施方案》答记者问",
    "015_puyang-cgj-2024-zongjie.txt": "濮阳市城市管理局2024年工作总结",
    "016_puyang-cg-gongzuo-jianghua-2025.txt": "在全市城市管理工作会议上的讲话",
    "017_puyang-chuangwen-ducha-tongbao-09.txt": "创建全国文明城市督查通报",
    "018_puyang-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "019_hualong-beijie-gongce-xinwen-2025.txt": "我区背街小巷“微改造”让群众家门口变了样",
    "020_puyang-shirong-zerenqu-kaohe-banfa.txt": "濮阳市城区市容环境卫生责任区考核办法（试行）",
}

PLACE_CLUES = {
    "002_suzhou-szcg-tongbao-2025-09.txt": ["docnumber", "addressee", "table"],
    "003_suzhou-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "004_suzhou-chuangwen-jianghua-2025.txt": ["speech"],
    "006_yongqiao-gongce-beijie-xinwen-2025.txt": ["body", "site"],
    "007_suzhou-chuangwen-ducha-tongbao-06.txt": ["docnumber", "addressee"],
    "008_sanming-chuangwen-ceping-2025-q2.txt": ["docnumber", "addressee", "table"],
    "009_sanming-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "010_sanming-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "013_sanyuan-beijie-gongce-xinwen-2025.txt": ["body", "site"],
    "016_puyang-cg-gongzuo-jianghua-2025.txt": ["speech"],
    "017_puyang-chuangwen-ducha-tongbao-09.txt": ["docnumber", "addressee"],
    "018_puyang-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "019_hualong-beijie-gongce-xinwen-2025.txt": ["body", "site"],
}

CITY_HIDDEN = [
    "002_suzhou-szcg-tongbao-2025-09.txt",
    "003_suzhou-szcg-tongbao-2025-10.txt",
    "004_suzhou-chuangwen-jianghua-2025.txt",
    "006_yongqiao-gongce-beijie-xinwen-2025.txt",
    "007_suzhou-chuangwen-ducha-tongbao-06.txt",
    "008_sanming-chuangwen-ceping-2025-q2.txt",
    "009_sanming-chuangwen-ceping-2025-q3.txt",
    "010_sanming-szcg-tongbao-2025-10.txt",
    "013_sanyuan-beijie-gongce-xinwen-2025.txt",
    "016_puyang-cg-gongzuo-jianghua-2025.txt",
    "017_puyang-chuangwen-ducha-tongbao-09.txt",
    "018_puyang-chuangwen-ceping-2025-q3.txt",
    "019_hualong-beijie-gongce-xinwen-2025.txt",
]

SAME_TITLE_PAIRS = [
    ("003_suzhou-szcg-tongbao-2025-10.txt", "010_sanming-szcg-tongbao-2025-10.txt"),
    ("009_sanming-chuangwen-ceping-2025-q3.txt", "018_puyang-chuangwen-ceping-2025-q3.txt"),
    ("007_suzhou-chuangwen-ducha-tongbao-06.txt", "017_puyang-chuangwen-ducha-tongbao-09.txt"),
]

RUNNING_HEADERS = {"012_sanming-cgj-2025-qiansanjidu-zongjie.txt": "三明市城市管理局2025年前三季度工作总结"}

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


def asked_text(item):
    return " ".join((item.get("history") or []) + [item.get("question") or ""])


def paragraphs(name, raw_text):
    """Paragraphs of a document, whitespace removed: each non-empty line; in
    the documents tagged hard_breaks, each block between blank lines."""
    if "hard_breaks" in DOC_INFO.get(name, (None, None, None, []))[3]:
        blocks = re.split(r"\n[ \t\u3000]*\n", raw_text)
    else:
        blocks = raw_text.split("\n")
    return [squash(b) for b in blocks if squash(b)]


def sentence_spans(text):
    """(start, end) of each sentence of text, split after 。！？："""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


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
    the word (of the question, for a follow-up else of its history, latest
    turn first) maps to the year, the question names no year in digits, the
    answer names the year (“2024年”)."""
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
    for qid in sub:
        if not any(s in (by_id.get(qid, {}).get("question") or "") for s in ALL_SUBUNITS):
            errors["subunit_question_names_no_jiedao_or_zhen"] += 1
            print("  subunit question names no 街道 / 镇:", qid)
    lst = set(LIST_QUESTIONS)
    counters["list_questions_answerable"] = len(lst & answerable)
    counters["list_questions_unanswerable"] = len(lst & unans)
    if len(lst & answerable) < MIN_LIST_QUESTIONS or not lst & unans:
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
            if len(q.get("must_contain") or []) < max(MIN_LIST_MUST_CONTAIN, n_items):
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


def check_two_sentences(items, docs, raw, errors, counters, label, table):
    """two_sentences: if present, true; set exactly for the items listed in
    the table (id -> subject word, word as asked, figure). A listed item is
    answerable; its evidence strings lie within one paragraph of its
    document; the span they cover holds at least two sentences; the figure
    is in must_contain and in one sentence of the span; the subject stands in
    an earlier sentence of the span and not in the figure's sentence; the
    question (with history) asks with the listed word."""
    by_id = {it.get("id"): it for it in items}
    if set(table) - set(by_id):
        errors[label + "_two_sentences_unknown_id"] += len(set(table) - set(by_id))
    n_ok = 0
    for it in items:
        iid = it.get("id")
        if "two_sentences" in it and it["two_sentences"] is not True:
            errors[label + "_two_sentences_not_true"] += 1
        has = it.get("two_sentences") is True
        if has != (iid in table):
            errors[label + "_two_sentences_field_and_table_disagree"] += 1
            print("  two_sentences field and table disagree:", iid)
        if iid not in table:
            continue
        subject, asked, figure = table[iid]
        counters[label + "_two_sentences_checked"] += 1
        if it.get("must_contain") == [] or not isinstance(it.get("doc"), str):
            errors[label + "_two_sentences_on_unanswerable_or_multi_doc"] += 1
            continue
        if asked not in asked_text(it):
            errors[label + "_two_sentences_word_not_asked"] += 1
            print("  two_sentences word not asked:", iid)
        if figure not in (it.get("must_contain") or []):
            errors[label + "_two_sentences_figure_not_in_must_contain"] += 1
        name = it["doc"]
        if name not in docs:
            continue
        evs = it.get("evidence") or []
        hit = None
        for para in paragraphs(name, raw[name]):
            if evs and all(e in para for e in evs):
                hit = para
                break
        if hit is None:
            errors[label + "_two_sentences_evidence_not_in_one_paragraph"] += 1
            print("  evidence not in one paragraph:", iid, name)
            continue
        starts = [hit.index(e) for e in evs]
        a = min(starts)
        b = max(s + len(e) for s, e in zip(starts, evs, strict=False))
        sents = [(max(s, a), min(e, b)) for s, e in sentence_spans(hit) if s < b and e > a]
        texts = [hit[s:e] for s, e in sents]
        if len(texts) < 2:
            errors[label + "_two_sentences_span_is_one_sentence"] += 1
            print("  evidence span is one sentence:", iid)
            continue
        fig = next((i for i, t in enumerate(texts) if figure in t), None)
        if fig is None:
            errors[label + "_two_sentences_figure_not_in_span"] += 1
            print("  figure not in evidence span:", iid)
            continue
        if subject in texts[fig]:
            errors[label + "_two_sentences_subject_in_figure_sentence"] += 1
            print("  subject in the figure's sentence:", iid)
            continue
        if not any(subject in t for t in texts[:fig]):
            errors[label + "_two_sentences_subject_not_before_figure"] += 1
            print("  subject not in an earlier sentence:", iid)
            continue
        n_ok += 1
    counters[label + "_two_sentences"] = n_ok
    return n_ok


def check_long_chats(followups, docs, errors, counters):
    """Follow-ups with two history turns are exactly those in LONG_CHATS
    (id -> place, word); the first turn names the place (of the document's
    city), the second turn holds the word and names no place, the last turn
    names no place and does not repeat the word."""
    by_id = {f.get("id"): f for f in followups}
    two = {f.get("id") for f in followups if isinstance(f.get("history"), list) and len(f["history"]) == 2}
    if two != set(LONG_CHATS):
        errors["long_chats_table_and_history_disagree"] += 1
        print("  long chats table and history disagree:", sorted(two ^ set(LONG_CHATS)))
    n_ans = n_un = 0
    for fid, (place, word) in LONG_CHATS.items():
        f = by_id.get(fid)
        if f is None or len(f.get("history") or []) != 2:
            continue
        h0, h1 = f["history"]
        q = f.get("question") or ""
        city = DOC_INFO.get(f.get("doc"), (None,))[0]
        counters["long_chats_checked"] += 1
        if place not in h0 or place not in ALL_PLACES:
            errors["long_chat_first_turn_names_no_place"] += 1
            print("  first turn names no place:", fid)
        elif city and place not in PLACES[city]:
            errors["long_chat_place_of_another_city"] += 1
            print("  place of another city:", fid)
        if word not in h1:
            errors["long_chat_second_turn_lacks_word"] += 1
            print("  second turn lacks its word:", fid)
        if places_in(h1):
            errors["long_chat_second_turn_names_a_place"] += 1
            print("  second turn names a place:", fid)
        if places_in(q):
            errors["long_chat_last_turn_names_a_place"] += 1
            print("  last turn names a place:", fid)
        if word in q:
            errors["long_chat_last_turn_repeats_word"] += 1
            print("  last turn repeats the word:", fid)
        if f.get("must_contain") == []:
            n_un += 1
        else:
            n_ans += 1
    counters["long_chats_answerable"] = n_ans
    counters["long_chats_unanswerable"] = n_un
    if len(LONG_CHATS) < MIN_LONG_CHATS:
        errors["too_few_long_chats"] += 1
    for f in followups:
        if not (isinstance(f.get("history"), list) and 1 <= len(f["history"]) <= 2):
            errors["followup_history_not_one_or_two_turns"] += 1


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
        if not is_str_list(f["history"]):
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
        elif not any(s in asked_text(f) for s in ALL_SUBUNITS):
            errors["subunit_followup_names_no_jiedao_or_zhen"] += 1
            print("  subunit follow-up names no 街道 / 镇:", fid)
    check_relative_years(
        followups, RELATIVE_YEAR_FOLLOWUPS, errors, counters, "relative_year_followups", followups=True
    )
    check_long_chats(followups, docs, errors, counters)


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
                in_number = sum(
                    1
                    for a, b in itertools.pairwise(lines)
                    if a.strip() and b.strip() and a.strip()[-1] in "0123456789,." and b.strip()[0] in "0123456789,.%"
                )
                ok = len(open_end) >= 0.3 * len(body) and all(len(ln) <= 40 for ln in body) and in_number >= 1
                counters["hard_break_lines_" + name[:3]] = len(open_end)
                counters["hard_breaks_inside_numbers_" + name[:3]] = in_number
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
    n_ts = check_two_sentences(questions, docs, raw, errors, counters, "questions", TWO_SENTENCES_QUESTIONS)
    check_two_sentences(followups, docs, raw, errors, counters, "followups", TWO_SENTENCES_FOLLOWUPS)
    if n_ts < MIN_TWO_SENTENCES:
        errors["too_few_two_sentences_questions"] += 1
    check_titles(docs, raw, errors, counters)
    check_noise(docs, raw, errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
        print("  length out of range:", [n for n in docs if not DOC_MIN <= len(docs[n]) <= DOC_MAX])
    n_over = sum(n > OVER_MIN for n in lengths)
    if n_over < N_OVER:
        errors["too_few_documents_over_2000"] += 1
    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)
        print("  thin documents:", thin)
    if len(followups) != N_FOLLOWUPS:
        errors["followup_count_not_30"] += 1

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {OVER_MIN}: {n_over}")
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
