#!/usr/bin/env python3
"""Validator for the sealed blind10 set. Prints counts only (never question text).

Checks:
  * corpus: 30 .txt files named NNN_<pinyin-city>-<kind>-<yyyy>-<mm>.txt, UTF-8, 300-1500 characters
  * every must_contain and evidence string is a substring of its document(s) after removing all whitespace
  * evidence strings are 10-40 characters
  * every multi_doc item draws evidence from each of its documents
  * unanswerable items: answer "无", empty must_contain/evidence, and the tempting regex patterns are
    absent from the tempting document ("doc") or from the whole corpus ("corpus")
  * follow-ups: one-question history, type "followup", answerable
"""

import glob
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)

# Tempting patterns for each unanswerable item (regex, matched on whitespace-stripped text).
TEMPTING = {
    "t002": {"corpus": ["第一季度文明城市", "一季度.{0,10}榆次区\\d+\\.\\d+分"], "doc": ["一季度"]},
    "t012": {"corpus": ["2024年3月全市城市管理"], "doc": ["3月.{0,20}鼎城区\\d"]},
    "t014": {"corpus": [], "doc": ["太谷区.{0,10}\\d+块"]},
    "t017": {"corpus": [], "doc": ["原因", "由于", "因为"]},
    "t026": {"corpus": [], "doc": ["井冈山经开区.{0,20}平方米"]},
    "t029": {"corpus": [], "doc": ["柳叶湖"]},
    "t030": {"corpus": [], "doc": ["同志", "组长：", "县长[\\u4e00-\\u9fa5]{2,3}任"]},
    "t033": {"corpus": [], "doc": ["柳叶湖"]},
    "t034": {"corpus": ["燃气管道", "燃气.{0,10}公里"], "doc": []},
    "t035": {"corpus": ["第三季度创文", "三季度实地测评", "2024年第三季度创文"], "doc": []},
    "t038": {"corpus": [], "doc": ["太谷区.{0,10}覆盖率"]},
    "t044": {"corpus": ["优良率", "PM2", "空气质量"], "doc": []},
    "t047": {"corpus": ["截至6月底", "截至6月30日.{0,20}违"], "doc": []},
    "t057": {"corpus": ["2024年7月全市城市管理", "7月.{0,12}平均得分"], "doc": ["7月"]},
    "t058": {"corpus": [], "doc": ["罚款", "万元"]},
    "t059": {"corpus": ["好人"], "doc": []},
    "t063": {"corpus": ["执法记录仪"], "doc": []},
    "t064": {"corpus": [], "doc": ["罚款", "处罚"]},
    "t065": {"corpus": [], "doc": ["测评点位\\d"]},
    "t068": {"corpus": [], "doc": ["青原区.{0,30}小时"]},
    "t072": {"corpus": [], "doc": ["满意"]},
    "t075": {"corpus": [], "doc": ["有限公司", "超市", "饭店", "商行", "餐馆"]},
    "t077": {"corpus": ["新干"], "doc": []},
    "t080": {"corpus": [], "doc": ["井冈山"]},
    "t082": {"corpus": ["收费标准", "元/小时"], "doc": []},
    "t091": {"corpus": ["工资", "薪酬", "协管员"], "doc": []},
    "t092": {"corpus": [], "doc": ["学校"]},
    "t097": {"corpus": ["芙蓉"], "doc": []},
    "t102": {"corpus": ["吉水"], "doc": []},
    "t104": {"corpus": [], "doc": ["\\d+名", "监督员\\d"]},
    "t106": {"corpus": [], "doc": ["亿元", "万元"]},
    "t108": {"corpus": [], "doc": ["汉寿县\\d"]},
    "t114": {"corpus": [], "doc": ["户外广告.{0,30}\\d+处"]},
    "t115": {"corpus": [], "doc": ["不低于\\d"]},
    "t119": {"corpus": ["行政复议", "行政诉讼"], "doc": []},
    "t120": {"corpus": ["头盔"], "doc": []},
    "t123": {"corpus": [], "doc": ["青原区.{0,30}红榜"]},
    "t124": {"corpus": ["文明单位"], "doc": []},
    "t128": {"corpus": [], "doc": ["日前", "前完成整改", "下步要求"]},
    "t129": {"corpus": ["第三季度数字城管", "三季度.{0,10}立案"], "doc": []},
}

TYPES = {"number", "unanswerable", "standard", "problem", "target", "multi_doc", "deadline"}
NAME_RE = re.compile(r"^\d{3}_[a-z]+-[a-z0-9]+-\d{4}-\d{2}\.txt$")


def strip(s):
    return re.sub(r"\s+", "", s)


def main():
    errors = Counter()
    files = sorted(glob.glob("corpus/*.txt"))
    corpus = {}
    for fp in files:
        name = os.path.basename(fp)
        if not NAME_RE.match(name):
            errors["bad_file_name"] += 1
        with open(fp, encoding="utf-8") as fh:
            raw = fh.read()
        if not (300 <= len(raw) <= 1500):
            errors["doc_length_out_of_range"] += 1
        corpus[name] = strip(raw)
    if len(corpus) != 30:
        errors["corpus_not_30_files"] += 1
    long_docs = 0
    for fp in files:
        with open(fp, encoding="utf-8") as fh:
            if len(fh.read()) > 800:
                long_docs += 1
    if long_docs < 8:
        errors["fewer_than_8_docs_over_800"] += 1

    def docs_of(item):
        d = item["doc"]
        return d if isinstance(d, list) else [d]

    def check_answerable(item, kind):
        ds = docs_of(item)
        for d in ds:
            if d not in corpus:
                errors[kind + "_unknown_doc"] += 1
                return
        texts = [corpus[d] for d in ds]
        if not item["must_contain"]:
            errors[kind + "_empty_must_contain"] += 1
        if not item["evidence"]:
            errors[kind + "_empty_evidence"] += 1
        for m in item["must_contain"]:
            if not any(strip(m) in t for t in texts):
                errors[kind + "_must_contain_not_found"] += 1
        for e in item["evidence"]:
            if not (10 <= len(e) <= 40):
                errors[kind + "_evidence_length"] += 1
            if not any(e in t for t in texts):
                errors[kind + "_evidence_not_found"] += 1
        if len(ds) > 1:
            for t in texts:
                if not any(e in t for e in item["evidence"]):
                    errors[kind + "_multi_doc_missing_evidence_from_a_doc"] += 1

    with open("questions.jsonl", encoding="utf-8") as fh:
        qs = [json.loads(line) for line in fh if line.strip()]
    with open("followups.jsonl", encoding="utf-8") as fh:
        fus = [json.loads(line) for line in fh if line.strip()]
    types = Counter(q["type"] for q in qs)
    ids = [q["id"] for q in qs]
    if ids != [f"t{i:03d}" for i in range(1, len(qs) + 1)]:
        errors["question_ids"] += 1
    pattern_checks = 0
    for q in qs:
        if set(q) != {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}:
            errors["question_fields"] += 1
        if q["type"] not in TYPES:
            errors["bad_type"] += 1
        if q["type"] == "multi_doc" and not (isinstance(q["doc"], list) and len(q["doc"]) >= 2):
            errors["multi_doc_needs_list"] += 1
        if q["type"] == "unanswerable":
            if q["answer"] != "无" or q["must_contain"] or q["evidence"]:
                errors["unanswerable_format"] += 1
            if q["doc"] not in corpus:
                errors["unanswerable_unknown_doc"] += 1
                continue
            spec = TEMPTING.get(q["id"])
            if not spec or not (spec["doc"] or spec["corpus"]):
                errors["unanswerable_without_patterns"] += 1
                continue
            for p in spec["doc"]:
                pattern_checks += 1
                if re.search(p, corpus[q["doc"]]):
                    errors["tempting_pattern_present_in_doc"] += 1
            for p in spec["corpus"]:
                pattern_checks += 1
                if any(re.search(p, t) for t in corpus.values()):
                    errors["tempting_pattern_present_in_corpus"] += 1
        else:
            check_answerable(q, "q")
    if set(TEMPTING) != {q["id"] for q in qs if q["type"] == "unanswerable"}:
        errors["tempting_ids_mismatch"] += 1

    if [f["id"] for f in fus] != [f"u{i:02d}" for i in range(1, len(fus) + 1)]:
        errors["followup_ids"] += 1
    for f in fus:
        if f.get("type") != "followup" or not isinstance(f.get("history"), list) or len(f["history"]) != 1:
            errors["followup_format"] += 1
        check_answerable(f, "f")

    n_ev = sum(len(q["evidence"]) for q in qs) + sum(len(f["evidence"]) for f in fus)
    n_mc = sum(len(q["must_contain"]) for q in qs) + sum(len(f["must_contain"]) for f in fus)
    print("documents:", len(corpus), f"(over 800 chars: {long_docs})")
    print("questions:", len(qs), "followups:", len(fus))
    for t in sorted(types):
        print(f"  type {t!s:<13} {types[t]}")
    print("must_contain strings checked:", n_mc)
    print("evidence strings checked:", n_ev)
    print("tempting patterns checked:", pattern_checks)
    if errors:
        for k in sorted(errors):
            print(f"ERROR {k}: {errors[k]}")
        print("FAIL")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
