#!/usr/bin/env python3
"""Validate the dev26 development set. Prints counts only; exits 1 on failure.

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
MIN_UNANSWERABLE_FOLLOWUPS = 6
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (7 of 20) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 7

# Unanswerable kinds; each must occur at least MIN_PER_KIND times among the
# questions (K_offtopic at most MAX_OFFTOPIC times). Follow-up probes are
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
MAX_OFFTOPIC = 3
# dev26 brief: kinds D_subunit and I_target_result need at least 4 items each.
# D_subunit is met by single-turn questions alone; I_target_result counts
# single-turn questions plus unanswerable follow-ups (9 kinds x 2 + 4 + 4
# would exceed the 25 unanswerable questions).
MIN_SUBUNIT_QUESTIONS = 4
MIN_TARGET_RESULT_ITEMS = 4
MIN_ITEMS_PER_DOC = 3

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "C_nofigure",
        [
            ("doc", "提升改造12个，新建改建城市公厕[0-9]"),
            ("doc", "今年[^。]{0,30}公厕[0-9]"),
            ("003_neijiang-cgj-renda-jianyi-dafuhan.txt", "公厕"),
            ("005_dongxing-chuangwen-dashiji-2025h1.txt", "公厕"),
            ("001_neijiang-szcg-zhoutongbao-w23-25.txt", "公厕"),
            ("006_neijiang-12345-cg-shouli-2025-05.txt", "公厕"),
        ],
    ),
    "t009": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "第[一二三四五六七八九十0-9]+位"),
            ("doc", "位次"),
            ("015_jiamusi-chuangwen-ceping-xize-2025.txt", "排名第"),
            ("016_jiamusi-chuangwen-renwu-fenjiebiao-2025.txt", "排名"),
        ],
    ),
    "t011": (
        "I_target_result",
        [
            ("all", "老旧小区[^。]{0,20}已完成"),
            ("018_jiamusi-chuangwen-fabuhui-fanti.txt", "老舊小區"),
            ("019_jiamusi-cgj-2025-shangbannian-zongjie.txt", "老旧小区"),
            ("017_jiamusi-chuangwen-ducha-tongbao-5qi.txt", "老旧小区[^。]{0,20}完成"),
            ("015_jiamusi-chuangwen-ceping-xize-2025.txt", "老旧小区[^。]{0,20}完成"),
        ],
    ),
    "t014": (
        "J_score",
        [
            ("doc", "垃圾分类"),
            ("doc", "分类"),
        ],
    ),
    "t015": (
        "C_nofigure",
        [
            ("doc", "专项资金[0-9]"),
            ("doc", "资金[0-9.,]+万元"),
            ("all", "省级[^。]{0,10}专项资金[^。]{0,5}[0-9]"),
        ],
    ),
    "t018": (
        "K_offtopic",
        [
            ("all", "公积金"),
            ("all", "贷款"),
        ],
    ),
    "t020": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
            ("doc", "主任"),
            ("doc", "局长"),
            ("all", "暗访组[^。]{0,10}(组长|带队)"),
        ],
    ),
    "t024": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "排第"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "第[一二三四五六七八九十0-9]+位"),
            ("004_neijiang-chuangwen-ceping-tongzhi-fumian-qingdan.txt", "排名"),
            ("004_neijiang-chuangwen-ceping-tongzhi-fumian-qingdan.txt", "第[一二三四五六七八九十0-9]+位"),
        ],
    ),
    "t031": (
        "D_subunit",
        [
            ("all", "隆昌市[^。]{0,30}背街小巷"),
            ("all", "背街小巷[^。]{0,30}隆昌"),
        ],
    ),
    "t036": (
        "B_place",
        [
            ("all", "抚远"),
            ("all", "撫遠"),
        ],
    ),
    "t045": (
        "J_score",
        [
            ("all", "城中村"),
        ],
    ),
    "t046": (
        "F_cutoff",
        [
            ("doc", "会议"),
            ("doc", "根据"),
            ("doc", "按照"),
        ],
    ),
    "t047": (
        "G_compare",
        [
            ("doc", "泽州县[^。]{0,30}知晓率[^。]{0,10}(提高|去年)"),
            ("doc", "知晓率较去年"),
        ],
    ),
    "t049": (
        "A_period",
        [
            ("doc", "6月[^。]{0,6}受理"),
            ("doc", "6月份"),
            ("all", "6月[^。]{0,10}(城市管理类|城管类)诉求[^。]{0,6}[0-9]"),
        ],
    ),
    "t050": (
        "D_subunit",
        [
            ("doc", "向阳区[^。]{0,10}查处"),
            ("all", "向阳区[^。]{0,20}占道经营[^。]{0,10}[0-9]+起"),
            ("doc", "查处占道经营2,318起[^。]{0,3}其中"),
        ],
    ),
    "t056": (
        "A_period",
        [
            ("doc", "第26周"),
            ("all", "第26周"),
            ("all", "6\\.23"),
            ("all", "6月23日"),
        ],
    ),
    "t063": (
        "H_notstated",
        [
            ("doc", "代表团"),
            ("doc", "选区"),
            ("all", "杜承霖[^。]{0,10}(县|区|市)"),
        ],
    ),
    "t065": (
        "G_compare",
        [
            ("doc", "办结率[0-9.]+%[，；]?较"),
            ("doc", "办结率[^。；]{0,12}(提高|下降|上升|上月|环比)"),
            ("doc", "4月[^。]{0,10}办结"),
            ("doc", "上月[^。]{0,10}办结"),
        ],
    ),
    "t073": (
        "I_target_result",
        [
            ("doc", "背街小巷[^。]{0,10}已"),
            ("002_neijiang-zhengfu-gongzuo-baogao-2025-jiexuan.txt", "全市[^。]{0,10}背街小巷[^。]{0,20}已完成"),
            ("005_dongxing-chuangwen-dashiji-2025h1.txt", "全市[^。]{0,10}背街小巷[^。]{0,20}已完成"),
            ("001_neijiang-szcg-zhoutongbao-w23-25.txt", "背街小巷"),
            ("003_neijiang-cgj-renda-jianyi-dafuhan.txt", "背街小巷"),
            ("004_neijiang-chuangwen-ceping-tongzhi-fumian-qingdan.txt", "背街小巷[^。]{0,10}完成"),
            ("006_neijiang-12345-cg-shouli-2025-05.txt", "背街小巷"),
            ("007_neijiang-cg-kaohe-jieguo-2025q1.txt", "背街小巷"),
        ],
    ),
    "t078": (
        "B_place",
        [
            ("all", "同江"),
        ],
    ),
    "t089": (
        "F_cutoff",
        [
            ("doc", "每晚安排执法队员[0-9一二三四五六七八九十]"),
            ("all", "错时执法[^。]{0,40}[0-9一二三四五六七八九十]+名"),
            ("all", "执法队员[0-9一二三四五六七八九十]+名"),
        ],
    ),
    "t091": (
        "D_subunit",
        [
            ("doc", "钟家庄"),
            ("doc", "街道"),
            ("all", "钟家庄[^。]{0,30}满意"),
        ],
    ),
    "t092": (
        "I_target_result",
        [
            ("doc", "去年[^。]{0,30}口袋公园"),
            ("doc", "2024[^。]{0,60}口袋公园"),
            ("doc", "建成口袋公园"),
            ("008_jincheng-szcg-tongbao-2025-08.txt", "口袋公园"),
            ("009_jincheng-chuangwen-manyidu-diaocha-2025.txt", "口袋公园"),
            ("010_jincheng-chuangwen-zhuanti-huiyi-jiyao.txt", "口袋公园"),
            ("011_jincheng-cgj-zhenggai-taizhang-2025.txt", "口袋公园"),
            ("012_jincheng-chuangwen-hongheibang-2025-7.txt", "口袋公园"),
            ("014_zezhou-cgj-2025-shangbannian-zongjie.txt", "口袋公园"),
        ],
    ),
    "t097": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "采暖"),
            ("all", "供热"),
        ],
    ),
    "t100": (
        "D_subunit",
        [
            ("doc", "高桥街道[^。]{0,30}背街小巷"),
            ("all", "高桥[^。]{0,30}[0-9一二三四五六七八九十]+条"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w08": (
        "D_subunit",
        [
            ("doc", "西上庄"),
            ("all", "西上庄[^。]{0,20}满意"),
        ],
    ),
    "w10": (
        "I_target_result",
        [
            ("all", "校外活动阵地[^。]{0,20}(已|完成)"),
            ("018_jiamusi-chuangwen-fabuhui-fanti.txt", "校外"),
            ("019_jiamusi-cgj-2025-shangbannian-zongjie.txt", "校外"),
            ("017_jiamusi-chuangwen-ducha-tongbao-5qi.txt", "校外"),
        ],
    ),
    "w18": (
        "D_subunit",
        [
            ("doc", "前进区[^。]{0,20}(违法建设|违建|拆除)"),
            ("all", "前进区[^。]{0,20}拆除"),
        ],
    ),
    "w20": (
        "I_target_result",
        [
            ("doc", "机扫率[^。]{0,20}(目标|力争|提高到|达到9)"),
            ("013_jincheng-cg-gongzuo-huiyi-jianghua.txt", "机扫"),
            ("008_jincheng-szcg-tongbao-2025-08.txt", "机扫"),
        ],
    ),
    "w24": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "得分"),
            ("doc", "居[首末]"),
        ],
    ),
    "w25": (
        "A_period",
        [
            ("doc", "5月"),
            ("all", "5月[^。]{0,20}立案[^。]{0,5}[0-9]"),
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
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    if kind_counts.get("D_subunit", 0) < MIN_SUBUNIT_QUESTIONS:
        errors["too_few_D_subunit_questions"] += 1
    fkind_counts = Counter(entry[0] for entry in FPROBES.values())
    n_tr = kind_counts.get("I_target_result", 0) + fkind_counts.get("I_target_result", 0)
    counters["I_target_result_items_incl_followups"] = n_tr
    if n_tr < MIN_TARGET_RESULT_ITEMS:
        errors["too_few_I_target_result_items"] += 1
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
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)
    thin = [n for n in docs if used[n] < MIN_ITEMS_PER_DOC]
    if thin:
        errors["documents_with_fewer_than_3_items"] += len(thin)

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
