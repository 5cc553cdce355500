#!/usr/bin/env python3
"""Validate the blind27 sealed test set. Prints counts only; exits 1 on failure.

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
    "number": 22,
    "standard": 10,
    "problem": 8,
    "target": 8,
    "deadline": 6,
    "list": 6,
    "multi_doc": 15,
    "unanswerable": 25,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 7
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1050 characters (whitespace excluded); no long-document minimum.
DOC_MIN, DOC_MAX = 350, 1050

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at least MIN_OFFTOPIC and at most MAX_OFFTOPIC times). Follow-up probes are
# checked the same way but are not counted towards the per-kind minimum.
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "G_compare",
    "H_notstated",
    "I_target_result",
    "J_score",
    "K_offtopic",
)
MIN_PER_KIND = 2
MIN_OFFTOPIC = 1
MAX_OFFTOPIC = 3
# These kinds need at least 4 items counting questions and follow-ups.
MIN_COMBINED = {"D_subunit": 4, "E_rank": 4, "G_compare": 4, "I_target_result": 4}

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t006": (
        "A_period",
        [
            ("doc", "5月[^。]{0,15}结案率"),
            ("all", "5月[^。]{0,20}结案率[0-9]"),
        ],
    ),
    "t013": (
        "G_compare",
        [
            ("doc", "一季度"),
            ("doc", "(提高|上升|下降)[0-9.]+个百分点"),
            ("all", "一季度[^。]{0,20}满意率"),
        ],
    ),
    "t019": (
        "H_notstated",
        [
            ("doc", "疏导点[^。]{0,5}(设在|位于|分别)"),
            ("all", "疏导点[^。]{0,3}(设在|位于|分别)"),
            ("015_yichun-chuangwen-renwu-fenjiebiao-2025.txt", "疏导点[^｜]{0,10}(路|街|广场)"),
        ],
    ),
    "t022": (
        "D_subunit",
        [
            ("doc", "八公山"),
            ("all", "八公山区[^。]{0,10}暗访"),
        ],
    ),
    "t031": (
        "F_cutoff",
        [
            ("doc", "城管工作会议上[^。]{1,}"),
            ("doc", "(通报批评|约谈|问责|扣[0-9]+分)"),
        ],
    ),
    "t033": (
        "G_compare",
        [
            ("doc", "田家庵区[^。]{0,20}同比"),
            ("doc", "田家庵区[^。]{0,20}(下降|增加|上升)"),
        ],
    ),
    "t036": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期"),
            ("doc", "上年同期"),
            ("doc", "去年6月"),
        ],
    ),
    "t037": (
        "A_period",
        [
            ("doc", "7月测评[^。]{0,20}(得分|排名|第一)"),
            ("all", "7月[^。]{0,10}测评[^。]{0,10}[0-9]+\\.[0-9]+分"),
            ("all", "（2025年7月）"),
        ],
    ),
    "t041": (
        "D_subunit",
        [
            ("doc", "凤台"),
            ("all", "凤台县[^。]{0,10}结案率"),
        ],
    ),
    "t049": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "排第"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("all", "萬載縣註冊率[0-9]"),
            ("all", "万载县[^。]{0,10}[0-9]+\\.[0-9]%"),
        ],
    ),
    "t052": (
        "J_score",
        [
            ("doc", "学校"),
            ("all", "学校周边"),
        ],
    ),
    "t055": (
        "D_subunit",
        [
            ("doc", "万载"),
            ("doc", "萬載"),
            ("all", "万载县[^。]{0,10}满意率"),
            ("all", "萬載縣[^。]{0,10}滿意率"),
        ],
    ),
    "t061": (
        "C_nofigure",
        [
            ("doc", "公厕[0-9]"),
            ("doc", "公厕[^。]{0,4}[0-9]+座"),
            ("all", "淮南[^。]{0,30}公厕[0-9]+座"),
        ],
    ),
    "t063": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "位列"),
            ("doc", "全省第"),
        ],
    ),
    "t070": (
        "H_notstated",
        [
            ("doc", "公司"),
            ("doc", "中心"),
            ("doc", "研究院"),
            ("doc", "事务所"),
        ],
    ),
    "t072": (
        "I_target_result",
        [
            ("all", "今年[^。]{0,15}背街小巷[^。]{0,10}[0-9]+条"),
            ("all", "已改造[^。]{0,6}背街小巷"),
            ("001_huainan-szcg-tongbao-2025-06.txt", "背街小巷"),
            ("002_huainan-12345-chengguan-2025h1.txt", "背街小巷"),
            ("003_huainan-chuangwen-anfang-qingdan-2025-07.txt", "背街小巷[^。]{0,12}[0-9]+条"),
            ("004_huainan-chuangwen-ceping-tongbao-2025-05.txt", "背街小巷"),
            ("005_huainan-chuangwen-ceping-tongbao-2025-06.txt", "背街小巷[^。]{0,12}[0-9]+条"),
            ("007_huainan-cg-zhenggai-taizhang-2025q2.txt", "背街小巷[^。]{0,12}[0-9]+条"),
        ],
    ),
    "t075": (
        "I_target_result",
        [
            ("all", "公厕[^。]{0,10}(已完成|已改造|完工)"),
            ("doc", "已完成[０-９0-9]+座"),
            ("doc", "已改造"),
        ],
    ),
    "t076": (
        "C_nofigure",
        [
            ("doc", "毛集实验区｜[0-9]"),
            ("doc", "毛集实验区[^。]{0,6}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "t079": (
        "K_offtopic",
        [
            ("all", "驾驶"),
            ("all", "驾照"),
            ("all", "车管所"),
        ],
    ),
    "t082": (
        "B_place",
        [
            ("all", "铜鼓"),
            ("all", "銅鼓"),
        ],
    ),
    "t083": (
        "B_place",
        [
            ("all", "围场"),
            ("all", "圍場"),
        ],
    ),
    "t087": (
        "E_rank",
        [
            ("doc", "倒数"),
            ("doc", "第[一二三四五六七八0-9]+名"),
            ("doc", "排第"),
            ("doc", "下浦街道[^。]{0,10}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "t091": (
        "F_cutoff",
        [
            ("doc", "由市纪委监委[^。]{2,}"),
            ("doc", "约谈"),
            ("doc", "问责"),
        ],
    ),
    "t093": (
        "I_target_result",
        [
            ("all", "公厕[^。]{0,10}(已|完成)[0-9]+座"),
            ("016_yichun-chuangwen-manyidu-diaocha-2025q2.txt", "[0-9]+座"),
            ("doc", "已完成"),
            ("018_yichun-zhiyuan-fuwu-2025h1-fanti.txt", "公廁"),
        ],
    ),
    "t098": (
        "J_score",
        [
            ("all", "城中村"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w05": (
        "H_notstated",
        [
            ("doc", "罚款金额"),
            ("doc", "罚没"),
            ("doc", "共计[^。]{0,10}元"),
            ("doc", "罚款[0-9]"),
            ("doc", "万元"),
        ],
    ),
    "w06": (
        "A_period",
        [
            ("doc", "4月"),
            ("all", "4月[^。]{0,15}投诉"),
        ],
    ),
    "w08": (
        "I_target_result",
        [
            ("all", "(已完成|已改造|完工)[^。]{0,6}[0-9]+条"),
            ("017_yichun-beijie-xiaoxiang-gaizao-gongshi.txt", "已完成"),
            ("017_yichun-beijie-xiaoxiang-gaizao-gongshi.txt", "竣工"),
            ("020_yichun-cg-shirong-hongheibang-2025-06.txt", "背街小巷"),
        ],
    ),
    "w09": (
        "E_rank",
        [
            ("doc", "第一名"),
            ("doc", "排第"),
            ("doc", "居首"),
            ("doc", "秀江街道[^。]{0,10}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "w17": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期"),
            ("doc", "上年同期"),
            ("doc", "去年6月"),
        ],
    ),
    "w19": (
        "C_nofigure",
        [
            ("doc", "违法建设[0-9]"),
            ("all", "拆除违法建设[0-9]"),
            ("all", "违建[^。]{0,6}[0-9]+"),
        ],
    ),
    "w20": (
        "D_subunit",
        [
            ("doc", "毛集"),
            ("all", "毛集实验区[^。]{0,15}(结案率|综合得分)"),
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
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
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
        need = MIN_OFFTOPIC if kind == "K_offtopic" else MIN_PER_KIND
        if kind_counts.get(kind, 0) < need:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
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
        used[f["doc"]] += 1
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FPROBES)
        else:
            if f["id"] in FPROBES:
                errors["fprobes_for_answerable_followup"] += 1
            check_answerable(f, docs, errors, counters)
    counters["followups_unanswerable"] = n_unans
    unans_f = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FPROBES) - unans_f:
        errors["fprobes_for_non_unanswerable_followup_ids"] += len(set(FPROBES) - unans_f)
    combined = Counter(entry[0] for entry in list(PROBES.values()) + list(FPROBES.values()))
    for kind, need in MIN_COMBINED.items():
        counters["combined_kind_" + kind] = combined.get(kind, 0)
        if combined.get(kind, 0) < need:
            errors["too_few_combined_" + kind] += 1
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1


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

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}")
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
