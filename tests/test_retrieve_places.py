"""Retrieval and drafting read a question with the cities the corpus is about, as the answerer does:
a city named by its stem alone (岚阳) leads to its own report, not to a look-alike of another city's,
and a draft for a city with no report of the body asked is refused, not written from another's."""

from __future__ import annotations

from pathlib import Path

from assistant.service import Assistant
from tests.conftest import make_settings

REPORTS = {
    "linlan.txt": (
        "临澜市数字城管2024年3月运行情况\n"
        "3月份数字城管结案率97.9%。3月份，全市数字城管平台共立案5,210件，结案5,102件，数字城管按期结案率95.2%。"
    ),
    "lanyang.txt": (
        "岚阳市城市管理监督指挥中心第一季度第三期通报\n"
        "三月，平台受理群众诉求和巡查发现问题共4,380件，办结4,201件，结案率为95.9%，按期办结率93.0%。"
    ),
}


def _assistant_over(documents: dict[str, str], folder: Path, embedder) -> Assistant:
    """An assistant whose index holds ``documents`` (file name → text), written under ``folder``."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant(make_settings(folder / "index"), embedder)
    assistant.ingest([corpus])
    return assistant


def test_a_city_named_by_its_stem_leads_to_its_own_report(tmp_path: Path, embedder):
    assistant = _assistant_over(REPORTS, tmp_path, embedder)
    assert assistant.retriever.document_places() == frozenset({"临澜市", "岚阳市"})
    hits = assistant.retrieve("岚阳3月份数字城管结案率多少")
    assert hits[0].chunk.text.startswith("岚阳市")
    answer = assistant.ask("岚阳3月份数字城管结案率多少")
    assert not answer.refused and "95.9%" in answer.text and "97.9%" not in answer.text


CITY_REPORTS = {
    "qingao.txt": (
        "青岙市城市管理局2023年工作总结\n"
        "2023年，我局围绕市容环境整治开展工作。全年处置数字城管案件6100件，处置率98.50%。\n"
        "三、下步打算\n确保数字城管结案率保持在97%以上。"
    ),
    "lanyang_wmb.txt": "岚阳市文明办2023年志愿服务工作综述\n全市注册志愿者82.4万人，开展志愿服务活动1.2万场次。",
}


def test_a_draft_for_a_city_whose_body_has_no_report_is_not_written_from_another_citys(tmp_path: Path, embedder):
    """Drafting reads its prompt with the corpus's cities too: 岚阳 is a place though no passage
    retrieved for 城管局 work names it, so 青岙's report is not passed off as 岚阳's."""
    assistant = _assistant_over(CITY_REPORTS, tmp_path, embedder)
    refused = assistant.ask("帮我起草一段迎检汇报：岚阳城管局2023年数字城管工作", mode="draft")
    assert refused.refused and "岚阳" in refused.text and "青岙" not in refused.text
    drafted = assistant.ask("帮我起草一段迎检汇报：青岙城管局2023年数字城管工作", mode="draft")
    assert not drafted.refused and "6100件" in drafted.text
