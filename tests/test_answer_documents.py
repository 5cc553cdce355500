"""What a document is (its title, the place it is about) in reading a question and weighing
its sentences."""

from __future__ import annotations

from helpers_answer import hand_selector, make_hits

from assistant.answer.compose import decide
from assistant.answer.features import SENTENCE_FEATURES
from assistant.answer.prepared import prepare

PLAN = (
    "成都市生活垃圾全程分类实施方案\n"
    "为推进成都市生活垃圾全程分类，特编此方案。"
    "各区（市）县政府每年制定年度分类工作计划，报市城管委备案。"
)
OPENING = "成都市生活垃圾全程分类实施方案 为推进成都市生活垃圾全程分类，特编此方案。"  # the title and what follows


def _column(question: str, name: str, documents: dict[str, str] | None = None) -> dict[str, float]:
    """Each candidate's value of the feature ``name`` for ``question`` over ``documents`` (default: the plan)."""
    hits, corpus = make_hits(documents or {"plan": PLAN})
    prepared = prepare(question, hits, corpus)
    column = SENTENCE_FEATURES.index(name)
    return {c.text: float(row[column]) for c, row in zip(prepared.candidates, prepared.matrix, strict=True)}


def test_the_words_that_name_the_document_do_not_count_for_its_sentences():
    beyond = _column("成都那个垃圾全程分类方案要各区每年制定什么计划", "cov_beyond_title")
    assert beyond[OPENING] == 0.0
    assert beyond["各区（市）县政府每年制定年度分类工作计划，报市城管委备案。"] > 0.5
    # Every word the question has is in the title: nothing is left to weigh.
    assert not any(_column("成都垃圾全程分类实施方案", "cov_beyond_title").values())


def test_the_title_is_marked_as_the_title():
    title = _column("成都垃圾分类方案要各区做什么", "title_line")
    assert title == {OPENING: 1.0, "各区（市）县政府每年制定年度分类工作计划，报市城管委备案。": 0.0}


VOLUNTEERS = "绵阳市2023年志愿服务工作综述\n截至12月底，全市注册志愿者82.4万人，占常住人口的16.9%。"
SORTING = "岚阳市生活垃圾分类工作推进情况\n截至9月底，岚阳市城区生活垃圾分类小区覆盖率达到96.3%。"


def test_a_city_another_document_is_about_is_read_as_a_place_of_the_question():
    hits, corpus = make_hits({"volunteers": VOLUNTEERS, "sorting": SORTING})
    volunteers_only = hits[:1]  # 岚阳 is named by no passage retrieved for the question
    prepared = prepare("岚阳注册志愿者有多少人", volunteers_only, corpus)
    assert prepared.question.places == ("岚阳",)
    assert decide(prepared, hand_selector()).refused
    answer = decide(prepare("绵阳注册志愿者有多少人", volunteers_only, corpus), hand_selector())
    assert not answer.refused and "82.4万人" in answer.text


NOTICE = (
    "沅塘市创文督查通报（第7期）\n"
    "本次督查共检查点位96个，发现问题14个。\n"
    "一、农贸市场\n1.滨江农贸市场：活禽宰杀区未封闭，地面污水横流。\n2.凤鸣菜市场：入口处流动摊贩占道经营。"
)


def test_the_items_of_a_list_are_marked_for_a_question_that_asks_for_them():
    def marked(question: str) -> dict[str, float]:
        return _column(question, "list_item", {"notice": NOTICE})

    items = marked("沅塘第7期督查农贸市场查出哪些问题")
    assert items["1.滨江农贸市场：活禽宰杀区未封闭，地面污水横流。"] == 1.0
    assert items["本次督查共检查点位96个，发现问题14个。"] == 0.0
    assert not any(marked("沅塘第7期督查发现问题多少个").values())  # a count is asked, not the items


def test_a_passage_that_gives_the_items_is_marked_apart_from_one_that_only_counts_them():
    overview = "沅塘市创文督查情况综述\n本次督查共检查点位96个，发现问题14个。问题主要集中在农贸市场和背街小巷。"

    def marked(question: str) -> dict[str, float]:
        return _column(question, "list_passage", {"overview": overview, "notice": NOTICE})

    passages = marked("沅塘第7期督查农贸市场查出哪些问题")
    assert passages["2.凤鸣菜市场：入口处流动摊贩占道经营。"] == 1.0
    assert passages["本次督查共检查点位96个，发现问题14个。"] == 1.0  # the lead-in of the items' own passage
    assert passages["问题主要集中在农贸市场和背街小巷。"] == 0.0  # a passage that only counts them
    assert not any(marked("沅塘第7期督查发现问题多少个").values())  # a count is asked, not the items


DEADLINES = (
    "禾阳市市容督查通报（第3期）\n"
    "本次督查发现问题142个，截至6月28日已整改118个，整改率83.1%。"
    "请各区对照问题清单，于2024年7月15日前完成整改。"
)


def test_a_date_to_be_done_by_is_marked_for_a_question_that_asks_a_deadline():
    def marked(question: str) -> dict[str, float]:
        return _column(question, "deadline_said", {"notice": DEADLINES})

    deadline = marked("禾阳第3期市容督查的问题要求什么时候整改完")
    assert deadline["请各区对照问题清单，于2024年7月15日前完成整改。"] == 1.0
    assert deadline["本次督查发现问题142个，截至6月28日已整改118个，整改率83.1%。"] == 0.0  # a count's date
    assert not any(marked("禾阳第3期市容督查是哪天通报的").values())  # when it happened, no deadline
