"""Citations aligned after writing (answer/align.py), on passages written here: each sentence of
a written answer is cited by the passage it comes from whatever markers the writer put, and a
figure or name that no cited passage states rejects the answer."""

from __future__ import annotations

import pytest

from assistant.answer.align import align, overlap, split_sentences, unsupported_names
from assistant.models import Chunk, DocumentMeta, Hit


def hit(n: int, text: str, title: str, place: str = "", years: tuple[int, ...] = ()) -> Hit:
    chunk = Chunk(f"c{n}", f"d{n}", 0, "", text, 0, len(text))
    meta = DocumentMeta(title=title, years=list(years), place=place)
    return Hit(chunk, 1.0 / n, title=title, source=f"{n}.txt", meta=meta)


XIANNING_AUG = hit(
    1,
    "具体综合评价排名情况为:第一名,咸宁高新区,得分90.68分;第二名,中心城区,得分90.33分。第八名,崇阳县,得分88.00分。",
    "咸宁市城市管理工作2022年8月综合评价情况通报",
    place="咸宁",
    years=(2022,),
)
BAOAN = hit(
    2,
    "截至目前，应处置数约14183件，处置14067件，处置率99.18％，办理网民留言58件。",
    "宝安区城市管理局2023年工作总结",
    place="宝安区",
    years=(2023,),
)
LONGGANG = hit(
    3,
    "全年拆除违法建筑326处，面积4.2万平方米。",
    "龙岗区城市管理局2023年工作总结",
    place="龙岗区",
    years=(2023,),
)
HITS = [XIANNING_AUG, BAOAN, LONGGANG]


def test_sentences_are_cited_by_the_passage_they_come_from_without_markers():
    aligned = align("宝安区处置率为99.18%，共处置14067件。龙岗区全年拆除违法建筑326处。", HITS, "处置率和拆违？")
    assert aligned.rejection is None and aligned.kept == 2
    assert aligned.text == "宝安区处置率为99.18%，共处置14067件[1]。龙岗区全年拆除违法建筑326处[2]。"
    assert [c.hit.chunk.chunk_id for c in aligned.citations] == ["c2", "c3"]
    assert aligned.citations[0].spans == [BAOAN.chunk.text.split("。")[0] + "。"]


def test_a_wrong_marker_is_only_a_hint():
    aligned = align("宝安区处置率为99.18%[3]。", HITS, "宝安区处置率是多少？")
    assert aligned.rejection is None
    assert aligned.citations[0].hit is BAOAN and aligned.text == "宝安区处置率为99.18%[1]。"


def test_filler_is_dropped_and_a_claim_without_support_is_not_shown():
    aligned = align("根据提供的段落，回答如下。宝安区处置率为99.18%[2]。以上信息供参考。", HITS, "宝安区处置率？")
    assert aligned.kept == 1 and aligned.text == "宝安区处置率为99.18%[1]。"
    assert aligned.dropped == ["根据提供的段落，回答如下。", "以上信息供参考。"]


def test_an_invented_figure_rejects_the_answer():
    aligned = align("宝安区处置率为99.5%[2]。", HITS, "宝安区处置率是多少？")
    assert aligned.rejection is not None and aligned.rejection.code == "unsupported_number"
    assert "99.5%" in aligned.rejection.detail


@pytest.mark.parametrize("garbled", ["共处置1.4067件", "共处置1，4067件", "处置率为9.18%"])
def test_a_garbled_figure_rejects_the_answer(garbled):
    assert align(f"宝安区{garbled}。", HITS, "宝安区处置了多少件？").rejection is not None


def test_an_invented_place_rejects_the_answer():
    aligned = align("深圳市福田区处置率为99.18%，共处置14067件。", HITS, "处置率是多少？")
    assert aligned.rejection is not None and aligned.rejection.code == "unsupported_name"
    assert "福田区" in aligned.rejection.detail


def test_a_place_in_a_sentence_nothing_supports_is_invented():
    aligned = align("此外，福田区也开展了专项行动。宝安区处置率为99.18%。", HITS, "处置率是多少？")
    assert aligned.rejection is not None and aligned.rejection.code == "invented"


def test_one_places_figure_given_as_anothers_is_rejected():
    # The question names 龙岗区, so the name alone passes; the figure is 宝安区's.
    aligned = align("龙岗区处置率为99.18%，共处置14067件。", HITS, "龙岗区处置率是多少？")
    assert aligned.rejection is not None and "99.18%" in aligned.rejection.detail
    assert align("宝安区处置率为99.18%，共处置14067件。", HITS, "宝安区处置率是多少？").rejection is None


def test_one_years_figure_given_as_anothers_is_rejected():
    # The 2022 report's ranking, said of 2023 (the question's year): rejected.
    wrong = align("咸宁2023年6月综合评价第二名是中心城区，得分90.33分[1]。", HITS, "咸宁2023年6月综合评价第二名是谁？")
    assert wrong.rejection is not None
    right = align("咸宁2022年8月综合评价第二名是中心城区，得分90.33分[1]。", HITS, "咸宁2022年8月综合评价第二名是谁？")
    assert right.rejection is None and right.kept == 1


def test_one_months_figure_given_for_both_months_of_a_comparison_is_rejected():
    # One sentence names two months: each clause's figure must come from a passage about its month.
    question = "咸宁第二名21年9月和22年8月各得了多少分？"
    both = align("咸宁第二名21年9月得分90.33分，22年8月得分90.33分。", HITS, question)
    assert both.rejection is not None and "90.33分" in both.rejection.detail
    assert align("咸宁第二名22年8月得分90.33分。", HITS, question).rejection is None


def test_the_questions_own_dates_may_be_repeated():
    aligned = align("咸宁22年8月综合评价第一名是咸宁高新区，得分90.68分。", HITS, "咸宁22年8月城管综合评价第一是哪儿？")
    assert aligned.rejection is None and aligned.kept == 1


def test_a_figure_from_a_second_passage_cites_it_too():
    aligned = align("宝安区处置率99.18%，龙岗区拆除违法建筑326处。", HITS, "两区情况？")
    assert aligned.rejection is None and aligned.text.count("[") == 2
    assert {c.hit.chunk.chunk_id for c in aligned.citations} == {"c2", "c3"}


def test_sentences_keep_their_markers_as_hints():
    sentences = split_sentences("处置率99.18%。[2]共处置14067件[2][9]；\n1.拆违326处[3]", 3)
    assert [(s.text, s.hints) for s in sentences] == [
        ("处置率99.18%。", (1,)),
        ("共处置14067件；", (1,)),
        ("1.拆违326处", (2,)),
    ]


def test_names_are_checked_against_cited_passages_and_the_question():
    assert unsupported_names("2023年宝安区城管局处置率99.18%", [BAOAN], "") == []
    assert unsupported_names("2024年宝安区处置率99.18%", [BAOAN], "") == ["2024年"]
    assert unsupported_names("2024年宝安区处置率99.18%", [BAOAN], "2024年呢？") == []
    assert unsupported_names("宝安区文明办处置率99.18%", [BAOAN], "") == ["文明办"]


def test_overlap_is_the_share_of_the_sentences_bigrams_in_the_passage():
    assert overlap("处置率99.18%", BAOAN.chunk.text) == 1.0
    assert overlap("今天天气很好", BAOAN.chunk.text) == 0.0
