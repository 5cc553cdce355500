#!/usr/bin/env python3
"""Validate the dev48 evaluation set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev47's validate.py (same kinds of checks, same output style).
Matching is done after removing all whitespace (the full-width space
included); nothing else is normalised (except where said: the "held"
strings of unanswerable look-alike items are compared with full-width
digits turned to ASCII).

dev48 has two emphases:

* Follow-ups that are whole questions but drop the place. Follow-ups
  flagged "carry_place" (CARRY_PLACE: id -> place, measure word, period
  word) are complete questions (they name a measure and, where listed, a
  period) but name no place in the last turn; the place is only in the
  history. The validator checks that the last turn names no place, names the
  measure word (and the period word), and that the measure word is not in the
  history; that the history names the listed place and no place of another
  city, and the place belongs to the item's document; and that the measure
  word stands in a document of another place too (so the place decides the
  document). Follow-ups flagged "switch_topic" (SWITCH_TOPIC: id -> place,
  the history's document) name their own place in the last turn; the
  validator checks that this place is named nowhere in the history, that the
  item's document belongs to it, and that the history's document is another
  document, belonging to a place the history names.

* Standards and scoring. Items flagged "standard" (at least
  MIN_STANDARD_QUESTIONS questions) ask a 分值, a 扣分 rule, a threshold or a
  测评方法. Each flagged answerable item's evidence lies in a document listed
  in STANDARD_DOCS and its must_contain holds a figure or a method word
  (实地考察 / 问卷调查 / 材料审核). STANDARD_DOCS (at least MIN_STANDARD_DOCS)
  hold scoring tables in three layouts: "|" tables, whitespace-aligned
  columns (noise ws_table) and numbered paragraphs "1. …（3分）" (noise
  numbered_items).

Kept from dev47 (minimums lowered where said): longer chats (LONG_CHATS,
at least MIN_LONG_CHATS), answers that need two sentences of one passage
("two_sentences", at least MIN_TWO_SENTENCES), everyday words ("colloquial",
25-40 % of items), documents whose title names no place (TITLES,
PLACE_CLUES, CITY_HIDDEN, "untitled_place"), look-alike documents
("look_alike", LOOK_ALIKE_TRAPS, LOOK_ALIKE_HELD), probes for unanswerable
items, relative years, short questions, typos, lists, 街道 / 镇 questions and
the noise checks.

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
Q_OPTIONAL = {
    "relative_year",
    "look_alike",
    "untitled_place",
    "colloquial",
    "two_sentences",
    "standard",
    "carry_place",
    "switch_topic",
}
EV_MIN, EV_MAX = 10, 40
DOC_MIN, DOC_MAX = 800, 4500
OVER_MIN, N_OVER = 2000, 6
MIN_ITEMS_PER_DOC = 3
MIN_UNANSWERABLE_ANSWER = 20
WHY_RX = re.compile(
    r"没有|未|只有|只给|只定|只写|只分|只统计|只查|只按|只在|只说|只到|只测|只列|只排|只要求|只规定|截断|遮挡|不是"
)

# Two sentences of one passage (kept from dev47, lower minimum).
MIN_TWO_SENTENCES = 8
SENTENCE_END = "。！？："

# Longer chats (kept from dev47, lower minimum).
MIN_LONG_CHATS = 6

# Follow-ups that drop the place / switch the place (new).
MIN_CARRY_PLACE = 12
MIN_SWITCH_TOPIC = 8
CARRY_MIN_LEN = 8

# Standards and scoring (new).
MIN_STANDARD_QUESTIONS = 18
MIN_STANDARD_UNANSWERABLE = 4
MIN_STANDARD_COLLOQUIAL = 2
MIN_STANDARD_DOCS = 4
METHOD_WORDS = ("实地考察", "问卷调查", "材料审核")
FIGURE = re.compile(r"[0-9０-９]")

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
    "S_standard",
)
MIN_PER_KIND = 1

LOOK_ALIKE_KINDS = (
    "consecutive_months",
    "two_quarters",
    "two_districts",
    "two_rules",
    "city_vs_district",
    "two_cities",
    "summary_vs_halfyear",
)
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
CITIES = ("昭通", "绥化", "临沧")
DISTRICTS = {
    "昭通": (
        "昭阳区",
        "鲁甸县",
        "巧家县",
        "盐津县",
        "大关县",
        "永善县",
        "绥江县",
        "镇雄县",
        "彝良县",
        "威信县",
        "水富市",
    ),
    "绥化": (
        "北林区",
        "安达市",
        "肇东市",
        "海伦市",
        "望奎县",
        "兰西县",
        "青冈县",
        "庆安县",
        "明水县",
        "绥棱县",
    ),
    "临沧": ("临翔区", "凤庆县", "云县", "永德县", "镇康县", "双江县", "耿马县", "沧源县"),
}
SUBUNIT_PARENT = {
    "龙泉街道": "昭阳区",
    "凤凰街道": "昭阳区",
    "太平街道": "昭阳区",
    "北闸街道": "昭阳区",
    "旧圃镇": "昭阳区",
    "永丰镇": "昭阳区",
    "文屏街道": "鲁甸县",
    "砚池街道": "鲁甸县",
    "东兴街道": "北林区",
    "西直街道": "北林区",
    "爱路街道": "北林区",
    "康庄街道": "北林区",
    "宝山镇": "北林区",
    "秦家镇": "北林区",
    "凤翔街道": "临翔区",
    "忙畔街道": "临翔区",
    "博尚镇": "临翔区",
    "凤山镇": "凤庆县",
}
SUBUNITS = {c: tuple(s for s, d in SUBUNIT_PARENT.items() if d in DISTRICTS[c]) for c in CITIES}
CITY_PREFIX = {"昭通": "昭", "绥化": "绥", "临沧": "临"}
PLACES = {c: (c,) + DISTRICTS[c] + SUBUNITS[c] for c in CITIES}
ALL_PLACES = tuple(p for c in CITIES for p in PLACES[c])
ALL_SUBUNITS = tuple(p for c in CITIES for p in SUBUNITS[c])
CITY_OF = {p: c for c in CITIES for p in PLACES[c]}
DOCNUM = re.compile(r"\S{1,8}〔(2025|２０２５)〕\S{1,4}号")
NOISE_TAGS = (
    "table",
    "ws_table",
    "numbered_items",
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
NUMBERED_ITEM = re.compile(r"^[0-9]+\.\s?\S.*（[0-9.]+分）")

# ---------------------------------------------------------------------------
# Tables (generated by tools/gen.py from the item specs).
# ---------------------------------------------------------------------------

EXPECTED_TYPES = {
    "deadline": 4,
    "list": 6,
    "multi_doc": 5,
    "multipart": 3,
    "number": 14,
    "progress": 5,
    "rank": 5,
    "standard": 15,
    "target": 4,
    "unanswerable": 36,
    "unit": 3,
}

EVERYDAY_WORDS_FOLLOWUPS = {
    "w05": ("拆违", "拆除违法建设"),
    "w12": ("整改完", "整改时限"),
    "w17": ("查出", "发现问题"),
    "w19": ("机扫率", "机械化清扫率"),
    "w20": ("查出", "发现问题"),
    "w23": ("停车位", "停车泊位"),
    "w24": ("垫底", "得分最低"),
    "w28": ("拆违", "拆除违法建设"),
}

EVERYDAY_WORDS_QUESTIONS = {
    "t013": ("垫底", "末位"),
    "t016": ("花了", "投资"),
    "t019": ("拆违", "拆除违法建设"),
    "t020": ("菜市场", "农贸市场"),
    "t021": ("拆违", "拆除违法建设"),
    "t023": ("查出", "发现问题"),
    "t028": ("整改完", "整改时限"),
    "t033": ("涨", "提高"),
    "t036": ("拆违", "拆除违法建设"),
    "t040": ("厕所", "公厕"),
    "t044": ("拆违", "拆除违法建设"),
    "t052": ("查出", "发现问题"),
    "t056": ("拆违", "拆除违法建设"),
    "t059": ("查出", "发现问题"),
    "t061": ("厕所", "公厕"),
    "t065": ("查出", "发现问题"),
    "t066": ("垫底", "末位"),
    "t067": ("查出", "发现问题"),
    "t072": ("垫底", "末位"),
    "t074": ("涨", "提高"),
    "t077": ("花了", "投资"),
    "t080": ("拆违", "拆除违法建设"),
    "t082": ("垫底", "末位"),
    "t087": ("牛皮癣", "非法小广告"),
    "t097": ("拆违", "拆除违法建设"),
    "t098": ("下雪", "降雪"),
    "t100": ("摆摊", "占道经营"),
}

FPROBES = {
    "w08": ("B_place", [("all", "临沧[^。]{0,30}满意率[0-9]"), ("doc", "满意率[0-9]+\\.[0-9]%")]),
    "w13": ("S_standard", [("doc", "清雪"), ("doc", "年度[^。]{0,6}考核细则")]),
    "w17": ("F_cutoff", [("doc", "民族路小学[^。]*扣[0-9]"), ("doc", "民族路小学[^。]*责任单位")]),
    "w19": (
        "J_result_only",
        [("doc", "2024年[^。]{0,30}机械化清扫率[^。]{0,10}(目标|任务)"), ("doc", "机械化清扫率[^。]{0,6}目标")],
    ),
    "w29": (
        "H_notstated",
        [
            ("doc", "12345"),
            ("016_lincang-cg-gongzuo-jianghua-2025.txt", "12345"),
            ("020_fengqing-cg-jinzhan-huibao-2025.txt", "12345"),
        ],
    ),
    "w30": ("A_period", [("all", "8月份[^。]{0,20}办结率"), ("all", "８月份[^。]{0,20}办结率")]),
}

PROBES = {
    "t004": ("A_period", [("doc", "去年[^。]{0,20}背街小巷"), ("doc", "上年[^。]{0,20}背街")]),
    "t005": ("D_subunit", [("doc", "康庄街道[^。]{0,20}问题[0-9]"), ("doc", "康庄街道[^。]{0,20}[0-9]+个")]),
    "t008": ("S_standard", [("all", "临沧[^。]{0,40}礼让"), ("doc", "礼让")]),
    "t012": ("F_cutoff", [("doc", "民族路小学[^。]*整改时限")]),
    "t014": ("A_period", [("all", "8月份[^。]{0,10}立案[0-9]"), ("all", "８月份[^。]{0,10}立案")]),
    "t015": ("S_standard", [("doc", "考核细则"), ("doc", "90分以上")]),
    "t017": ("J_result_only", [("doc", "覆盖率[^。]{0,10}目标"), ("doc", "垃圾分类[^。]{0,20}(目标|要达到)")]),
    "t025": ("B_place", [("doc", "安达市[^。]{0,10}满意率"), ("doc", "安达市满意")]),
    "t027": ("S_standard", [("doc", "经费")]),
    "t034": ("S_standard", [("doc", "网吧"), ("doc", "学校周边")]),
    "t035": (
        "H_notstated",
        [("doc", "去年[^。]{0,30}万元"), ("015_lincang-cgj-2024-zongjie.txt", "临翔区[^。]{0,20}万元")],
    ),
    "t036": ("A_period", [("all", "2026年[^。]{0,20}(拆除|违法建设)")]),
    "t041": ("A_period", [("all", "9月份[^。]{0,20}西直街道"), ("doc", "9月份[^。|]{0,10}95")]),
    "t044": ("I_target_only", [("all", "2025年[^。]{0,20}拆除违法建设[0-9]"), ("doc", "已拆除")]),
    "t047": ("F_cutoff", [("doc", "工作要求")]),
    "t050": ("B_place", [("all", "临沧[^。]{0,30}平均得分"), ("doc", "平均得分[0-9]")]),
    "t059": ("B_place", [("doc", "巧家县")]),
    "t061": ("D_subunit", [("doc", "昭阳区[^。]{0,20}公厕")]),
    "t069": (
        "I_target_only",
        [
            ("doc", "背街小巷[^。]{0,20}已完工"),
            ("019_linxiang-beijie-gongce-xinwen-2025.txt", "全市[^。]{0,20}背街"),
            ("020_fengqing-cg-jinzhan-huibao-2025.txt", "全市[^。]{0,20}背街"),
        ],
    ),
    "t070": ("J_result_only", [("doc", "满意率[^。]{0,10}目标"), ("doc", "满意率要")]),
    "t071": ("C_nofigure", [("doc", "兰西县满意率为[0-9]"), ("doc", "兰西县[^。]{0,6}[0-9]+\\.[0-9]%")]),
    "t073": ("S_standard", [("doc", "清雪"), ("doc", "降雪")]),
    "t075": (
        "E_rank",
        [
            ("all", "第一季度[^。]{0,12}(排名|第[0-9]+位)"),
            ("all", "一季度[^。]{0,6}[0-9]+\\.[0-9]分[^。]{0,6}第[0-9]+位"),
        ],
    ),
    "t077": ("H_notstated", [("doc", "公厕[^。]{0,30}万元")]),
    "t078": ("I_target_only", [("all", "11月份[^。]{0,10}按期处置率[0-9]")]),
    "t080": ("J_result_only", [("all", "北林区[^。]{0,10}(任务|目标)[^。]{0,10}[0-9]+处")]),
    "t081": ("L_similar", [("doc", "轮训[^。]{0,10}人次"), ("doc", "培训[^。]{0,10}人次")]),
    "t083": ("L_similar", [("doc", "人次")]),
    "t085": ("S_standard", [("doc", "垃圾分类")]),
    "t088": (
        "A_period",
        [("all", "威信县[^。]{0,10}第二季度[^。]{0,10}[0-9]+\\.[0-9]"), ("doc", "二季度[^。]{0,10}威信县")],
    ),
    "t090": ("E_rank", [("doc", "西直街道"), ("doc", "街道[^。|]{0,6}得分")]),
    "t092": ("H_notstated", [("all", "收费标准"), ("all", "首小时")]),
    "t093": ("L_similar", [("doc", "简易程序")]),
    "t094": ("D_subunit", [("all", "太平街道[^。]{0,20}办结率"), ("doc", "街道[^。|]{0,10}工单")]),
    "t096": ("A_period", [("doc", "龙泉街道"), ("all", "9月份[^。]{0,20}龙泉街道")]),
    "t100": ("L_similar", [("doc", "罚款"), ("doc", "[0-9]+元罚")]),
}

LIST_QUESTIONS = {
    "t018": 8,
    "t022": 8,
    "t024": 10,
    "t047": 0,
    "t051": 10,
    "t057": 6,
    "t065": 7,
}

LONG_CHATS = {
    "w01": ("绥化", "二季度"),
    "w04": ("昭通", "9月份"),
    "w17": ("云县", "民族路小学"),
    "w19": ("昭通", "机扫率"),
    "w22": ("临沧", "停车泊位"),
    "w30": ("昭通", "9月份"),
}

CARRY_PLACE = {
    "w03": ("北林区", "背街小巷", "今年"),
    "w06": ("绥化", "平均", "第三季度"),
    "w07": ("临沧", "满意度", ""),
    "w09": ("康庄街道", "按期处置率", "10月份"),
    "w10": ("昭通", "办结率", "10月份"),
    "w12": ("凤翔街道", "发现", ""),
    "w13": ("昭通", "清雪", ""),
    "w14": ("临翔区", "公厕", "今年"),
    "w21": ("昭阳区", "公厕", "今年"),
    "w23": ("凤庆县", "停车", "9月底"),
    "w24": ("北林区", "测评", "三季度"),
    "w27": ("绥化", "按期处置率", "10月份"),
    "w28": ("临沧", "拆除", "去年"),
    "w29": ("临沧", "办结率", ""),
}

SWITCH_TOPIC = {
    "w02": ("临翔区", "013_beilin-beijie-gongce-xinwen-2025.txt"),
    "w05": ("昭通", "015_lincang-cgj-2024-zongjie.txt"),
    "w08": ("临沧", "005_zhaotong-chuangwen-ceping-2025-q3.txt"),
    "w11": ("昭通", "010_suihua-chuangwen-ceping-2025-q3.txt"),
    "w15": ("绥化", "003_zhaotong-szcg-tongbao-2025-10.txt"),
    "w16": ("临沧", "011_suihua-chuangwen-kaohe-xize-2025.txt"),
    "w18": ("西直街道", "003_zhaotong-szcg-tongbao-2025-10.txt"),
    "w20": ("昭通", "017_lincang-chuangwen-ducha-tongbao-11.txt"),
    "w25": ("凤庆县", "019_linxiang-beijie-gongce-xinwen-2025.txt"),
    "w26": ("昭阳区", "001_zhaotong-cgj-2024-zongjie.txt"),
}

LOOK_ALIKE_HELD = {
    "t004": ["改造7条"],
    "t008": ["低于85%扣3分", "低于80%扣2分"],
    "t015": ["85分以上", "90分以上为优秀"],
    "t027": ["未列入预算扣4分"],
    "t034": ["每发现1处扣2分"],
    "t035": ["3,860万元"],
    "t036": ["150处"],
    "t041": ["95%左右"],
    "t047": ["0.2分"],
    "t050": ["82.6分", "82.1分"],
    "t069": ["已完工4条", "已完工2条"],
    "t073": ["24小时内"],
    "t078": ["93%以上", "92.5%以上"],
    "t090": ["88.4分"],
    "t096": ["95.0%"],
    "w08": ["88.7%"],
    "w13": ["24小时内"],
    "w30": ["97.1%"],
}

LOOK_ALIKE_TRAPS = {
    "t001": ["北闸街道85.2分"],
    "t002": ["不少于500份", "不少于300份"],
    "t003": ["无积存污水|12|"],
    "t009": ["排第9位"],
    "t019": ["共拆除132处"],
    "t026": ["雪停后6小时内未清除"],
    "t029": ["低于80%扣2分"],
    "t030": ["每少完成1条（座）扣1分"],
    "t031": ["83.5分以上"],
    "t042": ["满意率90%以上得满分"],
    "t043": ["每次扣2分"],
    "t045": ["雪停后24小时内"],
    "t048": ["82.1分"],
    "t054": ["临翔区7条"],
    "t056": ["今年全市拆除150处以上"],
    "t058": ["背街小巷提质改造任务9条"],
    "t063": ["|公共环境卫生|20|"],
    "t064": ["已完工5条"],
    "t068": ["93%以上"],
    "t072": ["青冈县"],
    "t076": ["已完工5条"],
    "t084": ["92.3%"],
    "t086": ["11月12日前"],
    "t089": ["低于75%扣6分"],
    "t095": ["10月24日前"],
    "t098": ["雪停后6小时内"],
    "t099": ["今年全市新建改建18座"],
    "w01": ["80.9分"],
    "w02": ["2,740万元"],
    "w03": ["已完工4条"],
    "w04": ["９１．８％"],
    "w05": ["共拆除132处"],
    "w06": ["82.6分"],
    "w07": ["满意率90%以上得满分"],
    "w09": ["91.3%"],
    "w10": ["95.4%"],
    "w11": ["82.1分"],
    "w12": ["10月10日前"],
    "w14": ["已建成2座"],
    "w15": ["92.3%"],
    "w16": ["不少于500份"],
    "w18": ["95.0%"],
    "w20": ["共发现问题37个"],
    "w21": ["已建成5座"],
    "w23": ["停车泊位160个"],
    "w24": ["北闸街道85.2分"],
    "w25": ["已完工4条"],
    "w26": ["整治背街小巷22条"],
    "w27": ["92.3%"],
    "w28": ["全年拆除违法建设178处"],
}

RELATIVE_YEAR_FOLLOWUPS = {
    "w02": 2025,
    "w03": 2025,
    "w14": 2025,
    "w21": 2025,
    "w22": 2025,
    "w25": 2025,
    "w26": 2025,
    "w28": 2024,
}

RELATIVE_YEAR_QUESTIONS = {
    "t004": 2024,
    "t009": 2024,
    "t019": 2024,
    "t035": 2024,
    "t036": 2026,
    "t038": 2024,
    "t044": 2025,
    "t056": 2024,
    "t058": 2025,
    "t069": 2025,
    "t077": 2025,
    "t080": 2025,
    "t099": 2025,
}

TWO_SENTENCES_FOLLOWUPS = {}

TWO_SENTENCES_QUESTIONS = {
    "t001": ("测评", "测评", "84.9分"),
    "t016": ("背街小巷", "背街小巷", "3,180万元"),
    "t021": ("违法建设", "拆违", "11处"),
    "t040": ("公厕", "厕所", "17座"),
    "t054": ("背街小巷", "背街小巷", "4条"),
    "t056": ("违法建设", "拆违", "132处"),
    "t064": ("背街小巷", "背街小巷", "6条"),
    "t067": ("公益广告", "公益广告", "21个"),
    "t076": ("背街小巷", "背街小巷", "13条"),
    "t079": ("清官亭农贸市场", "清官亭农贸市场", "1.6分"),
    "t097": ("违法建设", "拆违", "126处"),
    "t099": ("公厕", "公厕", "22座"),
}

TYPO_QUESTIONS = {
    "t014": ("立按", "立案"),
    "t023": ("督察", "督查"),
    "t055": ("测平", "测评"),
    "t066": ("约淡", "约谈"),
    "t077": ("公测", "公厕"),
}

STANDARD_FOLLOWUPS = [
    "w07",
    "w13",
    "w16",
]

STANDARD_QUESTIONS = [
    "t002",
    "t003",
    "t008",
    "t011",
    "t015",
    "t027",
    "t029",
    "t030",
    "t032",
    "t034",
    "t039",
    "t042",
    "t043",
    "t045",
    "t046",
    "t055",
    "t063",
    "t073",
    "t085",
    "t087",
    "t089",
    "t098",
]

PROGRESS_QUESTIONS = [
    "t021",
    "t040",
    "t044",
    "t054",
    "t064",
    "t069",
    "t076",
]

RANK_QUESTIONS = [
    "t009",
    "t010",
    "t033",
    "t062",
    "t072",
    "t075",
    "t090",
]

SHORT_QUESTIONS = [
    "t014",
    "t025",
    "t036",
    "t037",
    "t038",
    "t042",
    "t048",
    "t056",
    "t060",
    "t071",
    "t072",
    "t073",
    "t078",
    "t083",
    "t084",
    "t088",
    "t092",
    "t100",
]

SUBUNIT_FOLLOWUPS = [
    "w09",
    "w12",
    "w18",
]

SUBUNIT_QUESTIONS = [
    "t001",
    "t028",
    "t037",
    "t052",
    "t060",
    "t079",
    "t086",
    "t091",
]

STANDARD_DOCS = [
    "004_zhaotong-chuangwen-ceping-xize-2025.txt",
    "009_suihua-chuangwen-ceping-2025-q2.txt",
    "011_suihua-chuangwen-kaohe-xize-2025.txt",
    "014_suihua-shirong-zerenqu-kaohe-banfa.txt",
    "018_lincang-chuangwen-kaohe-xize-2025.txt",
]

LOOK_ALIKE_FAMILIES = [
    (
        "consecutive_months",
        "昭通 数字城管月报 9月 / 10月（9月为全角数字）",
        ["002_zhaotong-szcg-tongbao-2025-09.txt", "003_zhaotong-szcg-tongbao-2025-10.txt"],
    ),
    (
        "two_quarters",
        "绥化 季度测评通报 二季度 / 三季度",
        ["009_suihua-chuangwen-ceping-2025-q2.txt", "010_suihua-chuangwen-ceping-2025-q3.txt"],
    ),
    (
        "two_districts",
        "临沧的两个县区 临翔区新闻 / 凤庆县汇报",
        ["019_linxiang-beijie-gongce-xinwen-2025.txt", "020_fengqing-cg-jinzhan-huibao-2025.txt"],
    ),
    (
        "two_rules",
        "绥化 三种清雪时限：年度考核细则 / 门前三包考核办法 / 北林区新闻 / 三季度通报",
        [
            "010_suihua-chuangwen-ceping-2025-q3.txt",
            "011_suihua-chuangwen-kaohe-xize-2025.txt",
            "013_beilin-beijie-gongce-xinwen-2025.txt",
            "014_suihua-shirong-zerenqu-kaohe-banfa.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "昭通 2024 总结 / 2025 年 9月、10月月报",
        [
            "001_zhaotong-cgj-2024-zongjie.txt",
            "002_zhaotong-szcg-tongbao-2025-09.txt",
            "003_zhaotong-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "summary_vs_halfyear",
        "绥化 10月月报 / 前三季度总结",
        ["008_suihua-szcg-tongbao-2025-10.txt", "012_suihua-cgj-2025-qiansanjidu-zongjie.txt"],
    ),
    (
        "summary_vs_halfyear",
        "临沧 2024 总结（今年 = 2024）/ 2025 讲话",
        ["015_lincang-cgj-2024-zongjie.txt", "016_lincang-cg-gongzuo-jianghua-2025.txt"],
    ),
    (
        "city_vs_district",
        "昭通市 总结、月报、测评、督查 / 昭阳区新闻",
        [
            "001_zhaotong-cgj-2024-zongjie.txt",
            "003_zhaotong-szcg-tongbao-2025-10.txt",
            "005_zhaotong-chuangwen-ceping-2025-q3.txt",
            "006_zhaoyang-beijie-gongce-xinwen-2025.txt",
            "007_zhaotong-chuangwen-ducha-tongbao-08.txt",
        ],
    ),
    (
        "city_vs_district",
        "绥化市 月报、测评、细则、总结 / 北林区新闻",
        [
            "008_suihua-szcg-tongbao-2025-10.txt",
            "010_suihua-chuangwen-ceping-2025-q3.txt",
            "011_suihua-chuangwen-kaohe-xize-2025.txt",
            "012_suihua-cgj-2025-qiansanjidu-zongjie.txt",
            "013_beilin-beijie-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "city_vs_district",
        "临沧市 总结、讲话、督查 / 临翔区新闻、凤庆县汇报",
        [
            "015_lincang-cgj-2024-zongjie.txt",
            "016_lincang-cg-gongzuo-jianghua-2025.txt",
            "017_lincang-chuangwen-ducha-tongbao-11.txt",
            "019_linxiang-beijie-gongce-xinwen-2025.txt",
            "020_fengqing-cg-jinzhan-huibao-2025.txt",
        ],
    ),
    (
        "two_cities",
        "数字城管月报 昭通 9月、10月 / 绥化 10月（10月两份同题）",
        [
            "002_zhaotong-szcg-tongbao-2025-09.txt",
            "003_zhaotong-szcg-tongbao-2025-10.txt",
            "008_suihua-szcg-tongbao-2025-10.txt",
        ],
    ),
    (
        "two_cities",
        "季度测评 昭通 三季度 / 绥化 二、三季度（三季度两份同题）/ 临沧考核细则",
        [
            "005_zhaotong-chuangwen-ceping-2025-q3.txt",
            "009_suihua-chuangwen-ceping-2025-q2.txt",
            "010_suihua-chuangwen-ceping-2025-q3.txt",
            "018_lincang-chuangwen-kaohe-xize-2025.txt",
        ],
    ),
    (
        "two_cities",
        "督查通报 昭通 第8期 / 临沧 第11期（同题）",
        ["007_zhaotong-chuangwen-ducha-tongbao-08.txt", "017_lincang-chuangwen-ducha-tongbao-11.txt"],
    ),
    (
        "two_cities",
        "标准 昭通测评细则 / 绥化二季度测评 / 绥化、临沧年度考核细则（同题）",
        [
            "004_zhaotong-chuangwen-ceping-xize-2025.txt",
            "009_suihua-chuangwen-ceping-2025-q2.txt",
            "011_suihua-chuangwen-kaohe-xize-2025.txt",
            "018_lincang-chuangwen-kaohe-xize-2025.txt",
        ],
    ),
    (
        "two_cities",
        "区级新闻 昭阳区 / 北林区 / 临翔区",
        [
            "006_zhaoyang-beijie-gongce-xinwen-2025.txt",
            "013_beilin-beijie-gongce-xinwen-2025.txt",
            "019_linxiang-beijie-gongce-xinwen-2025.txt",
        ],
    ),
    (
        "two_cities",
        "2024 城管工作总结 昭通 / 临沧",
        ["001_zhaotong-cgj-2024-zongjie.txt", "015_lincang-cgj-2024-zongjie.txt"],
    ),
]

DOC_INFO = {
    "001_zhaotong-cgj-2024-zongjie.txt": ("昭通", "城管", 2025, ["letterhead", "page_marker", "table"]),
    "002_zhaotong-szcg-tongbao-2025-09.txt": (
        "昭通",
        "城管",
        2025,
        ["full_width", "letterhead", "docnumber", "addressee", "table", "title_no_place"],
    ),
    "003_zhaotong-szcg-tongbao-2025-10.txt": (
        "昭通",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "004_zhaotong-chuangwen-ceping-xize-2025.txt": ("昭通", "创文", 2025, ["attachment", "table"]),
    "005_zhaotong-chuangwen-ceping-2025-q3.txt": (
        "昭通",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "006_zhaoyang-beijie-gongce-xinwen-2025.txt": ("昭通", "城管", 2025, ["news", "title_no_place"]),
    "007_zhaotong-chuangwen-ducha-tongbao-08.txt": (
        "昭通",
        "创文",
        2025,
        ["docnumber", "addressee", "signature", "title_no_place"],
    ),
    "008_suihua-szcg-tongbao-2025-10.txt": (
        "绥化",
        "城管",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "009_suihua-chuangwen-ceping-2025-q2.txt": (
        "绥化",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "signature", "title_no_place"],
    ),
    "010_suihua-chuangwen-ceping-2025-q3.txt": (
        "绥化",
        "创文",
        2025,
        ["docnumber", "addressee", "table", "masked", "page_marker", "signature", "title_no_place"],
    ),
    "011_suihua-chuangwen-kaohe-xize-2025.txt": (
        "绥化",
        "创文",
        2025,
        ["docnumber", "addressee", "ws_table", "title_no_place"],
    ),
    "012_suihua-cgj-2025-qiansanjidu-zongjie.txt": (
        "绥化",
        "城管",
        2025,
        ["running_header", "page_marker", "signature"],
    ),
    "013_beilin-beijie-gongce-xinwen-2025.txt": ("绥化", "城管", 2025, ["news", "title_no_place"]),
    "014_suihua-shirong-zerenqu-kaohe-banfa.txt": ("绥化", "城管", 2025, ["table"]),
    "015_lincang-cgj-2024-zongjie.txt": ("临沧", "城管", 2024, ["hard_breaks", "signature"]),
    "016_lincang-cg-gongzuo-jianghua-2025.txt": (
        "临沧",
        "城管",
        2025,
        ["speech_no_city", "hard_breaks", "title_no_place"],
    ),
    "017_lincang-chuangwen-ducha-tongbao-11.txt": (
        "临沧",
        "创文",
        None,
        ["docnumber", "addressee", "cut_off", "title_no_place"],
    ),
    "018_lincang-chuangwen-kaohe-xize-2025.txt": (
        "临沧",
        "创文",
        2025,
        ["docnumber", "addressee", "numbered_items", "signature", "title_no_place"],
    ),
    "019_linxiang-beijie-gongce-xinwen-2025.txt": ("临沧", "城管", 2025, ["news", "title_no_place"]),
    "020_fengqing-cg-jinzhan-huibao-2025.txt": ("临沧", "城管", 2025, ["hard_breaks"]),
}

DOC_OWNER = {
    "001_zhaotong-cgj-2024-zongjie.txt": "昭通",
    "002_zhaotong-szcg-tongbao-2025-09.txt": "昭通",
    "003_zhaotong-szcg-tongbao-2025-10.txt": "昭通",
    "004_zhaotong-chuangwen-ceping-xize-2025.txt": "昭通",
    "005_zhaotong-chuangwen-ceping-2025-q3.txt": "昭通",
    "006_zhaoyang-beijie-gongce-xinwen-2025.txt": "昭阳区",
    "007_zhaotong-chuangwen-ducha-tongbao-08.txt": "昭通",
    "008_suihua-szcg-tongbao-2025-10.txt": "绥化",
    "009_suihua-chuangwen-ceping-2025-q2.txt": "绥化",
    "010_suihua-chuangwen-ceping-2025-q3.txt": "绥化",
    "011_suihua-chuangwen-kaohe-xize-2025.txt": "绥化",
    "012_suihua-cgj-2025-qiansanjidu-zongjie.txt": "绥化",
    "013_beilin-beijie-gongce-xinwen-2025.txt": "北林区",
    "014_suihua-shirong-zerenqu-kaohe-banfa.txt": "绥化",
    "015_lincang-cgj-2024-zongjie.txt": "临沧",
    "016_lincang-cg-gongzuo-jianghua-2025.txt": "临沧",
    "017_lincang-chuangwen-ducha-tongbao-11.txt": "临沧",
    "018_lincang-chuangwen-kaohe-xize-2025.txt": "临沧",
    "019_linxiang-beijie-gongce-xinwen-2025.txt": "临翔区",
    "020_fengqing-cg-jinzhan-huibao-2025.txt": "凤庆县",
}

TITLES = {
    "001_zhaotong-cgj-2024-zongjie.txt": "昭通市城市管理局2024年工作总结",
    "002_zhaotong-szcg-tongbao-2025-09.txt": "关于２０２５年９月份数字城管运行情况的通报",
    "003_zhaotong-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "004_zhaotong-chuangwen-ceping-xize-2025.txt": "昭通市文明城市创建常态化测评实施细则（2025年版）（节选）",
    "005_zhaotong-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "006_zhaoyang-beijie-gongce-xinwen-2025.txt": "我区背街小巷提质改造和公厕建设跑出“加速度”",
    "007_zhaotong-chuangwen-ducha-tongbao-08.txt": "创建全国文明城市督查通报",
    "008_suihua-szcg-tongbao-2025-10.txt": "关于2025年10月份数字城管运行情况的通报",
    "009_suihua-chuangwen-ceping-2025-q2.txt": "关于2025年第二季度文明城市创建常态化测评情况的通报",
    "010_suihua-chuangwen-ceping-2025-q3.txt": "关于2025年第三季度文明城市创建常态化测评情况的通报",
    "011_suihua-chuangwen-kaohe-xize-2025.txt": "2025年度创建全国文明城市工作考核细则",
    "012_suihua-cgj-2025-qiansanjidu-zongjie.txt": "绥化市城市管理局2025年前三季度工作总结",
    "013_beilin-beijie-gongce-xinwen-2025.txt": "我区背街小巷“微改造”赶在入冬前收尾",
    "014_suihua-shirong-zerenqu-kaohe-banfa.txt": "绥化市城区市容环境卫生责任区考核办法（试行）",
    "015_lincang-cgj-2024-zongjie.txt": "临沧市城市管理局2024年工作总结",
    "016_lincang-cg-gongzuo-jianghua-2025.txt": "在全市城市管理工作会议上的讲话",
    "017_lincang-chuangwen-ducha-tongbao-11.txt": "创建全国文明城市督查通报",
    "018_lincang-chuangwen-kaohe-xize-2025.txt": "2025年度创建全国文明城市工作考核细则",
    "019_linxiang-beijie-gongce-xinwen-2025.txt": "小巷“焕新”、公厕“升级” 我区城市更新惠及群众",
    "020_fengqing-cg-jinzhan-huibao-2025.txt": "凤庆县2025年城市管理重点工作推进情况汇报",
}

PLACE_CLUES = {
    "002_zhaotong-szcg-tongbao-2025-09.txt": ["docnumber", "addressee", "table"],
    "003_zhaotong-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "005_zhaotong-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "006_zhaoyang-beijie-gongce-xinwen-2025.txt": ["body", "site"],
    "007_zhaotong-chuangwen-ducha-tongbao-08.txt": ["docnumber", "addressee"],
    "008_suihua-szcg-tongbao-2025-10.txt": ["docnumber", "addressee", "table"],
    "009_suihua-chuangwen-ceping-2025-q2.txt": ["docnumber", "addressee", "table"],
    "010_suihua-chuangwen-ceping-2025-q3.txt": ["docnumber", "addressee", "table"],
    "011_suihua-chuangwen-kaohe-xize-2025.txt": ["docnumber", "addressee"],
    "013_beilin-beijie-gongce-xinwen-2025.txt": ["body", "site"],
    "016_lincang-cg-gongzuo-jianghua-2025.txt": ["speech"],
    "017_lincang-chuangwen-ducha-tongbao-11.txt": ["docnumber", "addressee"],
    "018_lincang-chuangwen-kaohe-xize-2025.txt": ["docnumber", "addressee"],
    "019_linxiang-beijie-gongce-xinwen-2025.txt": ["body", "site"],
}

CITY_HIDDEN = [
    "002_zhaotong-szcg-tongbao-2025-09.txt",
    "003_zhaotong-szcg-tongbao-2025-10.txt",
    "005_zhaotong-chuangwen-ceping-2025-q3.txt",
    "006_zhaoyang-beijie-gongce-xinwen-2025.txt",
    "007_zhaotong-chuangwen-ducha-tongbao-08.txt",
    "008_suihua-szcg-tongbao-2025-10.txt",
    "009_suihua-chuangwen-ceping-2025-q2.txt",
    "010_suihua-chuangwen-ceping-2025-q3.txt",
    "011_suihua-chuangwen-kaohe-xize-2025.txt",
    "013_beilin-beijie-gongce-xinwen-2025.txt",
    "016_lincang-cg-gongzuo-jianghua-2025.txt",
    "017_lincang-chuangwen-ducha-tongbao-11.txt",
    "018_lincang-chuangwen-kaohe-xize-2025.txt",
    "019_linxiang-beijie-gongce-xinwen-2025.txt",
]

SAME_TITLE_PAIRS = [
    ("003_zhaotong-szcg-tongbao-2025-10.txt", "008_suihua-szcg-tongbao-2025-10.txt"),
    ("005_zhaotong-chuangwen-ceping-2025-q3.txt", "010_suihua-chuangwen-ceping-2025-q3.txt"),
    ("007_zhaotong-chuangwen-ducha-tongbao-08.txt", "017_lincang-chuangwen-ducha-tongbao-11.txt"),
    ("011_suihua-chuangwen-kaohe-xize-2025.txt", "018_lincang-chuangwen-kaohe-xize-2025.txt"),
]

RUNNING_HEADERS = {
    "012_suihua-cgj-2025-qiansanjidu-zongjie.txt": "绥化市城市管理局2025年前三季度工作总结",
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


def asked_text(item):
    return " ".join((item.get("history") or []) + [item.get("question") or ""])


def is_unanswerable(item):
    return item.get("must_contain") == [] and item.get("evidence") == []


def belongs(name, place, docs):
    """A document belongs to a place when the place is the document's owner
    (DOC_OWNER: the city, district or county whose document it is), or a
    place under the owner (a district or 街道 / 镇 of an owning city, a 街道 /
    镇 of an owning district) that the document names."""
    owner = DOC_OWNER.get(name)
    if owner is None or place not in ALL_PLACES:
        return False
    if place == owner:
        return True
    under = place in PLACES[owner] and place != owner if owner in CITIES else SUBUNIT_PARENT.get(place) == owner
    return under and place in docs.get(name, "")


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
        print("  unanswerable answer gives no reason:", item.get("id"))
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
        unans = is_unanswerable(it)
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
        unans = is_unanswerable(it)
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
            unans = is_unanswerable(it)
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
        if is_unanswerable(f):
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


def flag_matches_table(items, field, table, errors, label):
    for it in items:
        iid = it.get("id")
        if field in it and it[field] is not True:
            errors[f"{label}_{field}_not_true"] += 1
        if (it.get(field) is True) != (iid in table):
            errors[f"{label}_{field}_field_and_table_disagree"] += 1
            print(f"  {field} field and table disagree:", iid)


def check_carry_place(followups, docs, errors, counters):
    """carry_place follow-ups (CARRY_PLACE: id -> place, measure, period) are
    whole questions that name no place: the last turn names the measure word
    (and the period word, if one is listed), is at least CARRY_MIN_LEN
    characters long and names no place; the measure word is not in the
    history; the history names the listed place and no place of another city;
    the place belongs to the item's document's city, and to the document
    itself (its owner or a place under the owner that the document names);
    an answerable item's document holds the measure word, and so does a
    document of another owner, so that only the place picks the document."""
    flag_matches_table(followups, "carry_place", CARRY_PLACE, errors, "followups")
    by_id = {f.get("id"): f for f in followups}
    n_ans = n_un = 0
    for fid, (place, measure, period) in CARRY_PLACE.items():
        f = by_id.get(fid)
        if f is None:
            errors["carry_place_unknown_id"] += 1
            continue
        q = f.get("question") or ""
        hist = " ".join(f.get("history") or [])
        name = f.get("doc")
        city = DOC_INFO.get(name, (None,))[0]
        counters["carry_place_checked"] += 1
        if places_in(q):
            errors["carry_place_last_turn_names_a_place"] += 1
            print("  carry_place last turn names a place:", fid)
        if measure not in q:
            errors["carry_place_last_turn_lacks_measure"] += 1
            print("  carry_place last turn lacks its measure word:", fid)
        if period and period not in q:
            errors["carry_place_last_turn_lacks_period"] += 1
            print("  carry_place last turn lacks its period word:", fid)
        if len(q) < CARRY_MIN_LEN:
            errors["carry_place_last_turn_too_short_to_be_whole"] += 1
            print("  carry_place last turn too short:", fid)
        if measure in hist:
            errors["carry_place_measure_in_history"] += 1
            print("  carry_place measure word in history:", fid)
        if place not in hist:
            errors["carry_place_history_lacks_place"] += 1
            print("  carry_place history lacks the place:", fid)
        if city is None or place not in PLACES.get(city, ()):
            errors["carry_place_place_of_another_city"] += 1
            print("  carry_place place of another city:", fid)
        if any(CITY_OF[p] != city for p in places_in(hist)):
            errors["carry_place_history_names_another_city"] += 1
            print("  carry_place history names another city:", fid)
        if not belongs(name, place, docs):
            errors["carry_place_document_not_of_the_place"] += 1
            print("  carry_place document does not belong to the place:", fid, name)
        unans = is_unanswerable(f)
        if unans:
            n_un += 1
        else:
            n_ans += 1
            if measure not in docs.get(name, ""):
                errors["carry_place_measure_not_in_document"] += 1
                print("  carry_place measure word not in document:", fid)
        others = [n for n in docs if n != name and DOC_OWNER.get(n) != DOC_OWNER.get(name) and measure in docs[n]]
        if not others:
            errors["carry_place_measure_in_no_other_place_document"] += 1
            print("  carry_place measure word in no document of another place:", fid)
    counters["carry_place_answerable"] = n_ans
    counters["carry_place_unanswerable"] = n_un
    if len(CARRY_PLACE) < MIN_CARRY_PLACE:
        errors["too_few_carry_place_followups"] += 1
    if not n_ans or not n_un:
        errors["carry_place_need_both_answerable_and_unanswerable"] += 1


def check_switch_topic(followups, docs, errors, counters):
    """switch_topic follow-ups (SWITCH_TOPIC: id -> place, history's document)
    name a place in the last turn that the history does not name (so it
    differs from every place the history names); the item's document belongs
    to that place; the history's document is another document and belongs to
    a place the history names."""
    flag_matches_table(followups, "switch_topic", SWITCH_TOPIC, errors, "followups")
    by_id = {f.get("id"): f for f in followups}
    n_ans = n_un = n_city = n_district = 0
    for fid, (place, hist_doc) in SWITCH_TOPIC.items():
        f = by_id.get(fid)
        if f is None:
            errors["switch_topic_unknown_id"] += 1
            continue
        if fid in CARRY_PLACE:
            errors["switch_topic_also_carry_place"] += 1
        q = f.get("question") or ""
        hist = " ".join(f.get("history") or [])
        name = f.get("doc")
        counters["switch_topic_checked"] += 1
        if place not in q or place not in ALL_PLACES:
            errors["switch_topic_last_turn_lacks_place"] += 1
            print("  switch_topic last turn lacks its place:", fid)
        if place in hist:
            errors["switch_topic_place_in_history"] += 1
            print("  switch_topic place named in the history:", fid)
        hist_places = places_in(hist)
        if not hist_places or place in hist_places:
            errors["switch_topic_history_place_missing_or_same"] += 1
        if not belongs(name, place, docs):
            errors["switch_topic_document_not_of_last_turn_place"] += 1
            print("  switch_topic document does not belong to the last turn's place:", fid, name)
        if hist_doc == name or hist_doc not in docs:
            errors["switch_topic_history_document_same_or_missing"] += 1
        elif not any(belongs(hist_doc, p, docs) for p in hist_places):
            errors["switch_topic_history_document_not_of_history_place"] += 1
            print("  switch_topic history document not of the history's place:", fid, hist_doc)
        if place in CITY_OF and hist_places and all(CITY_OF[p] == CITY_OF[place] for p in hist_places):
            n_district += 1
        else:
            n_city += 1
        if is_unanswerable(f):
            n_un += 1
        else:
            n_ans += 1
    counters["switch_topic_answerable"] = n_ans
    counters["switch_topic_unanswerable"] = n_un
    counters["switch_topic_to_another_city"] = n_city
    counters["switch_topic_within_one_city"] = n_district
    if len(SWITCH_TOPIC) < MIN_SWITCH_TOPIC:
        errors["too_few_switch_topic_followups"] += 1
    if not n_city or not n_district:
        errors["switch_topic_needs_both_city_and_district_switches"] += 1


def check_standard(questions, followups, docs, raw, errors, counters):
    """standard: set exactly for STANDARD_QUESTIONS / STANDARD_FOLLOWUPS; at
    least MIN_STANDARD_QUESTIONS questions (MIN_STANDARD_UNANSWERABLE of them
    unanswerable, MIN_STANDARD_COLLOQUIAL of them in everyday words). Each
    flagged answerable item's evidence lies in a STANDARD_DOCS document of
    the item and its must_contain holds a figure or a method word. The
    STANDARD_DOCS hold scoring rules (扣 and 分) and between them all three
    layouts: "|" table, whitespace-aligned columns, numbered paragraphs."""
    flag_matches_table(questions, "standard", STANDARD_QUESTIONS, errors, "questions")
    flag_matches_table(followups, "standard", STANDARD_FOLLOWUPS, errors, "followups")
    for label, items, table in (
        ("questions", questions, STANDARD_QUESTIONS),
        ("followups", followups, STANDARD_FOLLOWUPS),
    ):
        n_ans = n_un = n_col = 0
        for it in items:
            if it.get("id") not in table:
                continue
            if it.get("colloquial") is True:
                n_col += 1
            if is_unanswerable(it):
                n_un += 1
                continue
            n_ans += 1
            names = [n for n in doc_names(it) if n in STANDARD_DOCS and n in docs]
            for ev in it.get("evidence") or []:
                counters["standard_evidence_checked"] += 1
                if not any(ev in docs[n] for n in names):
                    errors[label + "_standard_evidence_not_in_a_standard_document"] += 1
                    print("  standard evidence not in a standard document:", it.get("id"))
            must = it.get("must_contain") or []
            if not any(FIGURE.search(s) or any(w in s for w in METHOD_WORDS) for s in must):
                errors[label + "_standard_must_contain_lacks_figure_or_method"] += 1
                print("  standard must_contain lacks a figure or method word:", it.get("id"))
        counters[label + "_standard_answerable"] = n_ans
        counters[label + "_standard_unanswerable"] = n_un
        counters[label + "_standard_colloquial"] = n_col
        if label == "questions":
            if n_ans + n_un < MIN_STANDARD_QUESTIONS:
                errors["too_few_standard_questions"] += 1
            if n_un < MIN_STANDARD_UNANSWERABLE:
                errors["too_few_unanswerable_standard_questions"] += 1
            if n_col < MIN_STANDARD_COLLOQUIAL:
                errors["too_few_standard_questions_in_everyday_words"] += 1
    layouts = Counter()
    for name in STANDARD_DOCS:
        if name not in docs:
            errors["standard_document_missing"] += 1
            continue
        text = docs[name]
        if "扣" not in text or not re.search(r"分值|（[0-9.]+分）", text):
            errors["standard_document_without_scoring_rules"] += 1
            print("  standard document without scoring rules:", name)
        for tag in ("table", "ws_table", "numbered_items"):
            if tag in DOC_INFO[name][3]:
                layouts[tag] += 1
    counters["standard_documents"] = len(STANDARD_DOCS)
    for tag in ("table", "ws_table", "numbered_items"):
        counters["standard_documents_layout_" + tag] = layouts[tag]
        if not layouts[tag]:
            errors["standard_documents_lack_layout_" + tag] += 1
    if len(STANDARD_DOCS) < MIN_STANDARD_DOCS:
        errors["too_few_standard_documents"] += 1


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
        if is_unanswerable(f):
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
    check_carry_place(followups, docs, errors, counters)
    check_switch_topic(followups, docs, errors, counters)
    both = set(LONG_CHATS) & (set(CARRY_PLACE) | set(SWITCH_TOPIC))
    if both:
        errors["long_chat_also_carry_or_switch"] += len(both)


def check_titles(docs, raw, errors, counters):
    """Titles: each document's title (TITLES) is one of its first lines; a
    document tagged title_no_place has a title naming no city, district,
    街道 or 镇 of any of the three cities, and its place is shown by the clues
    PLACE_CLUES lists (each checked); other titles name their city or one
    of its districts. CITY_HIDDEN documents never name their city; no
    document names another city or another city's places; look-alikes of
    two cities in SAME_TITLE_PAIRS have the same title. DOC_OWNER gives each
    document's owner, a place of its city named in the document or its
    title."""
    if set(TITLES) != set(docs):
        errors["titles_do_not_cover_the_corpus"] += 1
    if set(DOC_OWNER) != set(docs):
        errors["doc_owner_does_not_cover_the_corpus"] += 1
    n_untitled = 0
    for name, title in TITLES.items():
        if name not in docs:
            continue
        city = DOC_INFO[name][0]
        text = docs[name]
        owner = DOC_OWNER.get(name)
        if owner not in PLACES[city] or (owner != city and owner not in text):
            errors["doc_owner_not_a_named_place_of_its_city"] += 1
            print("  owner wrong:", name)
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
            elif tag == "ws_table":
                rows = [
                    ln
                    for ln in nonempty
                    if not ln.startswith("|") and len([c for c in re.split(r"[ \u3000]{2,}", ln) if c]) >= 3
                ]
                ok = len(rows) >= 5
            elif tag == "numbered_items":
                ok = sum(bool(NUMBERED_ITEM.match(ln)) for ln in nonempty) >= 5
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
    check_standard(questions, followups, docs, raw, errors, counters)
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
