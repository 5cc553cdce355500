"""Questions within a question and lists, on synthetic hits (no model, no index): each part or
side is judged by its own half of the question, a list question gets the whole list, colloquial
problem questions are read as such, and each feature is also weighed against the question's
best candidate."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from helpers_answer import answer_of, make_hits

from assistant.answer.candidates import gather
from assistant.answer.compose import decide
from assistant.answer.confidence import CONFIDENCE_FEATURES, confidence_row
from assistant.answer.features import FEATURES, SENTENCE_FEATURES, phrase_said
from assistant.answer.items import list_members, with_lists
from assistant.answer.prepared import prepare
from assistant.answer.render import item_attributes, render
from assistant.answer.selection import choose
from assistant.answer.selector import Selector
from assistant.answer.spelling import spelling_in
from assistant.intent import classify
from assistant.models import Chunk, Hit
from assistant.question import read_question
from assistant.retrieve.plan import side_queries, sub_questions
from assistant.text import compact

INSPECTION = "岚阳市创文办督查通报（第9期）\n本期督查共走访29个社区，发现问题56个，已整改41个。"
CROSS_CHECK = "青石街道开展交叉检查\n3月9日，青石街道组织交叉检查，覆盖辖区7个社区，查看测评点32个。"
SECTIONS = (
    "岚阳市创文办督查通报\n"
    "四、青湖区\n"
    "1.青湖路：机动车乱停，占用盲道。\n"
    "2.青湖新村：消防通道被占用。\n"
    "3.青湖菜市场：公厕无人管理。\n"
    "五、高新区\n"
    "1.创业大道：共享单车堆积。"
)
CLAUSES = "存在问题\n一是背街小巷改造滞后；二是结案率低于全市平均；三是回收利用率提升较慢。下一步将加快推进。"


def _selector(weights: dict[str, float], intercept: float = -1.0) -> Selector:
    coef = np.zeros(len(FEATURES))
    for name, weight in weights.items():
        coef[FEATURES.index(name)] = weight
    n = len(FEATURES)
    return Selector(
        FEATURES, coef, intercept, np.zeros(n), np.ones(n), refuse_below=0.2, add_above=0.5, add_relative=0.9
    )


def test_a_part_that_names_what_it_asks_is_a_question_of_its_own_and_a_bare_one_is_not():
    assert sub_questions("岚阳第9期督查走访了多少个社区？青石街道交叉检查覆盖了几个社区？") == [
        "岚阳第9期督查走访了多少个社区",
        "青石街道交叉检查覆盖了几个社区",
    ]
    # 多少分 asks about the part before it: no question of its own
    assert sub_questions("岚阳10月城区测评第一是谁，多少分") == ["岚阳10月城区测评第一是谁"]
    assert sub_questions("岚阳第9期督查走访了多少个社区") == []


def test_an_elliptic_part_is_the_part_before_it_asked_of_what_it_names():
    assert sub_questions("汀梧上半年数字城管结案率多少，6月单月呢") == [
        "汀梧上半年数字城管结案率多少",
        "汀梧上半年数字城管结案率多少 6月单月",
    ]
    assert sub_questions("栖川一季度受理多少件 办结率 满意率呢") == [
        "栖川一季度受理多少件",
        "栖川一季度办结率多少",
        "栖川一季度满意率多少",
    ]


def test_each_part_of_a_question_gets_the_sentence_that_answers_it_from_its_own_document():
    question = "岚阳第9期督查走访了多少个社区？青石街道交叉检查覆盖了几个社区？"
    hits, corpus = make_hits({"inspection": INSPECTION, "cross": CROSS_CHECK})
    prepared = prepare(question, hits, corpus)
    # Weighed against the whole question, the inspection's sentence trails the cross-check's.
    selector = _selector({"cov_q": 2.0, "rel_cov_q": 8.0})
    answer = decide(prepared, selector)
    assert not answer.refused and "29个社区" in answer.text and "7个社区" in answer.text
    alone = decide(replace(prepared, sub_matrices=()), selector)
    assert "29个社区" not in alone.text


def test_a_chosen_heading_brings_the_items_under_it_and_not_the_next_sections():
    hits, _ = make_hits({"sections": SECTIONS})
    candidates = gather(hits, 1)
    heading = next(i for i, c in enumerate(candidates) if c.text == "四、青湖区")
    members = [candidates[i].text for i in list_members(candidates, heading)]
    assert members == [
        "1.青湖路：机动车乱停，占用盲道。",
        "2.青湖新村：消防通道被占用。",
        "3.青湖菜市场：公厕无人管理。",
    ]


def test_a_chosen_clause_brings_the_clauses_its_semicolons_join_and_stops_at_the_full_stop():
    hits, _ = make_hits({"clauses": CLAUSES})
    candidates = gather(hits, 1)
    second = next(i for i, c in enumerate(candidates) if c.text.startswith("二是"))
    texts = [candidates[i].text for i in with_lists(candidates, [second], limit=8)]
    assert texts[0].startswith("二是") and any("一是" in t for t in texts)
    assert any(t.startswith("三是") for t in texts) and not any("下一步" in t for t in texts)
    assert len(with_lists(candidates, [second], limit=2)) == 2


def _passages(doc_id: str, *texts: str) -> list[Hit]:
    """One document cut into passages, each a hit in document order."""
    return [
        Hit(
            chunk=Chunk(
                chunk_id=f"{doc_id}:{i:04d}", doc_id=doc_id, ordinal=i, heading="", text=t, start=0, end=len(t)
            ),
            score=1.0 / (i + 1),
            title="城市管理督查通报",
            source=f"{doc_id}.txt",
        )
        for i, t in enumerate(texts)
    ]


def test_a_lead_in_that_ends_its_passage_brings_the_list_the_next_passage_holds():
    hits = _passages(
        "notice",
        "市局督查组对两区进行了督查，发现问题53个。现将主要问题通报如下：",
        "1.民主西路：流动摊贩占道经营；\n2.双桥路：门前堆放建材；\n3.青年北路：井盖破损下沉。",
        "其他工作安排另行通知。",
    )
    candidates = gather(hits, 3)
    lead_in = next(i for i, c in enumerate(candidates) if c.text.endswith("如下："))
    members = [candidates[i].text for i in list_members(candidates, lead_in)]
    assert [m.split("：")[0] for m in members] == ["1.民主西路", "2.双桥路", "3.青年北路"]
    # A sentence that is no lead-in does not reach into the next passage.
    first = next(i for i, c in enumerate(candidates) if c.text.startswith("市局"))
    assert list_members(candidates, first) == []


def test_a_lead_in_within_its_passage_brings_each_item_it_introduces_not_what_each_goes_on_to_say():
    hits = _passages(
        "speech",
        "围绕上述目标，今年重点抓好三项任务：\n第一，老旧小区改造。今年改造老旧小区45个，10月底前完成。\n"
        "第二，背街小巷整治。整治背街小巷16条，",
        "由市城管局牵头，10月底前完成。\n第三，公厕建设。新建公厕22座，9月底前完成。\n"
        "会议还要求：\n一要压实责任。二要严格督查。",
    )
    candidates = gather(hits, 2)
    lead_in = next(i for i, c in enumerate(candidates) if c.text.endswith("三项任务："))
    members = [candidates[i].text for i in list_members(candidates, lead_in)]
    assert members == ["第一，老旧小区改造。", "第二，背街小巷整治。", "第三，公厕建设。"]


def test_a_list_question_is_answered_with_the_whole_list_its_best_sentence_heads():
    hits, corpus = make_hits({"sections": SECTIONS})
    prepared = prepare("督查通报里青湖区有啥问题", hits, corpus)  # no city named: every sentence is in 岚阳
    selector = _selector({"place_in_sentence": 6.0, "section_place_agree": 2.0}, intercept=-3.0)
    assert len(choose(prepared, selector.probabilities(prepared.matrix), selector)) < 4
    answer = decide(prepared, selector)
    assert all(item in answer.text for item in ("盲道", "消防通道", "公厕")) and "共享单车" not in answer.text


def test_problems_asked_the_way_staff_type_them_are_problem_questions():
    for question in (
        "云溪区青石路农贸市场有啥问题",
        "幸福里小区暗访查出啥",
        "东城区总结提到哪些不足",
        "督查点出了哪几个问题",
    ):
        assert classify(question).problem, question
    assert not classify("全市发现问题多少个").problem
    assert classify("啥时候完成").when and classify("有啥措施").items


def test_each_feature_is_also_its_distance_from_the_questions_best_candidate():
    hits, corpus = make_hits({"inspection": INSPECTION, "cross": CROSS_CHECK})
    prepared = prepare("岚阳第9期督查走访了多少个社区", hits, corpus)
    own, relative = np.split(prepared.matrix, 2, axis=1)
    assert relative.shape[1] == len(SENTENCE_FEATURES) and (relative <= 0).all()
    assert np.allclose(relative, own - own.max(axis=0)) and (relative.max(axis=0) == 0).all()


def test_the_answer_model_sees_how_well_the_best_sentence_of_another_document_reads():
    hits, corpus = make_hits({"inspection": INSPECTION, "cross": CROSS_CHECK})
    prepared = prepare("岚阳第9期督查走访了多少个社区", hits, corpus)
    candidates = prepared.candidates
    probabilities = np.linspace(0.9, 0.1, len(candidates))
    row = confidence_row(prepared.context, candidates, probabilities, [0], prepared.profiles)
    elsewhere = [p for c, p in zip(candidates, probabilities, strict=True) if c.doc_id != candidates[0].doc_id]
    assert elsewhere and row[CONFIDENCE_FEATURES.index("p_other_doc")] == max(elsewhere)
    alone = prepare("岚阳第9期督查走访了多少个社区", hits[:1], corpus)
    lone_row = confidence_row(alone.context, alone.candidates, np.full(len(alone.candidates), 0.5), [0], alone.profiles)
    assert lone_row[CONFIDENCE_FEATURES.index("p_other_doc")] == 0.0


def test_each_place_of_a_comparison_keeps_the_question_the_places_share():
    known = frozenset({"岚阳", "青石"})
    assert side_queries("岚阳和青石2023年拆违面积各多少", known) == [
        "岚阳 2023年拆违面积各多少",
        "青石2023年拆违面积各多少",
    ]
    # A clause about the other place that asks nothing stays out of this place's query.
    assert side_queries("岚阳23年二季度评估垫底的，和青石22年8月评价垫底的，各是谁", known)[0] == (
        "岚阳23年二季度评估垫底的 各是谁"
    )


def test_the_phrase_asked_is_read_from_its_head_and_a_sentence_missing_its_qualifier_says_less():
    assert [p.phrase for p in read_question("开发区23年一季度按期结案率多少").parts] == ["按期结案率"]
    assert [p.phrase for p in read_question("江门24年7月数字城管，园林绿化类案件有多少宗？").parts] == [
        "园林绿化类案件"
    ]
    assert [p.phrase for p in read_question("检查了多少个点位？整改率是多少？").parts] == ["", "整改率"]
    question = read_question("开发区23年一季度按期结案率多少")
    assert phrase_said(question, compact("开发区按期结案率92.1%")) == 1.0
    assert phrase_said(question, compact("开发区立案6289件，结案率96.85%。")) == 3 / 5
    assert phrase_said(question, compact("开发区立案6289件。")) == 0.0
    assert phrase_said(read_question("检查了多少个点位"), "") == 1.0  # no phrase asked: nothing missing


def test_the_sentence_that_says_the_whole_phrase_asked_outranks_one_that_says_only_its_head():
    report = "澄川市数字城管一季度通报\n开发区立案6289件，结案率96.85%。\n河西区按期结案率92.10%，结案率98.31%。"
    hits, corpus = make_hits({"report": report})
    prepared = prepare("23年一季度按期结案率多少", hits, corpus)
    selector = _selector({"phrase_said": 3.0, "has_num": 1.0})
    best = choose(prepared, selector.probabilities(prepared.matrix), selector)[0]
    assert "按期结案率92.10%" in prepared.candidates[best].text


def test_a_place_record_and_a_numbered_item_opening_with_a_name_stay_one_candidate():
    records = (
        "一、考核结果\n"
        "广丰区：得分84.93分，排名第4；主要问题：丰溪街道农贸市场周边占道经营反复出现，公厕保洁不到位。\n"
        "【红榜】\n一、阆中市。在古城设立文明旅游志愿服务岗15个。另有说明。\n"
        "整改措施：开展宣传；发放资料12万份。"
    )
    hits, _ = make_hits({"records": records})
    texts = [c.text for c in gather(hits, 1)]
    assert any(
        t.endswith("广丰区：得分84.93分，排名第4；主要问题：丰溪街道农贸市场周边占道经营反复出现，公厕保洁不到位。")
        for t in texts
    )
    assert "一、阆中市。在古城设立文明旅游志愿服务岗15个。" in texts and "另有说明。" in texts
    assert "整改措施：开展宣传；" in texts  # a label that names no place: its clauses stay apart


def test_a_question_word_typed_with_a_homophone_is_read_as_the_passages_write_it():
    from assistant.answer.spelling import homophone_in

    assert homophone_in("公侧", ["公厕有明显异味的，每座扣0.5分", "公厕"]) == "公厕"
    assert homophone_in("工册", ["公厕有明显异味"]) is None  # sounds alike but shares no character
    assert homophone_in("公厕", ["公厕"]) is None  # written as the passages write it
    rules = "岚州市城市管理考核细则\n环境卫生：公厕有明显异味或设施损坏的，每座扣0.5分。"
    hits, corpus = make_hits({"rules": rules})
    prepared = prepare("岚州考核公侧有味道扣几分", hits, corpus)
    assert "公厕" in prepared.context.question.keywords and prepared.context.known["公厕"]


def test_a_shortened_question_word_is_read_as_the_passages_write_it():
    assert spelling_in("机扫率", ["机械化清扫率达到95%以上"]) == "机械化清扫率"
    assert spelling_in("平均分", ["测评平均得分达到90分以上，平均得分"]) == "平均得分"
    assert spelling_in("加分", ["加分累计"]) is None  # two characters match too much
    assert spelling_in("停车位", ["停车场、泊位"]) is None  # punctuation between: not one word
    plan = "2025年，力争中心城区常态化测评平均得分达到90分以上，各区单季度得分不低于86分。"
    hits, corpus = make_hits({"plan": plan})
    prepared = prepare("25年创文测评平均分目标多少", hits, corpus)
    assert "平均得分" in prepared.context.question.keywords and prepared.context.known["平均得分"]
    assert "平均分" in prepared.question.keywords  # the question as asked is kept for the checks


def test_an_items_owner_and_deadline_on_the_lines_under_it_are_shown_when_asked():
    minutes = (
        "会议议定事项如下：\n"
        "二、推进农贸市场标准化改造。全年完成12个农贸市场标准化改造，5月开工。\n"
        "责任单位：市商务局牵头，龙沙区人民政府。\n"
        "完成时限：2025年10月31日前。\n"
        "三、集中整治背街小巷。2025年计划整治背街小巷120条。\n"
        "责任单位：市城市管理综合执法局牵头。"
    )
    hits, _ = make_hits({"minutes": minutes})
    market = next(c for c in gather(hits, 1) if "农贸市场" in c.text)
    assert item_attributes(market) == {"责任单位": "市商务局牵头，龙沙区人民政府", "完成时限": "2025年10月31日前"}
    text, _ = render([market], with_deadline=True, with_owner=True)
    assert "（责任单位：市商务局牵头，龙沙区人民政府）" in text and "（完成时间：2025年10月31日前）" in text
    assert "责任单位" not in render([market])[0]  # shown only when asked
    lanes = next(c for c in gather(hits, 1) if "背街小巷" in c.text)
    assert item_attributes(lanes) == {"责任单位": "市城市管理综合执法局牵头"}
    assert classify("齐齐哈尔25年要改几个农贸市场 谁负责").owner and not classify("要改几个农贸市场").owner


def test_an_items_owner_after_it_on_its_line_or_beside_the_deadline_asked_is_shown():
    minutes = (
        "一、议定事项\n"
        "（一）背街小巷整治。利州区要在6月30日前完成18条背街小巷改造。责任单位：利州区政府、市住建局。\n"
        "（二）测评短板攻坚。由市创文办每半月组织一次暗访。责任单位：市创文办，时限：6月起至迎检前。\n"
        "三、关于户外广告整治。对主次干道破损户外广告牌全面排查。\n"
        "责任单位：广告管理科。\n"
        "时限：2025年6月15日前。"
    )
    hits, _ = make_hits({"minutes": minutes})
    candidates = gather(hits, 1)
    lanes = next(c for c in candidates if "背街小巷" in c.text)
    assert item_attributes(lanes) == {"责任单位": "利州区政府、市住建局"}
    visits = next(c for c in candidates if "暗访" in c.text)
    assert item_attributes(visits) == {"责任单位": "市创文办", "时限": "6月起至迎检前"}
    deadline = next(c for c in candidates if c.text.startswith("时限"))  # a deadline line: its item's owner
    assert item_attributes(deadline) == {"责任单位": "广告管理科", "时限": "2025年6月15日前"}
    text, _ = render([deadline], with_owner=True)
    assert "（责任单位：广告管理科）" in text
    owner = next(c for c in candidates if c.text.startswith("责任单位：广告"))
    assert render([owner], with_owner=True)[0].count("责任单位") == 1  # not said twice


BLACKLIST = """岚阳市创文红黑榜第6期
一、红榜
1.青湖区：背街小巷改造完成12条。
二、黑榜
1.西岭县：县城主街早市占道经营严重。
2.东港区：主干道两侧公益广告破损。
岚阳市文明办　2025年6月20日"""


def test_a_documents_title_line_is_no_item_of_the_list_asked():
    hits, corpus = make_hits({"blacklist": BLACKLIST})
    prepared = prepare("岚阳红黑榜第6期黑榜上有哪些", hits, corpus)
    texts = [c.text for c in prepared.candidates]
    title, first, second = (
        texts.index("岚阳市创文红黑榜第6期"),
        texts.index("1.西岭县：县城主街早市占道经营严重。"),
        texts.index("2.东港区：主干道两侧公益广告破损。"),
    )
    probabilities = np.full(len(texts), 0.05)
    probabilities[[first, title, second]] = [0.9, 0.88, 0.86]
    assert choose(prepared, probabilities, _selector({})) == [first, second]
    # nor does it head the answer when it reads best: the list's first item does
    probabilities[[first, title, second]] = [0.86, 0.95, 0.84]
    assert choose(prepared, probabilities, _selector({})) == [first, second]
    # nor does the page's signature
    probabilities[texts.index("岚阳市文明办　2025年6月20日")] = 0.89
    assert choose(prepared, probabilities, _selector({})) == [first, second]
    # a question that asks no list is answered by whatever reads best
    figure = prepare("岚阳红黑榜第6期青湖区改了多少条", hits, corpus)
    rated = np.array([0.95 if c.text == texts[title] else 0.5 for c in figure.candidates])
    assert figure.candidates[choose(figure, rated, _selector({}))[0]].text == texts[title]


def test_a_masked_figure_or_an_unnamed_person_in_one_part_does_not_refuse_the_others():
    """The best sentence of a question in several parts answers one part: a figure masked there,
    or a document naming nobody, leaves the other parts to answer."""
    summary = "玉城市一季度“洁净玉城”行动小结\n一季度共清理卫生死角3,860处，清运垃圾**万吨。"
    answer = answer_of("洁净玉城一季度清了多少卫生死角 清运多少垃圾", {"summary": summary})
    assert not answer.refused and "3,860处" in answer.text
    assert answer_of("洁净玉城一季度清运多少垃圾", {"summary": summary}).notes == ["masked"]
    review = "吴川市城市管理局2024年工作总结\n去年我局在全市创城考核中被评为优秀等次。"
    answer = answer_of("吴川城管局去年创城考核啥等次 局长是谁", {"review": review})
    assert not answer.refused and "优秀" in answer.text
    assert answer_of("吴川城管局局长是谁", {"review": review}).notes == ["person_unnamed"]
