"""Faithfulness check: every number in an answer must appear in a passage it cites."""

from __future__ import annotations

import re

from assistant.text import compact

# A figure as users see it: digits with decimal point or thousands separators, optionally
# followed by %/％ or a Chinese magnitude; Chinese numerals are checked as plain text.
_NUMBER = re.compile(r"\d+(?:[.,，]\d+)*\s*(?:%|％|‰|万|亿)?")


_LIST_LABEL = re.compile(r"(?m)^\s*\d{1,2}[.．、]\s*")


def numbers_in(text: str) -> list[str]:
    """The figures written in ``text`` (normalised: half-width, no spaces)."""
    return [compact(m.group(0)).rstrip(",") for m in _NUMBER.finditer(text)]


def _citation_markers(text: str) -> set[str]:
    return set(re.findall(r"\[(\d+)\]", text))


def unsupported_numbers(answer_text: str, cited_texts: list[str]) -> list[str]:
    """Numbers in the answer (citation markers excluded) that no cited passage contains."""
    body = re.sub(r"\[\d+\]", "", answer_text)
    body = _LIST_LABEL.sub("", body)  # "1. …" numbering of an answer's own list is not a claim
    support = compact(" ".join(cited_texts))
    missing = []
    for number in numbers_in(body):
        digits = number.rstrip("%‰万亿")
        if number not in support and digits not in support:
            missing.append(number)
    return missing
