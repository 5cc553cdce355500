"""Keyword tokens for BM25: jieba over normalised text, with our domain dictionary."""

from __future__ import annotations

import functools
import logging
import re
from importlib import resources

import jieba

from assistant.text import normalize

_STOP = {
    "的",
    "了",
    "和",
    "与",
    "及",
    "是",
    "在",
    "对",
    "等",
    "将",
    "把",
    "被",
    "为",
    "有",
    "也",
    "都",
    "就",
    "而",
    "并",
    "或",
    "之",
    "其",
    "这",
    "那",
    "个",
    "中",
    "上",
    "下",
    "于",
    "以",
    "由",
    "从",
    "到",
    "我",
    "我们",
    "你",
    "他",
    "她",
    "它",
    "吗",
    "呢",
    "吧",
    "啊",
    "多少",
    "什么",
    "怎么",
    "如何",
    "哪些",
    "哪个",
    "是否",
    "请问",
}
_KEEP = re.compile(r"[\w%.]+")


@functools.lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    with resources.files("assistant.resources").joinpath("domain_terms.txt").open("r", encoding="utf-8") as fh:
        tok.load_userdict(fh)
    return tok


def in_dictionary(word: str) -> bool:
    """jieba's dictionary (with ours) holds ``word``: it was not put together by its model of
    unknown words from characters its dictionary does not join."""
    tokenizer = _tokenizer()
    tokenizer.check_initialized()
    return bool(tokenizer.FREQ.get(word))


def tokens(text: str, normalized: bool = False) -> list[str]:
    """Search-mode jieba tokens of the normalised text, without punctuation and stop words."""
    norm = text if normalized else normalize(text)
    out = []
    for token in _tokenizer().lcut_for_search(norm):
        token = token.strip()
        if token and token not in _STOP and _KEEP.fullmatch(token):
            out.append(token)
    return out
