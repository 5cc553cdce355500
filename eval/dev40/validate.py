#!/usr/bin/env python3
"""Validate the dev40 development set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)

Adapted from dev39's validate.py. Matching is done after removing all
whitespace (the full-width space included), nothing else is normalised. The
emphasis of dev40 is years named from the time of writing: items with a field
"relative_year" ask with 前年 / 去年 / 今年 / 明年 / 后年 (the staff's "now" is
mid/late 2025), and their "other_year_figures" (look-alike figures the
documents give for other years of the same measure) must occur in the item's
document(s) and must not be, or be part of, any must_contain string.
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
# Relative-year items carry two more fields.
Q_OPTIONAL = {"relative_year", "other_year_figures"}
EV_MIN, EV_MAX = 10, 40
# 1500-4000 characters (whitespace excluded); at least 4 of 20 over 2500.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 1500, 4000, 2500, 4
MIN_UNANSWERABLE_ANSWER = 10
MIN_ITEMS_PER_DOC = 3

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

# Relative years. The staff's "now" is mid/late 2025.
RELATIVE_WORDS = {"前年": 2023, "去年": 2024, "今年": 2025, "明年": 2026, "后年": 2027}
NOW_YEAR = 2025
MIN_RELATIVE_QUESTIONS, MAX_RELATIVE_QUESTIONS = 40, 50
MIN_RELATIVE_ANSWERABLE = 25
MIN_RELATIVE_UNANSWERABLE = 8
MIN_PER_RELATIVE_WORD = 3  # 前年, 去年, 今年, 明年 each
MIN_RELATIVE_FOLLOWUPS = 10
# Words the documents themselves use for years named from the time of writing.
DOC_RELATIVE_WORDS = ("去年", "今年", "今年以来", "明年", "前年", "上年", "去年同期", "上年同期")
DATE_KINDS = ("title_line", "signature", "signature_cn", "inline", "header", "dateline", "none")
DATE_RX = re.compile(r"20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日|[０-９]{4}年[０-９]{1,2}月[０-９]{1,2}日")

MIN_SUBUNIT_QUESTIONS = 8
MIN_SUBUNIT_FOLLOWUPS = 8
MIN_RANK_QUESTIONS = 5
MIN_PROGRESS_QUESTIONS = 7
MIN_SHORT_QUESTIONS = 8
SHORT_MAX = 10
MIN_EVERYDAY_WORDS_QUESTIONS = 15
MIN_LIST_QUESTIONS = 6
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 9, 15
MIN_LIST_MUST_CONTAIN = 5

# ---------------------------------------------------------------------------
# Tables (generated). RELATIVE_YEAR_*: id -> (relative_year, other_year_figures).
# EVERYDAY_WORDS_QUESTIONS: id -> (the staff's word, the document's term).
# LIST_QUESTIONS: id -> number of items in the document (0 = unanswerable).
# PROBES / FPROBES: id -> (kind, [(scope, regex), ...]); scope "doc", "all" or a
# corpus file name; each regex must match nowhere in its scope.
# DOC_DATES: file -> (year written or None, how the date is given, literal).
# YEAR_CHAINS: [(measure, [(year, side, file, snippet), ...]), ...].
# ---------------------------------------------------------------------------

EXPECTED_TYPES = {
    "deadline": 4,
    "list": 6,
    "multi_doc": 4,
    "multipart": 6,
    "number": 16,
    "progress": 4,
    "rank": 5,
    "standard": 5,
    "target": 10,
    "unanswerable": 36,
    "unit": 4,
}

RELATIVE_YEAR_QUESTIONS = {
    "t001": (2025, ["1,620个"]),
    "t002": (2024, ["9.8%", "58%", "14%以上", "90%以上"]),
    "t003": (2025, ["410个"]),
    "t008": (2023, ["84.1%"]),
    "t009": (2026, ["4个", "3个"]),
    "t011": (2023, ["75%"]),
    "t012": (2024, ["260处以上"]),
    "t014": (2024, ["2,136件"]),
    "t016": (2025, ["10%", "14%", "12.6%", "18%"]),
    "t017": (2025, ["21座"]),
    "t019": (2025, ["第9位"]),
    "t021": (2023, ["20座"]),
    "t025": (2024, ["77.9分", "第9位", "84分以上"]),
    "t026": (2024, ["260处以上"]),
    "t027": (2023, ["第7位"]),
    "t028": (2024, ["第8位"]),
    "t029": (2024, ["88.2"]),
    "t031": (2026, ["雪停后8小时内", "雪停后12小时内"]),
    "t032": (2024, ["82.7分"]),
    "t037": (2026, ["20座", "16座"]),
    "t038": (2024, ["92.3%"]),
    "t039": (2025, ["52个"]),
    "t040": (2026, ["160处以上", "148处"]),
    "t042": (2024, ["82.4%"]),
    "t047": (2025, ["86.2%"]),
    "t051": (2026, ["15条", "12条"]),
    "t055": (2024, ["80处以上"]),
    "t056": (2023, ["22座", "25座"]),
    "t057": (2025, ["15座"]),
    "t058": (2025, ["80分以上", "88分以上", "76.8分"]),
    "t060": (2025, ["76%", "75%"]),
    "t065": (2025, ["79.6分"]),
    "t067": (2024, ["雪停后12小时内"]),
    "t073": (2024, ["15条"]),
    "t074": (2025, ["9座"]),
    "t075": (2024, ["93.1%"]),
    "t077": (2023, ["90.8%", "93%以上"]),
    "t078": (2024, ["24座", "25座"]),
    "t080": (2025, ["雪停后24小时内"]),
    "t083": (2026, ["14%以上", "11.4%"]),
    "t085": (2025, ["10条", "7条"]),
    "t087": (2024, ["９２．４％"]),
    "t088": (2024, ["24座"]),
    "t091": (2025, ["36个"]),
    "t099": (2024, ["86.9"]),
    "t100": (2023, ["10条", "12条"]),
}

RELATIVE_YEAR_FOLLOWUPS = {
    "w02": (2025, ["83.5"]),
    "w05": (2025, ["21座"]),
    "w06": (2025, ["980个"]),
    "w07": (2024, ["94%以上"]),
    "w11": (2024, ["12座"]),
    "w15": (2025, ["90.4%"]),
    "w16": (2024, ["93.1%"]),
    "w18": (2026, ["12条", "15条"]),
    "w19": (2027, ["90%", "85%"]),
    "w24": (2025, ["80.3分", "第7位"]),
    "w25": (2024, ["82.7分"]),
    "w26": (2023, ["200处以上"]),
    "w27": (2024, ["９２．４％"]),
    "w28": (2024, ["82%"]),
    "w29": (2025, ["24个"]),
}

SUBUNIT_QUESTIONS = (
    "t010",
    "t015",
    "t029",
    "t050",
    "t054",
    "t055",
    "t057",
    "t061",
    "t072",
    "t074",
    "t081",
    "t085",
    "t095",
    "t100",
)

SUBUNIT_FOLLOWUPS = ("w01", "w02", "w03", "w06", "w11", "w12", "w14", "w21", "w29")

RANK_QUESTIONS = ("t015", "t027", "t028", "t050", "t070", "t072")

PROGRESS_QUESTIONS = ("t001", "t003", "t044", "t053", "t057", "t082", "t091")

SHORT_QUESTIONS = ("t007", "t011", "t012", "t036", "t058", "t059", "t074", "t098")

EVERYDAY_WORDS_QUESTIONS = {
    "t001": ("停车位", "停车泊位"),
    "t003": ("充电桩", "充电端口"),
    "t005": ("创文", "创建全国文明城市"),
    "t008": ("创文", "创建工作"),
    "t011": ("机扫率", "机械化清扫率"),
    "t012": ("拆违", "拆除违法建设"),
    "t015": ("垫底", "排名末位"),
    "t026": ("违建", "违法建设"),
    "t039": ("老小区", "老旧小区"),
    "t040": ("拆违", "违法建设"),
    "t042": ("车让人", "斑马线礼让率"),
    "t053": ("拆违", "拆除违法建设"),
    "t055": ("违建", "违法建设"),
    "t060": ("机扫率", "机械化清扫率"),
    "t062": ("创文", "创建全国文明城市"),
    "t064": ("创文办", "市创建办"),
    "t069": ("创文", "创建督查"),
    "t070": ("创文", "创建全国文明城市"),
    "t086": ("创文", "创建全国文明城市"),
    "t088": ("厕所", "公厕"),
}

LIST_QUESTIONS = {"t005": 10, "t023": 9, "t048": 0, "t063": 10, "t079": 10, "t086": 12, "t089": 10}

PROBES = {
    "t006": ("L_similar", [("doc", "知晓率"), ("all", "乌兰察布[^。]{0,30}知晓率")]),
    "t007": ("A_period", [("all", "4月份[^。]{0,20}立案"), ("doc", "第4期")]),
    "t008": ("A_period", [("doc", "前年[^。]{0,40}满意度"), ("all", "2023年[^。]{0,30}满意度")]),
    "t009": ("A_period", [("all", "明年[^。]{0,40}农贸市场"), ("all", "2026年[^。]{0,40}农贸市场")]),
    "t013": ("D_subunit", [("doc", "孙家堡子"), ("all", "孙家堡子街道[^。]{0,20}[0-9]+\\.[0-9]分")]),
    "t019": ("C_nofigure", [("doc", "排名全区第[0-9]+位"), ("all", "一季度[^。]{0,30}第[0-9]+位")]),
    "t020": ("A_period", [("all", "3月份[^。]{0,30}测评"), ("doc", "3月份")]),
    "t021": (
        "J_result_only",
        [("all", "2023年[^。]{0,20}公厕[^。]{0,10}(目标|计划)"), ("all", "前年[^。]{0,30}公厕"), ("doc", "年度目标")],
    ),
    "t022": ("H_notstated", [("doc", "有限公司"), ("doc", "(研究院|咨询|调查中心|研究中心)")]),
    "t026": ("D_subunit", [("all", "临江市[^。]{0,20}拆除违法建设"), ("doc", "临江市[^。]{0,10}[0-9]+处")]),
    "t034": (
        "A_period",
        [
            ("004_baishan-szcg-yuebao-2025-07.txt", "6月份"),
            ("007_baishan-cgj-2025-shangbannian-zongjie.txt", "6月份[^。]{0,20}按期处置率"),
            ("all", "白山[^。]{0,20}第6期"),
        ],
    ),
    "t035": ("L_similar", [("doc", "满意"), ("all", "白山[^。]{0,30}12345[^。]{0,20}满意")]),
    "t037": (
        "A_period",
        [
            ("all", "2026年[^。]{0,30}公厕"),
            ("003_baishan-chuangwen-tuijin-jianghua-2025.txt", "明年[^。]{0,30}公厕"),
            ("002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "2026"),
        ],
    ),
    "t040": (
        "A_period",
        [("all", "2026年[^。]{0,40}违法建设"), ("008_chongzuo-chuangwen-sannian-fangan-2024-2026.txt", "违法建设")],
    ),
    "t043": ("H_notstated", [("doc", "有限公司"), ("doc", "(保洁公司|环境公司|物业公司|环卫公司)")]),
    "t044": ("I_target_only", [("all", "志愿服务站[^。]{0,10}已建成"), ("doc", "已建成")]),
    "t046": ("D_subunit", [("doc", "新华街街道[^。]{0,10}处置率"), ("doc", "\\|街道\\|立案\\|处置\\|")]),
    "t047": (
        "F_cutoff",
        [
            ("doc", "城市管理群众满意度达到[0-9]"),
            ("all", "城市管理群众满意度[^。]{0,8}(达到|力争)[0-9]"),
            ("002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "满意度达到"),
        ],
    ),
    "t048": ("H_notstated", [("doc", "72个点位(分别|包括|是|如下)"), ("doc", "点位清单")]),
    "t056": (
        "A_period",
        [
            ("all", "2023年新建改建公厕"),
            ("all", "前年[^。]{0,20}公厕"),
            ("009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "上年[^。；]{0,20}公厕"),
        ],
    ),
    "t059": ("H_notstated", [("doc", "除雪车[^。]{0,20}万元"), ("all", "除雪车[^。]{0,20}万元")]),
    "t062": (
        "H_notstated",
        [("doc", "20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日"), ("doc", "〔20[0-9]{2}〕"), ("doc", "发布时间")],
    ),
    "t065": ("I_target_only", [("all", "二季度[^。]{0,20}得分[0-9]"), ("doc", "二季度")]),
    "t066": ("D_subunit", [("doc", "\\|左州镇\\|"), ("all", "左州镇[^。]{0,10}[0-9]+件")]),
    "t070": ("E_rank", [("all", "集宁区[^。]{0,20}排[^。]{0,5}第[0-9]+位"), ("doc", "旗县")]),
    "t071": ("I_target_only", [("all", "三季度[^。]{0,20}得分[0-9]{2}\\.[0-9]分"), ("doc", "三季度测评中")]),
    "t075": ("A_period", [("all", "8月份[^。]{0,30}按期处置率[0-9]"), ("all", "2024年8月"), ("doc", "去年8月")]),
    "t082": (
        "I_target_only",
        [
            ("003_baishan-chuangwen-tuijin-jianghua-2025.txt", "已完成[^。]{0,10}农贸市场"),
            ("005_baishan-chuangwen-ceping-2025-q2.txt", "农贸市场[^。]{0,10}(已完成|完工)"),
            ("006_baishan-tingche-xinwen-2025.txt", "农贸市场[^。]{0,10}(已完成|完工)"),
            ("007_baishan-cgj-2025-shangbannian-zongjie.txt", "农贸市场"),
        ],
    ),
    "t084": ("D_subunit", [("all", "六道江镇"), ("doc", "\\|[^|]{1,8}镇\\|[0-9]")]),
    "t091": (
        "I_target_only",
        [
            ("003_baishan-chuangwen-tuijin-jianghua-2025.txt", "老旧小区[^。]{0,10}(已|完工|开工)"),
            ("006_baishan-tingche-xinwen-2025.txt", "老旧小区改造[^。]{0,10}[0-9]+个"),
            ("007_baishan-cgj-2025-shangbannian-zongjie.txt", "老旧小区改造[^。]{0,10}[0-9]+个"),
            ("005_baishan-chuangwen-ceping-2025-q2.txt", "老旧小区改造[^。]{0,10}[0-9]+个"),
        ],
    ),
    "t092": ("J_result_only", [("all", "按时办结率[^。]{0,10}(以上|不低于|达到)"), ("doc", "办结率要")]),
    "t093": ("A_period", [("all", "第10期督查通报"), ("all", "第10期[^。]{0,20}发现问题[0-9]")]),
    "t094": ("B_place", [("all", "凭祥")]),
    "t097": (
        "J_result_only",
        [("doc", "满意度[^。]{0,10}(达到|以上|目标)"), ("all", "集宁区[^。]{0,30}满意度[^。]{0,10}以上")],
    ),
    "t098": ("B_place", [("all", "丰镇")]),
    "t099": ("A_period", [("all", "2024年4月"), ("doc", "去年4月")]),
}

FPROBES = {
    "w04": ("L_similar", [("doc", "知晓率"), ("all", "白山[^。]{0,40}知晓率")]),
    "w13": ("A_period", [("all", "4月份[^。]{0,20}立案"), ("doc", "第4期")]),
    "w19": ("A_period", [("all", "2027"), ("doc", "后年")]),
    "w20": (
        "I_target_only",
        [("all", "第三季度[^。]{0,20}平均得分[0-9]{2}\\.[0-9]分"), ("doc", "三季度全市平均得分[0-9]")],
    ),
    "w22": ("D_subunit", [("doc", "新体路街道[^。]{0,20}拆除"), ("all", "新体路街道[^。]{0,20}违法建设")]),
    "w30": ("D_subunit", [("all", "扶绥县[^。]{0,20}志愿者"), ("doc", "扶绥县[^。]{0,30}%")]),
}

DOC_DATES = {
    "001_baishan-cgj-2023-zongjie-2024-jihua.txt": (2023, "signature", "白山市城市管理局2023年12月27日"),
    "002_baishan-cgj-2024-zongjie-2025-dasuan.txt": (2024, "title_line", "（2024年12月20日）"),
    "003_baishan-chuangwen-tuijin-jianghua-2025.txt": (2025, "title_line", "（2025年3月4日）"),
    "004_baishan-szcg-yuebao-2025-07.txt": (2025, "header", "白山市数字化城市管理监督指挥中心2025年8月6日"),
    "005_baishan-chuangwen-ceping-2025-q2.txt": (
        2025,
        "signature",
        "白山市创建全国文明城市工作领导小组办公室2025年7月10日",
    ),
    "006_baishan-tingche-xinwen-2025.txt": (2025, "dateline", "发布时间：2025-09-12"),
    "007_baishan-cgj-2025-shangbannian-zongjie.txt": (None, "none", None),
    "008_chongzuo-chuangwen-sannian-fangan-2024-2026.txt": (None, "none", None),
    "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt": (2025, "signature_cn", "崇左市城市管理局二〇二五年一月十五日"),
    "010_chongzuo-chuangwen-2025-shangbannian.txt": (2025, "inline", "2025年7月15日"),
    "011_chongzuo-szcg-yuebao-2025-05.txt": (2025, "header", "崇左市数字化城市管理监督指挥中心２０２５年６月５日"),
    "012_chongzuo-chuangwen-ducha-tongbao-09.txt": (
        2025,
        "header",
        "崇左市创建全国文明城市工作指挥部办公室2025年6月12日",
    ),
    "013_jiangzhou-gongce-nongmao-xinwen-2025.txt": (2025, "dateline", "发布时间：2025-06-18"),
    "014_jiangzhou-beijie-xinwen-2024.txt": (2024, "dateline", "发布时间：2024-11-26"),
    "015_wulanchabu-chuangwen-tuijin-jianghua-2025.txt": (2025, "title_line", "（2025年2月21日）"),
    "016_jining-cgj-2024-zongjie-2025-anpai.txt": (2024, "signature", "集宁区城市管理综合执法局2024年12月30日"),
    "017_wulanchabu-chuangwen-ceping-2025-05.txt": (
        2025,
        "signature",
        "乌兰察布市创建全国文明城市工作指挥部办公室2025年6月9日",
    ),
    "018_wulanchabu-jingxihua-fangan-2025-2026.txt": (None, "none", None),
    "019_jining-tingche-chongdian-xinwen-2025.txt": (2025, "dateline", "发布时间：2025-08-21"),
    "020_wulanchabu-szcg-2025-shangbannian.txt": (2025, "header", "乌兰察布市数字化城市管理监督指挥中心2025年7月7日"),
}

YEAR_CHAINS = [
    (
        "白山 拆除违法建设",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "全年拆除违法建设186处"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "拆除违法建设200处以上"),
            (2024, "result", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "今年拆除违法建设231处"),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "拆除违法建设260处以上"),
            (2025, "result_h1", "007_baishan-cgj-2025-shangbannian-zongjie.txt", "上半年拆除违法建设118处"),
        ],
    ),
    (
        "白山 新建改建公厕",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "新建改建公厕16座"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "新建改建公厕20座"),
            (2024, "result", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "新建改建公厕21座"),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "新建改建公厕24座"),
            (2025, "progress", "006_baishan-tingche-xinwen-2025.txt", "已建成15座"),
        ],
    ),
    (
        "白山 机械化清扫率",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "机械化清扫率达到68%"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "机械化清扫率达到75%"),
            (2024, "result", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "机械化清扫率达到76%"),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "机械化清扫率达到82%"),
            (2025, "result_h1", "007_baishan-cgj-2025-shangbannian-zongjie.txt", "机械化清扫率达到79%"),
        ],
    ),
    (
        "白山 数字城管按期处置率",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "按期处置率89.7%"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "按期处置率达到92%以上"),
            (2024, "result", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "按期处置率91.6%"),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "按期处置率达到94%以上"),
            (2025, "result_1_7", "004_baishan-szcg-yuebao-2025-07.txt", "按期处置率92.6%"),
        ],
    ),
    (
        "白山 新增公共停车泊位",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "新增公共停车泊位1,150个"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "新增公共停车泊位1,500个"),
            (2024, "result", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "新增公共停车泊位1,620个"),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "新增公共停车泊位2,000个"),
            (2025, "progress", "006_baishan-tingche-xinwen-2025.txt", "今年全市已新增公共停车泊位1,240个"),
        ],
    ),
    (
        "白山 主干道清雪时限",
        [
            (2023, "result", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "雪停后48小时内清理完毕"),
            (2024, "target", "001_baishan-cgj-2023-zongjie-2024-jihua.txt", "城区主干道雪停后36小时内清理完毕"),
            (
                2024,
                "result",
                "002_baishan-cgj-2024-zongjie-2025-dasuan.txt",
                "城区主干道全部实现雪停后24小时内清理完毕",
            ),
            (2025, "target", "002_baishan-cgj-2024-zongjie-2025-dasuan.txt", "城区主干道雪停后12小时内"),
        ],
    ),
    (
        "崇左 背街小巷改造",
        [
            (2023, "result", "014_jiangzhou-beijie-xinwen-2024.txt", "去年，江州区完成背街小巷改造7条"),
            (2024, "target", "008_chongzuo-chuangwen-sannian-fangan-2024-2026.txt", "|1|背街小巷改造|12条|15条|18条|"),
            (2024, "result", "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "完成背街小巷改造13条"),
            (2025, "target", "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "完成背街小巷改造15条"),
            (2025, "result_h1", "010_chongzuo-chuangwen-2025-shangbannian.txt", "上半年完成背街小巷改造6条"),
        ],
    ),
    (
        "崇左 数字城管按期处置率",
        [
            (2023, "result", "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "比上年（88.5%）"),
            (2024, "result", "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "按期处置率90.8%"),
            (2025, "target", "009_chongzuo-cgj-2024-zongjie-2025-jihua.txt", "按期处置率达到93%以上"),
        ],
    ),
    (
        "乌兰察布 自治区测评",
        [
            (2023, "result", "015_wulanchabu-chuangwen-tuijin-jianghua-2025.txt", "前年我市得分77.9分"),
            (2024, "result", "015_wulanchabu-chuangwen-tuijin-jianghua-2025.txt", "我市得分80.3分"),
            (2025, "target", "015_wulanchabu-chuangwen-tuijin-jianghua-2025.txt", "测评得分84分以上"),
        ],
    ),
    (
        "乌兰察布 主干道清雪时限",
        [
            (2024, "result", "016_jining-cgj-2024-zongjie-2025-anpai.txt", "主干道实现雪停后12小时内清理完毕"),
            (2025, "target", "016_jining-cgj-2024-zongjie-2025-anpai.txt", "主干道雪停后8小时内"),
            (2026, "target", "018_wulanchabu-jingxihua-fangan-2025-2026.txt", "雪停后6小时内"),
        ],
    ),
]

WS = re.compile(r"\s+")
YEAR_DIGITS = re.compile(r"20[0-9]{2}|[０-９]{4}")


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


def year_forms(year):
    s = str(year)
    return {
        s,
        s.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "".join("〇一二三四五六七八九"[int(c)] for c in s),
    }


def relative_words(text):
    return [w for w in RELATIVE_WORDS if w in (text or "")]


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
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
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
            if WS.search(s) or not any(s in docs[n] for n in names):
                errors["must_contain_not_in_doc"] += 1
    return set(names)


def check_unanswerable(item, docs, errors, counters, table):
    answer = item["answer"]
    if not isinstance(answer, str) or answer.strip() == "无" or len(answer.strip()) < MIN_UNANSWERABLE_ANSWER:
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


def check_relative_years(items, table, docs, errors, counters, label, followups=False):
    """Items asking with 前年 / 去年 / 今年 / 明年 / 后年: the fields match the
    table; the relative word of the question (for a follow-up: of the
    question, else of the latest history turn that has one) maps to the
    year; the question names no year in digits; the answer names the year
    (“2024年”); every other-year figure occurs in the item's document(s) and
    neither contains nor is contained in any must_contain string."""
    by_id = {it.get("id"): it for it in items}
    for it in items:
        has = "relative_year" in it or "other_year_figures" in it
        if has and it.get("id") not in table:
            errors[label + "_fields_on_unlisted_item"] += 1
        if not has and it.get("id") in table:
            errors[label + "_listed_item_without_fields"] += 1
        if not followups and it.get("id") not in table and relative_words(it.get("question")):
            errors[label + "_relative_word_in_unlisted_question"] += 1
    years = Counter()
    words = Counter()
    n_unans = 0
    for qid, (year, others) in table.items():
        it = by_id.get(qid)
        if it is None:
            errors[label + "_unknown_id"] += 1
            continue
        if it.get("relative_year") != year or it.get("other_year_figures") != others:
            errors[label + "_fields_differ_from_table"] += 1
        if year not in RELATIVE_WORDS.values():
            errors[label + "_bad_year"] += 1
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
        if not is_str_list(others) or not others:
            errors[label + "_other_year_figures_empty_or_bad"] += 1
            continue
        names = [n for n in doc_names(it) if n in docs]
        must = it.get("must_contain") or []
        for fig in others:
            counters[label + "_other_year_figures_checked"] += 1
            if not names or not any(fig in docs[n] for n in names):
                errors[label + "_other_year_figure_not_in_doc"] += 1
            if any(fig in s or s in fig for s in must):
                errors[label + "_other_year_figure_in_must_contain"] += 1
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        n_unans += unans
        years[year] += 1
    for y in sorted(years):
        counters[f"{label}_year_{y}"] = years[y]
    for w in RELATIVE_WORDS:
        counters[f"{label}_word_{w}"] = words[w]
    counters[label + "_unanswerable"] = n_unans
    counters[label + "_answerable"] = len(table) - n_unans
    return words, n_unans


def check_questions(questions, docs, errors, counters, used):
    ids = [q.get("id") for q in questions]
    if ids != [f"t{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_t001_to_t100"] += 1
    type_counts = Counter(q.get("type") for q in questions)
    for t, n in EXPECTED_TYPES.items():
        if type_counts.get(t, 0) != n:
            errors["type_count_mismatch_" + t] += 1
    if set(type_counts) - set(EXPECTED_TYPES):
        errors["unknown_type"] += 1
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
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    answerable = {q.get("id") for q in questions if q.get("type") != "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1

    # Years named from the time of writing (the emphasis of dev40).
    words, n_unans = check_relative_years(questions, RELATIVE_YEAR_QUESTIONS, docs, errors, counters, "relative_year")
    n_rel = len(RELATIVE_YEAR_QUESTIONS)
    if not MIN_RELATIVE_QUESTIONS <= n_rel <= MAX_RELATIVE_QUESTIONS:
        errors["relative_year_question_count_out_of_range"] += 1
    if n_rel - n_unans < MIN_RELATIVE_ANSWERABLE:
        errors["too_few_answerable_relative_year_questions"] += 1
    if n_unans < MIN_RELATIVE_UNANSWERABLE:
        errors["too_few_unanswerable_relative_year_questions"] += 1
    for w in ("前年", "去年", "今年", "明年"):
        if words[w] < MIN_PER_RELATIVE_WORD:
            errors["too_few_relative_year_questions_with_" + w] += 1

    sub = set(SUBUNIT_QUESTIONS)
    counters["subunit_questions"] = len(sub)
    if sub - answerable:
        errors["subunit_question_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_QUESTIONS:
        errors["too_few_subunit_questions"] += 1
    by_id = {q.get("id"): q for q in questions}
    for label, group, minimum in (
        ("rank", RANK_QUESTIONS, MIN_RANK_QUESTIONS),
        ("progress", PROGRESS_QUESTIONS, MIN_PROGRESS_QUESTIONS),
        ("short", SHORT_QUESTIONS, MIN_SHORT_QUESTIONS),
        ("everyday_words", EVERYDAY_WORDS_QUESTIONS, MIN_EVERYDAY_WORDS_QUESTIONS),
    ):
        grp = set(group)
        if grp - set(by_id):
            errors[label + "_question_unknown_id"] += len(grp - set(by_id))
        n_ans = len(grp & answerable)
        n_un = len(grp & unans)
        counters[label + "_questions_answerable"] = n_ans
        counters[label + "_questions_unanswerable"] = n_un
        if len(grp) < minimum:
            errors["too_few_" + label + "_questions"] += 1
        if n_ans == 0 or n_un == 0:
            errors[label + "_questions_need_both_answerable_and_unanswerable"] += 1
    for qid in SHORT_QUESTIONS:
        q = by_id.get(qid)
        if q is not None and len(q.get("question") or "") > SHORT_MAX:
            errors["short_question_too_long"] += 1
    for qid, (word, term) in EVERYDAY_WORDS_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None:
            continue
        names = [n for n in doc_names(q) if n in docs]
        counters["everyday_words_checked"] += 1
        if word not in (q.get("question") or ""):
            errors["everyday_word_not_in_question"] += 1
        if any(word in docs[n] for n in names):
            errors["everyday_word_in_document"] += 1
        if not any(term in docs[n] for n in names):
            errors["everyday_document_term_not_in_document"] += 1
    lst = set(LIST_QUESTIONS)
    if lst - set(by_id):
        errors["list_question_unknown_id"] += len(lst - set(by_id))
    counters["list_questions_answerable"] = len(lst & answerable)
    counters["list_questions_unanswerable"] = len(lst & unans)
    if len(lst) < MIN_LIST_QUESTIONS:
        errors["too_few_list_questions"] += 1
    if not lst & answerable or not lst & unans:
        errors["list_questions_need_both_answerable_and_unanswerable"] += 1
    for qid, n_items in LIST_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None:
            continue
        if qid in answerable:
            if not LIST_MIN_ITEMS <= n_items <= LIST_MAX_ITEMS:
                errors["list_items_out_of_range"] += 1
            if len(q.get("must_contain") or []) < MIN_LIST_MUST_CONTAIN:
                errors["list_must_contain_too_short"] += 1
        elif n_items != 0:
            errors["unanswerable_list_with_items"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
    answerable = set()
    for f in followups:
        if not set(f) >= F_FIELDS or set(f) - F_FIELDS - Q_OPTIONAL:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and 1 <= len(f["history"]) <= 3):
            errors["followup_bad_history"] += 1
        if not isinstance(f["question"], str) or not f["question"].strip():
            errors["empty_question"] += 1
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
            answerable.add(f["id"])
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            for n in check_answerable(f, docs, errors, counters):
                used[n] += 1
    counters["followups_unanswerable"] = n_unans
    if set(FPROBES) - {f.get("id") for f in followups if f.get("id") not in answerable}:
        errors["fprobes_for_unknown_followup"] += 1
    fkinds = Counter(e[0] for e in FPROBES.values())
    for kind in sorted(fkinds):
        counters["followup_kind_" + kind] = fkinds[kind]
        if kind not in KINDS:
            errors["unknown_followup_probe_kind"] += 1
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    sub = set(SUBUNIT_FOLLOWUPS)
    counters["subunit_followups"] = len(sub)
    if sub - answerable:
        errors["subunit_followup_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_FOLLOWUPS:
        errors["too_few_subunit_followups"] += 1
    check_relative_years(
        followups, RELATIVE_YEAR_FOLLOWUPS, docs, errors, counters, "relative_year_followups", followups=True
    )
    if len(RELATIVE_YEAR_FOLLOWUPS) < MIN_RELATIVE_FOLLOWUPS:
        errors["too_few_relative_year_followups"] += 1


def check_dates(docs, raw, errors, counters):
    """How each document is dated, and the year chains of one measure."""
    if set(DOC_DATES) != set(docs):
        errors["doc_dates_do_not_cover_the_corpus"] += 1
    kinds = Counter()
    years = Counter()
    for name, (year, kind, literal) in DOC_DATES.items():
        if name not in docs:
            continue
        text = docs[name]
        kinds[kind] += 1
        years[year] += 1
        if kind not in DATE_KINDS:
            errors["doc_date_unknown_kind"] += 1
            continue
        if kind == "none":
            if DATE_RX.search(text) or "发布时间" in text or "〇" in text:
                errors["undated_document_has_a_date"] += 1
            continue
        if not literal or literal not in text:
            errors["doc_date_literal_not_in_doc"] += 1
            continue
        pos = text.find(literal)
        if kind == "title_line" and pos > 80:
            errors["title_line_date_not_under_title"] += 1
        if kind == "header" and pos > 120:
            errors["header_date_not_in_header"] += 1
        if kind in ("signature", "signature_cn") and len(text) - (pos + len(literal)) > 0:
            errors["signature_date_not_at_end"] += 1
        if kind == "signature_cn" and not re.search("[〇一二三四五六七八九]{4}年", literal):
            errors["signature_cn_not_in_chinese_numerals"] += 1
        if kind == "inline":
            lines = [ln for ln in raw[name].splitlines() if literal in squash(ln)]
            if not lines or not any("。" in ln.split(literal)[0] for ln in lines):
                errors["inline_date_not_on_a_body_line"] += 1
        if kind == "dateline" and year is not None and f"发布时间：{year}-" not in text:
            errors["dateline_year_mismatch"] += 1
        if year is not None and not any(form in literal for form in year_forms(year)):
            errors["doc_date_year_not_in_literal"] += 1
    for kind in DATE_KINDS:
        counters["date_kind_" + kind] = kinds[kind]
        if kinds[kind] == 0:
            errors["no_document_dated_as_" + kind] += 1
    for y in sorted(k for k in years if k):
        counters[f"documents_written_{y}"] = years[y]
    counters["documents_undated"] = years[None]
    if years[2023] < 1 or years[2024] < 1:
        errors["need_documents_written_in_2023_and_2024"] += 1
    for w in DOC_RELATIVE_WORDS:
        n = sum(w in t for t in docs.values())
        counters["documents_using_" + w] = n
        if n == 0:
            errors["no_document_uses_" + w] += 1
    full = False
    for _measure, chain in YEAR_CHAINS:
        counters["year_chain_snippets_checked"] += len(chain)
        for _year, _side, name, snippet in chain:
            if name not in docs or snippet not in docs[name]:
                errors["year_chain_snippet_not_in_doc"] += 1
        ys = {year for year, _side, _name, _snippet in chain}
        if {2023, 2024, 2025} <= ys:
            full = True
    counters["year_chains"] = len(YEAR_CHAINS)
    if not full:
        errors["no_measure_with_2023_2024_2025_figures"] += 1


def main():
    docs, raw = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    check_dates(docs, raw, errors, counters)

    if len(docs) != N_DOCS:
        errors["document_count_not_20"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_too_few_items"] += len(thin)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {DOC_LONG}: {n_long}")
    print("questions:", len(questions))
    for t in EXPECTED_TYPES:
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        low = min(used[n] for n in docs)
        high = max(used[n] for n in docs)
        print(f"items per document: min {low}, max {high}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
