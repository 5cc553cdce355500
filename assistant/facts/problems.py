"""Problems: the numbered items under 存在问题 / 问题和不足 headings, one fact each (titled by
the item's heading); in such a section without numbered items, its sentences."""

from __future__ import annotations

from assistant.facts.collector import FactCollector
from assistant.facts.outline import heading_components, is_heading_sentence, strip_leading_headings, title_of
from assistant.facts.sentences import simplified_aligned
from assistant.facts.targets import action_clause
from assistant.models import Chunk
from assistant.text import compact


def problem_facts(
    collector: FactCollector,
    groups: dict[tuple[str, ...], list[tuple[Chunk, int, int]]],
    loose: list[tuple[Chunk, int, int, tuple[str, ...]]],
) -> None:
    """One fact per numbered problem (subject = its title, sentence = its text in the first
    passage that holds it); a section without numbered items: one per sentence."""
    for key, sentences in groups.items():
        chunk = sentences[0][0]
        spans = [(s, e) for c, s, e in sentences if c.chunk_id == chunk.chunk_id]
        body = chunk.text[spans[0][0] : spans[-1][1]].strip()
        collector.add("problem", chunk, body, subject=title_of(key[-1]))
    if groups:
        return
    for chunk, s, e, path in loose:  # no numbered items: each sentence after the introduction
        components = list(path) + heading_components(chunk.heading)
        text = chunk.text
        simple = simplified_aligned(text)
        sentence = text[s:e]
        if is_heading_sentence(sentence, components) or sentence.rstrip().endswith(("：", ":")):
            continue
        start = strip_leading_headings(text, simple, s, e, components)
        if len(compact(simple[start:e])) < 8:
            continue
        collector.add("problem", chunk, sentence, subject=action_clause(text, simple, start, e))
