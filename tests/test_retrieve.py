"""Hybrid retrieval over the bundled corpus: scripts, filters and fusion."""

import pytest

from assistant.index.store import Filters


@pytest.fixture(scope="module", params=["embedded", "postgres"])
def assistant(request, assistant):
    """Each test runs on both stores: the embedded index and PostgreSQL holding the same vectors."""
    return assistant if request.param == "embedded" else request.getfixturevalue("pg_assistant")


def test_simplified_query_finds_traditional_passage(assistant):
    hits = assistant.search("市容管理科亮化设施修复率", k=3)
    assert "修復率98.9%" in hits[0].chunk.text  # shown in the original script


def test_traditional_query_finds_traditional_passage(assistant):
    hits = assistant.search("遮陽擋雨棚建設", k=3)
    assert "遮陽擋雨棚" in hits[0].chunk.text


def test_figure_question_ranks_the_supporting_passage_first(assistant):
    hits = assistant.search("2023年XX区城管局数字化案件处置率是多少", k=5)
    assert "99.18％" in hits[0].chunk.text
    assert hits[0].title.startswith("XX区城市管理局2023年")
    assert hits[0].chunk.heading.endswith("（六）做好数字化案件处置工作")


def test_pdf_extracted_report_is_searchable_across_its_quirks(assistant):
    hits = assistant.search("工作计划 门前三包 模范商户评选", k=3)
    assert any("模范商户" in h.chunk.text for h in hits)


def test_filters_restrict_by_year_body_and_kind(assistant):
    hits = assistant.search("占道经营", k=10, filters={"body": "文明办"})
    assert hits and all(h.meta.body == "文明办" for h in hits)
    hits = assistant.search("占道经营", k=10, filters=Filters(years=[2023]))
    assert hits and all(2023 in h.meta.years for h in hits)
    hits = assistant.search("测评", k=10, filters={"kind": "测评体系"})
    assert hits and all(h.meta.kind == "测评体系" for h in hits)
    assert assistant.search("占道经营", filters={"year": 1999}) == []


def test_fusion_uses_both_rankings(assistant):
    hits = assistant.search("全国文明城市测评体系分值构成", k=5)
    top = hits[0]
    assert top.dense_rank is not None and top.bm25_rank is not None
    assert "100分+20分" in top.chunk.text or "100+20分" in top.chunk.text


def test_a_question_naming_two_quarters_gets_one_query_per_quarter():
    from assistant.retrieve.plan import side_queries

    queries = side_queries("岚阳二季度和三季度测评各查出多少问题")
    assert len(queries) == 2
    assert "二季度" in queries[0] and "三季度" not in queries[0]
    assert "三季度" in queries[1] and "二季度" not in queries[1]


def test_an_everyday_word_no_passage_says_searches_for_the_terms_documents_write(assistant):
    hits = assistant.search("摆摊", k=3, mode="bm25")  # the reports write 占道经营, 摊点
    assert hits and any("占道经营" in h.chunk.text or "摊点" in h.chunk.text for h in hits)
