"""The web's 润色 option for drafts (assistant/web/draft_polish.py, routes_api.py, the chat page),
against a real OpenAI-compatible HTTP server on loopback (tests/helpers_llm.fake_llm).

Fast: the chat page offers the option only when an LLM is configured; a draft asked to be polished
without an LLM, with one, with one that returns wrong figures, with one that fails; the drafts the
app keeps so that the .docx is the polished text shown. Integration (the real index of the bundled
corpus, through HTTP): /api/ask, /api/ask/stream and /api/draft.docx with ``polish``."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from assistant.draft.polish import polish_draft
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.draft_polish import NO_LLM_NOTE, PolishedDrafts, goes_to_model, polish_for_reader
from tests.helpers_llm import fake_llm
from tests.test_draft_polish import RESULTS, _draft
from tests.test_web_api import sse_events

DRAFT_Q = "起草XX区城管局2023年工作汇报"
POLISH_NOTE = re.compile(r"^(LLM 润色|未能润色|润色未完成)")


def polish_notes(notes: list[str]) -> list[str]:
    """The notes about polishing: a draft has exactly one when polishing was asked for."""
    return [n for n in notes if POLISH_NOTE.match(n)]


def echo(message: str) -> str:
    """A model that gives every sentence of the section back, with 同时 before the second."""
    lines = message.split("\n")[1:]
    return "\n".join(line.replace(". ", ". 同时，", 1) if line.startswith("2. ") else line for line in lines)


def garbage_numbers(message: str) -> str:
    """A model that gives every sentence back with its figures changed (each digit 7)."""
    return "\n".join(line[:3] + re.sub(r"\d(?![^\[]*\])", "7", line[3:]) for line in message.split("\n")[1:])


# ---------- fast: the page ----------


def _page(tmp_path: Path, **settings: Any) -> str:
    """The chat page's HTML (the app is not started: the page needs no model)."""
    app = create_app(Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus", **settings))
    response = TestClient(app).get("/")
    assert response.status_code == 200
    return response.text


def test_the_chat_page_offers_polishing_only_when_an_llm_is_configured(tmp_path: Path) -> None:
    assert 'id="polish"' not in _page(tmp_path) and "润色" not in _page(tmp_path)
    page = _page(tmp_path, llm_base_url="http://127.0.0.1:9/v1")
    option = re.search(r'<label class="polish-option" id="polish-option" hidden[^>]*>(.*?)</label>', page, re.S)
    assert option is not None  # hidden until the draft mode is chosen (chat.js)
    assert '<input type="checkbox" id="polish">' in option.group(1) and "润色（需配置大模型）" in option.group(1)
    always = _page(tmp_path, llm_base_url="http://127.0.0.1:9/v1", draft_polish=True)
    assert '<input type="checkbox" id="polish" checked disabled>' in always  # the server polishes every draft


# ---------- fast: the draft the web shows ----------


def test_polishing_asked_without_an_llm_gives_the_extractive_draft_with_one_note() -> None:
    draft = _draft()
    shown = polish_for_reader(draft, Settings(), asked=True)
    assert shown.text == draft.text and shown.sections == draft.sections and shown.answerer == "extractive"
    assert shown.notes == [*draft.notes, NO_LLM_NOTE] and draft.notes == [draft.notes[0]]  # not changed in place
    assert polish_notes(shown.notes) == [NO_LLM_NOTE] and "未配置大模型" in NO_LLM_NOTE
    assert polish_for_reader(draft, Settings(), asked=False) is draft  # not asked: no note
    assert polish_for_reader(draft, Settings(draft_polish=True), asked=False).notes[-1] == NO_LLM_NOTE


def test_a_polished_draft_has_one_note_and_is_kept_for_its_docx() -> None:
    drafts = PolishedDrafts()
    with fake_llm() as (state, url):
        state["reply"] = echo
        settings = Settings(llm_base_url=url)
        assert goes_to_model(_draft(), settings, True, drafts)
        shown = polish_for_reader(_draft(), settings, True, drafts)
        asked = len(state["requests"])
        assert asked == 3 and not goes_to_model(_draft(), settings, True, drafts)
        again = polish_for_reader(_draft(), settings, True, drafts)  # the .docx request: the same draft
        assert len(state["requests"]) == asked  # the model was not asked again
    assert shown.answerer == "llm" and "同时，开展占道经营专项整治，取缔流动摊点326处。[1]" in shown.text
    assert polish_notes(shown.notes) == [shown.notes[-1]] and shown.notes[-1].startswith("LLM 润色：5 句")
    assert (again.text, again.sections, again.notes) == (shown.text, shown.sections, shown.notes)
    again.notes.append("changed")  # a copy: the kept draft does not change
    assert polish_for_reader(_draft(), settings, True, drafts).notes == shown.notes


def test_wrong_figures_from_the_model_keep_the_extractive_sentences() -> None:
    with fake_llm() as (state, url):
        state["reply"] = garbage_numbers
        shown = polish_for_reader(_draft(), Settings(llm_base_url=url), True, PolishedDrafts())
    assert len(state["requests"]) == 3 and "7.7万处，清理率达77%" in garbage_numbers(
        state["requests"][0]["messages"][-1]["content"]
    )
    results = shown.sections[0]["sentences"]
    assert [s["text"] for s in results] == [s["text"] for s in RESULTS]  # every one has a figure
    assert [s["polished"] for s in results] == [False, False, False] and "77" not in shown.text
    assert shown.text == _draft().text  # the one sentence without a figure came back as it was
    note = "LLM 润色：1 句经核验采用润色稿（其中 1 句与原文相同），4 句未通过核验，保留原文摘录"
    assert polish_notes(shown.notes) == [note]


def test_a_failing_endpoint_gives_the_extractive_draft_with_one_note_and_is_not_kept() -> None:
    drafts = PolishedDrafts()
    with fake_llm() as (state, url):
        state["reply"], state["status"] = "", 500
        settings = Settings(llm_base_url=url)
        shown = polish_for_reader(_draft(), settings, True, drafts)
        assert len(state["requests"]) == 1  # the first section failed: the others are not sent
        state["reply"], state["status"] = echo, 200
        later = polish_for_reader(_draft(), settings, True, drafts)  # asked again: the model answers now
    assert shown.text == _draft().text and shown.answerer == "extractive"
    assert polish_notes(shown.notes) == ["未能润色：模型服务调用失败（服务返回错误），以下为原文摘录"]
    assert later.answerer == "llm" and polish_notes(later.notes) == [later.notes[-1]]


def test_an_endpoint_failing_after_a_section_says_what_was_polished() -> None:
    with fake_llm() as (state, url):

        def first_only(message: str) -> str:
            if state["requests"][1:]:
                state["status"] = 500  # the second section's request fails
            return echo(message)

        state["reply"] = first_only
        shown, report = polish_draft(_draft(), Settings(llm_base_url=url))
    assert report.polished == 3 and report.kept == 2 and report.failed == "HTTPStatusError"
    assert polish_notes(shown.notes) == [
        "润色未完成：模型服务调用失败（服务返回错误），3 句经核验采用润色稿，其余 2 句保留原文摘录"
    ]


def test_a_stopped_polish_sends_no_more_sections() -> None:
    stop = threading.Event()
    with fake_llm() as (state, url):

        def then_stop(message: str) -> str:
            stop.set()  # the reader pressed 停止 while the first section was polished
            return echo(message)

        state["reply"] = then_stop
        drafts = PolishedDrafts()
        shown = polish_for_reader(_draft(), Settings(llm_base_url=url), True, drafts, stop)
    assert len(state["requests"]) == 1 and shown.sections[1:] == _draft().sections[1:]
    assert not drafts.holds(PolishedDrafts.key(_draft(), Settings(llm_base_url=url)))  # not kept


def test_a_kept_draft_is_found_only_by_the_same_draft_and_llm() -> None:
    drafts = PolishedDrafts(size=2)
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1")
    key = PolishedDrafts.key(_draft(), settings)
    other = _draft()
    other.sections[0]["sentences"] = other.sections[0]["sentences"][:2]
    assert PolishedDrafts.key(other, settings) != key  # another draft
    assert PolishedDrafts.key(_draft(), Settings(llm_base_url="http://127.0.0.1:9/v2")) != key  # another LLM
    assert PolishedDrafts.key(_draft(), settings.model_copy(update={"llm_model": "qwen"})) != key
    for name in ("a", "b", "c"):
        drafts.put(name, _draft())
    assert not drafts.holds("a") and drafts.holds("b") and drafts.holds("c")  # the oldest goes


# ---------- integration: through HTTP over the bundled corpus ----------


@pytest.fixture(scope="module")
def llm_client(corpus_settings: Settings, assistant: Any) -> Any:
    with fake_llm() as (state, url):
        settings = corpus_settings.model_copy(update={"admin_token": None, "llm_base_url": url})
        with TestClient(create_app(settings, assistant)) as client:
            yield state, client


def _sentences(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for section in data["sections"] for s in section["sentences"]]


def test_api_polish_without_an_llm_answers_the_extractive_draft_with_one_note(
    corpus_settings: Settings, assistant: Any
) -> None:
    settings = corpus_settings.model_copy(update={"admin_token": None})
    with TestClient(create_app(settings, assistant)) as client:
        plain = client.post("/api/ask", json={"question": DRAFT_Q, "mode": "draft"}).json()
        data = client.post("/api/ask", json={"question": DRAFT_Q, "mode": "draft", "polish": True}).json()
        stream = sse_events(
            client.post("/api/ask/stream", json={"question": DRAFT_Q, "mode": "draft", "polish": True}).text
        )
        docx_response = client.post("/api/draft.docx", json={"question": DRAFT_Q, "polish": True})
    assert data["answer"] == plain["answer"] and data["answerer"] == "extractive"
    assert data["notes"] == [*plain["notes"], NO_LLM_NOTE] and polish_notes(data["notes"]) == [NO_LLM_NOTE]
    assert [name for name, _ in stream] == ["citations", "delta", "done"] and stream[-1][1]["notes"] == data["notes"]
    assert docx_response.status_code == 200


def test_api_polished_draft_its_stream_and_its_docx(llm_client: Any) -> None:
    state, client = llm_client
    state["reply"], state["requests"][:] = echo, []
    client.app.state.polished_drafts = PolishedDrafts()
    body = {"question": DRAFT_Q, "mode": "draft", "polish": True}
    events = sse_events(client.post("/api/ask/stream", json=body).text)
    names = [name for name, _ in events]
    assert names == ["progress", "citations", "delta", "done"]
    progress, data = events[0][1], events[-1][1]
    sections = len([s for s in data["sections"] if s["sentences"]])
    assert progress["extractive"]["answerer"] == "extractive" and progress["timeout_s"] > 0
    assert len(state["requests"]) == sections > 1
    assert data["answerer"] == "llm" and all(s["polished"] for s in _sentences(data))
    assert polish_notes(data["notes"]) == [data["notes"][-1]]
    polished = [s["text"] for s in _sentences(data) if s["text"].startswith("同时，")]
    assert polished
    # The same draft again, and its .docx: the polished draft kept, the model not asked again.
    again = client.post("/api/ask", json=body).json()
    assert (again["answer"], again["notes"]) == (data["answer"], data["notes"])
    response = client.post("/api/draft.docx", json={"question": DRAFT_Q, "polish": True})
    assert len(state["requests"]) == sections and response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert all(sentence in text for sentence in polished)
    again_stream = sse_events(client.post("/api/ask/stream", json=body).text)
    assert [name for name, _ in again_stream] == ["citations", "delta", "done"]  # nothing to wait for


def test_api_wrong_figures_keep_the_extractive_sentences(llm_client: Any) -> None:
    state, client = llm_client
    state["reply"], state["requests"][:] = garbage_numbers, []
    client.app.state.polished_drafts = PolishedDrafts()  # another model: forget the drafts the echo polished
    plain = client.post("/api/ask", json={"question": DRAFT_Q, "mode": "draft"}).json()
    data = client.post("/api/ask", json={"question": DRAFT_Q, "mode": "draft", "polish": True}).json()
    assert state["requests"]  # the model was asked
    with_figures = [s for s in _sentences(data) if re.search(r"\d", s["text"])]
    assert with_figures and all(s["polished"] is False for s in with_figures)
    extractive = {(s["text"], s["citation"]) for s in _sentences(plain)}
    assert all((s["text"], s["citation"]) in extractive for s in with_figures)
    assert "7777" not in data["answer"] and polish_notes(data["notes"]) == [data["notes"][-1]]
