#!/usr/bin/env python3
"""Validate the blind14 sealed set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory)
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

EXPECTED_TYPES = {
    "number": 40,
    "standard": 10,
    "problem": 10,
    "target": 12,
    "deadline": 8,
    "list": 6,
    "multi_doc": 8,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 12

# Unanswerable kinds; each must occur at least MIN_PER_KIND times
# (K_offtopic at most MAX_OFFTOPIC times).
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
MAX_OFFTOPIC = 8

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t002": (
        "A_period",
        [
            ("all", "综合考核结果通报（2025年第3期）"),
            ("doc", "3月[^。]{0,20}排名第"),
            ("all", "3月份?城市管理综合考核结果"),
        ],
    ),
    "t006": (
        "B_place",
        [
            ("all", "淮滨"),
        ],
    ),
    "t010": (
        "J_score",
        [
            ("doc", "学校"),
            ("doc", "校园"),
        ],
    ),
    "t012": (
        "D_subunit",
        [
            ("doc", "临渭区[^。]{0,40}大型"),
            ("doc", "临渭区[^。]{0,40}屋顶"),
        ],
    ),
    "t017": (
        "A_period",
        [
            ("doc", "第二季度"),
            ("all", "2025年第二季度创文"),
            ("all", "二季度[^。]{0,30}朔城区[^。]{0,10}\\d+\\.\\d+分"),
        ],
    ),
    "t020": (
        "K_offtopic",
        [
            ("all", "清雪"),
            ("all", "除雪"),
            ("all", "冰雪"),
            ("all", "融雪"),
        ],
    ),
    "t028": (
        "E_rank",
        [
            ("doc", "排名第7"),
            ("doc", "第七"),
            ("doc", "右玉"),
        ],
    ),
    "t038": (
        "D_subunit",
        [
            ("doc", "怀仁市[^。]{0,30}平方米"),
            ("all", "怀仁[^。]{0,30}拆[^。]{0,10}平方米"),
        ],
    ),
    "t040": (
        "K_offtopic",
        [
            ("all", "燃气管"),
            ("all", "管网"),
        ],
    ),
    "t045": (
        "I_target_result",
        [
            ("doc", "已建成"),
            ("all", "少年宫[^。]{0,10}(已|建成)"),
            ("all", "朔州[^。]{0,60}少年宫[^。]{0,6}\\d+所"),
        ],
    ),
    "t047": (
        "I_target_result",
        [
            ("doc", "佩戴率"),
            ("all", "头盔佩戴率为"),
            ("all", "头盔佩戴率[^。]{0,4}(已|实际)"),
        ],
    ),
    "t050": (
        "C_nofigure",
        [
            ("doc", "综合考评[^。]{0,30}第\\d+(位|名)"),
            ("doc", "总分"),
            ("all", "信阳[^。]{0,30}城市管理综合考评[^。]{0,20}排名第"),
        ],
    ),
    "t053": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "局长"),
        ],
    ),
    "t055": (
        "B_place",
        [
            ("all", "合阳"),
        ],
    ),
    "t063": (
        "I_target_result",
        [
            ("doc", "已完成[^。]{0,10}背街小巷"),
            ("all", "2025年[^。]{0,30}(已|实际)(完成|改造)[^。]{0,10}背街小巷"),
            ("all", "渭南[^。]{0,40}背街小巷[^。]{0,10}已(完成|改造)"),
        ],
    ),
    "t068": (
        "F_cutoff",
        [
            ("doc", "《"),
            ("doc", "根据"),
            ("doc", "按照[^。“]{0,20}(通知|方案|意见|部署)"),
        ],
    ),
    "t074": (
        "G_compare",
        [
            ("doc", "2023"),
            ("all", "2023年[^。]{0,10}一季度[^。]{0,20}立案"),
        ],
    ),
    "t076": (
        "H_notstated",
        [
            ("doc", "会议室"),
            ("doc", "在[^。]{0,10}召开"),
            ("doc", "地点"),
            ("doc", "大楼"),
        ],
    ),
    "t080": (
        "D_subunit",
        [
            ("doc", "朔城区[^。]{0,40}12345"),
            ("all", "朔城区[^。]{0,20}转办[^。]{0,6}\\d"),
        ],
    ),
    "t082": (
        "K_offtopic",
        [
            ("all", "献血"),
        ],
    ),
    "t086": (
        "J_score",
        [
            ("doc", "志愿服务[^。]{0,10}\\d+分"),
            ("018_shuozhou-chuangwen-yaodian-2025.txt", "志愿服务[^。]{0,10}\\d+分"),
        ],
    ),
    "t089": (
        "C_nofigure",
        [
            ("doc", "通过验收的\\d"),
            ("all", "农贸市场[^。]{0,20}已完成改造[^。]{0,6}\\d+个"),
        ],
    ),
    "t095": (
        "H_notstated",
        [
            ("doc", "记者[\\u4e00-\\u9fff]{2,3}："),
            ("doc", "大河报记者[\\u4e00-\\u9fff]"),
        ],
    ),
    "t096": (
        "J_score",
        [
            ("doc", "园林"),
            ("doc", "绿化"),
        ],
    ),
    "t097": (
        "G_compare",
        [
            ("doc", "2023"),
            ("doc", "志愿者[^。]{0,20}(增加|增长)"),
            ("all", "志愿者[^。]{0,10}较上年"),
            ("025_weinan-zhiyuan-tongji-2024.txt", "2023"),
            ("025_weinan-zhiyuan-tongji-2024.txt", "增长"),
            ("024_weinan-chuangwen-jianghua-2025-03.txt", "志愿者[^。]{0,15}(增加|增长)"),
        ],
    ),
    "t099": (
        "E_rank",
        [
            ("doc", "黑榜（[4-9]个）"),
            ("doc", "4\\.[^。]{0,40}整改时限"),
        ],
    ),
    "t100": (
        "B_place",
        [
            ("all", "右玉"),
        ],
    ),
    "t103": (
        "H_notstated",
        [
            ("doc", "记者"),
            ("doc", "通讯员"),
            ("doc", "撰稿"),
            ("doc", "作者"),
        ],
    ),
    "t110": (
        "C_nofigure",
        [
            ("doc", "改造老旧小区\\d"),
            ("all", "信阳[^。]{0,40}老旧小区\\d+个"),
        ],
    ),
    "t113": (
        "I_target_result",
        [
            ("doc", "已建成口袋公园"),
            ("doc", "口袋公园[^。]{0,10}已"),
            ("013_xinyang-cg-zhenggai-baogao-2025-06.txt", "口袋公园"),
            ("014_xinyang-cg-xinwen-2025-05.txt", "口袋公园"),
            ("027_xinyang-wenming-shijian-2025-h1.txt", "口袋公园"),
            ("030_xinyang-chuangwen-nianzong-2024.txt", "口袋公园"),
        ],
    ),
    "t118": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "2024"),
            ("doc", "去年"),
        ],
    ),
    "t119": (
        "F_cutoff",
        [
            ("doc", "下一步"),
            ("doc", "下步"),
            ("doc", "三、"),
            ("doc", "打算"),
        ],
    ),
    "t120": (
        "A_period",
        [
            ("all", "（2025年5月）"),
            ("all", "5月份，全市数字城管"),
            ("doc", "5月[^。]{0,10}结案率"),
        ],
    ),
    "t123": (
        "D_subunit",
        [
            ("doc", "羊山"),
            ("all", "羊山新区[^。]{0,20}志愿者"),
        ],
    ),
    "t124": (
        "A_period",
        [
            ("doc", "全年共拆除"),
            ("doc", "全年拆除违法建设\\d"),
            ("all", "朔州[^。]{0,40}2024年全年"),
            ("all", "朔州市城市管理局2024年工作总结"),
        ],
    ),
    "t125": (
        "E_rank",
        [
            ("doc", "点位五"),
            ("doc", "【点位[五六七]"),
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


def check_answerable(item, docs, errors, counters):
    names = item["doc"] if isinstance(item["doc"], list) else [item["doc"]]
    for name in names:
        if name not in docs:
            errors["unknown_doc"] += 1
            return
    texts = [docs[n] for n in names]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if not any(s in t for t in texts):
                errors["must_contain_not_in_doc"] += 1
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        found = [n for n in names if ev in docs[n]]
        if not found:
            errors["evidence_not_in_doc"] += 1
        hit_docs.update(found)
    if isinstance(item["doc"], list) and set(names) - hit_docs:
        errors["multi_doc_missing_evidence_for_a_doc"] += 1


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    counters["probe_kind_" + entry[0]] += 1
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
        errors["question_ids_not_t001_to_t130"] += 1
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
        if q["type"] == "multi_doc":
            if not (isinstance(q["doc"], list) and len(q["doc"]) >= 2):
                errors["multi_doc_needs_doc_list"] += 1
                continue
        elif not isinstance(q["doc"], str):
            errors["single_doc_must_be_string"] += 1
            continue
        for n in q["doc"] if isinstance(q["doc"], list) else [q["doc"]]:
            used[n] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters)
        else:
            check_answerable(q, docs, errors, counters)
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)
    kind_counts = Counter(kind for kind, _ in PROBES.values())
    if set(kind_counts) - set(KINDS):
        errors["unknown_probe_kind"] += 1
    for kind in KINDS:
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    for f in followups:
        if set(f) != F_FIELDS:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and len(f["history"]) == 1):
            errors["followup_bad_history"] += 1
        if not isinstance(f["question"], str) or not f["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(f["answer"], str) or not f["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        check_answerable(f, docs, errors, counters)


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
        errors["document_count_not_30"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

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
