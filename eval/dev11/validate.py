"""Check the dev11 evaluation set (questions, follow-ups, corpus).

Run from anywhere: python3 validate.py
Prints counts only; exits with status 1 on any failure.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

EXPECTED_TYPES = {
    "number": 40,
    "standard": 14,
    "problem": 12,
    "target": 10,
    "deadline": 8,
    "list": 6,
    "multi_doc": 10,
    "unanswerable": 40,
}
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
N_FOLLOWUPS = 30

# For every unanswerable item: the kind of trap, the scope in which the
# tempting strings must be absent ("doc" = the tempting document named in the
# item, "all" = every document of the corpus), and regexes for the strings
# that would answer the question. Regexes are applied to whitespace-free text.
PROBES = {
    "d007": {"kind": "J_score", "scope": "doc", "regexes": [r"县城[^。]{0,15}\d+分", r"县城部分"]},
    "d009": {"kind": "C_nofigure", "scope": "doc", "regexes": [r"满意[度率][^。]{0,10}\d+(\.\d+)?%"]},
    "d013": {"kind": "D_subunit", "scope": "doc", "regexes": [r"禹会区[^。]{0,15}整改\d", r"禹会区[^。]{0,15}已整改"]},
    "d014": {"kind": "K_offtopic", "scope": "all", "regexes": [r"病媒|鼠密度|蚊蝇密度"]},
    "d020": {"kind": "F_cutoff", "scope": "doc", "regexes": [r"城管"]},
    "d025": {"kind": "C_nofigure", "scope": "doc", "regexes": [r"夜间[^。]{0,15}\d"]},
    "d034": {"kind": "G_compare", "scope": "doc", "regexes": [r"2022年", r"比上年", r"较上年"]},
    "d036": {"kind": "H_notstated", "scope": "doc", "regexes": [r"清水县[^。]{0,20}(原因|由于|因为)"]},
    "d038": {"kind": "E_rank", "scope": "doc", "regexes": [r"第四名|第4名|排名第四|第四位"]},
    "d041": {"kind": "B_place", "scope": "all", "regexes": [r"张家川"]},
    "d042": {"kind": "B_place", "scope": "doc", "regexes": [r"麦积"]},
    "d044": {"kind": "H_notstated", "scope": "doc", "regexes": [r"主持"]},
    "d045": {
        "kind": "I_target_result",
        "scope": "all",
        "regexes": [r"2024年(共|全年|累计)?拆除", r"2024年[^。]{0,6}已拆除"],
    },
    "d047": {"kind": "E_rank", "scope": "doc", "regexes": [r"第四名"]},
    "d051": {"kind": "G_compare", "scope": "doc", "regexes": [r"2022年", r"较上年[^。]{0,10}(增加|多)"]},
    "d053": {"kind": "C_nofigure", "scope": "doc", "regexes": [r"整改率", r"已整改\d+"]},
    "d054": {"kind": "A_period", "scope": "doc", "regexes": [r"第三季度"]},
    "d055": {"kind": "B_place", "scope": "all", "regexes": [r"固镇"]},
    "d059": {
        "kind": "A_period",
        "scope": "all",
        "regexes": [r"2022年[^。；]{0,8}按期结案率", r"按期结案率[^。]{0,6}2022"],
    },
    "d060": {"kind": "G_compare", "scope": "all", "regexes": [r"2021年[^。]{0,20}结案率"]},
    "d063": {"kind": "A_period", "scope": "all", "regexes": [r"2024年7月份", r"7月份全市城市管理综合考评"]},
    "d075": {"kind": "B_place", "scope": "all", "regexes": [r"浦北"]},
    "d076": {
        "kind": "A_period",
        "scope": "all",
        "regexes": [r"3月份?[^。]{0,20}龙子湖区\d", r"龙子湖区\d+\.\d+分[^。]{0,10}3月"],
    },
    "d077": {"kind": "H_notstated", "scope": "doc", "regexes": [r"公司|研究院|研究中心|咨询"]},
    "d086": {"kind": "F_cutoff", "scope": "doc", "regexes": [r"保障措施", r"考核奖惩", r"五、"]},
    "d093": {"kind": "I_target_result", "scope": "doc", "regexes": [r"已签订|实际签订|签订率为|签约率\d"]},
    "d103": {"kind": "K_offtopic", "scope": "all", "regexes": [r"执法记录仪"]},
    "d105": {"kind": "J_score", "scope": "doc", "regexes": [r"黑榜[^。]{0,15}扣"]},
    "d110": {"kind": "B_place", "scope": "all", "regexes": [r"武山"]},
    "d114": {"kind": "D_subunit", "scope": "doc", "regexes": [r"灵山县[^。]{0,15}视频", r"视频[^。]{0,20}灵山县"]},
    "d124": {"kind": "C_nofigure", "scope": "doc", "regexes": [r"背街小巷[^。]{0,8}达标率"]},
    "d125": {
        "kind": "A_period",
        "scope": "doc",
        "regexes": [r"第三季度[^。]{0,20}\d+\.\d+分", r"第三季度测评综合得分"],
    },
    "d130": {"kind": "D_subunit", "scope": "doc", "regexes": [r"禹会区[^。]{0,10}结案率", r"结案率[^。]{0,8}禹会区"]},
    "d132": {"kind": "J_score", "scope": "doc", "regexes": [r"未成年人"]},
    "d133": {"kind": "F_cutoff", "scope": "doc", "regexes": [r"并对辖区内[^。]+。"]},
    "d134": {"kind": "I_target_result", "scope": "doc", "regexes": [r"(已达到|实际|截至)[^。]{0,15}覆盖率"]},
    "d137": {"kind": "H_notstated", "scope": "doc", "regexes": [r"弟弟患|患有|病症"]},
    "d138": {"kind": "K_offtopic", "scope": "all", "regexes": [r"物业费|收费标准"]},
    "d139": {"kind": "E_rank", "scope": "doc", "regexes": [r"第五"]},
    "d140": {
        "kind": "D_subunit",
        "scope": "doc",
        "regexes": [r"秦州区[^。]{0,10}公益广告", r"公益广告[^。]{0,20}秦州区"],
    },
}

errors = []


def fail(msg):
    errors.append(msg)


def norm(text):
    return re.sub(r"\s+", "", text)


def load_corpus():
    docs = {}
    for p in sorted(CORPUS.glob("*.txt")):
        docs[p.name] = norm(p.read_text(encoding="utf-8"))
    return docs


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                fail(f"{path.name}:{n}: bad JSON ({exc})")
    return rows


def check_corpus(docs):
    if len(docs) != 30:
        fail(f"corpus has {len(docs)} documents, expected 30")
    long_docs = 0
    for p in sorted(CORPUS.glob("*.txt")):
        n = len(p.read_text(encoding="utf-8"))
        if not 400 <= n <= 1800:
            fail(f"{p.name}: length {n} outside 400-1800")
        if n > 900:
            long_docs += 1
        if not re.match(r"^\d{3}_[a-z0-9-]+\.txt$", p.name):
            fail(f"{p.name}: bad file name")
    if long_docs < 12:
        fail(f"only {long_docs} documents over 900 characters")
    return long_docs


def doc_list(item):
    d = item.get("doc")
    return d if isinstance(d, list) else [d]


def check_answerable(item, docs):
    iid = item["id"]
    names = doc_list(item)
    for name in names:
        if name not in docs:
            fail(f"{iid}: unknown doc {name}")
            return
    texts = [docs[name] for name in names]
    if not item["must_contain"]:
        fail(f"{iid}: empty must_contain")
    if not item["evidence"]:
        fail(f"{iid}: empty evidence")
    if not str(item["answer"]).strip() or item["answer"] == "无":
        fail(f"{iid}: answerable item without an answer")
    for s in item["must_contain"]:
        if not isinstance(s, str) or not s:
            fail(f"{iid}: bad must_contain entry {s!r}")
        elif not any(s in t for t in texts):
            fail(f"{iid}: must_contain {s!r} not in document")
        elif s not in norm(str(item["answer"])):
            fail(f"{iid}: must_contain {s!r} not in the reference answer")
    used = set()
    for ev in item["evidence"]:
        if not isinstance(ev, str) or not 10 <= len(ev) <= 40:
            fail(f"{iid}: evidence length {len(ev) if isinstance(ev, str) else '?'} not in 10-40: {ev!r}")
            continue
        hit = [name for name, t in zip(names, texts, strict=True) if ev in t]
        if not hit:
            fail(f"{iid}: evidence {ev!r} not in document")
        used.update(hit)
    if item.get("type") == "multi_doc":
        if len(names) < 2:
            fail(f"{iid}: multi_doc needs at least two documents")
        for name in names:
            if name not in used:
                fail(f"{iid}: no evidence drawn from {name}")


def check_unanswerable(item, docs):
    iid = item["id"]
    if item["answer"] != "无":
        fail(f"{iid}: unanswerable answer must be 无")
    if item["must_contain"] or item["evidence"]:
        fail(f"{iid}: unanswerable item must have empty must_contain and evidence")
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        fail(f"{iid}: unknown tempting doc {name}")
        return None
    probe = PROBES.get(iid)
    if probe is None:
        fail(f"{iid}: no probe")
        return None
    scope = probe["scope"]
    if scope not in ("doc", "all"):
        fail(f"{iid}: bad scope {scope}")
        return None
    texts = [docs[name]] if scope == "doc" else list(docs.values())
    for rx in probe["regexes"]:
        try:
            pat = re.compile(rx)
        except re.error as exc:
            fail(f"{iid}: bad regex {rx!r} ({exc})")
            continue
        for t in texts:
            m = pat.search(t)
            if m:
                fail(f"{iid}: tempting string {m.group(0)!r} found (scope {scope})")
                break
    return probe["kind"], scope


def main():
    docs = load_corpus()
    long_docs = check_corpus(docs)

    questions = load_jsonl(HERE / "questions.jsonl")
    followups = load_jsonl(HERE / "followups.jsonl")

    ids = [q.get("id") for q in questions]
    if ids != [f"d{i:03d}" for i in range(1, 141)]:
        fail("question ids are not d001-d140 in order")
    types = Counter()
    kinds = Counter()
    scopes = Counter()
    doc_use = Counter()
    for q in questions:
        if set(q) != Q_FIELDS:
            fail(f"{q.get('id')}: fields {sorted(set(q) ^ Q_FIELDS)} wrong")
            continue
        if not q["question"].strip():
            fail(f"{q['id']}: empty question")
        t = q["type"]
        types[t] += 1
        if t not in EXPECTED_TYPES:
            fail(f"{q['id']}: unknown type {t}")
            continue
        if t == "multi_doc" and not isinstance(q["doc"], list):
            fail(f"{q['id']}: multi_doc doc must be a list")
        if t != "multi_doc" and not isinstance(q["doc"], str):
            fail(f"{q['id']}: doc must be a string")
        if t == "unanswerable":
            res = check_unanswerable(q, docs)
            if res:
                kinds[res[0]] += 1
                scopes[res[1]] += 1
        else:
            check_answerable(q, docs)
        for name in doc_list(q):
            doc_use[name] += 1
    for t, n in EXPECTED_TYPES.items():
        if types[t] != n:
            fail(f"type {t}: {types[t]} items, expected {n}")
    extra = set(PROBES) - {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if extra:
        fail(f"probes for non-unanswerable ids: {sorted(extra)}")

    fids = [f.get("id") for f in followups]
    if fids != [f"df{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        fail(f"follow-up ids are not df01-df{N_FOLLOWUPS:02d} in order")
    for f in followups:
        if set(f) != F_FIELDS:
            fail(f"{f.get('id')}: fields {sorted(set(f) ^ F_FIELDS)} wrong")
            continue
        if f["type"] != "followup":
            fail(f"{f['id']}: type must be followup")
        h = f["history"]
        if not (isinstance(h, list) and len(h) == 1 and isinstance(h[0], str) and h[0].strip()):
            fail(f"{f['id']}: history must be a list with one question")
        if not isinstance(f["doc"], str):
            fail(f"{f['id']}: doc must be a string")
            continue
        check_answerable(f, docs)
        doc_use[f["doc"]] += 1

    unused = sorted(set(docs) - set(doc_use))
    if unused:
        fail(f"documents without any item: {unused}")

    print(f"documents: {len(docs)} (over 900 chars: {long_docs})")
    print(f"questions: {len(questions)}")
    for t in EXPECTED_TYPES:
        print(f"  {t}: {types[t]}")
    print("unanswerable kinds: " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    print("probe scopes: " + ", ".join(f"{k} {scopes[k]}" for k in sorted(scopes)))
    print(f"followups: {len(followups)}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
