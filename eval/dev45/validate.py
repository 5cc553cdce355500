#!/usr/bin/env python3
"""Validate the dev45 evaluation set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev44's validate.py (the long-document sections check is
dropped). Matching is done after removing all whitespace (the full-width
space included); nothing else is normalised (except where said: the "held"
strings of unanswerable look-alike items are compared with full-width digits
turned to ASCII).

dev45 has two new emphases.

1. Parts of a whole ("sub_unit"). An item whose question names a part of a
   city (a district or county, a 街道 or 镇, a 市直部门 or a 点位, listed in
   PARTS) carries "sub_unit": true; for a follow-up whose second turn names
   no place, its history decides. SUB_UNIT_QUESTIONS / _FOLLOWUPS give the
   part and the measure word. For an answerable item each evidence string
   lies within NEAR characters of a part the question names (and of the
   table's part); for an unanswerable one the measure word occurs in the
   item's document but no occurrence of it lies within NEAR characters of
   any occurrence of the part.

2. Follow-ups that change one slot ("changed_slot": "place" | "period" |
   "measure"). CHANGED_SLOT_FOLLOWUPS gives the first and the second turn's
   (place, period, measure) as asked, and the first turn's document and
   evidence. Exactly the flagged slot differs; the history holds the first
   turn's values; the second turn holds the new value and repeats none of
   the kept ones; the first turn's evidence is in its document, which is the
   item's document or one of its look-alikes.

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
N_FOLLOWUPS = 40
N_UNANSWERABLE_FOLLOWUPS = 8
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = Q_FIELDS | {"history"}
Q_OPTIONAL = {"relative_year", "look_alike", "untitled_place", "colloquial", "sub_unit", "changed_slot"}
EV_MIN, EV_MAX = 10, 40
DOC_MIN, DOC_MAX = 800, 4500
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

MIN_UNTITLED_DOCS = 8
MIN_UNTITLED_QUESTIONS = 30
MIN_UNTITLED_QUESTIONS_UNANSWERABLE = 8
MIN_UNTITLED_FOLLOWUPS = 10

MIN_COLLOQUIAL_SHARE = 0.25
MAX_COLLOQUIAL_SHARE = 0.40

RELATIVE_WORDS = {"前年": 2023, "去年": 2024, "今年": 2025, "明年": 2026, "后年": 2027}
YEAR_DIGITS = re.compile(r"20[0-9]{2}|[０-９]{4}")

# Parts of a whole (new in dev45).
NEAR = 60
MIN_SUB_UNIT_QUESTIONS = 30
MIN_SUB_UNIT_FOLLOWUPS = 10
SUB_UNIT_ANSWERABLE_SHARE = (0.35, 0.65)
MIN_SUB_UNIT_FOLLOWUPS_EACH = 4
# Follow-ups that change one slot (new in dev45).
SLOTS = ("place", "period", "measure")
MIN_CHANGED_SLOT = 24
MIN_CHANGED_SLOT_UNANSWERABLE = 6
MIN_PER_SLOT = 4
CHANGED_SLOT_Q_MAX = 12

MIN_RANK_QUESTIONS = 5
MIN_PROGRESS_QUESTIONS = 6
MIN_SHORT_QUESTIONS = 15
SHORT_MAX = 10
MIN_EVERYDAY_WORDS_QUESTIONS = 25
MIN_EVERYDAY_WORDS_FOLLOWUPS = 10
MIN_TYPO_QUESTIONS = 4
MIN_LIST_QUESTIONS = 6
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 6, 15
MIN_LIST_MUST_CONTAIN = 5
MIN_MULTI_DOC = 4
CITIES = ("七台河", "安康", "巴中")
DISTRICTS = {
    "七台河": ("新兴区", "桃山区", "茄子河区", "勃利县"),
    "安康": ("汉滨区", "旬阳市", "汉阴县", "石泉县", "宁陕县", "紫阳县", "岚皋县", "平利县", "镇坪县", "白河县"),
    "巴中": ("巴州区", "恩阳区", "通江县", "南江县", "平昌县"),
}
SUBUNITS = {
    "七台河": (
        "兴华街道",
        "新立街道",
        "北山街道",
        "越秀街道",
        "新建街道",
        "红旗镇",
        "桃西街道",
        "桃东街道",
        "桃南街道",
        "桃北街道",
        "桃山街道",
        "兴岗街道",
        "万宝河镇",
        "勃利镇",
        "大四站镇",
        "双河镇",
        "倭肯镇",
        "小五站镇",
    ),
    "安康": ("新城街道", "江北街道", "五里镇", "关庙镇", "恒口镇", "瀛湖镇"),
    "巴中": (
        "东城街道",
        "西城街道",
        "回风街道",
        "宕梁街道",
        "兴文街道",
        "登科街道",
        "文治街道",
        "司城街道",
        "集州街道",
    ),
}
# 市直部门 and 点位 named in questions (as staff type them).
DEPARTMENTS = ("住建局", "水务局", "市场监管局", "交警支队", "生态环境局", "交通运输局", "教育局", "气象局")
POINTS = (
    "金州路",
    "鼓楼巷",
    "滨江花园",
    "安澜路",
    "汽车站广场",
    "滨河公园",
    "东门公厕",
    "南池农贸市场",
    "书院巷",
    "翠屏小区",
    "望江路",
    "滨河广场",
    "义兴农贸市场",
    "槐树巷",
    "锦绣花园",
    "桃源巷",
    "西街农贸市场",
    "北门农贸市场",
)
CITY_PREFIX = {"七台河": "七", "安康": "安", "巴中": "巴"}
PLACES = {c: (c,) + DISTRICTS[c] + SUBUNITS[c] for c in CITIES}
ALL_PLACES = tuple(p for c in CITIES for p in PLACES[c])
ALL_PARTS = tuple(p for c in CITIES for p in DISTRICTS[c] + SUBUNITS[c]) + DEPARTMENTS + POINTS
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
    "multipart": 5,
    "number": 17,
    "progress": 6,
    "rank": 6,
    "standard": 6,
    "target": 5,
    "unanswerable": 36,
    "unit": 4,
}


EVERYDAY_WORDS_QUESTIONS = {
    "t022": ("拆违", "拆除违法建设"),
    "t023": ("拆违", "拆除违法建设"),
    "t025": ("拆违", "拆除违法建设"),
    "t026": ("查出", "发现问题"),
    "t028": ("垫底", "末位"),
    "t029": ("拆违", "拆除违法建设"),
    "t030": ("涨", "提高"),
    "t031": ("垫底", "末位"),
    "t032": ("查出", "发现问题"),
    "t038": ("停车位", "停车泊位"),
    "t039": ("倒数第一", "末位"),
    "t045": ("机扫率", "机械化清扫率"),
    "t047": ("查出", "发现问题"),
    "t055": ("查出", "发现问题"),
    "t058": ("下雪", "降雪"),
    "t062": ("扫雪", "清雪"),
    "t069": ("查出", "发现问题"),
    "t072": ("机扫率", "机械化清扫率"),
    "t074": ("拆违", "拆除违法建设"),
    "t079": ("垫底", "末位"),
    "t083": ("拆违", "拆除违法建设"),
    "t084": ("厕所", "公厕"),
    "t085": ("拆违", "拆除违法建设"),
    "t088": ("拆违", "拆除违法建设"),
    "t089": ("老小区", "老旧小区"),
    "t092": ("弄完", "完工"),
    "t095": ("停车位", "停车泊位"),
    "t098": ("菜市场", "农贸市场"),
    "t099": ("花了", "投资"),
}


EVERYDAY_WORDS_FOLLOWUPS = {
    "w01": ("拆违", "拆除违法建设"),
    "w02": ("拆违", "拆除违法建设"),
    "w04": ("查出", "发现问题"),
    "w06": ("拆违", "拆除违法建设"),
    "w12": ("涨", "提高"),
    "w16": ("扫雪", "清雪"),
    "w22": ("案子", "立案"),
    "w26": ("拆违", "拆除违法建设"),
    "w29": ("拆违", "拆除违法建设"),
    "w31": ("拆违", "拆除违法建设"),
    "w36": ("城管队员", "城管执法人员"),
    "w38": ("拆违", "拆除违法建设"),
    "w40": ("停车位", "停车泊位"),
}


FPROBES = {
    "w01": ("D_subunit", [("doc", "岚皋县[^。]{0,20}[0-9]+处")]),
    "w05": ("D_subunit", [("doc", "江北街道")]),
    "w15": ("D_subunit", [("doc", "水务局")]),
    "w17": ("D_subunit", [("doc", "瀛湖镇")]),
    "w22": ("H_notstated", [("doc", "办结率")]),
    "w24": ("D_subunit", [("doc", "勃利县[^。]{0,40}办结率")]),
    "w25": ("H_notstated", [("doc", "注册")]),
    "w27": ("D_subunit", [("doc", "桃南街道")]),
}


LIST_QUESTIONS = {"t015": 7, "t037": 6, "t054": 7, "t068": 0, "t086": 9, "t087": 10, "t100": 6}


LOOK_ALIKE_HELD = {
    "t013": ["82.0分", "83.0分"],
    "t018": ["76.4%"],
    "t020": ["16条", "20条"],
    "t027": ["168"],
    "t067": ["31,240件", "24,516件"],
    "t068": ["92.0%"],
    "t093": ["156处", "92/180"],
    "t095": ["100/250"],
    "w05": ["85.0分"],
    "w15": ["92.0%", "86.5%"],
    "w27": ["96.0%"],
}


LOOK_ALIKE_TRAPS = {
    "t006": ["83.0分"],
    "t008": ["９２．７％"],
    "t017": ["第7位"],
    "t023": ["拆除违法建设17处"],
    "t028": ["7月31日前"],
    "t035": ["93.7%"],
    "t038": ["新增停车泊位170个"],
    "t041": ["3/8"],
    "t043": ["约谈主要负责同志"],
    "t048": ["4/10"],
    "t050": ["80.5"],
    "t051": ["南江县1条"],
    "t057": ["48万立方米"],
    "t060": ["９３％以上"],
    "t061": ["46个"],
    "t064": ["背街小巷完工4条"],
    "t078": ["11个"],
    "t079": ["80.8"],
    "t080": ["18,460件"],
    "t081": ["85分以上"],
    "t085": ["13/26"],
    "t088": ["新兴区50处"],
    "t094": ["扣0.2分"],
    "t097": ["92.4%"],
    "w08": ["2,661件"],
    "w09": ["82.0分"],
    "w14": ["91.9%"],
    "w26": ["全年拆除130处"],
    "w29": ["36/66"],
    "w30": ["反弹问题13个"],
    "w34": ["452个"],
    "w35": ["79.6"],
    "w37": ["90.8%"],
}


PROBES = {
    "t001": ("D_subunit", [("doc", "回风街道[^。]{0,30}万元")]),
    "t003": ("D_subunit", [("doc", "桃山区[^。]{0,30}满意率")]),
    "t011": ("E_rank", [("doc", "全省")]),
    "t012": ("H_notstated", [("doc", "东城街道")]),
    "t013": ("A_period", [("doc", "一季度"), ("010_ankang-chuangwen-ceping-2025-q3.txt", "一季度")]),
    "t016": ("D_subunit", [("doc", "五里镇[^。]{0,30}万元")]),
    "t018": ("C_nofigure", [("doc", "农贸市场点位合格率为[0-9]")]),
    "t019": ("I_target_only", [("doc", "农贸市场[^。]{0,12}(已完成|已改造|已提升)")]),
    "t020": ("J_result_only", [("doc", "去年[^。，]{0,10}任务[0-9]")]),
    "t022": ("D_subunit", [("doc", "东城街道")]),
    "t024": ("J_result_only", [("doc", "办结率[^。]{0,10}(目标|以上)")]),
    "t026": ("B_place", [("doc", "石泉县")]),
    "t027": ("D_subunit", [("doc", "桃西街道")]),
    "t029": ("D_subunit", [("all", "兴华街道[^。]{0,20}[0-9]+处")]),
    "t033": ("D_subunit", [("doc", "平昌县[^。]{0,20}问题[0-9]")]),
    "t036": ("D_subunit", [("doc", "宁陕县[^。]{0,20}[0-9]+处")]),
    "t040": ("D_subunit", [("doc", "兴华街道")]),
    "t042": ("I_target_only", [("doc", "老旧小区[^。]{0,12}(已完成|已改造)")]),
    "t044": ("D_subunit", [("doc", "红旗镇")]),
    "t045": ("D_subunit", [("doc", "勃利县[^。]{0,40}机械化清扫率")]),
    "t047": ("B_place", [("doc", "通江县")]),
    "t062": ("B_place", [("doc", "勃利县[^。]{0,30}台")]),
    "t065": ("L_similar", [("doc", "简易程序")]),
    "t066": ("D_subunit", [("doc", "兴华街道")]),
    "t067": ("A_period", [("doc", "前年[^。]{0,15}立案"), ("all", "2023年[^。]{0,20}立案")]),
    "t068": ("H_notstated", [("doc", "市直部门")]),
    "t070": ("A_period", [("all", "第7期[^。]{0,20}[0-9]+个")]),
    "t071": ("B_place", [("doc", "勃利县[^。]{0,20}[0-9０-９]+件")]),
    "t075": ("H_notstated", [("doc", "满意率")]),
    "t077": ("L_similar", [("doc", "罚款|元")]),
    "t082": ("D_subunit", [("doc", "新兴区[^。]{0,20}点位[0-9]")]),
    "t091": ("E_rank", [("doc", "办结率[^。]{0,20}第[0-9]+位")]),
    "t093": ("A_period", [("doc", "2023年"), ("doc", "上年[^。]{0,10}拆除")]),
    "t095": ("D_subunit", [("doc", "通江县[^。]{0,20}泊位")]),
    "t096": ("F_cutoff", [("doc", "新时代文明实践站[^。]*整改时限")]),
    "t099": ("H_notstated", [("doc", "公厕[^。]{0,30}万元")]),
}


RELATIVE_YEAR_FOLLOWUPS = {
    "w14": 2024,
    "w18": 2025,
    "w20": 2025,
    "w21": 2025,
    "w29": 2024,
    "w32": 2025,
    "w33": 2025,
    "w38": 2025,
}


RELATIVE_YEAR_QUESTIONS = {
    "t020": 2024,
    "t023": 2025,
    "t024": 2025,
    "t038": 2025,
    "t041": 2025,
    "t048": 2025,
    "t057": 2024,
    "t064": 2025,
    "t067": 2023,
    "t085": 2024,
    "t095": 2024,
    "t097": 2024,
    "t099": 2025,
}


TYPO_QUESTIONS = {
    "t008": ("处制率", "处置率"),
    "t031": ("约淡", "约谈"),
    "t048": ("公测", "公厕"),
    "t052": ("测平", "测评"),
    "t061": ("督察", "督查"),
    "t071": ("立按", "立案"),
}


SHORT_QUESTIONS = [
    "t006",
    "t008",
    "t012",
    "t013",
    "t027",
    "t035",
    "t044",
    "t045",
    "t051",
    "t066",
    "t071",
    "t072",
    "t080",
    "t083",
    "t085",
    "t088",
    "t089",
]


RANK_QUESTIONS = ["t007", "t011", "t017", "t030", "t050", "t063", "t090", "t091"]


PROGRESS_QUESTIONS = ["t019", "t025", "t041", "t042", "t048", "t049", "t051", "t064"]


SUB_UNIT_QUESTIONS = {
    "t001": ("回风街道", "投资"),
    "t003": ("桃山区", "满意率"),
    "t009": ("汉滨区", "点位"),
    "t010": ("汉滨区", "得分"),
    "t012": ("东城街道", "考核"),
    "t016": ("五里镇", "投资"),
    "t021": ("水务局", "按期处置率"),
    "t022": ("东城街道", "拆除违法建设"),
    "t023": ("茄子河区", "拆除违法建设"),
    "t026": ("石泉县", "发现问题"),
    "t027": ("桃西街道", "立案"),
    "t028": ("紫阳县", "整改"),
    "t029": ("兴华街道", "拆除违法建设"),
    "t032": ("翠屏小区", "发现问题"),
    "t033": ("平昌县", "问题"),
    "t035": ("新兴区", "按期处置率"),
    "t036": ("宁陕县", "拆除违法建设"),
    "t038": ("勃利县", "停车泊位"),
    "t040": ("兴华街道", "清雪"),
    "t041": ("巴州区", "背街小巷"),
    "t044": ("红旗镇", "立案"),
    "t045": ("勃利县", "机械化清扫率"),
    "t047": ("通江县", "发现问题"),
    "t048": ("汉滨区", "公厕"),
    "t051": ("南江县", "背街小巷"),
    "t055": ("金州路", "发现问题"),
    "t057": ("桃山区", "清运积雪"),
    "t062": ("勃利县", "除雪机械"),
    "t064": ("桃山区", "背街小巷"),
    "t066": ("兴华街道", "得分"),
    "t071": ("勃利县", "立案"),
    "t072": ("桃山区", "机械化清扫率"),
    "t074": ("巴州区", "拆除违法建设"),
    "t079": ("白河县", "得分"),
    "t082": ("新兴区", "点位"),
    "t083": ("江北街道", "拆除违法建设"),
    "t084": ("安澜路", "责任单位"),
    "t085": ("通江县", "拆除违法建设"),
    "t088": ("新兴区", "拆除违法建设"),
    "t089": ("恩阳区", "老旧小区"),
    "t092": ("桃源巷", "完工"),
    "t095": ("通江县", "泊位"),
    "t098": ("江北街道", "农贸市场"),
    "t099": ("桃山区", "投资"),
    "t100": ("桃山区", "按期处置率"),
}


SUB_UNIT_FOLLOWUPS = {
    "w01": ("岚皋县", "拆除违法建设"),
    "w03": ("北山街道", "按期处置率"),
    "w04": ("义兴农贸市场", "发现问题"),
    "w05": ("江北街道", "得分"),
    "w07": ("宁陕县", "按期处置率"),
    "w15": ("水务局", "按期处置率"),
    "w17": ("瀛湖镇", "按期处置率"),
    "w18": ("巴州区", "公厕"),
    "w19": ("桃山区", "得分"),
    "w21": ("汉滨区", "农贸市场"),
    "w22": ("新兴区", "１２３４５"),
    "w24": ("勃利县", "办结率"),
    "w27": ("桃南街道", "按期处置率"),
    "w28": ("新兴区", "按期处置率"),
    "w29": ("巴州区", "拆除违法建设"),
    "w31": ("关庙镇", "拆除违法建设"),
    "w32": ("桃山区", "背街小巷"),
    "w35": ("镇坪县", "得分"),
}


CHANGED_SLOT_FOLLOWUPS = {
    "w01": (
        "place",
        ("汉阴县", "上半年", "拆违"),
        ("岚皋县", "上半年", "拆违"),
        "014_ankang-cg-2025-shangbannian-tongbao.txt",
        "|汉阴县|9/15|1/3|1/3|150/300|",
    ),
    "w02": (
        "place",
        ("平昌县", "2024年", "拆违"),
        ("全市", "2024年", "拆违"),
        "015_bazhong-cgj-2024-zongjie.txt",
        "南江县20处、平昌县22处",
    ),
    "w03": (
        "place",
        ("桃南街道", "10月", "按期处置率"),
        ("北山街道", "10月", "按期处置率"),
        "002_qitaihe-szcg-tongbao-2025-10.txt",
        "|桃山区|桃南街道|201|96.0%|",
    ),
    "w05": (
        "period",
        ("江北街道", "二季度", "测评"),
        ("江北街道", "三季度", "测评"),
        "009_ankang-chuangwen-ceping-2025-q2.txt",
        "新城街道86.2分、江北街道85.0分",
    ),
    "w06": (
        "measure",
        ("安康", "上半年", "拆违"),
        ("安康", "上半年", "停车泊位"),
        "014_ankang-cg-2025-shangbannian-tongbao.txt",
        "全市拆除违法建设96处，完成年度任务的64.0%",
    ),
    "w07": (
        "place",
        ("安康", "10月", "按期处置率"),
        ("宁陕县", "10月", "按期处置率"),
        "008_ankang-szcg-tongbao-2025-10.txt",
        "按期处置3,768件，按期处置率92.8%",
    ),
    "w08": (
        "period",
        ("七台河", "10月", "立案"),
        ("七台河", "9月", "立案"),
        "002_qitaihe-szcg-tongbao-2025-10.txt",
        "中心城区数字城管系统共立案2,661件",
    ),
    "w09": (
        "period",
        ("安康", "二季度", "平均"),
        ("安康", "三季度", "平均"),
        "009_ankang-chuangwen-ceping-2025-q2.txt",
        "本季度全市平均得分82.0分",
    ),
    "w10": (
        "measure",
        ("安康", "三季度", "平均"),
        ("安康", "三季度", "问题"),
        "010_ankang-chuangwen-ceping-2025-q3.txt",
        "本季度全市平均得分83.0分",
    ),
    "w11": (
        "period",
        ("安康", "10月", "立案"),
        ("安康", "1—10月", "立案"),
        "008_ankang-szcg-tongbao-2025-10.txt",
        "全市数字城管系统共立案4,061件",
    ),
    "w13": (
        "measure",
        ("七台河", "10月", "立案"),
        ("七台河", "10月", "按期处置率"),
        "002_qitaihe-szcg-tongbao-2025-10.txt",
        "中心城区数字城管系统共立案2,661件",
    ),
    "w14": (
        "period",
        ("巴中", "上半年", "按期处置率"),
        ("巴中", "去年", "按期处置率"),
        "016_bazhong-cgj-2025-shangbannian-zongjie.txt",
        "立案9,640件，按期处置率91.9%",
    ),
    "w15": (
        "period",
        ("水务局", "9月", "按期处置率"),
        ("水务局", "10月", "按期处置率"),
        "001_qitaihe-szcg-tongbao-2025-09.txt",
        "|市水务局|５２|８６．５％|",
    ),
    "w17": (
        "place",
        ("新城街道", "10月", "按期处置率"),
        ("瀛湖镇", "10月", "按期处置率"),
        "008_ankang-szcg-tongbao-2025-10.txt",
        "|新城街道|486|94.9%|",
    ),
    "w19": (
        "place",
        ("七台河", "三季度", "平均"),
        ("桃山区", "三季度", "平均"),
        "004_qitaihe-chuangwen-ceping-2025-q3.txt",
        "本季度全市平均得分83.2分",
    ),
    "w22": (
        "measure",
        ("新兴区", "9月", "案子"),
        ("新兴区", "9月", "办结率"),
        "001_qitaihe-szcg-tongbao-2025-09.txt",
        "|新兴区|１，２３６|１，１４４|９２．６％|第２位|",
    ),
    "w23": (
        "measure",
        ("七台河", "前三季度", "按期处置率"),
        ("七台河", "前三季度", "办结率"),
        "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
        "累计立案24,516件，按期处置率92.4%",
    ),
    "w24": (
        "place",
        ("新兴区", "前三季度", "办结率"),
        ("勃利县", "前三季度", "办结率"),
        "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
        "12345城管类工单3,806件，办结率97.4%",
    ),
    "w26": (
        "place",
        ("桃山区", "前三季度", "拆违"),
        ("全市", "前三季度", "拆违"),
        "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
        "拆除违法建设27处，完成区级任务35处的77.1%",
    ),
    "w27": (
        "period",
        ("桃南街道", "10月", "按期处置率"),
        ("桃南街道", "9月", "按期处置率"),
        "002_qitaihe-szcg-tongbao-2025-10.txt",
        "|桃山区|桃南街道|201|96.0%|",
    ),
    "w28": (
        "place",
        ("七台河", "9月", "按期处置率"),
        ("新兴区", "9月", "按期处置率"),
        "001_qitaihe-szcg-tongbao-2025-09.txt",
        "按期处置２，５７６件，按期处置率９２．７％",
    ),
    "w29": (
        "period",
        ("巴州区", "上半年", "拆违"),
        ("巴州区", "去年", "拆违"),
        "016_bazhong-cgj-2025-shangbannian-zongjie.txt",
        "|巴州区|36/66|3/8|4/8|520/1,000|",
    ),
    "w31": (
        "place",
        ("江北街道", "上半年", "拆违"),
        ("关庙镇", "上半年", "拆违"),
        "014_ankang-cg-2025-shangbannian-tongbao.txt",
        "新城街道12处、江北街道15处",
    ),
    "w33": (
        "measure",
        ("七台河", "今年", "公厕"),
        ("七台河", "今年", "背街小巷"),
        "007_qitaihe-chengguan-jianghua-2025.txt",
        "全年新建改建公厕16座",
    ),
    "w34": (
        "period",
        ("安康", "三季度", "问题"),
        ("安康", "二季度", "问题"),
        "010_ankang-chuangwen-ceping-2025-q3.txt",
        "共发现问题452个，较第二季度减少72个",
    ),
    "w35": (
        "place",
        ("白河县", "三季度", "测评"),
        ("镇坪县", "三季度", "测评"),
        "010_ankang-chuangwen-ceping-2025-q3.txt",
        "|白河县|80.5|下降0.3分|第10位|34|83.5%|",
    ),
    "w37": (
        "measure",
        ("巴中", "上半年", "立案"),
        ("巴中", "上半年", "按期处置率"),
        "016_bazhong-cgj-2025-shangbannian-zongjie.txt",
        "上半年中心城区数字城管系统立案9,640件",
    ),
    "w38": (
        "period",
        ("七台河", "去年", "拆违"),
        ("七台河", "今年", "拆违"),
        "007_qitaihe-chengguan-jianghua-2025.txt",
        "拆除违法建设112处",
    ),
    "w40": (
        "measure",
        ("七台河", "前三季度", "拆违"),
        ("七台河", "前三季度", "停车位"),
        "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
        "全市拆除违法建设96处、面积4.2万平方米",
    ),
}


LOOK_ALIKE_FAMILIES = [
    (
        "consecutive_months",
        "七台河 数字城管月报 9月 / 10月（同一版式）",
        ["001_qitaihe-szcg-tongbao-2025-09.txt", "002_qitaihe-szcg-tongbao-2025-10.txt"],
    ),
    (
        "two_cities",
        "数字城管月报 七台河 9月、10月 / 安康 10月（10月两份同题）",
        [
            "001_qitaihe-szcg-tongbao-2025-09.txt",
            "002_qitaihe-szcg-tongbao-2025-10.txt",
            "008_ankang-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_quarters",
        "安康 测评通报 二季度 / 三季度",
        ["009_ankang-chuangwen-ceping-2025-q2.txt", "010_ankang-chuangwen-ceping-2025-q3.txt"],
    ),
    (
        "two_cities",
        "季度测评通报 七台河 三季度 / 安康 二、三季度（三季度两份同题）",
        [
            "004_qitaihe-chuangwen-ceping-2025-q3.txt",
            "009_ankang-chuangwen-ceping-2025-q2.txt",
            "010_ankang-chuangwen-ceping-2025-q3.txt",
        ],
    ),
    (
        "two_cities",
        "督查通报 安康 第6期 / 巴中 第9期（同题）",
        ["012_ankang-chuangwen-ducha-tongbao-06.txt", "017_bazhong-chuangwen-ducha-tongbao-09.txt"],
    ),
    (
        "two_cities",
        "不写市名的讲话 七台河 城管 / 巴中 创文",
        ["007_qitaihe-chengguan-jianghua-2025.txt", "018_bazhong-chuangwen-jianghua-2025.txt"],
    ),
    (
        "summary_vs_halfyear",
        "七台河 讲话（去年结果、今年任务）/ 前三季度总结 / 9月、10月月报",
        [
            "001_qitaihe-szcg-tongbao-2025-09.txt",
            "002_qitaihe-szcg-tongbao-2025-10.txt",
            "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
            "007_qitaihe-chengguan-jianghua-2025.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "安康 上半年通报 / 10月月报",
        ["008_ankang-szcg-tongbao-2025-10.txt", "014_ankang-cg-2025-shangbannian-tongbao.txt"],
    ),
    (
        "summary_vs_halfyear",
        "巴中 2024 总结 / 2025 上半年总结 / 讲话",
        [
            "015_bazhong-cgj-2024-zongjie.txt",
            "016_bazhong-cgj-2025-shangbannian-zongjie.txt",
            "018_bazhong-chuangwen-jianghua-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "七台河市 总结、方案、讲话 / 桃山区新闻",
        [
            "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt",
            "005_qitaihe-qingxue-fangan-2025.txt",
            "007_qitaihe-chengguan-jianghua-2025.txt",
            "006_taoshan-beijie-qingxue-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "安康市 月报、督查、上半年通报 / 汉滨区新闻",
        [
            "008_ankang-szcg-tongbao-2025-10.txt",
            "012_ankang-chuangwen-ducha-tongbao-06.txt",
            "014_ankang-cg-2025-shangbannian-tongbao.txt",
            "013_hanbin-nongmao-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "巴中市 总结、讲话 / 巴州区新闻",
        [
            "015_bazhong-cgj-2024-zongjie.txt",
            "016_bazhong-cgj-2025-shangbannian-zongjie.txt",
            "018_bazhong-chuangwen-jianghua-2025.txt",
            "019_bazhou-beijie-gongce-xinwen-2025.txt",
        ],
    ),
]


DOC_INFO = {
    "001_qitaihe-szcg-tongbao-2025-09.txt": (
        "七台河",
        "城管",
        2025,
        ["full_width", "letterhead", "docnumber", "addressee", "table", "title_no_place"],
    ),
    "002_qitaihe-szcg-tongbao-2025-10.txt": (
        "七台河",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt": (
        "七台河",
        "城管",
        2025,
        ["running_header", "page_marker", "signature"],
    ),
    "004_qitaihe-chuangwen-ceping-2025-q3.txt": (
        "七台河",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "005_qitaihe-qingxue-fangan-2025.txt": ("七台河", "城管", 2025, ["attachment", "table", "signature"]),
    "006_taoshan-beijie-qingxue-xinwen-2025.txt": ("七台河", "城管", 2025, ["news", "title_no_place"]),
    "007_qitaihe-chengguan-jianghua-2025.txt": (
        "七台河",
        "城管",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "008_ankang-szcg-tongbao-2025-10.txt": (
        "安康",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "009_ankang-chuangwen-ceping-2025-q2.txt": (
        "安康",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "010_ankang-chuangwen-ceping-2025-q3.txt": (
        "安康",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "masked", "signature", "title_no_place"],
    ),
    "011_ankang-chuangwen-ceping-xize.txt": ("安康", "创文", 2025, ["table"]),
    "012_ankang-chuangwen-ducha-tongbao-06.txt": (
        "安康",
        "创文",
        2025,
        ["docnumber", "addressee", "signature", "title_no_place"],
    ),
    "013_hanbin-nongmao-gongce-xinwen-2025.txt": ("安康", "城管", 2025, ["news", "title_no_place"]),
    "014_ankang-cg-2025-shangbannian-tongbao.txt": (
        "安康",
        "城管",
        2025,
        ["docnumber", "addressee", "page_marker", "table", "signature"],
    ),
    "015_bazhong-cgj-2024-zongjie.txt": ("巴中", "城管", 2024, ["hard_breaks", "signature"]),
    "016_bazhong-cgj-2025-shangbannian-zongjie.txt": (
        "巴中",
        "城管",
        2025,
        ["letterhead", "page_marker", "table", "signature"],
    ),
    "017_bazhong-chuangwen-ducha-tongbao-09.txt": (
        "巴中",
        "创文",
        2025,
        ["docnumber", "addressee", "cut_off", "title_no_place"],
    ),
    "018_bazhong-chuangwen-jianghua-2025.txt": (
        "巴中",
        "创文",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "019_bazhou-beijie-gongce-xinwen-2025.txt": ("巴中", "城管", 2025, ["news", "title_no_place"]),
    "020_bazhong-zhongxinchengqu-chengguan-kaohe-banfa.txt": ("巴中", "城管", 2025, ["table"]),
}


TITLES = {
    "001_qitaihe-szcg-tongbao-2025-09.txt": "关于２０２５年９月份数字城管运行情况的通报",
    "002_qitaihe-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt": "七台河市城市管理局2025年前三季度工作总结",
    "004_qitaihe-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "005_qitaihe-qingxue-fangan-2025.txt": "七台河市2025—2026年度冬季城市清冰雪工作方案",
    "006_taoshan-beijie-qingxue-xinwen-2025.txt": "我区背街小巷改造收尾和冬季清雪准备同步推进",
    "007_qitaihe-chengguan-jianghua-2025.txt": "在全市城市管理暨创建文明城市工作推进会上的讲话",
    "008_ankang-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "009_ankang-chuangwen-ceping-2025-q2.txt": "关于2025年第二季度文明城市创建常态化测评情况的通报",
    "010_ankang-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "011_ankang-chuangwen-ceping-xize.txt": "安康市文明城市创建常态化测评实施细则（试行）",
    "012_ankang-chuangwen-ducha-tongbao-06.txt": "创建全国文明城市督查通报",
    "013_hanbin-nongmao-gongce-xinwen-2025.txt": "我区农贸市场提档升级和公厕改造跑出“加速度”",
    "014_ankang-cg-2025-shangbannian-tongbao.txt": "安康市城市管理局关于2025年上半年城市管理重点工作推进情况的通报",
    "015_bazhong-cgj-2024-zongjie.txt": "巴中市城市管理局2024年工作总结",
    "016_bazhong-cgj-2025-shangbannian-zongjie.txt": "巴中市城市管理局2025年上半年工作总结",
    "017_bazhong-chuangwen-ducha-tongbao-09.txt": "创建全国文明城市督查通报",
    "018_bazhong-chuangwen-jianghua-2025.txt": "在全市创建全国文明城市工作推进会上的讲话",
    "019_bazhou-beijie-gongce-xinwen-2025.txt": "我区背街小巷改造和公厕提质双线发力",
    "020_bazhong-zhongxinchengqu-chengguan-kaohe-banfa.txt": "巴中市中心城区城市管理工作考核办法",
}


PLACE_CLUES = {
    "001_qitaihe-szcg-tongbao-2025-09.txt": ["docnumber", "addressee", "table"],
    "002_qitaihe-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "004_qitaihe-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "006_taoshan-beijie-qingxue-xinwen-2025.txt": ["body", "site"],
    "007_qitaihe-chengguan-jianghua-2025.txt": ["speech"],
    "008_ankang-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "009_ankang-chuangwen-ceping-2025-q2.txt": ["docnumber", "addressee", "table"],
    "010_ankang-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "012_ankang-chuangwen-ducha-tongbao-06.txt": ["docnumber", "addressee"],
    "013_hanbin-nongmao-gongce-xinwen-2025.txt": ["body", "site"],
    "017_bazhong-chuangwen-ducha-tongbao-09.txt": ["docnumber", "addressee"],
    "018_bazhong-chuangwen-jianghua-2025.txt": ["speech"],
    "019_bazhou-beijie-gongce-xinwen-2025.txt": ["body", "site"],
}


CITY_HIDDEN = [
    "001_qitaihe-szcg-tongbao-2025-09.txt",
    "002_qitaihe-szcg-tongbao-2025-10.txt",
    "004_qitaihe-chuangwen-ceping-2025-q3.txt",
    "006_taoshan-beijie-qingxue-xinwen-2025.txt",
    "007_qitaihe-chengguan-jianghua-2025.txt",
    "008_ankang-szcg-tongbao-2025-10.txt",
    "009_ankang-chuangwen-ceping-2025-q2.txt",
    "010_ankang-chuangwen-ceping-2025-q3.txt",
    "012_ankang-chuangwen-ducha-tongbao-06.txt",
    "013_hanbin-nongmao-gongce-xinwen-2025.txt",
    "017_bazhong-chuangwen-ducha-tongbao-09.txt",
    "018_bazhong-chuangwen-jianghua-2025.txt",
    "019_bazhou-beijie-gongce-xinwen-2025.txt",
]


SAME_TITLE_PAIRS = [
    ("002_qitaihe-szcg-tongbao-2025-10.txt", "008_ankang-szcg-tongbao-2025-10.txt"),
    ("004_qitaihe-chuangwen-ceping-2025-q3.txt", "010_ankang-chuangwen-ceping-2025-q3.txt"),
    ("012_ankang-chuangwen-ducha-tongbao-06.txt", "017_bazhong-chuangwen-ducha-tongbao-09.txt"),
]


RUNNING_HEADERS = {"003_qitaihe-cgj-2025-qiansanjidu-zongjie.txt": "七台河市城市管理局2025年前三季度工作总结"}


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
    of questions and of follow-ups carry it (as in dev44)."""
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
        errors["followup_ids_not_w01_to_w40"] += 1
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


def occurrences(text, s):
    out = []
    i = text.find(s)
    while i != -1:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def near(text, x, y, limit=NEAR):
    """True when some occurrence of x lies within `limit` characters of some
    occurrence of y (gap between the two spans; overlapping spans count 0)."""
    for i in occurrences(text, x):
        for j in occurrences(text, y):
            if max(0, j - (i + len(x)), i - (j + len(y))) <= limit:
                return True
    return False


def parts_in(text):
    return [p for p in ALL_PARTS if p in (text or "")]


def asked_text(item):
    """What the item asks about: the question; for a follow-up whose second
    turn names no place (no part, no city, not 全市), history + question."""
    q = item.get("question") or ""
    hist = item.get("history") or []
    if not hist or any(w in q for w in ALL_PARTS + CITIES + ("全市",)):
        return q
    return " ".join([*hist, q])


def check_sub_unit(items, docs, errors, counters, label, table):
    """sub_unit: true exactly when the item asks about a part (asked_text
    names one of PARTS); the table gives each such item's part and measure
    word. Answerable: every evidence string lies within NEAR characters of
    a part the item names, and one of them near the table's part.
    Unanswerable: the measure word occurs in the item's document and no
    occurrence of it lies within NEAR characters of the part."""
    by_id = {it.get("id"): it for it in items}
    if set(table) - set(by_id):
        errors[label + "_sub_unit_unknown_id"] += len(set(table) - set(by_id))
    n_ans = n_un = 0
    for it in items:
        iid = it.get("id")
        if "sub_unit" in it and it["sub_unit"] is not True:
            errors[label + "_sub_unit_not_true"] += 1
        has = it.get("sub_unit") is True
        asked = asked_text(it)
        named = parts_in(asked)
        if has != bool(named):
            errors[label + "_sub_unit_flag_and_question_disagree"] += 1
            print("  sub_unit flag and question disagree:", iid)
        if has != (iid in table):
            errors[label + "_sub_unit_field_and_table_disagree"] += 1
            print("  sub_unit field and table disagree:", iid)
        if iid not in table:
            continue
        part, measure = table[iid]
        if part not in ALL_PARTS:
            errors[label + "_sub_unit_unknown_part"] += 1
        if part not in asked:
            errors[label + "_sub_unit_part_not_asked"] += 1
            print("  part not asked:", iid)
        names = [n for n in doc_names(it) if n in docs]
        if not names:
            continue
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        counters["sub_unit_checked"] += 1
        if unans:
            n_un += 1
            text = docs[names[0]]
            if measure not in text:
                errors[label + "_sub_unit_measure_not_in_document"] += 1
                print("  measure word not in document:", iid, names[0])
            elif near(text, part, measure):
                errors[label + "_sub_unit_measure_near_part"] += 1
                print("  measure word near the part:", iid, names[0])
        else:
            n_ans += 1
            hit_part = False
            for ev in it.get("evidence") or []:
                in_docs = [n for n in names if ev in docs[n]]
                if not any(near(docs[n], ev, p) for n in in_docs for p in named):
                    errors[label + "_sub_unit_evidence_not_near_a_named_part"] += 1
                    print("  evidence not near a named part:", iid)
                hit_part = hit_part or any(near(docs[n], ev, part) for n in in_docs)
            if not hit_part:
                errors[label + "_sub_unit_evidence_not_near_the_part"] += 1
                print("  evidence not near the part:", iid)
    counters[label + "_sub_unit_answerable"] = n_ans
    counters[label + "_sub_unit_unanswerable"] = n_un
    return n_ans, n_un


def check_changed_slot(followups, docs, errors, counters):
    """changed_slot: set exactly for the follow-ups in CHANGED_SLOT_FOLLOWUPS
    (id -> kind, first (place, period, measure), second (...), first-turn
    document, first-turn evidence). Exactly the flagged slot differs; the
    history holds every first-turn value; the question holds the new value,
    none of the kept values, and has at most CHANGED_SLOT_Q_MAX characters;
    the first-turn evidence is in its document, which is the item's document
    or one of its look-alikes (a part named as the first place lies within
    NEAR characters of it)."""
    by_id = {f.get("id"): f for f in followups}
    if set(CHANGED_SLOT_FOLLOWUPS) - set(by_id):
        errors["changed_slot_unknown_id"] += 1
    per = Counter()
    n_un = 0
    for f in followups:
        fid = f.get("id")
        if ("changed_slot" in f) != (fid in CHANGED_SLOT_FOLLOWUPS):
            errors["changed_slot_field_and_table_disagree"] += 1
            print("  changed_slot field and table disagree:", fid)
        if fid not in CHANGED_SLOT_FOLLOWUPS:
            continue
        kind, first, second, fdoc, fev = CHANGED_SLOT_FOLLOWUPS[fid]
        if kind not in SLOTS or f.get("changed_slot") != kind:
            errors["changed_slot_value_wrong"] += 1
            continue
        per[kind] += 1
        unans = f.get("must_contain") == [] and f.get("evidence") == []
        n_un += unans
        diff = [SLOTS[i] for i in range(3) if first[i] != second[i]]
        if diff != [kind]:
            errors["changed_slot_not_exactly_one_slot"] += 1
            print("  not exactly the flagged slot changed:", fid)
        hist = " ".join(f.get("history") or [])
        q = f.get("question") or ""
        if any(v and v not in hist for v in first):
            errors["changed_slot_first_turn_value_not_in_history"] += 1
            print("  first-turn value not in history:", fid)
        k = SLOTS.index(kind)
        if not second[k] or second[k] not in q:
            errors["changed_slot_new_value_not_in_question"] += 1
            print("  new value not in question:", fid)
        if any(i != k and second[i] and second[i] in q for i in range(3)):
            errors["changed_slot_kept_value_repeated"] += 1
            print("  kept value repeated:", fid)
        if len(q) > CHANGED_SLOT_Q_MAX:
            errors["changed_slot_question_too_long"] += 1
        if fdoc not in docs or fev not in docs[fdoc]:
            errors["changed_slot_first_turn_evidence_not_found"] += 1
            print("  first-turn evidence not found:", fid, fdoc)
        elif first[0] in ALL_PARTS and not near(docs[fdoc], fev, first[0]):
            errors["changed_slot_first_turn_part_not_near"] += 1
            print("  first-turn part not near its evidence:", fid)
        if fdoc not in doc_names(f) + list(f.get("look_alike") or []):
            errors["changed_slot_first_turn_document_not_doc_or_look_alike"] += 1
            print("  first-turn document not the doc or a look-alike:", fid)
    counters["changed_slot_followups"] = sum(per.values())
    counters["changed_slot_unanswerable"] = n_un
    for s in SLOTS:
        counters["changed_slot_" + s] = per[s]
        if per[s] < MIN_PER_SLOT:
            errors["too_few_changed_slot_" + s] += 1
    if sum(per.values()) < MIN_CHANGED_SLOT:
        errors["too_few_changed_slot_followups"] += 1
    if n_un < MIN_CHANGED_SLOT_UNANSWERABLE:
        errors["too_few_unanswerable_changed_slot_followups"] += 1


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
    sa, su = check_sub_unit(questions, docs, errors, counters, "questions", SUB_UNIT_QUESTIONS)
    if sa + su < MIN_SUB_UNIT_QUESTIONS:
        errors["too_few_sub_unit_questions"] += 1
    elif not SUB_UNIT_ANSWERABLE_SHARE[0] <= sa / (sa + su) <= SUB_UNIT_ANSWERABLE_SHARE[1]:
        errors["sub_unit_questions_answerable_share_out_of_range"] += 1
    fsa, fsu = check_sub_unit(followups, docs, errors, counters, "followups", SUB_UNIT_FOLLOWUPS)
    if fsa + fsu < MIN_SUB_UNIT_FOLLOWUPS or min(fsa, fsu) < MIN_SUB_UNIT_FOLLOWUPS_EACH:
        errors["too_few_sub_unit_followups"] += 1
    check_changed_slot(followups, docs, errors, counters)
    check_titles(docs, raw, errors, counters)
    check_noise(docs, raw, errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
        print("  length out of range:", [n for n in docs if not DOC_MIN <= len(docs[n]) <= DOC_MAX])
    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)
        print("  thin documents:", thin)
    if len(followups) != N_FOLLOWUPS:
        errors["followup_count_not_40"] += 1

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}")
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
