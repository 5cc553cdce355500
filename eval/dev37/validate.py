#!/usr/bin/env python3
"""Validate the dev37 development set. Prints counts only; exits 1 on failure.

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
    "list": 8,
    "number": 16,
    "target": 6,
    "deadline": 6,
    "standard": 6,
    "unit": 6,
    "multipart": 6,
    "rank": 6,
    "progress": 4,
    "multi_doc": 6,
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
    "t004",
    "t009",
    "t014",
    "t028",
    "t044",
    "t061",
    "t065",
    "t072",
    "t077",
    "t085",
    "t091",
    "t098",
)
SUBUNIT_FOLLOWUPS = (
    "w04",
    "w05",
    "w06",
    "w08",
    "w10",
    "w11",
    "w12",
    "w14",
    "w15",
    "w16",
    "w17",
    "w18",
    "w21",
    "w25",
    "w27",
    "w28",
    "w29",
    "w30",
)
MIN_SUBUNIT_QUESTIONS = 12
MIN_SUBUNIT_FOLLOWUPS = 10

# Questions that ask a ranking's member or a ranked table ("第一", "倒数第一",
# "排老几"), questions that ask whether something was done or how much of a
# target was done ("改完没", "建了多少了"), and very short questions (at most
# SHORT_MAX characters, e.g. "黑河上个月结案率"). Each group must hold at least
# MIN_* items, both answerable and unanswerable ones.
RANK_QUESTIONS = (
    "t004",
    "t007",
    "t011",
    "t027",
    "t037",
    "t044",
    "t049",
    "t052",
    "t071",
    "t072",
    "t078",
    "t081",
    "t085",
)
PROGRESS_QUESTIONS = (
    "t008",
    "t016",
    "t050",
    "t056",
    "t068",
    "t069",
    "t095",
)
SHORT_QUESTIONS = (
    "t010",
    "t015",
    "t033",
    "t036",
    "t044",
    "t047",
    "t059",
    "t069",
    "t087",
    "t096",
)
MIN_RANK_QUESTIONS = 8
MIN_PROGRESS_QUESTIONS = 6
MIN_SHORT_QUESTIONS = 8
SHORT_MAX = 10

# Everyday words (the emphasis of dev37): questions typed the way staff chat,
# not in the document's words. id -> (the word staff type, the document's own
# term). The staff word must be in the question and nowhere in the cited
# document; the document's term must be in it (for the Traditional document,
# in Traditional characters). At least MIN_EVERYDAY_WORDS_QUESTIONS items, of
# which at least MIN_EVERYDAY_WORDS_ANSWERABLE answerable, and some unanswerable.
EVERYDAY_WORDS_QUESTIONS = {
    "t001": ("扫雪", "清雪"),
    "t003": ("菜市场", "农贸市场"),
    "t004": ("拿了第一", "排名"),
    "t006": ("老小区", "老旧小区"),
    "t007": ("排老几", "排名"),
    "t008": ("没达标", "未完成"),
    "t010": ("罚了", "罚没款"),
    "t011": ("排老几", "排名"),
    "t013": ("扫雪", "涉雪"),
    "t014": ("没人打扫", "無人保潔"),
    "t015": ("违建", "违法建设"),
    "t016": ("垃圾亭", "分类投放点"),
    "t018": ("问些啥", "调查内容"),
    "t019": ("办完", "办结"),
    "t020": ("搞得怎么样", "覆盖率"),
    "t021": ("花多少钱", "总投资"),
    "t022": ("菜市场", "农贸市场"),
    "t023": ("扫雪", "清雪"),
    "t024": ("超时没办", "超期未处置"),
    "t026": ("违建", "违法建设"),
    "t027": ("最差", "排名最后"),
    "t028": ("垫底", "排名末位"),
    "t030": ("菜市场", "农贸市场"),
    "t031": ("满意不", "满意度"),
    "t032": ("挡板", "围挡"),
    "t033": ("上个月", "3月份"),
    "t034": ("知不知道", "知晓率"),
    "t044": ("倒数第一", "排名"),
    "t045": ("罚了", "罚没款"),
    "t046": ("倒数第一", "末位"),
    "t048": ("扫完", "清雪作业"),
    "t050": ("改完没", "已整改"),
    "t052": ("最差", "排名末位"),
    "t055": ("违建", "违法建设"),
    "t056": ("老小区", "老旧小区"),
    "t059": ("厕所", "公厕"),
    "t060": ("给老百姓办", "民生实事"),
    "t063": ("车让人", "斑马线礼让率"),
    "t064": ("满不满意", "满意率"),
    "t066": ("充电桩", "充电端口"),
    "t068": ("改好没", "已整改"),
    "t069": ("充电桩", "充电端口"),
    "t072": ("考得最好", "排名"),
    "t073": ("招牌", "店招店牌"),
    "t075": ("狗", "犬只"),
    "t076": ("排最后", "排名末位"),
    "t078": ("排老几", "排名"),
    "t083": ("小广告", "乱张贴乱涂写"),
    "t084": ("路上结冰", "道路积雪结冰"),
    "t087": ("满意不", "满意度"),
    "t088": ("扫雪", "清雪"),
    "t092": ("改完", "完成整改"),
    "t094": ("罚单", "行政处罚案件"),
    "t095": ("菜市场", "农贸市场"),
    "t097": ("私拉电线", "飞线充电"),
    "t099": ("停车位", "停车泊位"),
}
MIN_EVERYDAY_WORDS_QUESTIONS = 30
MIN_EVERYDAY_WORDS_ANSWERABLE = 20

# List questions: id -> number of items of the list in the cited document (0
# for an unanswerable list question, whose list is not there). An answerable
# list's list holds LIST_MIN_ITEMS..LIST_MAX_ITEMS items and its must_contain
# names at least MIN_LIST_MUST_CONTAIN of them.
LIST_QUESTIONS = {
    "t005": 10,
    "t012": 0,
    "t018": 9,
    "t049": 10,
    "t053": 14,
    "t060": 12,
    "t079": 13,
    "t085": 10,
    "t089": 10,
    "t090": 0,
}
MIN_LIST_QUESTIONS = 8
LIST_MIN_ITEMS, LIST_MAX_ITEMS = 9, 15
MIN_LIST_MUST_CONTAIN = 5

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "H_notstated",
        [
            ("doc", "万元"),
            ("doc", "经费"),
            ("doc", "资金"),
        ],
    ),
    "t011": (
        "C_nofigure",
        [
            ("doc", "第[0-9一二三四五六七八九十]+位，较上年"),
            ("all", "潮州[^。]{0,20}全省[^。]{0,10}第[0-9]+位"),
            ("all", "全省文明城市年度测评中，我市排名第[0-9]"),
        ],
    ),
    "t012": (
        "A_period",
        [
            ("doc", "第4期"),
            ("all", "紅黑榜[^。]{0,20}4月份"),
            ("all", "红黑榜[^。]{0,20}4月份"),
        ],
    ),
    "t026": (
        "F_cutoff",
        [
            ("doc", "力争全年拆除违法建设[0-9]"),
            ("all", "王益区[^。]{0,30}2025年[^。]{0,30}拆除违法建设[0-9]"),
        ],
    ),
    "t029": (
        "C_nofigure",
        [
            ("doc", "发现问题[0-9]+个"),
            ("doc", "其他问题[0-9]+个"),
        ],
    ),
    "t031": (
        "L_similar",
        [
            ("doc", "2025年[^。]{0,20}满意度"),
            ("doc", "今年[^。]{0,20}满意度[^。]{0,5}[0-9]"),
        ],
    ),
    "t035": (
        "D_subunit",
        [
            ("doc", "\\|五大连池市\\|"),
            ("all", "五大连池市[^。]{0,10}处置率"),
        ],
    ),
    "t037": (
        "A_period",
        [
            ("all", "6月份创建全国文明城市常态化测评结果"),
            ("all", "6月份[^。]{0,20}宜君县[^。]{0,10}(排名|得分)"),
        ],
    ),
    "t038": (
        "H_notstated",
        [
            ("doc", "犬"),
            ("doc", "遛"),
        ],
    ),
    "t039": (
        "D_subunit",
        [
            ("doc", "\\|宜君县\\|"),
            ("all", "宜君县[^。]{0,10}结案率"),
        ],
    ),
    "t041": (
        "B_place",
        [
            ("all", "罕达汽"),
            ("all", "罕達汽"),
        ],
    ),
    "t043": (
        "D_subunit",
        [
            ("doc", "\\|饶平县\\|"),
            ("all", "饶平县[^。]{0,10}处置率[0-9]"),
        ],
    ),
    "t045": (
        "D_subunit",
        [
            ("all", "湘桥区[^。]{0,20}罚没"),
            ("doc", "湘桥区[^。]{0,20}处罚"),
        ],
    ),
    "t047": (
        "A_period",
        [
            ("all", "5月份，“潮城智管”"),
            ("all", "第5期潮州市数字化"),
            ("all", "5月[^。]{0,10}结案率[0-9]"),
        ],
    ),
    "t051": (
        "H_notstated",
        [
            ("doc", "有限公司"),
            ("doc", "委托[^。]{0,5}第三方机构[（(]"),
            ("doc", "(研究院|咨询公司|调查中心)"),
        ],
    ),
    "t052": (
        "A_period",
        [
            ("all", "第二季度[^。]{0,10}测评(情况|结果)的通报"),
            ("all", "二季度[^。]{0,20}(排名末位|排名第)"),
        ],
    ),
    "t054": (
        "C_nofigure",
        [
            ("doc", "\\|印台区\\|36\\|[0-9]+\\|"),
            ("doc", "印台区[^。]{0,10}问题[0-9]+个"),
        ],
    ),
    "t056": (
        "I_target_result",
        [
            ("all", "2025年[^。]{0,20}已改造[^。]{0,6}老旧小区"),
            ("doc", "已(改造|完成)[^。]{0,10}老旧小区"),
        ],
    ),
    "t062": (
        "L_similar",
        [
            ("all", "2024年[^。]{0,40}按时办结率"),
            ("doc", "按时办结"),
        ],
    ),
    "t064": (
        "L_similar",
        [
            ("doc", "满意度"),
            ("all", "王益区[^。]{0,30}满意度"),
        ],
    ),
    "t067": (
        "A_period",
        [
            ("all", "2月[^。]{0,10}结案率[0-9]"),
            ("all", "2月份数字化城市管理运行"),
        ],
    ),
    "t069": (
        "I_target_result",
        [
            ("all", "已(新建|建成)[^。]{0,10}充电端口"),
            ("doc", "已建成"),
            ("all", "2025年[^。]{0,20}充电端口[^。]{0,6}已"),
        ],
    ),
    "t070": (
        "B_place",
        [
            ("all", "江东镇"),
            ("all", "江東鎮"),
        ],
    ),
    "t071": (
        "E_rank",
        [
            ("doc", "永安路街道"),
            ("doc", "第[4-7四五六七]名"),
        ],
    ),
    "t081": (
        "E_rank",
        [
            ("doc", "爱辉区[^。]{0,20}第[0-9]+位"),
            ("all", "爱辉区[^。]{0,20}全省"),
        ],
    ),
    "t082": (
        "B_place",
        [
            ("all", "锦阳路"),
            ("all", "錦陽路"),
        ],
    ),
    "t088": (
        "D_subunit",
        [
            ("doc", "兴安街道[^。]{0,20}人次"),
            ("all", "兴安街道[^。]{0,20}出动[^。]{0,10}[0-9]"),
        ],
    ),
    "t090": (
        "F_cutoff",
        [
            ("doc", "庵埠镇安南路公厕、[^。]+"),
            ("doc", "首批开工的10座公厕分别是：[^。]+。"),
        ],
    ),
    "t093": (
        "F_cutoff",
        [
            ("doc", "把人行道清雪纳入[^。]+"),
            ("all", "人行道清雪纳入[^。]{2,}"),
        ],
    ),
    "t095": (
        "I_target_result",
        [
            ("all", "已(完成|改造)[^。]{0,10}农贸市场"),
            ("doc", "已完成"),
        ],
    ),
}

# The same for the unanswerable follow-ups.
FPROBES = {
    "w03": (
        "A_period",
        [
            ("all", "6月份创建全国文明城市常态化测评结果"),
            ("all", "6月份[^。]{0,20}(排名第一|位列第一)"),
        ],
    ),
    "w07": (
        "D_subunit",
        [
            ("doc", "\\|饶平县\\|"),
            ("doc", "饶平县[^。]{0,10}结案率"),
        ],
    ),
    "w13": (
        "D_subunit",
        [
            ("doc", "宜君县[^。]{0,10}参与率"),
            ("doc", "宜君县[^。]{0,20}[0-9.]+%"),
        ],
    ),
    "w20": (
        "L_similar",
        [
            ("doc", "专业部门[^。]{0,10}按期"),
            ("all", "专业部门按期处置率"),
        ],
    ),
    "w23": (
        "D_subunit",
        [
            ("doc", "\\|逊克县\\|"),
            ("all", "逊克县[^。]{0,10}结案率"),
        ],
    ),
    "w26": (
        "I_target_result",
        [
            ("all", "已(完成|整治)[^。]{0,10}背街小巷"),
            ("doc", "已整治"),
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
        ("short", SHORT_QUESTIONS, MIN_SHORT_QUESTIONS),
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
    for qid in SHORT_QUESTIONS:
        q = by_id.get(qid)
        if q is not None and len(q.get("question") or "") > SHORT_MAX:
            errors["short_question_too_long"] += 1
    n_ew_ans = len(set(EVERYDAY_WORDS_QUESTIONS) & answerable)
    if n_ew_ans < MIN_EVERYDAY_WORDS_ANSWERABLE:
        errors["too_few_answerable_everyday_words_questions"] += 1
    for qid, (word, term) in EVERYDAY_WORDS_QUESTIONS.items():
        q = by_id.get(qid)
        if q is None or q.get("doc") not in docs:
            continue
        counters["everyday_words_checked"] += 1
        if word not in (q.get("question") or ""):
            errors["everyday_word_not_in_question"] += 1
        if word in docs[q["doc"]]:
            errors["everyday_word_in_document"] += 1
        if term not in docs[q["doc"]]:
            errors["everyday_document_term_not_in_document"] += 1
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
