#!/usr/bin/env python3
"""Validate the blind22 evaluation set. Prints counts only; exits 1 on failure.

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
    "number": 28,
    "standard": 12,
    "problem": 10,
    "target": 10,
    "deadline": 8,
    "list": 8,
    "multi_doc": 18,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
MIN_FOLLOWUP_UNANSWERABLE = 7
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (10 of 30) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10

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
MAX_OFFTOPIC = 2

# For each unanswerable question (t-ids) or follow-up (w-ids):
# (kind, [(scope, regex), ...]). scope "doc" = the item's tempting document,
# "all" = every corpus document, or a corpus file name. Each regex must match
# nowhere in its scope (matching is done on the whitespace-free text).
# BEGIN PROBES
PROBES = {
    "t004": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年同期[^。]{0,10}(增长|下降|减少|增加)"),
            ("doc", "较去年同期(增加|减少|增长|下降)"),
        ],
    ),
    "t006": (
        "A_period",
        [
            ("doc", "8月"),
            ("all", "益阳[^。]{0,20}8月[^。]{0,20}立案"),
            ("023_heshan-szcg-2025-09-jiedao-kaoping.txt", "全市[^。]{0,10}8月"),
        ],
    ),
    "t009": (
        "C_nofigure",
        [
            ("doc", "专项资金[^。]{0,10}[0-9]"),
            ("all", "专项资金[0-9]"),
            ("doc", "万元"),
            ("doc", "亿元"),
        ],
    ),
    "t016": (
        "B_place",
        [
            ("all", "宝兴"),
        ],
    ),
    "t017": (
        "J_score",
        [
            ("doc", "停车"),
            ("doc", "泊位"),
        ],
    ),
    "t021": (
        "K_offtopic",
        [
            ("all", "烟花"),
            ("all", "爆竹"),
            ("all", "鞭炮"),
        ],
    ),
    "t027": (
        "J_score",
        [
            ("doc", "景区"),
            ("doc", "旅游"),
        ],
    ),
    "t033": (
        "A_period",
        [
            ("all", "第三季度"),
            ("all", "三季度"),
            ("all", "7—9月"),
        ],
    ),
    "t034": (
        "C_nofigure",
        [
            ("doc", "收运量达到[0-9]"),
            ("all", "餐厨垃圾[^。]{0,12}[0-9]+吨"),
        ],
    ),
    "t037": (
        "B_place",
        [
            ("all", "安化"),
        ],
    ),
    "t041": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十]+名"),
            ("doc", "位列"),
            ("doc", "全省第"),
        ],
    ),
    "t042": (
        "C_nofigure",
        [
            ("doc", "小广告[0-9０-９一二三四五六七八九十]"),
            ("all", "小广告[^。]{0,4}[0-9]+处"),
        ],
    ),
    "t046": (
        "I_target_result",
        [
            ("doc", "公厕[^。]{0,10}已"),
            ("008_ezhou-weixin-beijie-xiaoxiang.txt", "公厕"),
            ("009_ezhou-chuangwen-tuijinhui-jianghua.txt", "公厕"),
            ("001_ezhou-szcg-tongbao-2025-08.txt", "公厕"),
        ],
    ),
    "t051": (
        "D_subunit",
        [
            ("all", "赫山[^。]{0,40}占道"),
            ("023_heshan-szcg-2025-09-jiedao-kaoping.txt", "占道"),
        ],
    ),
    "t054": (
        "F_cutoff",
        [
            ("doc", "机制"),
            ("doc", "长效"),
        ],
    ),
    "t064": (
        "H_notstated",
        [
            ("doc", "带队"),
            ("doc", "组长"),
            ("doc", "部长"),
            ("doc", "局长"),
            ("doc", "主任"),
        ],
    ),
    "t069": (
        "E_rank",
        [
            ("doc", "多营街道[^。]{0,6}(第|名)"),
            ("doc", "第[四五六七八九十]+名"),
            ("doc", "排名第[四五六七八九十]"),
        ],
    ),
    "t070": (
        "I_target_result",
        [
            ("doc", "口袋公园\\|个\\|10\\|[0-9]"),
            ("011_yaan-chuangwen-xinwen-fabuhui.txt", "口袋公园"),
            ("015_yucheng-chuangwen-2025-shangbannian-zongjie.txt", "口袋公园"),
        ],
    ),
    "t072": (
        "D_subunit",
        [
            ("doc", "鄂城区[^。]{0,30}超期"),
            ("all", "鄂城区[^。]{0,10}超期[^。]{0,5}[0-9]"),
        ],
    ),
    "t075": (
        "F_cutoff",
        [
            ("doc", "作废[0-9]"),
            ("doc", "误报[^。]{0,15}[0-9]+件"),
            ("all", "作废[^。]{0,6}[0-9]+件"),
        ],
    ),
    "t078": (
        "E_rank",
        [
            ("doc", "汉源县生活垃圾分类覆盖率[0-9]"),
        ],
    ),
    "t079": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("001_ezhou-szcg-tongbao-2025-08.txt", "同比"),
        ],
    ),
    "t080": (
        "H_notstated",
        [
            ("doc", "公司"),
            ("doc", "集团"),
            ("doc", "施工单位"),
            ("doc", "项目部"),
        ],
    ),
    "t083": (
        "A_period",
        [
            ("doc", "7月\\|"),
            ("doc", "7月[^。日]{0,6}受理"),
            ("all", "7月份"),
        ],
    ),
    "t085": (
        "D_subunit",
        [
            ("all", "杨叶"),
        ],
    ),
    "t087": (
        "A_period",
        [
            ("all", "10月[^。]{0,8}(结案率|立案)"),
            ("all", "鄂州数管通〔2025〕10号"),
            ("all", "10月份"),
        ],
    ),
    "t091": (
        "H_notstated",
        [
            ("doc", "夜市[^。]{0,3}(叫|名为|即)"),
            ("all", "“[^”]{1,10}夜市”"),
        ],
    ),
    "t096": (
        "E_rank",
        [
            ("doc", "一季度[^。]{0,8}第"),
            ("doc", "前移[一二三四五六七八九十0-9]"),
            ("doc", "第一季度"),
        ],
    ),
    "t099": (
        "B_place",
        [
            ("all", "芦山"),
        ],
    ),
    "t103": (
        "H_notstated",
        [
            ("doc", "学岗不到位\\|[^|0-9]"),
            ("doc", "学校周边[^。]{0,60}(增设|开展|实行|设立|落实)"),
        ],
    ),
    "t107": (
        "K_offtopic",
        [
            ("all", "犬"),
            ("all", "狗"),
            ("all", "宠物"),
        ],
    ),
    "t110": (
        "G_compare",
        [
            ("doc", "环比"),
            ("doc", "8月"),
            ("doc", "上月"),
        ],
    ),
    "t111": (
        "D_subunit",
        [
            ("all", "新庙"),
        ],
    ),
    "t113": (
        "F_cutoff",
        [
            ("doc", "商戶[^。]{0,2}(將|予以|列入|取消)"),
            ("doc", "連續三次被曝光的商戶[^，。]{2,}"),
        ],
    ),
    "t120": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("doc", "[0-9]{4}-?[0-9]{7,8}"),
            ("doc", "0835"),
        ],
    ),
    "t126": (
        "I_target_result",
        [
            ("doc", "覆盖率(已|现)"),
            ("021_yiyang-szcg-tongbao-2025-09.txt", "垃圾分类"),
            ("023_heshan-szcg-2025-09-jiedao-kaoping.txt", "垃圾分类"),
            ("028_yiyang-12345-chengguan-2025-shangbannian.txt", "垃圾分类"),
            ("025_yiyang-cg-gongzuo-huiyi-jianghua-2025.txt", "垃圾分类"),
        ],
    ),
    "w02": (
        "H_notstated",
        [
            ("doc", "负责人"),
            ("doc", "经营者"),
            ("doc", "老板"),
            ("doc", "业主"),
        ],
    ),
    "w03": (
        "D_subunit",
        [
            ("all", "名山区[^。]{0,20}背街小巷[^。]{0,10}[0-9０-９]+条"),
            ("all", "名山区[^。]{0,10}(完成|改造)[^。]{0,6}背街小巷"),
        ],
    ),
    "w07": (
        "I_target_result",
        [
            ("doc", "资源化利用率\\|%\\|60\\|[0-9]"),
        ],
    ),
    "w11": (
        "E_rank",
        [
            ("doc", "第一名"),
            ("doc", "排名第一"),
            ("doc", "位列第一"),
            ("doc", "首位"),
        ],
    ),
    "w14": (
        "J_score",
        [
            ("doc", "图书馆"),
            ("doc", "文化馆"),
            ("doc", "场馆"),
        ],
    ),
    "w17": (
        "D_subunit",
        [
            ("all", "沙窝"),
        ],
    ),
    "w20": (
        "A_period",
        [
            ("doc", "按期结案率[^。]{0,12}去年同期"),
            ("doc", "去年同期[^。]{0,6}按期"),
        ],
    ),
    "w21": (
        "D_subunit",
        [
            ("all", "古楼街道[^。]{0,20}立案"),
        ],
    ),
    "w24": (
        "A_period",
        [
            ("doc", "7月[^。]{0,10}结案率"),
            ("all", "7月份?[^。]{0,6}结案率[0-9]"),
        ],
    ),
}
# END PROBES

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


def check_answerable(item, docs, errors, counters, multi):
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
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
        if ev in docs[name]:
            hit_docs.add(name)
        elif multi:
            found = [n for n in docs if ev in docs[n]]
            if not found:
                errors["evidence_not_in_any_doc"] += 1
            hit_docs.update(found)
        else:
            errors["evidence_not_in_doc"] += 1
    if name not in hit_docs:
        errors["no_evidence_from_main_doc"] += 1
    if multi:
        if len(hit_docs) < 2:
            errors["multi_doc_evidence_from_one_doc"] += 1
        counters["multi_doc_docs_touched"] += len(hit_docs)
    texts = [docs[n] for n in hit_docs | {name}]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
    else:
        for s in item["must_contain"]:
            counters["must_contain_checked"] += 1
            if WS.search(s) or not any(s in t for t in texts):
                errors["must_contain_not_in_doc"] += 1
    return hit_docs


def check_unanswerable(item, docs, errors, counters):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return None
    entry = PROBES.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return None
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
    return entry[0]


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
    kinds = Counter()
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
            kind = check_unanswerable(q, docs, errors, counters)
            if kind:
                kinds[kind] += 1
            used[q["doc"]] += 1
        else:
            hit = check_answerable(q, docs, errors, counters, q["type"] == "multi_doc")
            for n in hit or {q["doc"]}:
                used[n] += 1
    for kind in KINDS:
        if kinds.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_questions_of_kind_" + kind] += 1
    if kinds.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    for kind in KINDS:
        counters["unanswerable_kind_" + kind] = kinds.get(kind, 0)
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
            if check_unanswerable(f, docs, errors, counters):
                counters["followup_unanswerable_probed"] += 1
        else:
            check_answerable(f, docs, errors, counters, False)
    counters["followup_unanswerable"] = n_unans
    if n_unans < MIN_FOLLOWUP_UNANSWERABLE:
        errors["too_few_unanswerable_followups"] += 1
    ids = {q for q in PROBES if q.startswith("w")}
    extra = ids - {f.get("id") for f in followups if f.get("evidence") == []}
    if extra:
        errors["probes_for_answerable_followups"] += len(extra)


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)
    extra = {k for k in PROBES if k.startswith("t")} - {
        q.get("id") for q in questions if q.get("type") == "unanswerable"
    }
    if extra:
        errors["probes_for_non_unanswerable_ids"] += len(extra)

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
        print(f"items per document: min {min(used[n] for n in docs)}, max {max(used[n] for n in docs)}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
