"""The LLM path (answer/llm.py) against a real OpenAI-compatible HTTP server on loopback that
replies with a fixed completion per test, as vLLM or Ollama would: what is shown for a faithful
answer without markers, an invented figure, a refusal, a dead endpoint, and when it is asked.
The passages are written here (no model, no index); a real model is in test_llm_local.py."""

from __future__ import annotations

import pytest

from assistant.answer.llm import build_messages, llm_answer, should_consult, stream_tokens
from assistant.models import Answer, Chunk, DocumentMeta, Hit
from assistant.settings import Settings
from tests.helpers_llm import fake_llm

QUESTION = "2023年宝安区数字化案件处置率是多少？"
PASSAGE = "截至目前，应处置数约14183件，处置14067件，处置率99.18％，办理网民留言58件。"


def _hit(n: int, text: str, title: str) -> Hit:
    return Hit(Chunk(f"c{n}", f"d{n}", 0, "", text, 0, len(text)), 1.0, title, f"{n}.txt", DocumentMeta(title=title))


HITS = [
    _hit(1, PASSAGE, "宝安区城市管理局2023年工作总结"),
    _hit(2, "全年拆除违法建筑326处。", "龙岗区城市管理局2023年工作总结"),
]


@pytest.fixture
def endpoint():
    with fake_llm() as served:
        yield served


def extractive(refused: bool = False, note: str = "confidence 0.80") -> Answer:
    return Answer(QUESTION, "extractive", refused, notes=[note])


def ask(url: str, fallback: Answer, confidence: float = 0.9) -> tuple[Answer, str]:
    answer, consulted = llm_answer(QUESTION, HITS, Settings(llm_base_url=url, llm_model="qwen"), fallback, confidence)
    return answer, consulted.outcome


def test_an_answer_without_markers_is_shown_with_aligned_citations(endpoint):
    state, url = endpoint
    state["reply"] = "2023年宝安区数字化案件处置率为99.18％，共处置14067件。"
    answer, outcome = ask(url, extractive())
    assert outcome == "shown" and answer.answerer == "llm" and not answer.refused
    assert answer.text == "2023年宝安区数字化案件处置率为99.18％，共处置14067件[1]。"
    assert answer.citations[0].hit is HITS[0] and answer.related == [HITS[1]]


def test_the_prompt_numbers_the_passages_and_shows_a_worked_example(endpoint):
    state, url = endpoint
    state["reply"] = "处置率为99.18％[1]。"
    ask(url, extractive())
    messages = state["requests"][0]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "[1]" in messages[2]["content"]  # the example answer cites
    assert f"[1] 《{HITS[0].title}》\n{PASSAGE}" in messages[3]["content"] and QUESTION in messages[3]["content"]
    assert state["requests"][0]["max_tokens"] == Settings().llm_max_tokens


def test_an_invented_figure_falls_back_with_the_reason(endpoint):
    state, url = endpoint
    state["reply"] = "处置率为99.5％[1]。"
    answer, outcome = ask(url, extractive())
    assert outcome == "fallback" and answer.text == "extractive"
    assert any("99.5%" in note for note in answer.notes)


def test_an_invented_place_falls_back(endpoint):
    state, url = endpoint
    state["reply"] = "福田区数字化案件处置率为99.18％[1]。"
    answer, outcome = ask(url, extractive())
    assert outcome == "fallback" and answer.text == "extractive" and any("福田区" in n for n in answer.notes)


def test_a_refusal_does_not_override_a_confident_extractive_answer(endpoint):
    state, url = endpoint
    state["reply"] = "未在已收录的文件中找到。"
    answer, outcome = ask(url, extractive())
    assert outcome == "refused" and answer.text == "extractive" and not answer.refused
    assert any("LLM 认为段落中没有答案" in note for note in answer.notes)


def test_a_refusal_for_low_confidence_can_be_rescued(endpoint):
    state, url = endpoint
    state["reply"] = "2023年宝安区处置率为99.18％。"
    answer, outcome = ask(url, extractive(refused=True, note="low_confidence"))
    assert outcome == "shown" and not answer.refused and answer.answerer == "llm"


def test_when_the_llm_is_asked():
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_consult_above=0.2)
    assert should_consult(extractive(), 0.9, settings)
    assert should_consult(extractive(refused=True, note="low_confidence"), 0.5, settings)
    assert not should_consult(extractive(), 0.1, settings)  # retrieval found nothing likely
    assert not should_consult(extractive(refused=True, note="time_mismatch"), 0.9, settings)  # a named check stands
    assert not should_consult(extractive(), 0.9, Settings())  # no endpoint


def test_a_dead_endpoint_falls_back():
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_timeout_s=2)
    answer, consulted = llm_answer(QUESTION, HITS, settings, extractive(), 0.9)
    assert consulted.outcome == "failed" and answer.text == "extractive"
    assert "模型服务调用失败" in answer.notes[-1]


def test_tokens_stream_as_the_endpoint_sends_them(endpoint):
    state, url = endpoint
    state["reply"] = "处置率为99.18％[1]。"
    pieces = list(stream_tokens(QUESTION, HITS, Settings(llm_base_url=url)))
    assert len(pieces) > 1 and "".join(pieces) == state["reply"]
    assert state["requests"][0]["stream"] is True


def test_passages_in_the_prompt_are_the_ones_given():
    content = build_messages(QUESTION, HITS[:1])[-1]["content"]
    assert PASSAGE in content and HITS[1].chunk.text not in content
