"""The number verifier compares parsed quantities (value and unit), not substrings.

Every case here failed against the substring verifier it replaced (issue 13); the cases that
must still pass are checked beside them so that the verifier does not block faithful answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.answer.verify import numbers_in, quantities, unsupported_numbers

# A real sentence of corpus/reports/003 (XX区城市管理局 2023).
REPORT = (
    "加强执法人员业务培训，不断提高数字化案件的处置率。截至目前，应处置数约14183件，处置14067件，"
    "处置率99.18％，办理网民留言58件，市长热线2183件。"
)


def test_a_figure_is_not_supported_by_a_longer_figure_that_contains_it():
    assert unsupported_numbers("共处置800件[1]", ["全年共处置8000件。"]) == ["800"]
    assert unsupported_numbers("共处置8000件[1]", ["全年共处置8000件。"]) == []


def test_a_percentage_must_match_to_the_last_digit():
    assert unsupported_numbers("处置率99.1%[1]", [REPORT]) == ["99.1%"]
    assert unsupported_numbers("处置率99.18%[1]", [REPORT]) == []
    assert unsupported_numbers("处置率99.18％[1]", [REPORT]) == []  # full width is the same figure


def test_a_decimal_at_a_line_start_is_a_figure_not_a_list_label():
    assert unsupported_numbers("1.236起[1]", ["发生236起。"]) == ["1.236"]
    assert unsupported_numbers("1. 共发生236起[1]", ["发生236起。"]) == []  # "1." numbers the answer's list


def test_magnitudes_scale_the_value():
    assert unsupported_numbers("投入12.5万元[1]", ["投入资金5万元。"]) == ["12.5万"]
    assert unsupported_numbers("投入12.5万元[1]", ["投入资金125000元。"]) == []
    assert unsupported_numbers("总投资1.2亿元[1]", ["总投资12000万元。"]) == []


def test_chinese_numerals_are_checked():
    assert unsupported_numbers("整治三十五处[1]", ["整治占道经营点位25处。"]) == ["三十五"]
    assert unsupported_numbers("整治三十五处[1]", ["整治占道经营点位35处。"]) == []
    assert unsupported_numbers("达标率百分之九十[1]", ["达标率85%。"]) == ["百分之九十"]
    assert unsupported_numbers("达标率百分之九十[1]", ["达标率90%。"]) == []
    assert unsupported_numbers("补贴两万元[1]", ["每户补贴2000元。"]) == ["两万"]
    assert unsupported_numbers("补贴两万元[1]", ["每户补贴20000元。"]) == []
    assert unsupported_numbers("补贴1.2万元[1]", ["补贴一万二千元。"]) == []
    assert unsupported_numbers("完成二〇二三年目标[1]", ["2024年工作计划"]) == ["二〇二三"]


def test_the_unit_must_agree_where_both_name_one():
    assert unsupported_numbers("拆除违建58处[1]", [REPORT]) == ["58"]  # the report's 58 counts 件
    assert unsupported_numbers("办理网民留言58件[1]", [REPORT]) == []
    assert unsupported_numbers("网民留言58[1]", [REPORT]) == []  # a bare figure claims no unit
    assert unsupported_numbers("分值3分[1]", ["测评项目：公共环境；分值：3"]) == []  # a table cell is bare


def test_the_old_substring_cases_still_hold():  # a guard: passed before the rewrite too
    assert unsupported_numbers("处置率98.5％[1]", [REPORT]) == ["98.5%"]
    assert unsupported_numbers("共处置14067件，办理网民留言85件[1]", [REPORT]) == ["85"]


def test_ranges_check_both_ends_with_the_shared_unit():
    rule = ["发现一处扣5—8分。"]
    assert unsupported_numbers("扣5-8分[1]", rule) == []
    assert unsupported_numbers("扣5至8分[1]", rule) == []
    assert unsupported_numbers("扣5-9分[1]", rule) == ["9"]
    assert unsupported_numbers("扣3—8分[1]", rule) == ["3"]
    assert unsupported_numbers("扣5—8分[1]", ["扣15—18分"]) == ["5", "8"]
    assert [(q.value, q.unit) for q in quantities("资金1-2万元")] == [(10000, "元"), (20000, "元")]
    assert [(q.value, q.unit) for q in quantities("三至五天")] == [(3, "天"), (5, "天")]


def test_years_and_dates():
    assert unsupported_numbers("2023年处置率99.18%[1]", [REPORT]) == ["2023"]  # the passage names no year
    assert unsupported_numbers("2023年处置率99.18%[1]", ["2023年XX区城市管理局工作总结 " + REPORT]) == []
    assert unsupported_numbers("于2023年7月5日完成[1]", ["完成时间：2023-07-05"]) == []
    assert unsupported_numbers("于2023年7月6日完成[1]", ["完成时间：2023-07-05"]) == ["6"]
    assert unsupported_numbers("于2023年7月5日完成[1]", ["完成时间：2023年7月15日"]) == ["5"]
    assert unsupported_numbers("7月底前完成[1]", ["8月底前完成"]) == ["7"]


def test_citation_markers_and_list_numbering_are_not_claims():
    cited = ["一、市容整治 整治占道经营8000余处。"]
    assert unsupported_numbers("整治占道经营8000余处[1]", cited) == []  # [1] is a marker
    assert unsupported_numbers("1. 整治占道经营8000余处[12]\n2、整治占道经营8000余处[3]", cited) == []
    assert unsupported_numbers("整治8000余处[1]3、整治8000余处[2]", cited) == []  # a label after a marker
    assert unsupported_numbers("（一）整治占道经营8000余处[1]", cited) == []
    assert unsupported_numbers("（3）整治占道经营8000余处[1]", cited) == []


def test_words_made_of_numeral_characters_are_not_figures():
    text = "进一步统一思想，一是抓好两会保障，千方百计为百姓办实事，十分重要，开展一次专项行动"
    assert quantities(text) == []
    assert unsupported_numbers(text + "，整治三十五处[1]", ["无关的段落"]) == ["三十五"]


def test_thousands_separators_and_full_width_forms():
    assert [q.value for q in quantities("处置1,200件")] == [Decimal(1200)]
    assert [q.value for q in quantities("分别为800，1200起")] == [800, 1200]  # a full-width comma separates
    assert [q.value for q in quantities("处置１２００件")] == [1200]
    assert unsupported_numbers("处置1,200件[1]", ["处置１２００件"]) == []


def test_numbers_in_reports_the_figures_as_written():
    assert numbers_in("处置14067件，处置率99.18％，补贴两万元") == ["14067", "99.18%", "两万"]


@pytest.mark.parametrize(
    "answer, cited",
    [
        ("截至目前，应处置数约14183件，处置14067件，处置率99.18％[1]", [REPORT]),
        (
            "《2023年XX区城市管理局工作总结》：整治占道经营约8000余处[1]",
            ["2023年XX区城市管理局工作总结 整治占道经营约8000余处"],
        ),
        ("完成瓶改管30户（完成时间：7月底）。[1]", ["瓶改管30户 7月底"]),
        ("第三季度共开展巡查二十次[1]", ["第三季度 共开展巡查二十次"]),
    ],
)
def test_copied_sentences_are_supported(answer, cited):  # a guard: passed before the rewrite too
    assert unsupported_numbers(answer, cited) == []


# Issue 17: the shapes an LLM wrote that the verifier let through, and their near neighbours.
@pytest.mark.parametrize(
    ("answer", "passage", "missing"),
    [
        ("1.236起[1]", "共发生236起。", ["1.236"]),  # not item 1 + 236起
        ("1，236起[1]", "共发生236起。", ["1"]),  # a garbled 1,236 is not item 1 either
        ("1、236起[1]", "共发生1236起。", ["1", "236"]),
        ("共发生1.236起[1]", "共发生236起。", ["1.236"]),
        ("投诉下降。1.236起[1]", "共发生236起。", ["1.236"]),  # after a sentence end too
        ("12.5万元[1]", "投入5万元。", ["12.5万"]),
        ("12.5万元[1]", "投入2.5万元。", ["12.5万"]),
        ("112.5万元[1]", "投入12.5万元。", ["112.5万"]),
        ("1,236起[1]", "共发生1236起。", []),
        ("1.236万元[1]", "投入12360元。", []),
    ],
)
def test_a_figure_after_a_label_shape_is_read_whole(answer, passage, missing):
    assert unsupported_numbers(answer, [passage]) == missing


@pytest.mark.parametrize(
    "answer",
    [
        "1.加强巡查，发现236起[1]",
        "1. 加强巡查，发现236起[1]",
        "1、加强巡查，发现236起[1]",
        "主要做法：1.加强巡查；2.发现236起[1]",
        "做法如下。2.加强巡查，发现236起[1]",
        "加强巡查[1]\n3、发现236起[1]",
        "加强巡查[1]3.发现236起[1]",
        "（一）加强巡查，发现236起[1]",
    ],
)
def test_genuine_list_labels_are_not_figures(answer):
    assert unsupported_numbers(answer, ["加强巡查，共发现236起。"]) == []


def test_a_label_inside_a_sentence_is_a_figure():
    assert [q.text for q in quantities("共有2.加强")] == ["2"]
    assert [q.text for q in quantities("比例：1.5%")] == ["1.5%"]
