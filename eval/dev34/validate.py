#!/usr/bin/env python3
"""Validate the dev34 development set. Prints counts only; exits 1 on failure.

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
    "number": 14,
    "target": 7,
    "deadline": 6,
    "standard": 6,
    "problem": 5,
    "list": 4,
    "unit": 6,
    "multipart": 6,
    "rank": 8,
    "progress": 3,
    "multi_doc": 10,
    "unanswerable": 25,
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
# questions. dev34 is a general mix, so no kind is emphasised.
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

# Answerable items that ask the figure of a district, county, 街道 or town.
SUBUNIT_QUESTIONS = (
    "t001",
    "t006",
    "t010",
    "t019",
    "t028",
    "t034",
    "t044",
    "t048",
    "t052",
    "t059",
    "t062",
    "t070",
    "t072",
    "t082",
    "t087",
    "t088",
    "t092",
)
SUBUNIT_FOLLOWUPS = (
    "w04",
    "w07",
    "w16",
    "w17",
    "w18",
    "w19",
    "w21",
    "w23",
    "w24",
    "w26",
    "w29",
)
MIN_SUBUNIT_QUESTIONS = 15
MIN_SUBUNIT_FOLLOWUPS = 10

# Questions that ask a ranking's member ("第一名是谁", "倒数第一", "排第几"),
# answerable and unanswerable; and questions that ask whether something was
# done or how much of a target was done ("改完没", "完成多少了", "接了没").
# Each group must hold at least MIN_* items, and both answerable and
# unanswerable ones (an unanswerable progress question has only the plan).
RANK_QUESTIONS = (
    "t001",
    "t004",
    "t013",
    "t017",
    "t018",
    "t038",
    "t067",
    "t068",
    "t083",
    "t086",
    "t087",
    "t092",
)
PROGRESS_QUESTIONS = (
    "t010",
    "t015",
    "t021",
    "t024",
    "t033",
    "t037",
    "t058",
    "t070",
    "t080",
)
MIN_RANK_QUESTIONS = 10
MIN_PROGRESS_QUESTIONS = 8

# Questions typed in staff's everyday words instead of the document's words
# (私拉电线给电动车充电 for 飞线充电, 摆地摊 for 占道经营, 乱搭乱建 for 违法建设,
# 拉土车 for 渣土车, 分垃圾 for 垃圾分类, 办结得怎么样 for 按时办结率, ...),
# answerable and unanswerable; at least MIN_EVERYDAY_WORDS_QUESTIONS, both kinds.
EVERYDAY_WORDS_QUESTIONS = (
    "t021",
    "t022",
    "t026",
    "t028",
    "t029",
    "t032",
    "t036",
    "t037",
    "t039",
    "t042",
    "t047",
    "t050",
    "t055",
    "t060",
    "t076",
    "t078",
    "t084",
    "t088",
    "t091",
    "t094",
    "t098",
)
MIN_EVERYDAY_WORDS_QUESTIONS = 15

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t005": (
        "D_subunit",
        [
            ("all", "薛阁街道[^。]{0,6}[一二三四五六七八九十0-9]+条"),
        ],
    ),
    "t011": (
        "A_period",
        [
            ("doc", "5月份"),
            ("all", "5月[^。]{0,10}全市数字化城市管理平台共"),
            ("all", "亳州市数字化城市管理案件办理情况通报（2025年5月）"),
        ],
    ),
    "t013": (
        "A_period",
        [
            ("all", "3月份[^。]{0,20}(排名|末位|倒数)"),
            ("all", "3月份测评结果"),
            ("all", "（2025年3月）"),
        ],
    ),
    "t014": (
        "B_place",
        [
            ("all", "经开区"),
            ("all", "经济技术开发区"),
        ],
    ),
    "t016": (
        "C_nofigure",
        [
            ("doc", "\\|武胜县\\|30\\|[0-9]"),
        ],
    ),
    "t017": (
        "E_rank",
        [
            ("all", "岳池县[^。]{0,20}(第[一二三四五六1-6]名|排名第)"),
            ("doc", "岳池县"),
        ],
    ),
    "t018": (
        "C_nofigure",
        [
            ("doc", "全省第[0-9一二三四五六七八九十]+位"),
            ("all", "本溪[^。]{0,20}全省第[0-9一二三四五六七八九十]"),
        ],
    ),
    "t021": (
        "I_target_result",
        [
            ("all", "背街小巷[^。]{0,10}(已完成|累计完成)[^。]{0,5}[0-9一二三四五六七八九十]"),
            ("doc", "已完成"),
        ],
    ),
    "t037": (
        "I_target_result",
        [
            ("doc", "登记率(为|已|是)"),
            ("doc", "已登记"),
            ("doc", "登记犬只"),
        ],
    ),
    "t043": (
        "A_period",
        [
            ("all", "2022"),
            ("doc", "上年[^。]{0,10}拆"),
        ],
    ),
    "t045": (
        "D_subunit",
        [
            ("all", "谯城区[^。]{0,15}按期处置率"),
            ("doc", "谯城区按期"),
        ],
    ),
    "t046": (
        "D_subunit",
        [
            ("doc", "\\|华蓥市\\|"),
            ("all", "华蓥市[^。]{0,15}处置率[0-9０-９]"),
        ],
    ),
    "t047": (
        "D_subunit",
        [
            ("doc", "南芬区[^。，]{0,8}[0-9]+处"),
            ("doc", "南芬区清理"),
            ("all", "南芬区[^。]{0,10}飞线充电[0-9]+处"),
        ],
    ),
    "t049": (
        "E_rank",
        [
            ("doc", "第2次督查[^。]{0,10}[0-9]+\\.[0-9]分"),
            ("all", "第2(次|期)[^。]{0,20}溪湖区[^。]{0,10}[0-9]+\\.[0-9]"),
        ],
    ),
    "t056": (
        "H_notstated",
        [
            ("doc", "万元"),
            ("doc", "奖励[0-9]"),
            ("doc", "奖金"),
        ],
    ),
    "t057": (
        "D_subunit",
        [
            ("all", "利辛县查处"),
            ("all", "利辛县[^。，]{0,6}[0-9]+起"),
        ],
    ),
    "t060": (
        "D_subunit",
        [
            ("all", "广福街道[^。]{0,15}(处置率|办结)"),
            ("all", "广福街道处置"),
        ],
    ),
    "t067": (
        "A_period",
        [
            ("all", "第二季度考核(结果|排名|得分)[^。]{0,5}[：:]"),
            ("all", "二季度[^。]{0,20}(排名第一|第一名)"),
        ],
    ),
    "t069": (
        "L_similar",
        [
            ("doc", "按期"),
            ("all", "2023年[^。]{0,30}按期处置率"),
        ],
    ),
    "t071": (
        "F_cutoff",
        [
            ("doc", "每度电收费不超过[0-9]"),
            ("all", "每度电[^。]{0,6}[0-9.]+元"),
        ],
    ),
    "t080": (
        "I_target_result",
        [
            ("all", "老旧小区[^。]{0,10}已(改造|完成)"),
            ("all", "(已|累计)改造老旧小区"),
        ],
    ),
    "t089": (
        "C_nofigure",
        [
            ("doc", "发现问题[0-9]"),
            ("doc", "其他问题[0-9]"),
        ],
    ),
    "t097": (
        "A_period",
        [
            ("all", "红黑榜”[^。]{0,5}（2025年第3期"),
            ("doc", "第3期"),
            ("all", "对5月份各区县"),
        ],
    ),
    "t098": (
        "F_cutoff",
        [
            ("doc", "信用等级低的企业，在[^。]{1,}"),
            ("all", "信用等级低[^。]{0,30}(限制|禁止|取消)"),
        ],
    ),
    "t099": (
        "D_subunit",
        [
            ("doc", "\\|本溪縣\\|"),
            ("all", "本溪[县縣][^。]{0,15}[处處]置率[0-9]"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w01": (
        "L_similar",
        [
            ("doc", "按期"),
            ("all", "广安市[^。]{0,30}按期处置率"),
        ],
    ),
    "w03": (
        "D_subunit",
        [
            ("doc", "明山區[0-9]+件"),
            ("all", "明山[区區][^。]{0,6}飛線"),
        ],
    ),
    "w11": (
        "D_subunit",
        [
            ("all", "牛心台街道[^。]{0,10}问题[0-9]+个"),
            ("doc", "牛心台街道[0-9]"),
        ],
    ),
    "w20": (
        "A_period",
        [
            ("all", "6月份测评结果"),
            ("all", "（2025年6月）"),
        ],
    ),
    "w25": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "公司[^。]{0,5}暂停"),
        ],
    ),
    "w30": (
        "I_target_result",
        [
            ("all", "亳州[^。]{0,20}已(新建|建成)[^。]{0,10}充电"),
            ("doc", "已建成"),
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
