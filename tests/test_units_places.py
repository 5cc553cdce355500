"""The shared vocabulary of measure words and masked figures, and place names next to the
domain words that begin with a character place names end in (城管, 市容)."""

from __future__ import annotations

import pytest

from assistant.answer.features import counts_in
from assistant.corpus import known_places, profile_of
from assistant.places import read_places
from assistant.units import MASKED_FIGURE, states_figure


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("禾阳城管上半年公厕改造完成了多少座", ()),  # not 阳城 (a county) across 禾阳 + 城管
        ("洛阳城管上半年拆违多少处", ("洛阳",)),  # not lost in 洛阳城 + 管
        ("沈阳城管执法人员有多少", ("沈阳",)),
        ("阳城县城管局2023年工作总结", ("阳城县",)),
        ("东城区城管一线执法人员有几个", ("东城区",)),
        ("深圳市容环境提升行动", ("深圳",)),
    ],
)
def test_places_next_to_domain_words(text, places):
    assert read_places(text) == places


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("开展志愿服务活动**场，文明交通劝导志愿者出动1200余人次", True),
        ("覆盖率*%", True),
        ("签订责任书*余份", True),
        ("测评得分*分", True),
        ("〔*〕号文件", True),
        ("注*：以上数据为初步统计", False),
        ("开展志愿服务活动12场", False),
    ],
)
def test_masked_figures(text, masked):
    assert bool(MASKED_FIGURE.search(text)) is masked


@pytest.mark.parametrize(
    ("unit", "text", "counted"),
    [
        ("个", "评选发布“青岑好人”16名", True),  # 几个 counts in any measure word
        ("人", "一线执法人员仅有68名", True),
        ("件", "查处违法行为17起", True),
        ("个", "2023年工作总结", False),  # a year is not a count
        ("人", "拆除违建64处", False),
    ],
)
def test_a_count_is_found_in_the_words_documents_use_for_its_unit(unit, text, counted):
    assert counts_in(unit, text) is counted


INVENTED = (
    "栖川市城市管理局2023年5月考评通报\n栖川市下辖北岭区、柳塘区。北岭区得分91.2分。\n按照市里统一部署，推进市容整治。",
    "云泽市2023年5月城管考评通报\n云泽市北岭区得分90.1分。全市平均分89.0分。咸宁市来考察。",
)


def learn_places(texts):
    return known_places(profile_of(str(n), text, None) for n, text in enumerate(texts))


def test_the_corpus_teaches_the_places_the_national_list_lacks():
    known = learn_places(INVENTED)
    assert {"栖川市", "云泽市", "北岭区"} <= known
    assert "柳塘区" not in known  # written once: too little to go on
    assert not {"推进市", "按照市", "咸宁市"} & known  # a verb before 市; a name the national list holds


def test_names_jieba_cuts_or_knows_as_a_side_are_taught_too():
    text = (
        "枫岙市北麓区文明办2023年工作总结。北麓区在澜湾区、澄西区之前完成整改，北麓区得分89.74分，澜湾区、澄西区次之。"
    )
    known = learn_places([text])
    assert {"北麓区", "澜湾区", "澄西区"} <= known  # 北麓 is a word (a side of a hill); 澜|湾区, 澄|西区 are cut
    assert read_places("北麓区2023年得了多少分", known) == ("北麓区",)


def test_a_measure_or_a_division_word_before_the_suffix_makes_no_name():
    text = "全市8个区县、3个设区市和5个市县已完成，1月内市里将赴省市汇报，并报市委。" * 2
    assert not learn_places([text])


def test_a_body_jieba_knows_whole_names_its_place():
    assert read_places("成都市人民政府办公厅关于印发实施方案的通知") == ("成都市",)


def test_a_clause_before_a_town_word_is_no_town():
    assert read_places("主要是镇村环境卫生整治力度不平衡") == ()
    assert read_places("流沙东街道开展整治") == ("流沙东街道",)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("栖川5月北岭区得了多少分", ("栖川", "北岭区")),  # by its stem, as staff write it; in the order written
        ("云泽市城管局", ("云泽市",)),
        ("推进市容整治", ()),
    ],
)
def test_a_question_names_the_places_the_corpus_taught(text, places):
    known = learn_places(INVENTED)
    assert read_places(text, known) == places
    assert read_places(text) != places or not places  # the national list alone does not read them


def test_dates_quarters_and_document_numbers_are_no_figure():
    for text in (
        "澄川市文明办2023年第二季度创文暗访测评通报",
        "澄城管委办〔2023〕11号",
        "统计 市文明办 2023年12月",
        "第3期",
    ):
        assert not states_figure(text), text
    for text in ("共发现问题135处", "5月份全市平均得分87.48分", "结案率97%", "2023年拆除违建1682处"):
        assert states_figure(text), text
