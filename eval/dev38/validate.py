#!/usr/bin/env python3
"""Validate the dev38 development set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

EXPECTED_TYPES = {
    "list": 7,
    "number": 16,
    "target": 13,
    "deadline": 4,
    "standard": 4,
    "unit": 4,
    "multipart": 4,
    "rank": 6,
    "progress": 7,
    "multi_doc": 5,
    "unanswerable": 30,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
# Optional field: "period_kind" ("result" or "target"), present exactly on the
# items listed in RESULT_VS_TARGET_QUESTIONS / RESULT_VS_TARGET_FOLLOWUPS.
OPTIONAL_FIELDS = {"period_kind"}
EV_MIN, EV_MAX = 10, 40
# 1500-4000 characters (whitespace excluded); at least 4 of 20 over 2500.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 1500, 4000, 2500, 4
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10
# Every document is used by at least this many items (questions, follow-ups,
# and multi_doc second documents).
MIN_ITEMS_PER_DOC = 3

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions. J_result_only is new in dev38: a target is asked, the documents
# hold only the result of an earlier period (the mirror of I_target_result).
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "H_notstated",
    "I_target_result",
    "J_result_only",
    "L_similar",
)
MIN_PER_KIND = 1
MIN_D_QUESTIONS = 4
MIN_D_FOLLOWUPS = 1

# Answerable items that ask the figure of a district, county, 街道, 镇 or 片区.
SUBUNIT_QUESTIONS = (
    "t005",
    "t010",
    "t011",
    "t021",
    "t064",
    "t081",
    "t085",
)
SUBUNIT_FOLLOWUPS = (
    "w02",
    "w04",
    "w06",
    "w07",
    "w09",
    "w11",
    "w13",
    "w14",
    "w16",
    "w17",
    "w18",
    "w20",
    "w22",
    "w23",
    "w25",
    "w26",
    "w27",
)
MIN_SUBUNIT_QUESTIONS = 7
MIN_SUBUNIT_FOLLOWUPS = 10

# Questions that ask a ranking's member or a ranked table, questions that ask
# whether something was done or how much of a target was done, and very
# short questions (at most SHORT_MAX characters). Each group must hold at
# least MIN_* items, both answerable and unanswerable ones.
RANK_QUESTIONS = (
    "t010",
    "t011",
    "t012",
    "t022",
    "t054",
    "t058",
    "t062",
    "t064",
    "t078",
    "t084",
    "t088",
)
PROGRESS_QUESTIONS = (
    "t013",
    "t015",
    "t029",
    "t038",
    "t039",
    "t045",
    "t052",
    "t073",
    "t074",
    "t080",
    "t096",
    "t097",
    "t098",
)
SHORT_QUESTIONS = (
    "t002",
    "t008",
    "t010",
    "t025",
    "t035",
    "t043",
    "t071",
    "t072",
    "t086",
)
MIN_RANK_QUESTIONS = 8
MIN_PROGRESS_QUESTIONS = 6
MIN_SHORT_QUESTIONS = 8
SHORT_MAX = 10

# Everyday words: id -> (the word staff type, the document's own term). The
# staff word must be in the question and nowhere in the cited document; the
# document's term must be in it.
EVERYDAY_WORDS_QUESTIONS = {
    "t006": ("充电桩", "充电端口"),
    "t010": ("垫底", "排名末位"),
    "t011": ("倒数第一", "排名末位"),
    "t016": ("没人打扫", "无人保洁"),
    "t018": ("垫底", "排名末位"),
    "t020": ("停车位", "停车泊位"),
    "t026": ("老小区", "老旧小区"),
    "t028": ("罚了", "罚没款"),
    "t029": ("违建", "违法建设"),
    "t032": ("菜市场", "农贸市场"),
    "t038": ("改完没", "已整改"),
    "t039": ("没完成", "未完成"),
    "t040": ("违建", "违法建设"),
    "t041": ("充电桩", "充电端口"),
    "t045": ("老小区", "老旧小区"),
    "t046": ("违建", "违法建设"),
    "t049": ("狗", "犬只"),
    "t052": ("改完没", "已整改"),
    "t060": ("菜市场", "农贸市场"),
    "t063": ("老小区", "老旧小区"),
    "t068": ("菜市场", "农贸市场"),
    "t070": ("车让人", "礼让行人率"),
    "t072": ("厕所", "公厕"),
    "t073": ("改完没", "已整改"),
    "t074": ("垃圾亭", "分类投放点"),
    "t077": ("停车位", "停车泊位"),
    "t078": ("最差", "排名末位"),
    "t085": ("没人打扫", "无人保洁"),
    "t089": ("违建", "违法建设"),
    "t092": ("老小区", "老旧小区"),
    "t095": ("车让人", "礼让行人率"),
    "t096": ("厕所", "公厕"),
    "t098": ("菜市场", "农贸市场"),
    "t100": ("排最后", "排名末位"),
}
MIN_EVERYDAY_WORDS_QUESTIONS = 15
MIN_EVERYDAY_WORDS_ANSWERABLE = 10

# List questions: id -> number of items of the list in the cited document (0
# for an unanswerable list question). An answerable list's list holds
# LIST_MIN_ITEMS..LIST_MAX_ITEMS items and its must_contain names at least
# MIN_LIST_MUST_CONTAIN of them.
LIST_QUESTIONS = {
    "t017": 13,
    "t042": 14,
    "t044": 10,
    "t058": 10,
    "t061": 10,
    "t062": 0,
    "t066": 12,
    "t083": 10,
    "t084": 9,
}
MIN_LIST_QUESTIONS = 8
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 9, 15
MIN_LIST_MUST_CONTAIN = 5

# Result versus target (the emphasis of dev38): id -> (period_kind, look-alike
# figure of the other side, its document or None for the item's own
# document). A "result" item asks what was done in a period (去年 / 上半年 /
# 5月 / 已经…了) and its look-alike is the target or plan in the same units; a
# "target" item asks a target or plan and its look-alike is the result. The
# look-alike must occur in its document and in no must_contain string.
# Unanswerable items here ask a side the documents do not hold.
RESULT_VS_TARGET_QUESTIONS = {
    "t002": ("result", "96%以上", None),
    "t003": ("target", "82.4分", None),
    "t004": ("result", "97%以上", None),
    "t006": ("result", "2,000个", None),
    "t008": ("result", "97%以上", None),
    "t012": ("result", "前三位", None),
    "t013": ("result", "新增达标4个", None),
    "t014": ("target", "8.7万平方米", None),
    "t015": ("result", "800块", None),
    "t019": ("result", "10万平方米以上", None),
    "t020": ("target", "860个", None),
    "t021": ("result", "85分以上", None),
    "t025": ("result", "97%以上", None),
    "t027": ("target", "90.0%", None),
    "t029": ("result", "15万平方米以上", None),
    "t030": ("target", "94.8%", None),
    "t031": ("target", "12条", None),
    "t034": ("target", "21.7万元", None),
    "t038": ("result", "100%", None),
    "t040": ("result", "10万平方米", None),
    "t041": ("result", "2,000个", None),
    "t043": ("result", "95%", None),
    "t045": ("result", "31个", None),
    "t046": ("result", "10万平方米以上", None),
    "t047": ("result", "97%以上", None),
    "t051": ("result", "90%以上", None),
    "t052": ("result", "100%", None),
    "t054": ("result", "前三位", None),
    "t059": ("target", "58%", None),
    "t060": ("target", "累计达标3个", None),
    "t063": ("target", "46个", None),
    "t070": ("result", "95%以上", None),
    "t072": ("target", "28座", None),
    "t073": ("result", "98%", None),
    "t074": ("result", "３００个", None),
    "t075": ("target", "１００吨", None),
    "t079": ("target", "86.3万元", None),
    "t081": ("target", "87.4", None),
    "t086": ("result", "97%以上", None),
    "t089": ("result", "15万平方米", None),
    "t090": ("result", "5万平方米", None),
    "t091": ("result", "92%以上", None),
    "t095": ("result", "95%以上", None),
    "t096": ("result", "10座", None),
    "t097": ("result", "98%", None),
    "t098": ("result", "8个", None),
    "t099": ("target", "84.8", None),
}
RESULT_VS_TARGET_FOLLOWUPS = {
    "w03": ("result", "1,500个", None),
    "w10": ("result", "48个", None),
    "w12": ("target", "9座", None),
    "w19": ("result", "1,400万元", "015_zhongwei-chuangwen-shishi-fangan-2025.txt"),
    "w24": ("target", "12.6万平方米", None),
    "w27": ("result", "5.8万平方米", None),
    "w29": ("target", "1,350个", None),
}
MIN_RESULT_VS_TARGET_QUESTIONS = 40
MIN_RESULT_VS_TARGET_ANSWERABLE = 30
MIN_PER_SIDE = 10
MIN_RESULT_VS_TARGET_FOLLOWUPS = 5

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t007": (
        "D_subunit",
        [
            ("doc", "\\|兴城市\\|"),
            ("all", "兴城市[^。]{0,10}结案率[0-9]"),
        ],
    ),
    "t008": (
        "A_period",
        [
            ("all", "2025年第7期葫芦岛"),
            ("all", "7月份，“葫城智管”"),
            ("all", "葫芦岛[^。]{0,30}7月[^。]{0,10}结案率[0-9]"),
        ],
    ),
    "t009": (
        "D_subunit",
        [
            ("doc", "\\|淮北经济开发区\\|"),
            ("all", "淮北经济开发区[^。]{0,10}结案率"),
        ],
    ),
    "t012": (
        "C_nofigure",
        [
            ("doc", "排名第[0-9一二三四五六七八九十]+位"),
            ("all", "淮北[^。]{0,20}全省[^。]{0,10}第[0-9]+位"),
        ],
    ),
    "t013": (
        "I_target_result",
        [
            ("all", "已(完成|改造|达标)[^。]{0,10}农贸市场"),
            ("all", "农贸市场[^。]{0,10}已(完成|达标)"),
        ],
    ),
    "t022": (
        "A_period",
        [
            ("all", "第二季度创建全国文明城市常态化测评情况"),
            ("all", "二季度[^。]{0,20}建昌县[^。]{0,10}(排名|得分)"),
        ],
    ),
    "t024": (
        "F_cutoff",
        [
            ("doc", "古城周边的违法建设纳入[^。]{2,}"),
            ("all", "违法建设纳入[^。]{0,10}(考核|台账|网格)"),
        ],
    ),
    "t029": (
        "I_target_result",
        [
            ("doc", "今年以来"),
            ("doc", "2025年[^。]{0,10}已拆除"),
            ("all", "葫芦岛[^。]{0,20}(今年|2025年)[^。]{0,20}已拆除违法建设"),
        ],
    ),
    "t034": (
        "J_result_only",
        [
            ("doc", "罚没款[^。]{0,10}(目标|达到|力争)"),
            ("doc", "(今年|2025年)[^。]{0,30}罚没"),
        ],
    ),
    "t035": (
        "D_subunit",
        [
            ("doc", "\\|海原县\\|"),
            ("all", "海原县[^。]{0,10}结案率"),
        ],
    ),
    "t037": (
        "A_period",
        [
            ("all", "（2025年第4期）"),
            ("all", "第4期[^。]{0,30}海原县[^。]{0,10}得分"),
        ],
    ),
    "t043": (
        "A_period",
        [
            ("all", "4月份，“中卫城管通”"),
            ("all", "第4期（4月份）"),
            ("all", "中卫[^。]{0,20}4月[^。]{0,10}结案率[0-9]"),
        ],
    ),
    "t047": (
        "I_target_result",
        [
            ("all", "全年(实际)?结案率(为)?[0-9.]+%(?!以上)"),
            ("all", "2025年全年[^。]{0,20}结案率"),
        ],
    ),
    "t048": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "第三方机构[（(]"),
            ("doc", "(研究院|咨询公司|调查中心|研究中心)"),
        ],
    ),
    "t050": (
        "A_period",
        [
            ("doc", "第7期"),
            ("all", "创建全国文明城市督查通报第7期"),
        ],
    ),
    "t051": (
        "L_similar",
        [
            ("doc", "满意度[0-9]"),
            ("all", "城市管理满意度[0-9]"),
            ("all", "2024年[^。]{0,20}城市管理[^。]{0,10}满意"),
        ],
    ),
    "t053": (
        "D_subunit",
        [
            ("doc", "淮北经济开发区[^。]{0,10}覆盖率"),
            ("doc", "开发区覆盖小区"),
        ],
    ),
    "t055": (
        "H_notstated",
        [
            ("doc", "犬"),
            ("doc", "遛"),
        ],
    ),
    "t056": (
        "B_place",
        [
            ("all", "永康"),
        ],
    ),
    "t057": (
        "C_nofigure",
        [
            ("doc", "本月共抽查点位120个，发现问题[0-9]"),
            ("doc", "其他问题[0-9]+个"),
            ("doc", "\\|海原县\\|24\\|[0-9]+\\|"),
        ],
    ),
    "t062": (
        "A_period",
        [
            ("all", "5月份创建全国文明城市常态化测评结果"),
            ("all", "5月份[^。]{0,20}(相南街道|宋疃镇)[^。]{0,10}[0-9]"),
        ],
    ),
    "t069": (
        "H_notstated",
        [
            ("doc", "电梯[^。]{0,20}万元"),
            ("all", "加装电梯[^。]{0,20}(投资|资金|万元)"),
        ],
    ),
    "t079": (
        "J_result_only",
        [
            ("doc", "罚没款[^。]{0,10}(目标|达到|力争)"),
            ("doc", "2025年[^。]{0,40}罚没"),
        ],
    ),
    "t082": (
        "B_place",
        [
            ("all", "古饶"),
        ],
    ),
    "t088": (
        "E_rank",
        [
            ("doc", "连山区[^。]{0,20}全省"),
            ("all", "连山区[^。]{0,30}全省[^。]{0,10}第[0-9]+"),
        ],
    ),
    "t091": (
        "I_target_result",
        [
            ("doc", "今年[^。]{0,20}满意度[^。]{0,5}[0-9]"),
            ("doc", "上半年[^。]{0,20}满意度"),
        ],
    ),
    "t092": (
        "F_cutoff",
        [
            ("doc", "届时将[^。]+"),
            ("all", "届时将[^。]{2,}"),
        ],
    ),
    "t093": (
        "F_cutoff",
        [
            ("doc", "智能识别摄像头[0-9]"),
            ("doc", "新增智能识别摄像头[^。]+"),
        ],
    ),
    "t096": (
        "I_target_result",
        [
            ("all", "相山区[^。]{0,30}公厕[^。]{0,5}[0-9]+座"),
            ("doc", "(今年|2025年)[^。]{0,10}已(建成|完成)[^。]{0,10}公厕"),
        ],
    ),
    "t098": (
        "I_target_result",
        [
            ("all", "已(完成|改造)[^。]{0,10}农贸市场"),
            ("doc", "已完成"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w01": (
        "E_rank",
        [
            ("doc", "全区[^。]{0,10}第[0-9]+"),
            ("doc", "中宁县[^。]{0,20}第[0-9]+位"),
        ],
    ),
    "w05": (
        "A_period",
        [
            ("all", "5月份创建全国文明城市常态化测评结果"),
            ("all", "5月份[^。]{0,20}相山区[^。]{0,10}[0-9]"),
        ],
    ),
    "w08": (
        "D_subunit",
        [
            ("doc", "中宁县[^。]{0,20}店招"),
            ("doc", "店招[^。]{0,20}中宁县[^。]{0,5}[0-9]"),
        ],
    ),
    "w19": (
        "I_target_result",
        [
            ("doc", "公厕[^。]{0,30}万元"),
            ("all", "公厕[^。]{0,10}(已投入|已花|完成投资)"),
        ],
    ),
    "w28": (
        "C_nofigure",
        [
            ("doc", "\\|海原县\\|24\\|[0-9]+\\|"),
            ("doc", "海原县[^。]{0,10}问题[0-9]+个"),
        ],
    ),
    "w30": (
        "D_subunit",
        [
            ("doc", "\\|兴城市\\|"),
            ("doc", "兴城市[^。]{0,10}结案率"),
        ],
    ),
}

WS = re.compile(r"\s+")


def squash(text):
    return WS.sub("", text)


def load_corpus():
    docs = {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
                docs[name] = squash(fh.read())
    return docs


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


def fields_ok(item, required):
    keys = set(item)
    return required <= keys and keys <= required | OPTIONAL_FIELDS


def check_answerable(item, docs, errors, counters, multi=False):
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return set()
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return set()
    # Documents the item draws on: the main one, plus (multi_doc only) every
    # other document holding an evidence string that the main one lacks.
    used_docs = {name}
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        if ev in docs[name]:
            continue
        found = [n for n in docs if ev in docs[n]]
        if not multi or not found:
            errors["evidence_not_in_doc"] += 1
            continue
        if len(found) > 1:
            errors["multi_doc_evidence_ambiguous"] += 1
        used_docs.update(found)
    if multi:
        if not any(ev in docs[name] for ev in item["evidence"]):
            errors["multi_doc_no_evidence_in_main_doc"] += 1
        if len(used_docs) < 2:
            errors["multi_doc_needs_second_doc_evidence"] += 1
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in docs[n] for n in used_docs):
                errors["must_contain_not_in_doc"] += 1
    return used_docs


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


def check_period_kind(items, table, docs, errors, counters, label):
    """Result-versus-target items (the emphasis of dev38).

    table: id -> (period_kind, look-alike, document of the look-alike or None
    for the item's own document). The item's "period_kind" field must equal
    the table's; items outside the table must not carry the field. The
    look-alike (the figure of the other side: the target when a result is
    asked, the result when a target is asked) must occur in its document and
    must not occur inside any must_contain string.
    """
    by_id = {x.get("id"): x for x in items}
    for x in items:
        if "period_kind" in x and x.get("id") not in table:
            errors[label + "_period_kind_field_without_table_entry"] += 1
    n = Counter()
    for qid, (kind, look, look_doc) in table.items():
        x = by_id.get(qid)
        if x is None:
            errors[label + "_period_kind_unknown_id"] += 1
            continue
        if kind not in ("result", "target"):
            errors[label + "_period_kind_bad_value"] += 1
        if x.get("period_kind") != kind:
            errors[label + "_period_kind_field_mismatch"] += 1
        doc = look_doc or x.get("doc")
        if doc not in docs:
            errors[label + "_period_kind_bad_lookalike_doc"] += 1
            continue
        counters[label + "_lookalikes_checked"] += 1
        if not look or look not in docs[doc]:
            errors[label + "_lookalike_not_in_document"] += 1
        if any(look in s for s in (x.get("must_contain") or [])):
            errors[label + "_lookalike_in_must_contain"] += 1
        answerable = bool(x.get("must_contain"))
        n[(kind, answerable)] += 1
    return n


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
        if not fields_ok(q, Q_FIELDS):
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(q["doc"], str):
            errors["doc_must_be_a_string"] += 1
            continue
        if q["type"] == "unanswerable":
            used[q["doc"]] += 1
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            for n in check_answerable(q, docs, errors, counters, q["type"] == "multi_doc"):
                used[n] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("D_subunit", 0) < MIN_D_QUESTIONS:
        errors["too_few_D_subunit_questions"] += 1
    answerable = {q.get("id") for q in questions if q.get("type") != "unanswerable"}
    sub = set(SUBUNIT_QUESTIONS)
    counters["subunit_questions"] = len(sub)
    if sub - answerable:
        errors["subunit_question_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_QUESTIONS:
        errors["too_few_subunit_questions"] += 1
    for label, group, minimum in (
        ("rank", RANK_QUESTIONS, MIN_RANK_QUESTIONS),
        ("progress", PROGRESS_QUESTIONS, MIN_PROGRESS_QUESTIONS),
        ("short", SHORT_QUESTIONS, MIN_SHORT_QUESTIONS),
        ("everyday_words", EVERYDAY_WORDS_QUESTIONS, MIN_EVERYDAY_WORDS_QUESTIONS),
    ):
        grp = set(group)
        known = {q.get("id") for q in questions}
        if grp - known:
            errors[label + "_question_unknown_id"] += len(grp - known)
        n_ans = len(grp & answerable)
        n_unans = len(grp & unans)
        counters[label + "_questions_answerable"] = n_ans
        counters[label + "_questions_unanswerable"] = n_unans
        if len(grp) < minimum:
            errors["too_few_" + label + "_questions"] += 1
        if n_ans == 0 or n_unans == 0:
            errors[label + "_questions_need_both_answerable_and_unanswerable"] += 1
    by_id = {q.get("id"): q for q in questions}
    for qid in SHORT_QUESTIONS:
        q = by_id.get(qid)
        if q is not None and len(q.get("question") or "") > SHORT_MAX:
            errors["short_question_too_long"] += 1
    n_ew_ans = len(set(EVERYDAY_WORDS_QUESTIONS) & answerable)
    if n_ew_ans < MIN_EVERYDAY_WORDS_ANSWERABLE:
        errors["too_few_answerable_everyday_words_questions"] += 1
    for qid, (word, term) in EVERYDAY_WORDS_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None or q.get("doc") not in docs:
            continue
        counters["everyday_words_checked"] += 1
        if word not in (q.get("question") or ""):
            errors["everyday_word_not_in_question"] += 1
        if word in docs[q["doc"]]:
            errors["everyday_word_in_document"] += 1
        if term not in docs[q["doc"]]:
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
    # Result versus target (the emphasis).
    n = check_period_kind(questions, RESULT_VS_TARGET_QUESTIONS, docs, errors, counters, "questions")
    total = sum(n.values())
    counters["result_vs_target_questions"] = total
    for kind in ("result", "target"):
        for ans, word in ((True, "answerable"), (False, "unanswerable")):
            counters[f"result_vs_target_{kind}_{word}"] = n[(kind, ans)]
    if total < MIN_RESULT_VS_TARGET_QUESTIONS:
        errors["too_few_result_vs_target_questions"] += 1
    if n[("result", True)] + n[("target", True)] < MIN_RESULT_VS_TARGET_ANSWERABLE:
        errors["too_few_answerable_result_vs_target_questions"] += 1
    if n[("result", True)] < MIN_PER_SIDE or n[("target", True)] < MIN_PER_SIDE:
        errors["result_vs_target_needs_both_sides_answerable"] += 1
    if n[("result", False)] == 0 or n[("target", False)] == 0:
        errors["result_vs_target_needs_unanswerable_of_both_sides"] += 1
    for qid in RESULT_VS_TARGET_QUESTIONS:
        q = by_id.get(qid)
        if q is None or q.get("type") != "unanswerable":
            continue
        kind = PROBES.get(qid, ("",))[0]
        if kind not in ("I_target_result", "J_result_only", "A_period", "C_nofigure", "L_similar"):
            errors["result_vs_target_unanswerable_bad_kind"] += 1
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
        if not fields_ok(f, F_FIELDS):
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
    if fkinds.get("D_subunit", 0) < MIN_D_FOLLOWUPS:
        errors["too_few_D_subunit_followups"] += 1
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    sub = set(SUBUNIT_FOLLOWUPS)
    counters["subunit_followups"] = len(sub)
    if sub - answerable:
        errors["subunit_followup_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_FOLLOWUPS:
        errors["too_few_subunit_followups"] += 1
    n = check_period_kind(followups, RESULT_VS_TARGET_FOLLOWUPS, docs, errors, counters, "followups")
    counters["result_vs_target_followups"] = sum(n.values())
    if sum(n.values()) < MIN_RESULT_VS_TARGET_FOLLOWUPS:
        errors["too_few_result_vs_target_followups"] += 1


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)

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
