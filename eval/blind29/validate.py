#!/usr/bin/env python3
"""Validate the blind29 sealed test set. Prints counts only; exits 1 on failure.

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
    "number": 20,
    "standard": 9,
    "problem": 8,
    "target": 7,
    "deadline": 6,
    "list": 6,
    "multi_doc": 14,
    "unanswerable": 30,
}
N_QUESTIONS = 100
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 10
N_DOCS = 20
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-1050 characters (whitespace excluded); no long-document minimum.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 1050, 900, 0

# Unanswerable kinds; each except K_offtopic must occur at least MIN_PER_KIND
# times among the questions (K_offtopic 1 to MAX_OFFTOPIC times). Follow-up
# probes are checked the same way; C, D, E, G and I must reach MIN_COMBINED
# counting questions and follow-ups together.
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
MIN_COMBINED = 3
COMBINED_KINDS = ("C_nofigure", "D_subunit", "E_rank", "G_compare", "I_target_result")

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "A_period",
        [
            ("doc", "7月\\|"),
            ("doc", "7月份?[^。]{0,10}立案"),
            ("017_xiangtan-cgj-2024-zongjie-2025-jihua.txt", "7月[^。]{0,10}立案"),
        ],
    ),
    "t005": (
        "C_nofigure",
        [
            ("doc", "仲恺高新区\\|4,381\\|4,224\\|96.4%\\|[0-9]"),
            ("all", "仲恺[^。]{0,10}按期处置率[为达]?[0-9]"),
        ],
    ),
    "t008": (
        "D_subunit",
        [
            ("all", "骆驼山街道[^。]{0,10}[0-9]+条"),
            ("004_xuzhou-cgj-2025-gongzuo-yaodian.txt", "骆驼山"),
        ],
    ),
    "t010": (
        "I_target_result",
        [
            ("015_xiangtan-szcg-yunxing-fenxi-2025h1.txt", "背街小巷"),
            ("016_xiangtan-chuangwen-ducha-tongbao-2025-10qi.txt", "背街小巷[^。]{0,15}(完工|完成)"),
            ("018_xiangtan-chuangwen-zhixiao-manyidu-diaocha.txt", "背街小巷[^。]{0,15}(完工|完成)"),
            ("019_xiangtan-gongce-tigai-jinzhan-baogao.txt", "背街小巷"),
            ("020_yuetang-wenming-quandao-gang-xinwen.txt", "背街小巷"),
            ("doc", "2025年[^。]{0,40}背街小巷[^。]{0,10}已"),
        ],
    ),
    "t011": (
        "G_compare",
        [
            ("all", "徐州[^。]{0,20}注册率"),
            ("doc", "全市[^。]{0,10}注册"),
            ("002_xuzhou-chuangwen-shidi-ceping-2025-07.txt", "志愿者"),
            ("004_xuzhou-cgj-2025-gongzuo-yaodian.txt", "志愿者"),
        ],
    ),
    "t012": (
        "D_subunit",
        [
            ("doc", "惠阳区[0-9一二三四]个"),
            ("all", "惠阳区(有|共有)?[0-9一二三四]个(农贸)?市场"),
            ("008_huizhou-chuangwen-shidi-ceping-xize-2025.txt", "惠阳"),
        ],
    ),
    "t017": (
        "A_period",
        [
            ("doc", "二季度"),
            ("doc", "[456]月\\|"),
            ("all", "第二季度[^。]{0,20}结案"),
            ("012_huicheng-cg-2025-shangbannian-zongjie.txt", "二季度"),
        ],
    ),
    "t019": (
        "B_place",
        [
            ("all", "邳州"),
        ],
    ),
    "t021": (
        "E_rank",
        [
            ("doc", "全省"),
            ("doc", "排名第"),
            ("doc", "位次"),
            ("014_huizhou-chuangwen-lianxi-huiyi-jiyao.txt", "全省"),
        ],
    ),
    "t022": (
        "H_notstated",
        [
            ("doc", "惠城区[^。]{0,8}(表示|提出|承诺|保证)"),
            ("doc", "惠城区[^。]{0,3}要"),
        ],
    ),
    "t023": (
        "I_target_result",
        [
            ("001_xuzhou-szcg-tongbao-2025-08.txt", "公厕"),
            ("002_xuzhou-chuangwen-shidi-ceping-2025-07.txt", "公厕"),
            ("003_yunlong-chuangwen-2025-1-9yue-baogao.txt", "公厕"),
            ("005_xuzhou-zhanlu-jingying-zhuanxiang-fangan.txt", "公厕"),
            ("006_xuzhou-chuangwen-wenti-jiaobandan.txt", "公厕[^|]{0,10}(建成|完工)"),
            ("007_quanshan-huwai-zhaopai-xinwen.txt", "公厕"),
            ("doc", "公厕[^。]{0,15}(已建成|已完成|完工)"),
        ],
    ),
    "t025": (
        "G_compare",
        [
            ("doc", "满意率[^。]{0,20}(提高|上升|下降|持平)"),
            ("doc", "满意率[^。]{0,15}较"),
            ("doc", "满意[^。]{0,30}百分点"),
        ],
    ),
    "t026": (
        "D_subunit",
        [
            ("all", "湘潭县[^。]{0,15}[0-9]+件"),
            ("doc", "湘潭县\\|"),
        ],
    ),
    "t030": (
        "K_offtopic",
        [
            ("all", "执法证"),
            ("all", "考试"),
        ],
    ),
    "t033": (
        "F_cutoff",
        [
            ("doc", "并将[一-鿿]"),
            ("all", "劝导岗[^。]{0,10}50个[^。]{0,10}(同时|还将|并将)[一-鿿]"),
        ],
    ),
    "t037": (
        "B_place",
        [
            ("all", "睢宁"),
        ],
    ),
    "t047": (
        "H_notstated",
        [
            ("doc", "疏导点[^。]{0,5}(设在|位于)"),
            ("doc", "设置计划表（[^略]"),
            ("004_xuzhou-cgj-2025-gongzuo-yaodian.txt", "疏导点[^。]{0,5}(设在|位于)"),
        ],
    ),
    "t048": (
        "F_cutoff",
        [
            ("doc", "10月底前还将对辖区内的[一-鿿]"),
            ("all", "泉山区[^。]{0,20}10月底前"),
        ],
    ),
    "t063": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "上年"),
            ("004_xuzhou-cgj-2025-gongzuo-yaodian.txt", "同比"),
        ],
    ),
    "t066": (
        "B_place",
        [
            ("all", "衡阳"),
        ],
    ),
    "t068": (
        "I_target_result",
        [
            ("all", "已到岗"),
            ("all", "志愿岗[^。]{0,20}已[^。]{0,5}(到岗|上岗)"),
            ("013_huizhou-wenming-zhiyuan-fuwu-2025h1-fanti.txt", "新增"),
        ],
    ),
    "t075": (
        "J_score",
        [
            ("doc", "公厕"),
            ("doc", "厕所"),
        ],
    ),
    "t077": (
        "J_score",
        [
            ("doc", "停车"),
            ("doc", "停放"),
            ("doc", "非机动车"),
        ],
    ),
    "t085": (
        "A_period",
        [
            ("doc", "9月份[^。]{0,20}按期"),
            ("001_xuzhou-szcg-tongbao-2025-08.txt", "9月份?[^。]{0,10}结案率"),
            ("004_xuzhou-cgj-2025-gongzuo-yaodian.txt", "9月[^。]{0,10}按期结案率"),
        ],
    ),
    "t086": (
        "H_notstated",
        [
            ("doc", "用户"),
            ("doc", "访问"),
            ("doc", "注册"),
            ("doc", "下载"),
        ],
    ),
    "t089": (
        "E_rank",
        [
            ("doc", "第一名"),
            ("doc", "排名第"),
            ("doc", "云山雅苑[^。]{0,10}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "t090": (
        "C_nofigure",
        [
            ("doc", "改建公厕[0-9]"),
            ("doc", "2024年[^。]{0,20}公厕[0-9]"),
            ("019_xiangtan-gongce-tigai-jinzhan-baogao.txt", "去年"),
            ("019_xiangtan-gongce-tigai-jinzhan-baogao.txt", "２０２４"),
        ],
    ),
    "t096": (
        "C_nofigure",
        [
            ("doc", "高新区\\|[0-9]"),
            ("doc", "高新区[^。]{0,10}[0-9]+\\.[0-9]+分"),
            ("003_yunlong-chuangwen-2025-1-9yue-baogao.txt", "高新区"),
        ],
    ),
    "t097": (
        "K_offtopic",
        [
            ("all", "罚单"),
            ("all", "罚款"),
            ("all", "违停"),
        ],
    ),
    "t098": (
        "E_rank",
        [
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "排名"),
            ("doc", "位次"),
            ("doc", "全省[^。]{0,20}第"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w02": (
        "I_target_result",
        [
            ("doc", "已整改"),
            ("doc", "已完成"),
            ("doc", "整改进展"),
            ("doc", "已办结"),
        ],
    ),
    "w07": (
        "D_subunit",
        [
            ("doc", "高新区\\|"),
            ("doc", "高新区[^。]{0,10}[0-9]+\\.[0-9]+"),
        ],
    ),
    "w09": (
        "B_place",
        [
            ("all", "株洲"),
        ],
    ),
    "w14": (
        "A_period",
        [
            ("doc", "7月份?[^。]{0,10}结案率[为达]?[0-9]"),
            ("002_xuzhou-chuangwen-shidi-ceping-2025-07.txt", "结案率"),
            ("003_yunlong-chuangwen-2025-1-9yue-baogao.txt", "结案率"),
        ],
    ),
    "w16": (
        "C_nofigure",
        [
            ("doc", "改建公厕[0-9]"),
            ("doc", "2024年[^。]{0,20}公厕[0-9]"),
            ("019_xiangtan-gongce-tigai-jinzhan-baogao.txt", "去年"),
        ],
    ),
    "w19": (
        "D_subunit",
        [
            ("all", "湘乡市[^。]{0,20}[0-9]+\\.[0-9]+%"),
            ("doc", "湘乡市\\|"),
        ],
    ),
    "w20": (
        "E_rank",
        [
            ("doc", "排名第"),
            ("doc", "最高"),
            ("doc", "第一"),
            ("doc", "(雅苑|花园|小区|华庭|新城|翠湖苑)[^。]{0,3}[0-9]+\\.[0-9]+分"),
        ],
    ),
    "w21": (
        "C_nofigure",
        [
            ("doc", "仲恺高新区\\|4,381\\|4,224\\|96.4%\\|[0-9]"),
            ("all", "仲恺[^。]{0,10}按期处置率[为达]?[0-9]"),
        ],
    ),
    "w29": (
        "C_nofigure",
        [
            ("doc", "鼓楼区[^。]{0,6}[0-9]+\\.[0-9]+"),
            ("all", "8月[^。]{0,30}鼓楼区[^。]{0,10}[0-9]+\\.[0-9]+"),
        ],
    ),
    "w30": (
        "D_subunit",
        [
            ("all", "雨湖区[^。]{0,30}礼让率"),
            ("all", "礼让率[^。]{0,30}雨湖区"),
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
        minimum = 1 if kind == "K_offtopic" else MIN_PER_KIND
        if kind_counts.get(kind, 0) < minimum:
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
    f_unans = {f.get("id") for f in followups if f.get("must_contain") == [] and f.get("evidence") == []}
    if set(FPROBES) - f_unans:
        errors["fprobes_for_non_unanswerable_ids"] += len(set(FPROBES) - f_unans)
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

    combined = Counter(entry[0] for entry in PROBES.values())
    combined.update(entry[0] for entry in FPROBES.values())
    for kind in COMBINED_KINDS:
        if combined.get(kind, 0) < MIN_COMBINED:
            errors["too_few_combined_probes_of_kind_" + kind] += 1

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
