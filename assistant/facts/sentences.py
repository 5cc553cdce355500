"""Reading a passage: its Simplified form, its sentences and clauses, and the subject cut out
of a span (without adverbs, fillers, plan markers and dates).

Matching runs on the Simplified form of the text, which has the same length as the original
(OpenCC is applied character by character when needed), so every subject, figure and
sentence is cut from the original text and keeps its script and wording."""

from __future__ import annotations

import re

from assistant.facts.verbs import VERB
from assistant.text import to_simplified

_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’\"）)]*|$)")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")


# Adverbs and fillers dropped from a subject (anywhere / at its start).
_DROP_ANYWHERE = re.compile(r"截至目前|截止目前|截至\d{1,2}月\d{1,2}日|截止\d{1,2}月\d{1,2}日|目前|现已|已经|已")
DROP_LEADING = re.compile(
    r"^(?:[，,、；;：:（(）)\s]|共计|共|累计|合计|总计|另有|另|其中|分别|先后|均|全部|全面|同时|此外|并且|并|及|和|与|以及|"
    r"截至|截止|今年以来|今年|上半年|下半年|全年|年内|(?:19|20)\d{2}年(?:以来)?|[一二三四五六七八九十]+[是要](?=\S)|"
    r"[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|等|的)+"
)
_DROP_TRAILING = re.compile(r"(?:[，,、；;：:（(\s。！？!?]|的|等|及|和|在|达到|达|了|均|共计|共|累计)+$")
# Plan markers and dates, dropped from what a subject or a task is about.
MARKER_WORDS = re.compile(
    r"(?:决定|计划|力争|确保|预计|争取|(?<!模)拟)(?:在|于|到)?|(?:19|20)\d{2}年(?:底|末)?(?:前)?|年底前|年底|年内|今年|下半年|"
    r"[0-9０-９*＊]{1,2}月(?:[0-9０-９]{1,2}日)?(?:底|初|末|中旬|上旬|下旬|中下旬|份)?(?:前)?"
)


def simplified_aligned(text: str) -> str:
    """Simplified Chinese of ``text`` with the same length (so offsets map 1:1)."""
    simple = to_simplified(text)
    if len(simple) == len(text):
        return simple
    out = []
    for ch in text:
        converted = to_simplified(ch)
        out.append(converted if len(converted) == 1 else ch)
    return "".join(out)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, without surrounding white space."""
    spans = []
    for found in _SENTENCE.finditer(text):
        s, e = found.start(), found.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def clause_spans(simple: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of [start, end): split at commas, semicolons and colons
    that are not inside brackets or quotes."""
    spans, s = [], start
    depth = 0
    for i in range(start, end):
        ch = simple[i]
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”" and depth:
            depth -= 1
        elif depth == 0 and _CLAUSE_SPLIT.match(ch):
            if i > s:
                spans.append((s, i))
            s = i + 1
    if end > s:
        spans.append((s, end))
    return spans


def cut_subject(original: str, simple: str, start: int, end: int, *, verb_prefix: str = "") -> str:
    """The original text of [start, end) without adverbs and fillers (a subject)."""
    if end <= start:
        return verb_prefix
    piece_s = simple[start:end]
    keep = [True] * (end - start)
    for found in _DROP_ANYWHERE.finditer(piece_s):
        for i in range(found.start(), found.end()):
            keep[i] = False
    kept_simple = "".join(c for c, k in zip(piece_s, keep, strict=False) if k)  # end may pass the text
    kept_orig = "".join(c for c, k in zip(original[start:end], keep, strict=False) if k)
    lead = DROP_LEADING.match(kept_simple)
    if lead and lead.end():
        kept_simple, kept_orig = kept_simple[lead.end() :], kept_orig[lead.end() :]
    trail = _DROP_TRAILING.search(kept_simple)
    if trail and trail.start() < len(kept_simple):
        kept_simple, kept_orig = kept_simple[: trail.start()], kept_orig[: trail.start()]
    kept_orig = _balance(kept_orig)
    if verb_prefix and kept_orig and not VERB.search(to_simplified(kept_orig)):
        return verb_prefix + kept_orig
    return kept_orig


def _balance(text: str) -> str:
    """Drop an unmatched bracket or quote left at either end of a cut."""
    pairs = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】"}
    for opening, closing in pairs.items():
        if text.count(opening) > text.count(closing) and text.endswith(opening):
            text = text[:-1]
        if text.count(opening) > text.count(closing) and text.startswith(opening):
            text = text[1:]
        if text.count(closing) > text.count(opening) and text.endswith(closing):
            text = text[:-1]
        if text.count(closing) > text.count(opening) and text.startswith(closing):
            text = text[1:]
    return text.strip()


def strip_marker_words(text: str) -> str:
    """``text`` without plan markers, dates and leading fillers (``力争年底前完成…`` → ``完成…``)."""
    simple = simplified_aligned(text)
    keep = [True] * len(text)
    for found in MARKER_WORDS.finditer(simple):
        for i in range(found.start(), found.end()):
            keep[i] = False
    out = "".join(c for c, k in zip(text, keep, strict=True) if k)
    out = DROP_LEADING.sub("", out) if DROP_LEADING.match(simplified_aligned(out)) else out
    return _balance(out.strip("，,、 "))


def shorten_subject(subject: str, limit: int = 40) -> str:
    """A long subject keeps its action and what it counts (``开展…等巾帼志愿服务活动``)."""
    if len(subject) <= limit:
        return subject
    verb = VERB.search(to_simplified(subject))
    if verb and len(subject) - verb.start() <= limit:
        return subject[verb.start() :]
    head = subject[verb.start() : verb.end()] if verb else ""
    return head + "…" + subject[-(limit - len(head) - 1) :]
