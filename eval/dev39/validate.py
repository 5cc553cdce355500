#!/usr/bin/env python3
"""Validate the dev39 development set. Prints counts only; exits 1 on failure.

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
    "list": 6,
    "number": 15,
    "target": 12,
    "deadline": 5,
    "standard": 5,
    "unit": 5,
    "multipart": 5,
    "rank": 5,
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
# Result-vs-target items carry one more field.
Q_OPTIONAL = {"period_kind"}
EV_MIN, EV_MAX = 10, 40
# 1500-4000 characters (whitespace excluded); at least 4 of 20 over 2500.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 1500, 4000, 2500, 4
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10
# Every document is used by at least this many items (questions, follow-ups,
# and every document listed by a multi_doc question).
MIN_ITEMS_PER_DOC = 3

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions. I_target_only: a result (实际 / 已完成 / 现在) is asked and only the
# target or plan is there; J_result_only: a target is asked and only results
# (or the baseline) are there.
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

# Result vs target (the emphasis of dev39). id -> (period_kind, the look-alike
# figure of the other side). The question's field period_kind must match; the
# other side's figure (same units, written as in the document) must occur in
# the item's document(s) and must not be part of any must_contain string.
# Unanswerable items here ask one side while only the other side is there (or
# the asked figure is cut off / belongs to another city).
PERIOD_KINDS = ("result", "target")
RESULT_VS_TARGET_QUESTIONS = {
    "t001": ("target", "11座"),
    "t002": ("target", "2,860个"),
    "t005": ("result", "6,000个"),
    "t006": ("result", "350处"),
    "t008": ("result", "14条"),
    "t009": ("result", "6个"),
    "t010": ("target", "68%"),
    "t013": ("target", "1,260个"),
    "t014": ("target", "94%"),
    "t016": ("result", "95%以上"),
    "t017": ("result", "40条"),
    "t019": ("target", "3,600个"),
    "t022": ("result", "93处"),
    "t025": ("result", "30个"),
    "t030": ("result", "97%以上"),
    "t033": ("result", "95%以上"),
    "t034": ("result", "87分以上"),
    "t036": ("result", "40条"),
    "t037": ("target", "3,600个"),
    "t047": ("result", "18%以上"),
    "t049": ("result", "70处"),
    "t050": ("target", "5个"),
    "t052": ("result", "1,500个"),
    "t053": ("target", "8小时"),
    "t054": ("result", "45座"),
    "t055": ("target", "48个"),
    "t056": ("result", "92%"),
    "t062": ("result", "45座"),
    "t063": ("target", "93.6%"),
    "t064": ("result", "36座"),
    "t066": ("result", "87.5分以上"),
    "t072": ("result", "180处"),
    "t073": ("result", "2,760个"),
    "t074": ("target", "86个"),
    "t075": ("result", "88分以上"),
    "t076": ("result", "87.5分以上"),
    "t077": ("target", "83.7分"),
    "t087": ("target", "22条"),
    "t088": ("result", "９３％以上"),
    "t089": ("target", "95.8%"),
    "t090": ("target", "９５．１％"),
    "t092": ("target", "13.2%"),
    "t096": ("target", "11条"),
    "t097": ("target", "93.6%"),
    "t098": ("result", "90分以上"),
    "t099": ("result", "95%以上"),
    "t100": ("result", "100%"),
}
RESULT_VS_TARGET_FOLLOWUPS = {
    "w04": ("result", "24座"),
    "w06": ("target", "38座"),
    "w11": ("result", "14座"),
    "w12": ("target", "1,860个"),
    "w14": ("target", "3.1万个"),
    "w17": ("target", "86.2分"),
    "w24": ("target", "85.9分"),
    "w25": ("result", "87.5分以上"),
    "w27": ("target", "94.5%"),
    "w30": ("result", "95%以上"),
}
MIN_PERIOD_QUESTIONS = 40
MIN_PERIOD_PER_KIND_ANSWERABLE = 12
MIN_PERIOD_PER_KIND_UNANSWERABLE = 3
MIN_PERIOD_FOLLOWUPS = 6
PERIOD_UNANSWERABLE_KINDS = ("I_target_only", "J_result_only", "F_cutoff", "B_place")

# Answerable items that ask the figure of a district, county, 旗, 街道 or 镇.
SUBUNIT_QUESTIONS = (
    "t001",
    "t032",
    "t035",
    "t039",
    "t042",
    "t049",
    "t070",
    "t082",
    "t095",
    "t099",
)
SUBUNIT_FOLLOWUPS = (
    "w02",
    "w04",
    "w07",
    "w10",
    "w11",
    "w13",
    "w16",
    "w18",
    "w19",
    "w20",
    "w21",
    "w23",
    "w28",
)
MIN_SUBUNIT_QUESTIONS = 8
MIN_SUBUNIT_FOLLOWUPS = 8

# Questions that ask a ranking's member, questions that ask whether something
# was done or how much of a target was done, and very short questions (at most
# SHORT_MAX characters). Each group must hold both answerable and unanswerable
# items.
RANK_QUESTIONS = (
    "t012",
    "t039",
    "t042",
    "t070",
    "t082",
    "t095",
)
PROGRESS_QUESTIONS = (
    "t005",
    "t008",
    "t009",
    "t036",
    "t048",
    "t052",
    "t054",
    "t064",
    "t072",
    "t099",
    "t100",
)
SHORT_QUESTIONS = (
    "t001",
    "t006",
    "t016",
    "t031",
    "t043",
    "t069",
    "t076",
    "t088",
)
MIN_RANK_QUESTIONS = 5
MIN_PROGRESS_QUESTIONS = 8
MIN_SHORT_QUESTIONS = 8
SHORT_MAX = 10

# Everyday words: id -> (the word staff type, the document's own term). The
# staff word must be in the question and in none of the item's documents; the
# document's term must be in one of them.
EVERYDAY_WORDS_QUESTIONS = {
    "t002": ("停车位", "停车泊位"),
    "t004": ("罚了", "罚没款"),
    "t006": ("拆违", "拆除违法建设"),
    "t013": ("充电桩", "充电端口"),
    "t022": ("违建", "违法建设"),
    "t025": ("老小区", "老旧小区"),
    "t033": ("车让人", "斑马线礼让率"),
    "t035": ("菜市场", "农贸市场"),
    "t049": ("违建", "违法建设"),
    "t050": ("菜市场", "农贸市场"),
    "t052": ("充电桩", "充电端口"),
    "t054": ("厕所", "公厕"),
    "t058": ("超时没办", "超期未处置"),
    "t062": ("厕所", "公厕"),
    "t064": ("厕所", "公厕"),
    "t069": ("满意不", "满意度"),
    "t072": ("违建", "违法建设"),
    "t082": ("倒数第一", "排名末位"),
    "t095": ("垫底", "排名最后"),
    "t100": ("改完没", "已整改"),
}
MIN_EVERYDAY_WORDS_QUESTIONS = 15

# List questions: id -> number of items of the list in the cited document (0
# for an unanswerable list question, whose list is not there).
LIST_QUESTIONS = {
    "t024": 13,
    "t029": 10,
    "t038": 10,
    "t060": 12,
    "t067": 12,
    "t078": 0,
    "t084": 9,
}
MIN_LIST_QUESTIONS = 6
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 9, 15
MIN_LIST_MUST_CONTAIN = 5

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t003": (
        "D_subunit",
        [
            ("doc", "八步区[^。]{0,10}公厕"),
            ("all", "2024年[^。]{0,30}八步区[^。]{0,20}公厕"),
        ],
    ),
    "t007": (
        "A_period",
        [
            ("all", "2025年第6期）"),
            ("all", "6月份，“贺城e管”"),
            ("all", "6月份[^。]{0,20}按期处置率[0-9]"),
        ],
    ),
    "t009": (
        "I_target_only",
        [
            ("doc", "已建成[^。]{0,10}停车场"),
            ("doc", "6个公共停车场[^。]{0,10}(已|建成投用了)"),
        ],
    ),
    "t011": (
        "L_similar",
        [
            ("doc", "满意"),
            ("all", "鄂尔多斯[^。]{0,30}12345[^。]{0,20}满意"),
        ],
    ),
    "t012": (
        "E_rank",
        [
            ("doc", "黄田镇[^。]{0,20}4月"),
            ("all", "4月份[^。]{0,30}黄田镇[^。]{0,10}第"),
        ],
    ),
    "t014": (
        "F_cutoff",
        [
            ("doc", "力争执法人员持证率[0-9]"),
            ("doc", "下半年[^。]{0,30}持证率"),
        ],
    ),
    "t018": (
        "C_nofigure",
        [
            ("doc", "我市得分8[0-9]\\.[0-9]分，在全省"),
            ("all", "全省文明城市测评中，我市得分[0-9]{2}\\.[0-9]分"),
        ],
    ),
    "t026": (
        "D_subunit",
        [
            ("doc", "薛家湾镇"),
            ("all", "薛家湾镇[^。]{0,20}立案"),
        ],
    ),
    "t027": (
        "C_nofigure",
        [
            ("doc", "按时办结率96\\.[0-9]%"),
            ("doc", "12345热线转办[0-9]"),
        ],
    ),
    "t028": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "(研究院|咨询|调查中心)"),
            ("all", "委托[^。]{0,10}(公司|研究院)"),
        ],
    ),
    "t031": (
        "D_subunit",
        [
            ("doc", "\\|杭锦旗\\|"),
            ("all", "杭锦旗[^。]{0,10}处置率"),
        ],
    ),
    "t036": (
        "I_target_only",
        [
            ("all", "已(完成|整治)[^。]{0,10}背街小巷"),
            ("all", "2025年[^。]{0,20}背街小巷[^。]{0,10}已"),
        ],
    ),
    "t040": (
        "A_period",
        [
            ("doc", "6月底[^。]{0,20}泊位"),
            ("all", "鄂尔多斯[^。]{0,30}截至6月底"),
        ],
    ),
    "t044": (
        "B_place",
        [
            ("all", "清源镇"),
            ("all", "清源"),
        ],
    ),
    "t045": (
        "H_notstated",
        [
            ("doc", "犬"),
            ("doc", "养狗"),
        ],
    ),
    "t047": (
        "I_target_only",
        [
            ("all", "2025年[^。]{0,20}注册志愿者[^。]{0,20}达到1[0-9]\\.[0-9]%"),
            ("all", "目前[^。]{0,20}注册志愿者"),
        ],
    ),
    "t053": (
        "J_result_only",
        [
            ("all", "清雪[^。]{0,20}[0-9]+小时内"),
            ("doc", "2025[^。]{0,60}清雪"),
        ],
    ),
    "t061": (
        "A_period",
        [
            ("all", "6月份全市创建全国文明城市实地测评"),
            ("all", "6月份测评[^。]{0,20}(排名|得分)[0-9第]"),
        ],
    ),
    "t064": (
        "B_place",
        [
            ("all", "鄂尔多斯[^。]{0,30}已建成[^。]{0,10}公厕"),
            ("all", "(东胜区|康巴什区)[^。]{0,20}公厕[^。]{0,10}已建成"),
        ],
    ),
    "t065": (
        "C_nofigure",
        [
            ("doc", "\\|鄂托克旗\\|24\\|[0-9]{2}\\.[0-9]\\|"),
            ("all", "鄂托克旗[^。]{0,10}[0-9]{2}\\.[0-9]分"),
        ],
    ),
    "t068": (
        "C_nofigure",
        [
            ("doc", "排名第[0-9一二三四五六七八九十]+位，较去年同期"),
            ("all", "一季度[^。]{0,30}全区[^。]{0,10}第[0-9]+位"),
        ],
    ),
    "t072": (
        "I_target_only",
        [
            ("all", "全年(共|累计)?拆除违法建设[0-9]+处[^。]{0,10}2025"),
            ("doc", "全年拆除违法建设[0-9]"),
        ],
    ),
    "t074": (
        "F_cutoff",
        [
            ("doc", "力争全年新建生活垃圾分类投放点[0-9]"),
            ("all", "东胜区[^。]{0,20}新建[^。]{0,10}投放点[0-9]+个[^。]{0,10}2025"),
        ],
    ),
    "t076": (
        "I_target_only",
        [
            ("all", "第二季度全国文明城市创建常态化测评结果"),
            ("all", "二季度[^。“”]{0,10}平均得分[0-9]{2}\\.[0-9]分"),
        ],
    ),
    "t078": (
        "F_cutoff",
        [
            ("doc", "平桂区西湾广场公厕、[^。]+"),
            ("doc", "已建成投用的19座公厕分别是：[^。]+。"),
        ],
    ),
    "t081": (
        "D_subunit",
        [
            ("doc", "\\|古浪县\\|"),
            ("all", "古浪县[^。]{0,10}处置率"),
        ],
    ),
    "t083": (
        "A_period",
        [
            ("all", "省文明办6月"),
            ("doc", "6月份对我市进行了暗访"),
        ],
    ),
    "t089": (
        "J_result_only",
        [
            ("all", "按时办结率[^。]{0,10}(达到|目标|以上)"),
            ("doc", "按时办结率要"),
        ],
    ),
    "t090": (
        "J_result_only",
        [
            ("doc", "结案率[^。]{0,10}以上"),
            ("010_wuwei-shirong-tisheng-fangan-2025.txt", "结案率"),
            ("011_wuwei-cgj-2025-shangbannian-zongjie.txt", "结案率"),
        ],
    ),
    "t091": (
        "A_period",
        [
            ("all", "2023年[^。]{0,20}公厕"),
            ("all", "前年[^。]{0,20}公厕"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w05": (
        "A_period",
        [
            ("all", "7月份[^。]{0,20}测评"),
            ("all", "2025年7月份全市创建"),
        ],
    ),
    "w08": (
        "D_subunit",
        [
            ("doc", "\\|昭平县\\|"),
            ("all", "昭平县[^。]{0,10}按期处置率"),
        ],
    ),
    "w15": (
        "C_nofigure",
        [
            ("doc", "\\|鄂托克旗\\|24\\|[0-9]{2}\\.[0-9]\\|"),
            ("all", "鄂托克旗[^。]{0,10}[0-9]{2}\\.[0-9]分"),
        ],
    ),
    "w22": (
        "D_subunit",
        [
            ("doc", "乌审旗"),
            ("all", "乌审旗[^。]{0,20}泊位[0-9]"),
        ],
    ),
    "w25": (
        "I_target_only",
        [
            ("all", "第二季度全国文明城市创建常态化测评结果"),
            ("all", "二季度[^。“”]{0,10}平均得分[0-9]{2}\\.[0-9]分"),
        ],
    ),
    "w29": (
        "L_similar",
        [
            ("doc", "知晓率"),
            ("all", "贺州[^。]{0,40}知晓率"),
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


def doc_names(item):
    """The item's documents: [name] for a string, the list for multi_doc."""
    d = item.get("doc")
    if isinstance(d, str):
        return [d]
    if isinstance(d, list) and all(isinstance(x, str) for x in d):
        return list(d)
    return []


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
        # Every listed document, the first (main) one included, holds evidence.
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


def check_period_kind(items, table, docs, errors, counters, label):
    """Result-vs-target items: the field period_kind matches the table, the
    look-alike figure of the other side occurs in the item's document(s) and
    is not part of any must_contain string."""
    by_id = {it.get("id"): it for it in items}
    for it in items:
        has = "period_kind" in it
        if has and it.get("id") not in table:
            errors[label + "_period_kind_not_listed"] += 1
        if not has and it.get("id") in table:
            errors[label + "_listed_without_period_kind"] += 1
    kinds = Counter()
    for qid, (kind, other) in table.items():
        it = by_id.get(qid)
        if it is None:
            errors[label + "_unknown_id"] += 1
            continue
        if kind not in PERIOD_KINDS or it.get("period_kind") != kind:
            errors[label + "_period_kind_mismatch"] += 1
        names = [n for n in doc_names(it) if n in docs]
        counters[label + "_checked"] += 1
        if not names or not any(other in docs[n] for n in names):
            errors[label + "_other_side_figure_not_in_doc"] += 1
        if any(other in s for s in (it.get("must_contain") or [])):
            errors[label + "_other_side_figure_in_must_contain"] += 1
        unans = it.get("must_contain") == [] and it.get("evidence") == []
        kinds[(kind, unans)] += 1
    for kind in PERIOD_KINDS:
        counters[label + "_" + kind + "_answerable"] = kinds[(kind, False)]
        counters[label + "_" + kind + "_unanswerable"] = kinds[(kind, True)]
    return kinds


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

    # Result vs target (the emphasis of dev39).
    kinds = check_period_kind(questions, RESULT_VS_TARGET_QUESTIONS, docs, errors, counters, "result_vs_target")
    if len(RESULT_VS_TARGET_QUESTIONS) < MIN_PERIOD_QUESTIONS:
        errors["too_few_result_vs_target_questions"] += 1
    for kind in PERIOD_KINDS:
        if kinds[(kind, False)] < MIN_PERIOD_PER_KIND_ANSWERABLE:
            errors["too_few_answerable_result_vs_target_" + kind] += 1
        if kinds[(kind, True)] < MIN_PERIOD_PER_KIND_UNANSWERABLE:
            errors["too_few_unanswerable_result_vs_target_" + kind] += 1
    for qid in RESULT_VS_TARGET_QUESTIONS:
        if qid in unans and PROBES.get(qid, ("",))[0] not in PERIOD_UNANSWERABLE_KINDS:
            errors["result_vs_target_unanswerable_bad_kind"] += 1

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
        n_unans = len(grp & unans)
        counters[label + "_questions_answerable"] = n_ans
        counters[label + "_questions_unanswerable"] = n_unans
        if len(grp) < minimum:
            errors["too_few_" + label + "_questions"] += 1
        if n_ans == 0 or n_unans == 0:
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
    kinds = check_period_kind(
        followups, RESULT_VS_TARGET_FOLLOWUPS, docs, errors, counters, "result_vs_target_followups"
    )
    if len(RESULT_VS_TARGET_FOLLOWUPS) < MIN_PERIOD_FOLLOWUPS:
        errors["too_few_result_vs_target_followups"] += 1
    for kind in PERIOD_KINDS:
        if kinds[(kind, False)] == 0:
            errors["result_vs_target_followups_need_" + kind] += 1


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
