"""Polishing in the web app: the drafts of ``/api/ask`` (and its stream) and ``/api/draft.docx``
with ``polish`` (assistant/draft/polish.py does the polishing and its checks).

Asked for without an LLM configured, the draft comes back extractive with one note saying so.
The app keeps the last drafts it polished (:class:`PolishedDrafts`, on ``app.state``), so that the
.docx of a draft just shown is the polished text shown, without asking the model again."""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import replace

from fastapi import Request

from assistant.draft.polish import polish_draft
from assistant.models import Answer
from assistant.settings import Settings

NO_LLM_NOTE = "未能润色：服务器未配置大模型，以下为原文摘录"
POLISHING = "模型正在逐段润色草稿，写完后逐句核对数字和引用…"


class PolishedDrafts:
    """The last ``size`` drafts a server polished, by the extractive draft each was made from (its
    text, passages and the LLM): the .docx of a draft just shown is the same polished text, at
    once. Only the extractive draft, composed again for each request within the reader's
    knowledge bases, finds its polished version, so a reader gets nothing they could not see."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(answer: Answer, settings: Settings) -> str:
        passages = [(c.n, c.hit.chunk.chunk_id, c.hit.chunk.text) for c in answer.citations]
        what = [answer.text, passages, answer.sections, settings.llm_base_url, settings.llm_model]
        return hashlib.sha256(json.dumps(what, ensure_ascii=False, sort_keys=True).encode()).hexdigest()

    def holds(self, key: str) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: str) -> Answer | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
        return copy.deepcopy(found)

    def put(self, key: str, answer: Answer) -> None:
        with self._lock:
            self._items[key] = copy.deepcopy(answer)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def polish_asked(answer: Answer, settings: Settings, asked: bool) -> bool:
    """Whether the draft ``answer`` is to be polished: asked for (``asked``, or
    ``settings.draft_polish``), and a draft that was not refused."""
    return (asked or settings.draft_polish) and answer.mode == "draft" and not answer.refused


def goes_to_model(answer: Answer, settings: Settings, asked: bool, drafts: PolishedDrafts | None) -> bool:
    """Whether :func:`polish_for_reader` will send ``answer`` to the model (it has not polished it before)."""
    if not polish_asked(answer, settings, asked) or not settings.llm_base_url:
        return False
    return drafts is None or not drafts.holds(PolishedDrafts.key(answer, settings))


def polish_for_reader(
    answer: Answer,
    settings: Settings,
    asked: bool,
    drafts: PolishedDrafts | None = None,
    stop: threading.Event | None = None,
) -> Answer:
    """The draft the web shows when polishing is asked for (``asked``, or ``settings.draft_polish``):
    polished (from ``drafts`` when this very draft was polished before); without an LLM configured,
    the extractive draft with a note saying so. Anything else is ``answer`` unchanged."""
    if not polish_asked(answer, settings, asked):
        return answer
    if not settings.llm_base_url:
        return replace(answer, notes=[*answer.notes, NO_LLM_NOTE])
    key = PolishedDrafts.key(answer, settings)
    known = drafts.get(key) if drafts is not None else None
    if known is not None:
        return replace(known, question=answer.question, resolved_question=answer.resolved_question)
    polished, report = polish_draft(answer, settings, stop)
    if drafts is not None and not report.failed:
        drafts.put(key, polished)
    return polished


def polished_drafts(request: Request) -> PolishedDrafts:
    """The app's :class:`PolishedDrafts`, made on first use."""
    drafts: PolishedDrafts | None = getattr(request.app.state, "polished_drafts", None)
    if drafts is None:
        drafts = request.app.state.polished_drafts = PolishedDrafts()
    return drafts
