"""Text files and web pages: the encodings offices write (UTF-8 with or without BOM, UTF-16 with
BOM, GB18030/GBK, else detection) and the visible text of an HTML file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from assistant.ingest.errors import IngestError, LoadedFile


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise IngestError(path, "binary content (NUL bytes), not a text file")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text, own_characters=encoding == "utf-8"):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if looks_like_text(text):
            return text
    raise IngestError(path, "unknown or mixed text encoding (tried UTF-8, GB18030 and detection)")


def looks_like_text(text: str, *, own_characters: bool = False) -> bool:
    """Few control characters, and (unless ``own_characters``) few replacement or private-use ones.
    Private-use characters are what Big5 (and other non-GBK) bytes become when read as GB18030:
    real text hardly has any, mis-decoded text is full of them. Strictly valid UTF-8 has no such
    mistakes: a "�" in it is the page's own character (``own_characters``)."""
    if not text:
        return True
    sample = text[:20000]
    bad = sum(
        1
        for ch in sample
        if (ord(ch) < 32 and ch not in "\n\r\t\f")
        or (not own_characters and (ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff"))
    )
    return bad / len(sample) < 0.01


class _HTMLText(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}
    )
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag in {"td", "th"}:
            self.parts.append("　")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def html_text(path: Path, data: bytes) -> LoadedFile:
    """The visible text of an HTML file. Character references are decoded once, by the parser
    (``convert_charrefs``): ``&amp;lt;`` is the text ``&lt;``, never ``<``."""
    parser = _HTMLText()
    parser.feed(decode_text(data, path))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return LoadedFile(path, text, title_hint=parser.title.strip())
