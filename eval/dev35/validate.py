#!/usr/bin/env python3
"""Validate the dev35 development set. Prints counts only; exits 1 on failure.

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
    "number": 15,
    "target": 5,
    "deadline": 5,
    "standard": 7,
    "problem": 4,
    "list": 3,
    "unit": 3,
    "multipart": 6,
    "rank": 9,
    "progress": 7,
    "multi_doc": 11,
    "unanswerable": 25,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 1500-3000 characters (whitespace excluded); at least 4 of 20 over 2500.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 1500, 3000, 2500, 4
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10
# Every document is used by at least this many items (questions, follow-ups,
# and multi_doc second documents).
MIN_ITEMS_PER_DOC = 3

# Wide tables: a table row with at least WIDE_COLUMNS cells. At least
# MIN_WIDE_TABLE_DOCS documents must hold one.
WIDE_COLUMNS = 6
MIN_WIDE_TABLE_DOCS = 3
# Documents written as plain paragraphs with the numbers in Chinese numerals:
# no table and at most MAX_ASCII_DIGITS ASCII digits (the page marker).
CHINESE_NUMERAL_DOCS = (
    "004_bayannaoer-chuangwen-tuijinhui-jianghua-2025.txt",
    "018_dingxi-cg-gongzuo-huiyi-jianghua-2025.txt",
)
MAX_ASCII_DIGITS = 2

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions. dev35 adds K_othercity (another city has the figure) and
# M_nocolumn (the table has no such column).
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "H_notstated",
    "I_target_result",
    "K_othercity",
    "L_similar",
    "M_nocolumn",
)
MIN_PER_KIND = 1
MIN_D_QUESTIONS = 4
MIN_D_FOLLOWUPS = 1

# Answerable items that ask the figure of a district, county, 街道 or town.
SUBUNIT_QUESTIONS = (
    "t006",
    "t011",
    "t018",
    "t023",
    "t028",
    "t037",
    "t038",
    "t041",
    "t049",
    "t052",
    "t053",
    "t058",
    "t063",
    "t065",
    "t067",
    "t071",
    "t074",
    "t085",
    "t097",
)
SUBUNIT_FOLLOWUPS = (
    "w01",
    "w02",
    "w03",
    "w04",
    "w05",
    "w06",
    "w08",
    "w09",
    "w11",
    "w13",
    "w14",
    "w16",
    "w20",
    "w21",
    "w23",
    "w30",
)
MIN_SUBUNIT_QUESTIONS = 15
MIN_SUBUNIT_FOLLOWUPS = 10

# Questions that ask a ranking's member ("第一名是谁", "倒数第一", "排第几"),
# answerable and unanswerable; and questions that ask whether something was
# done or how much of a target was done ("改完没", "完成多少了", "接上没有").
# Each group must hold at least MIN_* items, and both answerable and
# unanswerable ones (an unanswerable progress question has only the plan or a
# masked figure).
RANK_QUESTIONS = (
    "t007",
    "t012",
    "t016",
    "t021",
    "t028",
    "t045",
    "t074",
    "t077",
    "t088",
    "t089",
    "t092",
)
PROGRESS_QUESTIONS = (
    "t003",
    "t023",
    "t029",
    "t030",
    "t035",
    "t041",
    "t042",
    "t046",
    "t060",
    "t062",
    "t068",
    "t070",
    "t072",
    "t073",
)
MIN_RANK_QUESTIONS = 10
MIN_PROGRESS_QUESTIONS = 8

# Questions typed in staff's everyday words instead of the document's words
# (乱搭乱建 for 违法建设, 摆摊 for 占道经营, 充电桩 / 充电的棚子 for 充电端口 /
# 充电棚, 养狗 / 遛狗 for 犬只 / 遛犬, 拉土车 for 渣土车, 分垃圾 for 垃圾分类,
# 井盖坏了 for 井盖缺失破损, 车不让人 for 机动车不礼让行人, ...), answerable and
# unanswerable; at least MIN_EVERYDAY_WORDS_QUESTIONS, both kinds.
EVERYDAY_WORDS_QUESTIONS = (
    "t003",
    "t004",
    "t009",
    "t010",
    "t013",
    "t017",
    "t018",
    "t036",
    "t037",
    "t042",
    "t050",
    "t064",
    "t078",
    "t080",
    "t081",
    "t093",
    "t097",
)
MIN_EVERYDAY_WORDS_QUESTIONS = 15

# New in dev35: questions answered from (or, if unanswerable, tempted by) a
# cell of a wide table (a district's value in a month column, a task's 牵头单位
# or 完成时限 or 进展, a county's quarter score). An answerable one must have
# an evidence string inside a wide-table row; an unanswerable one must point
# at a document with a wide table. At least MIN_TABLE_CELL_QUESTIONS, both
# kinds. The follow-ups of the same kind are listed too (not counted).
TABLE_CELL_QUESTIONS = (
    "t003",
    "t007",
    "t008",
    "t016",
    "t021",
    "t026",
    "t028",
    "t034",
    "t038",
    "t039",
    "t044",
    "t045",
    "t047",
    "t048",
    "t049",
    "t052",
    "t053",
    "t058",
    "t060",
    "t063",
    "t067",
    "t068",
    "t071",
    "t076",
    "t077",
    "t082",
    "t085",
    "t088",
    "t089",
)
TABLE_CELL_FOLLOWUPS = (
    "w01",
    "w02",
    "w03",
    "w04",
    "w05",
    "w08",
    "w13",
    "w16",
    "w20",
    "w25",
)
MIN_TABLE_CELL_QUESTIONS = 12

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "公司[^。]{0,5}暂停"),
        ],
    ),
    "t008": (
        "D_subunit",
        [
            ("doc", "\\|渭源县\\|"),
            ("all", "渭源县[^。]{0,15}处置率[0-9０-９]"),
        ],
    ),
    "t015": (
        "A_period",
        [
            ("all", "第4期"),
            ("all", "6月份「紅黑榜」"),
            ("all", "6月份“红黑榜”"),
        ],
    ),
    "t020": (
        "K_othercity",
        [
            ("doc", "处置率"),
            ("all", "商洛[^。]{0,30}处置率[^。]{0,10}(以上|目标)"),
        ],
    ),
    "t021": (
        "A_period",
        [
            ("all", "\\|7月\\|"),
            ("all", "7月份[^。]{0,10}处置率"),
        ],
    ),
    "t025": (
        "E_rank",
        [
            ("all", "4月份测评结果"),
            ("all", "4月份[^。]{0,10}综合得分[0-9]"),
            ("all", "4月[^。]{0,10}商州区[^。]{0,10}[0-9]+\\.[0-9]分"),
        ],
    ),
    "t026": (
        "M_nocolumn",
        [
            ("doc", "背街小巷[^。]{0,30}万元"),
            ("doc", "\\|资金"),
            ("doc", "背街小巷[^。]{0,10}资金[0-9]"),
        ],
    ),
    "t034": (
        "M_nocolumn",
        [
            ("doc", "问卷"),
            ("doc", "实地考察"),
        ],
    ),
    "t039": (
        "M_nocolumn",
        [
            ("all", "临河区[^。]{0,20}按期"),
            ("doc", "\\|按期"),
        ],
    ),
    "t042": (
        "I_target_result",
        [
            ("doc", "登记率(为|已|是|达到百分之[一二三四五六七]十)"),
            ("all", "巴彦淖尔[^。]{0,30}犬只登记率"),
        ],
    ),
    "t043": (
        "D_subunit",
        [
            ("doc", "五原县拆除"),
            ("all", "2024年[^。]{0,30}五原县[^。]{0,10}拆除[0-9]"),
        ],
    ),
    "t044": (
        "D_subunit",
        [
            ("doc", "\\|乌拉特中旗\\|[0-9]"),
            ("all", "乌拉特中旗[^。]{0,15}处置率[0-9]"),
        ],
    ),
    "t048": (
        "M_nocolumn",
        [
            ("doc", "安定区[^。]{0,20}数字城管案件办理[^。]{0,6}[0-9]"),
            ("doc", "\\|数字城管"),
        ],
    ),
    "t051": (
        "H_notstated",
        [
            ("doc", "奖励"),
            ("doc", "奖金"),
            ("doc", "万元"),
        ],
    ),
    "t054": (
        "L_similar",
        [
            ("doc", "按期"),
            ("all", "2023年[^。]{0,30}按期处置率"),
        ],
    ),
    "t059": (
        "B_place",
        [
            ("all", "香泉"),
        ],
    ),
    "t061": (
        "F_cutoff",
        [
            ("doc", "拒不整改的物业服务企业，将[^。]{1,}"),
            ("all", "物业服务企业[^。]{0,20}(列入|黑名单|取消|罚款)"),
        ],
    ),
    "t066": (
        "D_subunit",
        [
            ("all", "陈塬街道[^。]{0,15}处置率"),
            ("all", "陈塬街道处置"),
        ],
    ),
    "t068": (
        "C_nofigure",
        [
            ("doc", "完工[0-9]+个"),
            ("all", "老旧小区[^。]{0,10}(完工|已改造)[0-9]"),
        ],
    ),
    "t073": (
        "I_target_result",
        [
            ("all", "定西[^。]{0,30}已建成[^。]{0,10}充电"),
            ("doc", "已建成"),
        ],
    ),
    "t076": (
        "C_nofigure",
        [
            ("doc", "\\|山阳县\\|30\\|[0-9]"),
        ],
    ),
    "t081": (
        "D_subunit",
        [
            ("all", "柞水县[^。]{0,10}占道经营[0-9]"),
            ("doc", "柞水县清理"),
        ],
    ),
    "t086": (
        "F_cutoff",
        [
            ("doc", "交通运输部门，对[^。]{1,}"),
        ],
    ),
    "t092": (
        "E_rank",
        [
            ("doc", "第一位"),
            ("doc", "位列全区地级市第一"),
            ("doc", "排名第一的"),
        ],
    ),
    "t093": (
        "D_subunit",
        [
            ("all", "乌拉特后旗[^。，]{0,6}[0-9]+处"),
            ("doc", "乌拉特后旗清理"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w07": (
        "D_subunit",
        [
            ("all", "岷县[^。，]{0,6}[0-9]+起"),
            ("doc", "岷县查处"),
        ],
    ),
    "w18": (
        "C_nofigure",
        [
            ("doc", "注册志愿者占比[0-9]"),
            ("all", "商洛[^。]{0,20}志愿者[^。]{0,10}占[^。]{0,6}[0-9]+(\\.[0-9])?%"),
        ],
    ),
    "w19": (
        "M_nocolumn",
        [
            ("doc", "按期"),
            ("all", "陇西县[^。]{0,15}按期"),
        ],
    ),
    "w22": (
        "E_rank",
        [
            ("all", "第2次督查[^。]{0,20}乌拉特前旗"),
            ("doc", "乌拉特前旗由第"),
        ],
    ),
    "w24": (
        "A_period",
        [
            ("all", "2025年[^。]{0,6}(一季度|第一季度)[^。]{0,20}渭源县"),
            ("all", "渭源县[^。]{0,20}一季度[^。]{0,6}[0-9]+\\.[0-9]分"),
        ],
    ),
    "w27": (
        "A_period",
        [
            ("all", "7月份全市创建"),
            ("all", "7月份测评结果"),
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


def wide_rows():
    """Whitespace-free table rows with at least WIDE_COLUMNS cells, by document."""
    rows = {}
    for name in sorted(os.listdir(CORPUS)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
            for line in fh:
                line = squash(line)
                if line.startswith("|") and line.count("|") - 1 >= WIDE_COLUMNS and not set(line) <= set("|-"):
                    rows.setdefault(name, []).append(line)
    return rows


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


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
        if set(q) != Q_FIELDS:
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
        ("everyday_words", EVERYDAY_WORDS_QUESTIONS, MIN_EVERYDAY_WORDS_QUESTIONS),
        ("table_cell", TABLE_CELL_QUESTIONS, MIN_TABLE_CELL_QUESTIONS),
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
    check_table_cells(questions, TABLE_CELL_QUESTIONS, errors, counters, "table_cell")
    return type_counts


def check_table_cells(rows_in, ids, errors, counters, label):
    """An answerable table-cell item quotes a wide-table row; an unanswerable
    one points at a document holding a wide table."""
    wide = wide_rows()
    by_id = {r.get("id"): r for r in rows_in}
    for i in ids:
        r = by_id.get(i)
        if r is None:
            continue
        if r.get("evidence"):
            if not any(ev in row for ev in r["evidence"] for rows in wide.values() for row in rows):
                errors[label + "_evidence_not_in_wide_table"] += 1
        elif r.get("doc") not in wide:
            errors[label + "_doc_has_no_wide_table"] += 1
    counters[label + "_checked"] = len(ids)


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
        if set(f) != F_FIELDS:
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
    check_table_cells(followups, TABLE_CELL_FOLLOWUPS, errors, counters, "table_cell_followups")
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    sub = set(SUBUNIT_FOLLOWUPS)
    counters["subunit_followups"] = len(sub)
    if sub - answerable:
        errors["subunit_followup_not_answerable"] += len(sub - answerable)
    if len(sub) < MIN_SUBUNIT_FOLLOWUPS:
        errors["too_few_subunit_followups"] += 1


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

    wide = wide_rows()
    counters["documents_with_wide_tables"] = len(wide)
    if len(wide) < MIN_WIDE_TABLE_DOCS:
        errors["too_few_wide_table_documents"] += 1
    for name in CHINESE_NUMERAL_DOCS:
        if name not in docs:
            errors["chinese_numeral_doc_missing"] += 1
        elif "|" in docs[name] or sum(c.isascii() and c.isdigit() for c in docs[name]) > MAX_ASCII_DIGITS:
            errors["chinese_numeral_doc_has_digits_or_table"] += 1

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
