"""The LLM reader's tokens streamed to the page (/api/ask/stream), over the real index of the
bundled corpus and a real OpenAI-compatible server on loopback that streams a fixed reply."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from assistant.service import Assistant
from assistant.web.app import create_app
from tests.helpers_llm import fake_llm
from tests.test_web_api import FIGURE_Q, sse_events


@pytest.fixture(scope="module")
def llm_client(corpus_settings, embedder):
    with fake_llm() as (state, url):
        settings = corpus_settings.model_copy(update={"admin_token": None, "llm_base_url": url})
        with TestClient(create_app(settings, Assistant(settings, embedder)), raise_server_exceptions=False) as client:
            yield state, client


def test_the_tokens_stream_before_the_checked_answer(llm_client):
    state, client = llm_client
    state["reply"] = "2023年XX区城管局数字化案件处置率为99.18％。"
    events = sse_events(client.post("/api/ask/stream", json={"question": FIGURE_Q}).text)
    names = [name for name, _ in events]
    assert names[0] == "progress" and names[-3:] == ["citations", "delta", "done"]
    assert set(names[1:-3]) == {"llm_delta"} and len(names[1:-3]) > 1
    assert "".join(data["text"] for name, data in events if name == "llm_delta") == state["reply"]
    progress, done = events[0][1], events[-1][1]
    assert progress["timeout_s"] > 0 and progress["extractive"]["answerer"] == "extractive"
    assert done["answerer"] == "llm" and done["answer"] == "2023年XX区城管局数字化案件处置率为99.18％[1]。"
    assert "99.18％" in done["citations"][0]["text"] and events[-2][1]["text"] == done["answer"]


def test_an_invented_figure_streams_but_the_extractive_answer_is_shown(llm_client):
    state, client = llm_client
    state["reply"] = "2023年XX区城管局数字化案件处置率为99.5％。"
    events = sse_events(client.post("/api/ask/stream", json={"question": FIGURE_Q}).text)
    done = events[-1][1]
    assert done["answerer"] == "extractive" and "99.18％" in done["answer"]
    assert any("未通过核验" in note and "99.5%" in note for note in done["notes"])


def test_stop_ends_generation_and_shows_the_extractive_answer(corpus_settings, embedder):
    with fake_llm() as (state, url):
        state["reply"] = "2023年XX区城管局数字化案件处置率为99.18％。"
        settings = corpus_settings.model_copy(update={"llm_base_url": url})
        stop = threading.Event()
        events, shown = [], None
        for kind, value in Assistant(settings, embedder).ask_stream(FIGURE_Q, stop=stop):
            events.append(kind)
            shown = value
            if kind == "token":
                stop.set()  # the reader pressed 停止 after the first words
        assert events[0] == "extractive" and events.count("token") == 1 and events[-1] == "answer"
        assert shown.answerer == "extractive" and "已停止模型生成" in shown.notes[-1]
