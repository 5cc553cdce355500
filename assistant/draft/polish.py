"""Optional polishing of a finished extractive draft by an LLM (the OpenAI-compatible endpoint of
``assistant/answer/llm.py``), section by section.

Each section's sentences go to the model one a line, numbered, each ending with its ``[n]``; the
model returns them smoothed, one a line, numbered and cited the same way (a reply written as a
plain paragraph is split into sentences and taken in order when the count matches). Each
polished sentence is then verified on its own:

* it carries a citation the extractive section had, and none it did not;
* every figure in it is a value the passage it cites states (:func:`unsupported_numbers` on the
  text a citation shows), and it keeps every figure of its original (no fact reworded away);
* it keeps at least half of its original's character pairs (it smooths, it does not cut);
* it is Simplified Chinese and shows no masked figure (``*``).

A sentence that fails is replaced by its extractive original; a section whose reply cannot be
aligned at all stays extractive, as does the whole draft when the endpoint fails. Nothing changes
when no LLM is configured. A polished draft carries one note about polishing: the counts, or why
the endpoint failed (the web's use of it: ``assistant/web/draft_polish.py``)."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answer.llm import LlmFailed, chat
from assistant.answer.render import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.models import Answer, Citation
from assistant.settings import Settings
from assistant.text import compact, to_simplified

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "你是机关公文写作助手。用户给出一份工作汇报中某一部分的句子，每行一句，行首是序号，句末方括号里是出处编号。"
    "请逐句润色，使语句通顺、连贯、像正式汇报：可以调整语序，可以加“同时”“此外”等连接词，删去重复和口语化的词。"
    "要求：每句仍单独占一行，保留行首序号；句末照抄原来的出处编号，如[1]；"
    "数字、单位、地名、年份照抄原句，不要增加、删改或计算任何数字，不要增加原句没有的内容；用简体中文。"
    "只输出润色后的句子。"
)
# A worked example: a small model copies the shape of a reply better than it follows a rule.
EXAMPLE_USER = (
    "部分：主要做法和成效\n"
    "1. 全年共清理乱张贴小广告1.2万处，清理率达98%。[1]\n"
    "2. 开展了占道经营专项整治，取缔流动摊点326处。[2]"
)
EXAMPLE_REPLY = (
    "1. 全年共清理乱张贴小广告1.2万处，清理率达98%。[1]\n2. 同时，深入开展占道经营专项整治，取缔流动摊点326处。[2]"
)
NOTE = "LLM 润色：{polished} 句经核验采用润色稿（其中 {unchanged} 句与原文相同），{kept} 句未通过核验，保留原文摘录"
FAILED_NOTE = "未能润色：模型服务调用失败（{reason}），以下为原文摘录"
PARTLY_NOTE = "润色未完成：模型服务调用失败（{reason}），{polished} 句经核验采用润色稿，其余 {kept} 句保留原文摘录"
STOPPED = "stopped"  # PolishReport.failed when the reader stopped it
# Why the endpoint failed (llm.LlmFailed carries the exception's type), for the reader.
_FAILURES = {
    "ConnectError": "无法连接",
    "ConnectTimeout": "连接超时",
    "ReadTimeout": "等待超时",
    "WriteTimeout": "等待超时",
    "PoolTimeout": "等待超时",
    "HTTPStatusError": "服务返回错误",
    "RemoteProtocolError": "连接中断",
    "ReadError": "连接中断",
    STOPPED: "已停止",
}
_LINE = re.compile(r"^\s*(\d{1,2})\s*[.．、:：)）]\s*(.+?)\s*$")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?(?:\s*\[\d{1,3}\])*")
# A polished sentence keeps at least this share of its original's character pairs: smoothing
# adds connectives and moves words, it does not leave out what the sentence says.
MIN_KEPT = 0.5
_TOKENS_PER_CHAR = 1.5  # room for the reply: Qwen's tokenizer takes about one token per Chinese character


@dataclass
class PolishReport:
    """What polishing did to one draft: sentences taken polished, kept extractive (and why)."""

    polished: int = 0  # taken from the model, verified
    unchanged: int = 0  # of those, the same words as the original (width and spacing aside)
    kept: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # why sentences were kept extractive
    seconds: float = 0.0
    failed: str = ""  # the endpoint failed: the whole draft stays extractive

    def keep(self, reason: str, count: int = 1) -> None:
        self.kept += count
        self.reasons[reason] = self.reasons.get(reason, 0) + count

    @property
    def note(self) -> str:
        """The draft's one note about polishing: the counts, or why the endpoint failed."""
        if self.failed:
            reason = _FAILURES.get(self.failed, "回复无法读取")
            if self.polished:
                return PARTLY_NOTE.format(reason=reason, polished=self.polished, kept=self.kept)
            return FAILED_NOTE.format(reason=reason)
        return NOTE.format(polished=self.polished, unchanged=self.unchanged, kept=self.kept)


def section_lines(heading: str, sentences: list[dict[str, Any]]) -> str:
    """The user message for one section: its sentences numbered, one a line, each with its ``[n]``."""
    body = "\n".join(f"{i}. {s['text']}[{s['citation']}]" for i, s in enumerate(sentences, start=1))
    return f"部分：{_bare(heading)}\n{body}"


def build_messages(heading: str, sentences: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": EXAMPLE_USER},
        {"role": "assistant", "content": EXAMPLE_REPLY},
        {"role": "user", "content": section_lines(heading, sentences)},
    ]


def _bare(heading: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])", "", heading)


def align_reply(reply: str, count: int) -> list[str | None] | None:
    """The polished text for each of ``count`` sentences (None: not in the reply), or None when
    the reply cannot be aligned at all. Numbered lines are taken by their number; a reply
    without them is split into sentences, taken in order only when there are exactly ``count``."""
    numbered: dict[int, str] = {}
    for line in reply.splitlines():
        found = _LINE.match(line)
        if found and 1 <= int(found.group(1)) <= count and int(found.group(1)) not in numbered:
            numbered[int(found.group(1))] = found.group(2)
    if numbered:
        return [numbered.get(i) for i in range(1, count + 1)]
    sentences = [s.strip() for s in _SENTENCE.findall(reply) if s.strip(" \t\n。！？!?")]
    return list[str | None](sentences) if len(sentences) == count else None


def _pairs(text: str) -> set[str]:
    plain = re.sub(r"[^\w]", "", compact(text))
    return {plain[i : i + 2] for i in range(len(plain) - 1)}


def kept_share(original: str, polished: str) -> float:
    """The share of ``original``'s character pairs (bigrams) that ``polished`` still has."""
    pairs = _pairs(original)
    return len(pairs & _pairs(polished)) / len(pairs) if pairs else 1.0


def check_sentence(polished: str, original: dict[str, Any], by_n: dict[int, Citation], allowed: set[int]) -> str:
    """Why ``polished`` (the model's sentence, with its ``[n]``) cannot replace ``original``;
    "" when it can. ``allowed``: the citations the extractive section had."""
    markers = [int(m) for m in _MARKER.findall(polished)]
    text = _MARKER.sub("", polished).strip()
    if not text.rstrip("。！？!?；;，, "):
        return "empty"
    if not markers or any(m not in allowed for m in markers):
        return "citation"
    citation = by_n[original["citation"]] if original["citation"] in markers else by_n[markers[0]]
    if unsupported_numbers(text, [cited_text(citation.hit)]):
        return "number"
    if unsupported_numbers(original["text"], [text]):
        return "figure_dropped"
    if kept_share(original["text"], text) < MIN_KEPT:
        return "content_dropped"
    if to_simplified(text) != text:
        return "traditional"
    if "*" in text or "＊" in text:
        return "masked"
    return ""


def _accepted(polished: str, original: dict[str, Any]) -> dict[str, Any]:
    """The sentence record of an accepted polished sentence: shown with the one citation of its
    original when it kept it, else its first (the one its figures were verified against)."""
    markers = [int(m) for m in _MARKER.findall(polished)]
    citation = original["citation"] if original["citation"] in markers else markers[0]
    text = _MARKER.sub("", polished).strip()
    if text[-1] not in "。！？!?":
        text = text.rstrip("，,；;、 ") + "。"
    return {"text": text, "citation": citation, "polished": True, "original": original["text"]}


def polish_section(
    section: dict[str, Any], reply: str, by_n: dict[int, Citation], report: PolishReport
) -> list[dict[str, Any]]:
    """The section's sentences after polishing with the model's ``reply``: each polished one that
    verifies, else its original (marked ``polished: False``)."""
    originals: list[dict[str, Any]] = section["sentences"]
    allowed = {s["citation"] for s in originals}
    aligned = align_reply(reply, len(originals))
    if aligned is None:
        log.warning("draft polishing: reply not aligned with %d sentences: %s", len(originals), reply[:200])
        report.keep("unaligned", len(originals))
        return [s | {"polished": False} for s in originals]
    out: list[dict[str, Any]] = []
    for polished, original in zip(aligned, originals, strict=True):
        why = "missing" if polished is None else check_sentence(polished, original, by_n, allowed)
        if polished is None or why:
            report.keep(why)
            out.append(original | {"polished": False})
        else:
            accepted = _accepted(polished, original)
            report.polished += 1
            report.unchanged += compact(accepted["text"]) == compact(original["text"])
            out.append(accepted)
    return out


def _paragraph(sentences: list[dict[str, Any]]) -> str:
    return "".join(f"{s['text']}[{s['citation']}]" for s in sentences)


def polish_draft(
    answer: Answer, settings: Settings, stop: threading.Event | None = None
) -> tuple[Answer, PolishReport]:
    """``answer`` (a finished extractive draft) with each section polished by the LLM of
    ``settings`` where the result verifies; unchanged when no LLM is configured, the draft was
    refused, or the endpoint fails (then with a note saying so). ``stop`` set (the reader left or
    pressed 停止) leaves the sections not yet sent extractive."""
    report = PolishReport()
    if not settings.llm_base_url or answer.mode != "draft" or answer.refused:
        return answer, report
    started = time.perf_counter()
    by_n = {c.n: c for c in answer.citations}
    lines = answer.text.split("\n")
    sections: list[dict[str, Any]] = []
    for section in answer.sections:
        if stop is not None and stop.is_set() and not report.failed:
            report.failed = STOPPED
        if not section.get("sentences") or report.failed:
            if section.get("sentences"):
                report.keep("failed", len(section["sentences"]))
            sections.append(section)
            continue
        old = _paragraph(section["sentences"])
        chars = sum(len(s["text"]) + 6 for s in section["sentences"])
        max_tokens = max(settings.llm_max_tokens, int(chars * _TOKENS_PER_CHAR) + 32)
        try:
            reply = chat(build_messages(section["heading"], section["sentences"]), settings, max_tokens)
        except LlmFailed as exc:
            log.warning("draft polishing: endpoint failed: %s", exc)
            report.failed = str(exc)
            report.keep("failed", len(section["sentences"]))
            sections.append(section)
            continue
        new = section | {"sentences": polish_section(section, reply, by_n, report)}
        sections.append(new)
        if old in lines:
            lines[lines.index(old)] = _paragraph(new["sentences"])
    report.seconds = time.perf_counter() - started
    notes = [*answer.notes, report.note]
    answerer = "llm" if report.polished else answer.answerer
    return replace(answer, text="\n".join(lines), sections=sections, notes=notes, answerer=answerer), report


def maybe_polish(answer: Answer, settings: Settings, asked: bool = False) -> Answer:
    """The draft as shown: polished when asked for (``asked``, or ``settings.draft_polish``) and an
    LLM is configured; otherwise ``answer`` unchanged."""
    if not (asked or settings.draft_polish) or not settings.llm_base_url:
        return answer
    return polish_draft(answer, settings)[0]
