"""HTML files are decoded once: an escaped entity in the source stays the text it shows."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.load import load_file

LIMIT = 10_000_000


def _load(tmp_path: Path, markup: str) -> str:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    return load_file(path, LIMIT).text


def test_an_escaped_entity_is_decoded_once(tmp_path):
    # The page shows the reader "&lt;script&gt;" (the markup writes its ampersand as &amp;).
    text = _load(
        tmp_path, "<html><body><p>示例：&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</p></body></html>"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>" not in text


def test_entities_become_their_characters(tmp_path):  # a guard: held before the fix too
    text = _load(tmp_path, "<p>A &amp; B &lt;b&gt; &#20844;&#21476; &quot;引号&quot;&nbsp;x</p>")
    assert 'A & B <b> 公古 "引号"\xa0x' in text


def test_the_title_is_decoded_once_too(tmp_path):  # a guard: held before the fix too
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>创文 &amp;amp; 城管</title></head><body><p>正文</p></body></html>", encoding="utf-8"
    )
    assert load_file(path, LIMIT).title_hint == "创文 &amp; 城管"
