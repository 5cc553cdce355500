"""Ranks asked (排第几, 倒数第一): which sentences state one, and for which place."""

from __future__ import annotations

from helpers_answer import answer_of, make_hits

from assistant.answer.features import SENTENCE_FEATURES
from assistant.answer.prepared import prepare


def test_a_ranking_said_to_move_states_no_rank():
    review = "宿迁市创文工作会议讲话\n全年常态化测评平均得分89.7分，在全省文明城市年度测评中，我市排名较上年前移。"
    answer = answer_of("宿迁去年创文测评全省排第几", {"review": review})
    assert answer.refused and answer.notes == ["rank_unstated"]
    ranked = review.replace("我市排名较上年前移", "我市排名第五，较上年前移两位")
    answer = answer_of("宿迁去年创文测评全省排第几", {"review": ranked})
    assert not answer.refused and "排名第五" in answer.text


def test_a_rank_written_before_the_place_is_the_places_rank():
    notice = (
        "潍坊市6月城市管理考评结果通报\n各区得分及排名如下：第四名，奎文区，得分90.12分。"
        "第五名，潍城区，得分89.77分。\n本月考评共检查道路146条。"
    )
    answer = answer_of("6月城管考评潍城区排第几", {"notice": notice})
    assert not answer.refused and "第五名" in answer.text


def test_a_sentence_stating_the_rank_asked_is_marked():
    notice = (
        "贵港市一季度城市管理考核结果\n排名末位的单位须在15个工作日内提交书面整改报告。\n"
        "单位|得分|扣分|排名\n港北区|92.6|7.4|1\n港南区|88.1|11.9|2\n覃塘区|83.4|16.6|3\n"
    )
    hits, corpus = make_hits({"notice": notice})
    prepared = prepare("贵港一季度城管考核倒数第一是谁", hits, corpus)
    column = SENTENCE_FEATURES.index("rank_match")
    marked = {c.text: prepared.matrix[i, column] for i, c in enumerate(prepared.candidates)}
    assert marked["覃塘区|83.4|16.6|3"] == 1.0 and marked["港北区|92.6|7.4|1"] == 0.0
    prepared = prepare("贵港一季度城管考核平均得分多少", hits, corpus)
    assert not prepared.matrix[:, column].any()  # no rank asked


def test_the_last_place_of_a_row_is_its_own_tables():
    notice = (
        "双河市三季度测评结果通报\n一、各区得分\n| 区 | 得分 | 排名 |\n| 东区 | 90.1 | 1 |\n| 西区 | 88.0 | 2 |\n"
        "| 南区 | 86.3 | 3 |\n二、街道得分\n| 街道 | 得分 | 排名 |\n"
        + "".join(f"| 第{n}街道 | {95 - n} | {n} |\n" for n in range(1, 9))
    )
    hits, corpus = make_hits({"notice": notice})
    prepared = prepare("双河三季度测评哪个区倒数第一", hits, corpus)
    column = SENTENCE_FEATURES.index("rank_match")
    marked = {c.text: prepared.matrix[i, column] for i, c in enumerate(prepared.candidates)}
    # 南区 is last of the 3 districts, though the streets' table ranks to 8
    assert marked["| 南区 | 86.3 | 3 |"] == 1.0 and marked["| 第8街道 | 87 | 8 |"] == 1.0
    assert marked["| 第3街道 | 92 | 3 |"] == 0.0 and marked["| 东区 | 90.1 | 1 |"] == 0.0
