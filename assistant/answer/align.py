"""Citations for a written answer, found after writing (as RAGFlow does) instead of trusted
from the writer: each sentence of an LLM's answer is matched to the passages it was given
by character-bigram overlap and by the figures they share. Markers the model wrote are a hint.

A sentence is kept only with a passage that supports it; then every figure in it must be a
value (with its unit) that a passage it cites states, and every place, body and year it
names must be named by a passage it cites or by the question. A sentence that resembles no
passage and claims nothing checkable is dropped; a figure or a name nothing supports rejects
the whole answer (it is invented, and the reader cannot tell which other sentences are)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answer.render import cited_text
from assistant.answer.verify import Quantity, quantities
from assistant.divisions import names_place
from assistant.models import Citation, Hit
from assistant.periods import read_months, read_years
from assistant.places import read_places
from assistant.question import read_bodies
from assistant.text import compact, to_simplified

# A sentence is supported when at least this share of its character bigrams is in one passage.
# Paraphrases by the 1.5B model measured 0.5–0.9 against their source, filler (综上所述…) < 0.3.
MIN_OVERLAP = 0.45
# A hinted passage (the model wrote its marker) needs a little less.
HINT_BONUS = 0.1
MAX_CITATIONS_PER_SENTENCE = 3

_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’\"）)]*)?")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the written answer, its markers removed, and the passages (0-based) it hinted."""

    text: str
    hints: tuple[int, ...]


@dataclass(frozen=True)
class Rejection:
    code: str  # invented | unsupported_number | unsupported_name
    detail: str  # what, in one line (logged, and shown as a note)


@dataclass
class Aligned:
    text: str  # the answer with a [n] after each kept sentence
    citations: list[Citation] = field(default_factory=list)
    kept: int = 0
    dropped: list[str] = field(default_factory=list)
    rejection: Rejection | None = None


def split_sentences(text: str, passages: int) -> list[Sentence]:
    """The sentences of ``text``, each with the passages its ``[n]`` markers name (n in 1..passages)."""
    sentences: list[Sentence] = []
    for line in text.splitlines():
        # A marker belongs to the sentence before it: move it in front of the sentence end.
        line = re.sub(r"([。！？；!?;])((?:\s*\[\d+\])+)", r"\2\1", line)
        for found in _SENTENCE.finditer(line):
            raw = found.group(0)
            hints = tuple(dict.fromkeys(int(n) - 1 for n in _MARKER.findall(raw) if 1 <= int(n) <= passages))
            body = _MARKER.sub("", raw).strip()
            if compact(body).strip("。！？；!?;，,、：:"):
                sentences.append(Sentence(body, hints))
    return sentences


def _bigrams(text: str) -> set[str]:
    folded = compact(to_simplified(text))
    return {folded[i : i + 2] for i in range(len(folded) - 1)}


def overlap(sentence: str, passage: str) -> float:
    """The share of the sentence's character bigrams that the passage has (0 to 1)."""
    wanted = _bigrams(sentence)
    return len(wanted & _bigrams(passage)) / len(wanted) if wanted else 0.0


def _supports(quantity: Quantity, stated: list[Quantity]) -> bool:
    return any(quantity.supported_by(s) for s in stated)


def _names_text(hit: Hit) -> str:
    meta = hit.meta
    extra = f" {meta.place} {meta.body_full} {' '.join(f'{y}年' for y in meta.years)}" if meta else ""
    return compact(to_simplified(cited_text(hit) + extra))


def unsupported_names(sentence: str, cited: list[Hit], question: str) -> list[str]:
    """Places, bodies and years ``sentence`` names that neither its cited passages (with their
    document's title, place, body and years) nor the question name."""
    said = [_names_text(h) for h in cited] + [compact(to_simplified(question))]
    missing = [p for p in read_places(sentence) if not any(names_place(t, p) for t in said)]
    bodies_said = {b for t in said for b in read_bodies(t)}
    missing += [b for b in read_bodies(sentence) if b not in bodies_said]
    years_said = {y for t in said for y in read_years(t)}
    missing += [f"{y}年" for y in read_years(sentence) if y not in years_said]
    return missing


_TIME_UNITS = frozenset({"年", "月", "日", "季度"})


def question_dates(question: str) -> list[Quantity]:
    """The dates the question names (22年, 8月): an answer may repeat them as the question wrote them."""
    return [q for q in quantities(question) if q.unit in _TIME_UNITS]


def _names(kind: str, text: str, value: str | int) -> bool:
    if kind == "place":
        return names_place(text, str(value))
    return value in (read_years(text) if kind == "year" else read_months(text))


def _misbound_figures(sentence: str, cited: list[Hit], figures: list[Quantity]) -> list[str]:
    """Figures of a sentence, or of one of its clauses, that names a place, year or month, stated
    only by cited passages about none of the places (years, months) it names: one place's or one
    month's figure given as another's ("21年9月查出182处，22年8月查出182处"), even when the
    question names the place or month."""
    wrong = _misbound_in(sentence, cited, figures)
    clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
    for clause in clauses if len(clauses) > 1 else []:
        wrong += [w for w in _misbound_in(clause, cited, quantities(clause)) if w not in wrong]
    return wrong


_CLAUSE = re.compile(r"[，,；;]")


def _misbound_in(sentence: str, cited: list[Hit], figures: list[Quantity]) -> list[str]:
    counts = [q for q in figures if q.unit not in _TIME_UNITS]
    texts = {h.chunk.chunk_id: _names_text(h) for h in cited}
    wrong: list[str] = []
    named_by_kind: tuple[tuple[str, tuple[str | int, ...]], ...] = (
        ("place", read_places(sentence)),
        ("year", read_years(sentence)),
        ("month", read_months(sentence)),
    )
    for kind, named in named_by_kind:
        if not named:
            continue
        about = [h for h in cited if any(_names(kind, texts[h.chunk.chunk_id], n) for n in named)]
        stated = [q for h in about for q in quantities(cited_text(h))]
        wrong += [q.text for q in counts if not _supports(q, stated) and q.text not in wrong]
    return wrong


def _choose(sentence: Sentence, hits: list[Hit], stated: list[list[Quantity]]) -> list[int]:
    """The passages (indexes) a sentence cites: the best match, then any needed for its figures."""
    scores = [
        overlap(sentence.text, cited_text(h)) + (HINT_BONUS if i in sentence.hints else 0.0) for i, h in enumerate(hits)
    ]
    order = sorted(range(len(hits)), key=lambda i: -scores[i])
    chosen = [order[0]] if order and scores[order[0]] >= MIN_OVERLAP else []
    for figure in quantities(sentence.text):
        if any(_supports(figure, stated[i]) for i in chosen):
            continue
        # The figure comes from a further passage: the best-matching one that states it.
        extra = next((i for i in order if _supports(figure, stated[i]) and scores[i] >= MIN_OVERLAP / 2), None)
        if extra is not None and len(chosen) < MAX_CITATIONS_PER_SENTENCE:
            chosen.append(extra)
    return chosen


def _best_span(sentence: str, hit: Hit) -> str:
    spans = [m.group(0).strip() for m in _SENTENCE.finditer(hit.chunk.text) if m.group(0).strip()]
    return max(spans, key=lambda s: overlap(sentence, s), default="")


def align(answer: str, hits: list[Hit], question: str) -> Aligned:
    """Cite each sentence of ``answer`` by the passages among ``hits`` that support it; drop
    sentences nothing supports; reject the answer over a figure or name nothing supports."""
    stated = [quantities(cited_text(h)) + question_dates(question) for h in hits]
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    lines: list[str] = []
    result = Aligned(text="")
    for sentence in split_sentences(answer, len(hits)):
        chosen = _choose(sentence, hits, stated)
        figures = quantities(sentence.text)
        if not chosen:
            # No passage resembles it: filler is dropped, but a figure or name that no passage
            # given states at all is invented.
            invented = [q.text for q in figures if not any(_supports(q, s) for s in stated)]
            invented += unsupported_names(sentence.text, hits, question)
            if invented:
                result.rejection = Rejection("invented", f"{'、'.join(invented)} 不在任何段落中：{sentence.text}")
                return result
            result.dropped.append(sentence.text)
            continue
        cited = [hits[i] for i in chosen]
        unsupported = [q.text for q in figures if not any(_supports(q, stated[i]) for i in chosen)]
        if unsupported:
            result.rejection = Rejection(
                "unsupported_number", f"数字 {'、'.join(unsupported)} 不在所引段落中：{sentence.text}"
            )
            return result
        names = unsupported_names(sentence.text, cited, question)
        misbound = _misbound_figures(sentence.text, cited, figures)
        if names or misbound:
            what = f"{'、'.join(names)} 不在所引段落中" if names else f"{'、'.join(misbound)} 不是所说地方或时间的数字"
            result.rejection = Rejection("unsupported_name", f"{what}：{sentence.text}")
            return result
        markers = []
        for i in chosen:
            key = hits[i].chunk.chunk_id
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(Citation(numbers[key], hits[i]))
            citation = citations[numbers[key] - 1]
            span = _best_span(sentence.text, hits[i])
            if span and span not in citation.spans:
                citation.spans.append(span)
            markers.append(f"[{numbers[key]}]")
        body = sentence.text.rstrip("。！？；!?;")
        end = sentence.text[len(body) :] or "。"
        lines.append(f"{body}{''.join(markers)}{end}")
        result.kept += 1
    result.text = "".join(lines)
    result.citations = citations
    return result
