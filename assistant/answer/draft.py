"""Drafting mode: a short structured draft for inspection material (迎检汇报), every
sentence cited, grouped under the headings it came from; exportable as .docx."""

from __future__ import annotations

import io
from collections import OrderedDict

from assistant.answer.candidates import candidates_of
from assistant.answer.cite import hit_citer
from assistant.answer.features import coverage
from assistant.answer.render import NOT_FOUND, NUMBERING
from assistant.models import Answer, Hit
from assistant.question import content_words
from assistant.text import compact, to_simplified


def compose_draft(topic: str, hits: list[Hit], *, max_sections: int = 5, per_section: int = 3) -> Answer:
    """Sections keyed by source heading, each with up to ``per_section`` cited sentences."""
    keywords = list(content_words(topic))
    weights = dict.fromkeys(keywords, 1.0)
    relevant = [
        h
        for h in hits
        if keywords and coverage(keywords, weights, compact(f"{h.title} {h.chunk.heading} {h.chunk.text}")) >= 0.34
    ]
    if not relevant:
        return Answer(question=topic, text=NOT_FOUND, refused=True, related=hits[:3], mode="draft")
    groups: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in relevant:
        section = hit.chunk.heading.split(" > ")[-1] if hit.chunk.heading else hit.title
        groups.setdefault(to_simplified(section), []).append(hit)
    citer = hit_citer()
    sections, lines, seen = [], [], set()
    for heading, group in list(groups.items())[:max_sections]:
        scored = []
        for rank, hit in enumerate(group):
            for sentence in candidates_of(hit, rank):
                if len(compact(sentence.text)) >= 12 and compact(sentence.text) not in seen:
                    score = coverage(keywords, weights, compact(sentence.text)) + (
                        0.2 if any(ch.isdigit() for ch in sentence.text) else 0
                    )
                    scored.append((score, sentence))
        scored.sort(key=lambda pair: -pair[0])
        picked = sorted((s for _, s in scored[:per_section]), key=lambda s: (s.rank, s.position))
        if not picked:
            continue
        items = []
        for sentence in picked:
            seen.add(compact(sentence.text))
            citation = citer.cite(sentence.hit)
            citation.spans.append(sentence.text)
            items.append({"text": to_simplified(sentence.text), "citation": citation.n})
        title = NUMBERING.sub("", heading)
        sections.append({"heading": title or heading, "source": group[0].title, "sentences": items})
        lines.append(f"{len(sections)}. {title or heading}")
        lines.extend(f"{item['text']}[{item['citation']}]" for item in items)
    return Answer(
        question=topic,
        text="\n".join(lines),
        refused=False,
        citations=citer.citations,
        mode="draft",
        sections=sections,
        related=[h for h in hits if h not in relevant][:3],
    )


def draft_docx(answer: Answer) -> bytes:
    """The draft as a Word document: sections, cited sentences, and the sources at the end."""
    import docx

    document = docx.Document()
    document.add_heading(answer.question, level=1)
    for section in answer.sections:
        document.add_heading(section["heading"], level=2)
        document.add_paragraph("".join(f"{s['text']}[{s['citation']}]" for s in section["sentences"]))
    document.add_heading("引用来源", level=2)
    for citation in answer.citations:
        hit = citation.hit
        document.add_paragraph(f"[{citation.n}] {hit.title}（{hit.source}）{hit.chunk.heading}：{hit.chunk.text}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
