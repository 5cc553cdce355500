#!/usr/bin/env python3
"""Validate the dev36 development set. Prints counts only; exits 1 on failure.

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
    "list": 23,
    "number": 12,
    "target": 5,
    "deadline": 4,
    "standard": 5,
    "unit": 4,
    "multipart": 5,
    "rank": 5,
    "progress": 3,
    "multi_doc": 4,
    "unanswerable": 30,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 1500-4000 characters (whitespace excluded); at least 4 of 20 over 2500.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 1500, 4000, 2500, 4
# An unanswerable item's answer says why the documents cannot answer.
MIN_UNANSWERABLE_ANSWER = 10
# Every document is used by at least this many items (questions, follow-ups,
# and multi_doc second documents).
MIN_ITEMS_PER_DOC = 3

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions.
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "H_notstated",
    "I_target_result",
    "L_similar",
)
MIN_PER_KIND = 1
MIN_D_QUESTIONS = 4
MIN_D_FOLLOWUPS = 1

# Answerable items that ask the figure of a district, county, 街道 or 片区.
SUBUNIT_QUESTIONS = (
    "t017",
    "t025",
    "t026",
    "t031",
    "t035",
    "t040",
    "t045",
    "t050",
    "t052",
    "t061",
    "t070",
    "t072",
    "t073",
    "t095",
)
SUBUNIT_FOLLOWUPS = (
    "w03",
    "w06",
    "w07",
    "w08",
    "w10",
    "w11",
    "w15",
    "w18",
    "w21",
    "w24",
    "w25",
)
MIN_SUBUNIT_QUESTIONS = 12
MIN_SUBUNIT_FOLLOWUPS = 10

# Questions that ask a ranking's member or a ranked table ("第一", "倒数第二",
# "排第几"), and questions that ask whether something was done or how much of
# a target was done ("完成没", "改完没", "建了多少了"). Each group must hold
# at least MIN_* items, both answerable and unanswerable ones.
RANK_QUESTIONS = (
    "t028",
    "t031",
    "t044",
    "t050",
    "t052",
    "t053",
    "t073",
    "t079",
    "t083",
    "t094",
    "t095",
)
PROGRESS_QUESTIONS = (
    "t007",
    "t010",
    "t027",
    "t037",
    "t039",
    "t041",
    "t046",
    "t063",
)
MIN_RANK_QUESTIONS = 8
MIN_PROGRESS_QUESTIONS = 6

# Questions typed in staff's everyday words instead of the document's words
# (摆地摊 for 占道经营, 私拉电线充电 for 飞线充电, 分垃圾 for 垃圾分类, 拉土车 for
# 渣土车, 牛皮癣 for 小广告, 乱盖棚子 for 私搭乱建, 管狗 for 文明养犬, ...).
EVERYDAY_WORDS_QUESTIONS = (
    "t001",
    "t002",
    "t016",
    "t017",
    "t018",
    "t033",
    "t034",
    "t035",
    "t042",
    "t043",
    "t046",
    "t048",
    "t060",
    "t063",
    "t077",
    "t089",
    "t091",
    "t099",
)
MIN_EVERYDAY_WORDS_QUESTIONS = 15

# List questions (the emphasis of dev36): id -> number of items of the list in
# the cited document (0 for an unanswerable list question, whose list is not
# there). An answerable list's list holds LIST_MIN_ITEMS..LIST_MAX_ITEMS items and
# its must_contain names at least MIN_LIST_MUST_CONTAIN of them.
LIST_QUESTIONS = {
    "t002": 10,
    "t004": 11,
    "t006": 9,
    "t008": 11,
    "t011": 13,
    "t013": 10,
    "t019": 12,
    "t023": 14,
    "t025": 12,
    "t026": 9,
    "t050": 10,
    "t051": 10,
    "t052": 10,
    "t053": 0,
    "t056": 10,
    "t062": 9,
    "t064": 13,
    "t065": 0,
    "t066": 12,
    "t069": 0,
    "t078": 11,
    "t082": 12,
    "t085": 10,
    "t090": 12,
    "t097": 14,
    "t100": 14,
}
MIN_LIST_QUESTIONS = 22
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 9, 15
MIN_LIST_MUST_CONTAIN = 5

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t005": (
        "C_nofigure",
        [
            ("doc", "\\|惠农区\\|50\\|[0-9]+\\|"),
            ("doc", "惠农区[^。]{0,10}问题[0-9]+个"),
        ],
    ),
    "t010": (
        "I_target_result",
        [
            ("all", "2025年[^。]{0,20}已改造[^。]{0,6}老旧小区"),
            ("doc", "已(改造|完成)[^。]{0,10}老旧小区"),
        ],
    ),
    "t012": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "委托[^。]{1,20}(公司|中心|研究院)"),
        ],
    ),
    "t014": (
        "B_place",
        [
            ("all", "江南产业集中区"),
            ("all", "江南產業"),
        ],
    ),
    "t028": (
        "E_rank",
        [
            ("doc", "沟口街道"),
            ("doc", "第[4-7四五六七]名"),
        ],
    ),
    "t030": (
        "C_nofigure",
        [
            ("doc", "发现问题[0-9]+个"),
            ("doc", "问题[0-9]{3}个"),
        ],
    ),
    "t032": (
        "D_subunit",
        [
            ("doc", "桑植县[0-9]+处"),
            ("all", "桑植县[^。]{0,10}违法建设[0-9]"),
        ],
    ),
    "t036": (
        "D_subunit",
        [
            ("doc", "\\|慈利县\\|"),
            ("all", "慈利县[^。]{0,10}处置率[0-9]"),
        ],
    ),
    "t037": (
        "I_target_result",
        [
            ("all", "已(新建|建成)[^。]{0,10}充电端口"),
            ("doc", "已建成"),
        ],
    ),
    "t039": (
        "I_target_result",
        [
            ("all", "已(新建|建成)[^。]{0,10}志愿服务站"),
            ("doc", "已建成"),
        ],
    ),
    "t042": (
        "D_subunit",
        [
            ("doc", "墩上街道[0-9]+家"),
            ("all", "墩上街道[^。]{0,10}餐饮单位[0-9]"),
        ],
    ),
    "t043": (
        "H_notstated",
        [
            ("doc", "犬"),
            ("doc", "遛"),
        ],
    ),
    "t046": (
        "I_target_result",
        [
            ("all", "(已|累计)安装[^。]{0,10}定位"),
            ("doc", "定位[^。]{0,6}安装率为"),
        ],
    ),
    "t047": (
        "D_subunit",
        [
            ("doc", "东至县[^。]{0,20}按期"),
            ("doc", "按期处置率\\|"),
        ],
    ),
    "t049": (
        "F_cutoff",
        [
            ("doc", "将纳入[^。]+。"),
            ("all", "屡查屡犯的餐饮单位，将纳入[^。]{1,}"),
        ],
    ),
    "t053": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,10}测评(结果|情况)的通报"),
            ("all", "二季度[^。]{0,20}(排名第一|位列第一)"),
        ],
    ),
    "t055": (
        "A_period",
        [
            ("all", "3月份[^。]{0,20}平均[^。]{0,6}得分[0-9]"),
            ("all", "3月份创建全国文明城市常态化测评结果"),
        ],
    ),
    "t057": (
        "D_subunit",
        [
            ("doc", "\\|平罗县\\|"),
            ("all", "平罗县[^。]{0,10}处置率"),
        ],
    ),
    "t059": (
        "A_period",
        [
            ("all", "5月份，“张城智管”"),
            ("all", "第5期（5月）"),
        ],
    ),
    "t063": (
        "I_target_result",
        [
            ("all", "梅龍街道[^。]{0,20}(已拆除|已整改)"),
            ("all", "梅龙街道[^。]{0,20}(已拆除|已整改)"),
        ],
    ),
    "t065": (
        "F_cutoff",
        [
            ("doc", "南庄坪一巷、[^。]+"),
            ("doc", "首批开工的15条背街小巷分别是：[^。]+。"),
        ],
    ),
    "t069": (
        "A_period",
        [
            ("doc", "第4期"),
            ("all", "紅黑榜[^。]{0,20}4月份"),
            ("all", "红黑榜[^。]{0,20}4月份"),
        ],
    ),
    "t071": (
        "A_period",
        [
            ("all", "2月[^。]{0,10}结案率[0-9]"),
            ("all", "2月份数字城管运行情况"),
        ],
    ),
    "t076": (
        "B_place",
        [
            ("all", "石嘴山高新区"),
            ("all", "高新区"),
        ],
    ),
    "t077": (
        "L_similar",
        [
            ("doc", "小广告"),
            ("all", "池州[^。]{0,30}小广告[^。]{0,6}[0-9]"),
        ],
    ),
    "t079": (
        "A_period",
        [
            ("all", "6月份创建全国文明城市常态化测评结果"),
            ("all", "6月份[^。]{0,20}平罗县[^。]{0,10}排名"),
        ],
    ),
    "t080": (
        "L_similar",
        [
            ("doc", "专业部门[^。]{0,10}按期"),
            ("all", "专业部门按期处置率"),
        ],
    ),
    "t083": (
        "C_nofigure",
        [
            ("doc", "第[0-9一二三四五六七八九十]+位，较上年"),
            ("all", "张家界[^。]{0,20}全省[^。]{0,10}第[0-9一二三四五六七八九十]+位"),
        ],
    ),
    "t088": (
        "L_similar",
        [
            ("all", "2024年[^。]{0,40}结案率"),
            ("doc", "结案率"),
        ],
    ),
    "t091": (
        "F_cutoff",
        [
            ("doc", "五是生活垃圾分类覆盖率达到[0-9]"),
            ("all", "大武口区[^。]{0,30}2025年[^。]{0,30}垃圾分类覆盖率[^。]{0,5}[0-9]"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w05": (
        "D_subunit",
        [
            ("doc", "\\|慈利县\\|"),
            ("doc", "慈利县[^。]{0,10}处置率"),
        ],
    ),
    "w13": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,10}测评(结果|情况)的通报"),
            ("all", "二季度[^。]{0,10}(第一|排名第)"),
        ],
    ),
    "w14": (
        "I_target_result",
        [
            ("all", "已(改造|完成)[^。]{0,10}老旧小区"),
            ("doc", "已改造"),
        ],
    ),
    "w26": (
        "D_subunit",
        [
            ("doc", "河滨街街道"),
            ("doc", "第[4-7四五六七]名"),
        ],
    ),
    "w27": (
        "L_similar",
        [
            ("doc", "东至县[^。]{0,20}按期"),
            ("doc", "按期处置率\\|"),
        ],
    ),
    "w28": (
        "H_notstated",
        [
            ("doc", "扣满10分的[^。]{0,10}[0-9]+户"),
            ("doc", "取消[^。]{0,10}[0-9]+户"),
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
