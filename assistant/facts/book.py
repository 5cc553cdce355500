"""All facts of an index (plus criteria tables), searchable and comparable.

Facts are built once, by ingest: :func:`write_facts` extracts them from a new index generation
(criteria spreadsheets read with the table reader) and saves them in that generation's folder
before the ``CURRENT`` pointer names it. At query time :meth:`FactBook.from_store` only reads
them (once per generation): it never extracts and never writes. A generation without usable
facts (written by an older version) gives an empty book whose ``problem`` says to run
``assistant ingest``, which writes a new generation with them."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.facts.extract import extract_facts
from assistant.facts.model import Fact
from assistant.facts.table import TABLE_SUFFIXES, TableError, find_tables, load_criteria_table
from assistant.ingest.pipeline import file_hash
from assistant.models import Chunk, Document
from assistant.text import compact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Measure:
    """A quantity reports state in different words. ``strong`` words name it in a subject;
    ``core`` words let a fact whose *section* names it count when its subject says the action."""

    name: str
    strong: tuple[str, ...]
    core: tuple[str, ...] = ()


MEASURES: list[Measure] = [
    Measure("占道经营", ("占道经营", "占道", "马路市场", "出店经营")),
    Measure("店外经营", ("店外经营", "出店经营", "越门经营")),
    Measure(
        "数字化案件处置",
        ("数字化案件", "数字平台", "数字城管", "数字化城管", "数字化城市管理", "数字化平台"),
        ("处置", "案件", "结案", "办结"),
    ),
    Measure(
        "违建", ("违建", "违法建设", "违章建筑", "违法建筑", "拆违", "控违", "双违", "违章建设"), ("拆除", "拆", "销号")
    ),
    Measure("小广告", ("牛皮癣", "小广告", "乱涂乱画", "乱贴乱画", "野广告")),
    Measure("户外广告", ("户外广告", "广告牌", "门头", "店招", "牌匾")),
    Measure("公益广告", ("公益广告",)),
    Measure("违停", ("违停", "乱停乱放", "违规停放", "违法停车", "停车告知单")),
    Measure("停车泊位", ("停车泊位", "停车位", "泊位", "停车场")),
    Measure("公厕", ("公厕", "厕所", "公共卫生间")),
    Measure("垃圾分类", ("垃圾分类",)),
    Measure("生活垃圾", ("生活垃圾", "垃圾清运", "清运")),
    Measure("老旧小区", ("老旧小区",)),
    Measure("背街小巷", ("背街小巷", "背街后巷")),
    Measure("志愿服务", ("志愿者", "志愿服务", "志愿活动")),
    Measure("养犬", ("养犬", "流浪犬", "流浪狗", "犬")),
    Measure("油烟", ("油烟",)),
    Measure("燃气", ("燃气", "瓶改管", "液化气", "液化石油气", "天然气")),
    Measure("窨井盖", ("窨井", "井盖")),
    Measure("路灯", ("路灯", "亮化", "照明")),
    Measure("绿化", ("绿化", "口袋公园", "补植", "植树", "造林")),
    Measure("道路维修", ("道路", "路面", "坑洼", "坑槽", "人行道", "道牙")),
    Measure("信访", ("信访", "投诉", "市长热线", "网民留言", "热线")),
    Measure("建筑垃圾", ("建筑垃圾", "渣土")),
    Measure("非机动车", ("非机动车", "电动车")),
]


def find_measure(text: str) -> Measure:
    """The measure a user's word stands for (``违法建设`` → 违建); unknown words stand for themselves."""
    key = compact(text)
    for measure in MEASURES:
        if key == compact(measure.name) or key in (compact(w) for w in measure.strong):
            return measure
    for measure in MEASURES:
        if any(compact(w) in key for w in (measure.name, *measure.strong) if len(compact(w)) >= 2):
            return measure
    for measure in MEASURES:
        if any(key in compact(w) for w in (measure.name, *measure.strong)) and len(key) >= 2:
            return measure
    return Measure(text.strip(), tuple(w for w in re.split(r"[/／、,，\s]+", text.strip()) if w))


# Words too common to show that a result is about a target's subject.
_GENERIC = {
    "工作",
    "推进",
    "持续",
    "加强",
    "做好",
    "开展",
    "完成",
    "全面",
    "进一步",
    "提升",
    "提高",
    "管理",
    "建设",
    "创建",
    "城市",
    "全区",
    "我区",
    "我县",
    "全市",
    "我市",
    "各类",
    "相关",
    "重点",
    "积极",
    "继续",
    "深化",
    "强化",
    "加快",
    "加大",
    "落实",
    "抓好",
    "实施",
    "探索",
    "巩固",
    "聚焦",
    "坚持",
    "确保",
    "力争",
    "目标",
    "任务",
    "计划",
    "项目",
    "情况",
    "水平",
    "工作法",
    "日常",
    "常态化",
    "专项",
    "整治",
    "治理",
    "问题",
    "活动",
    "实现",
    "有序",
    "严格",
    "完善",
    "建立",
    "健全",
    "机制",
    "体系",
    "全力",
    "大力",
    "高标准",
    "高质量",
    "文明",
    "创文",
    "创城",
    "示范",
    "精细化",
    "切实",
    "扎实",
    "稳步",
    "不断",
    "及时",
    "年底",
    "年内",
    "下半年",
    "上半年",
    "今年",
    "明年",
    "全年",
    "以上",
    "方面",
    "有关",
    "哪些",
    "什么",
}


def _keywords(text: str) -> list[str]:
    """Content words of a text (jieba search tokens): no generic words, none that is only part
    of another kept or dropped word (半年 of 下半年, 燃气 of 燃气安全)."""
    from assistant.index.tokenize import tokens

    all_tokens = tokens(text)
    dropped = {t for t in all_tokens if t in _GENERIC}
    out = []
    for token in all_tokens:
        if len(token) < 2 or token in _GENERIC or token.isdigit() or token in out:
            continue
        out.append(token)
    return [t for t in out if not any(t != o and t in o for o in out) and not any(t != d and t in d for d in dropped)]


def keyword_in(keyword: str, haystack_compact: str) -> bool:
    """``燃气安全`` is in a text that says it, or says both 燃气 and 安全."""
    if keyword in haystack_compact:
        return True
    if len(keyword) < 4:
        return False
    from assistant.index.tokenize import tokens

    parts = [t for t in tokens(keyword) if t != keyword and len(t) >= 2]
    return bool(parts) and all(p in haystack_compact for p in parts) and sum(map(len, parts)) >= len(keyword)


def _doc_time(year: int | None, period: str) -> tuple[int, int] | None:
    """When a document's account ends: (year, 1) for a 上半年 report, else (year, 2)."""
    if year is None:
        return None
    return (year, 1 if period == "上半年" else 2)


@dataclass
class FactBook:
    facts: list[Fact]
    errors: list[str] = field(default_factory=list)  # criteria tables that could not be read
    generation: str = ""  # the index generation folder the facts come from
    _doc_periods: dict[str, str] = field(default_factory=dict, repr=False)
    problem: str = ""  # why the book is empty although the index is not (no facts saved with it)
    # doc_id → the signature of the document the facts were extracted from, and their positions
    # in ``facts`` (so that the next ingest reuses them for an unchanged document).
    _documents: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    # -- building (by ingest) -----------------------------------------------------------
    @classmethod
    def from_documents(
        cls,
        documents: Iterable[tuple[Document, list[Chunk]]],
        criteria_dir: str | Path | None = None,
        generation: str = "",
        *,
        tables: Mapping[str, Path] | None = None,
        previous: FactBook | None = None,
    ) -> FactBook:
        """The facts of ``documents``. A document whose ``doc_id`` is in ``tables`` is a criteria
        spreadsheet: its criteria are read from that file with the table reader (exact columns)
        instead of from its passages. The facts of a document that ``previous`` extracted from
        the same text and metadata are taken over. ``criteria_dir``: tables in a folder that are
        not documents of the index (their criteria are added; a table that is a document is read once)."""
        documents = list(documents)
        tables = dict(tables or {})
        facts: list[Fact] = []
        errors: list[str] = []
        if criteria_dir is not None:
            ingested = {document.content_hash: document.doc_id for document, _ in documents}
            for path in find_tables(criteria_dir):
                digest = file_hash(path)
                if digest in ingested:  # a document of the index: read once, below
                    tables.setdefault(ingested[digest], path)
                    continue
                try:
                    facts.extend(load_criteria_table(path))
                except TableError as exc:
                    errors.append(str(exc))
        periods: dict[str, str] = {}
        per_document: dict[str, dict[str, Any]] = {}
        for document, chunks in documents:
            periods[document.doc_id] = document.meta.period
            signature = _signature(document, tables.get(document.doc_id))
            found, problems = previous._facts_of(document.doc_id, signature) if previous is not None else (None, [])
            if found is None:
                found, problems = _document_facts(document, chunks, tables.get(document.doc_id))
            per_document[document.doc_id] = {
                "signature": signature,
                "facts": [len(facts), len(facts) + len(found)],
                "errors": problems,
            }
            facts.extend(found)
            errors.extend(problems)
        book = cls(facts, errors, generation, periods, _documents=per_document)
        book._mark_status()
        return book

    def _facts_of(self, doc_id: str, signature: str) -> tuple[list[Fact] | None, list[str]]:
        """Copies of the facts this book holds for an unchanged document (None: changed or new)."""
        entry = self._documents.get(doc_id)
        if entry is None or entry.get("signature") != signature:
            return None, []
        first, last = entry["facts"]
        return [Fact(**self.facts[i].to_dict()) for i in range(first, last)], list(entry.get("errors", []))

    # -- reading (at query time: never extracts, never writes) ---------------------------
    @classmethod
    def from_store(cls, store: Any, criteria_dir: str | Path | None = None) -> FactBook:
        """The facts that ingest saved with ``store``'s index generation, read once per store
        instance. Read-only: a generation without usable facts gives an empty book whose
        ``problem`` says so. ``criteria_dir`` is not used (kept for callers of the former API:
        the criteria tables that are documents of the index were read at ingest)."""
        with _CACHE_LOCK:
            cached = _CACHE.get(store)
        if cached is not None:
            return cached
        folder = getattr(store, "folder", None)
        saved = cls.load(Path(folder) / SAVED_NAME) if folder is not None else None
        if saved is not None:
            book = saved
        elif folder is None:  # the server store (PostgreSQL) keeps no facts yet: nothing to run
            book = cls([], problem=NO_FACTS_SERVER)
        else:
            log.warning("index generation %s has no facts of this version; run `assistant ingest`", folder)
            book = cls([], generation=str(folder), problem=NO_FACTS)
        with _CACHE_LOCK:
            return _CACHE.setdefault(store, book)

    # -- saved in an index generation -------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the book to ``path`` atomically and durably (ingest, before the generation is
        switched to). Raises OSError: an ingest whose facts cannot be written fails."""
        data = {
            "key": facts_version(),
            "facts": [f.to_dict() for f in self.facts],
            "errors": self.errors,
            "periods": self._doc_periods,
            "documents": self._documents,
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> FactBook | None:
        """The book saved at ``path`` by this version of the extractor, or None (missing, of
        other rules, or unreadable)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("key") != facts_version():
                return None
            facts = [Fact(**fact) for fact in data["facts"]]
            return cls(
                facts,
                list(data["errors"]),
                str(path.parent),
                dict(data["periods"]),
                _documents=dict(data.get("documents", {})),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("saved facts at %s not used: %s", path, exc)
            return None

    # -- target status ----------------------------------------------------------------------
    def _mark_status(self) -> None:
        """A target is ``done`` when a result in a document of the same body from the following
        year says it (by its keywords), ``open`` when a later document of that body does not,
        else ``unknown``. (A report five years on that names the same work is not evidence that
        this year's promise was kept; the next reports are.)

        Results are looked up through the targets' words (a two-character index over their
        texts, per body and year), so the cost grows with the matches, not with targets × results."""
        results = [f for f in self.facts if f.kind == "result" and not f.masked]
        texts = [compact(f"{r.subject} {r.section.split(' > ')[-1] if r.section else ''}") for r in results]
        times = [_doc_time(r.year, self._doc_periods.get(r.doc_id, "")) for r in results]
        doc_times: dict[str, dict[str, tuple[int, int]]] = {}  # body → doc_id → when its account ends
        for result, at in zip(results, times, strict=True):
            if at is not None:
                docs = doc_times.setdefault(result.body, {})
                docs[result.doc_id] = max(at, docs.get(result.doc_id, at))
        # Each body's two latest documents: enough to tell whether a target's body reported later.
        latest = {
            body: sorted(((at, doc) for doc, at in docs.items()), reverse=True)[:2] for body, docs in doc_times.items()
        }
        pairs: dict[tuple[str, int | None, str], list[int]] = {}
        for i, text in enumerate(texts):
            for pair in {text[j : j + 2] for j in range(len(text) - 1)}:
                pairs.setdefault((results[i].body, results[i].year, pair), []).append(i)
        containing: dict[tuple[str, int, str], set[int]] = {}

        def results_with(body: str, year: int, word: str) -> set[int]:
            key = (body, year, word)
            if key not in containing:
                containing[key] = {i for i in pairs.get((body, year, word[:2]), ()) if word in texts[i]}
            return containing[key]

        for target in (f for f in self.facts if f.kind == "target"):
            target.status, target.done_by = "unknown", []
            start = _doc_time(target.year, self._doc_periods.get(target.doc_id, ""))
            if start is None or not target.body:
                continue
            if not any(at > start and doc != target.doc_id for at, doc in latest.get(target.body, [])):
                continue
            target.status = "open"
            words = _keywords(target.subject)
            if not words:
                continue
            weight = sum(min(len(w), 4) for w in words)
            until = (start[0] + 1, start[1])
            found = (results_with(target.body, year, w) for year in (start[0], start[0] + 1) for w in words)
            for i in sorted(set[int]().union(*found)):
                at = times[i]
                if results[i].doc_id == target.doc_id or at is None or not start < at <= until:
                    continue
                hit = sum(min(len(w), 4) for w in words if w in texts[i])
                if hit / weight >= 0.6:
                    target.status = "done"
                    target.done_by.append(results[i].fact_id)

    # -- reading ------------------------------------------------------------------------------
    def query(
        self,
        kind: str | None = None,
        q: str | None = None,
        year: int | str | None = None,
        body: str | None = None,
        doc_id: str | None = None,
    ) -> list[Fact]:
        """Facts filtered by kind, words (all must occur; Traditional/Simplified and full/half
        width insensitive), year and issuing body."""
        terms = [compact(t) for t in re.split(r"\s+", q or "") if compact(t)]
        year_value = int(year) if year not in (None, "") and str(year).strip().isdigit() else None
        body_key = compact(body or "")
        out = []
        for fact in self.facts:
            if kind and fact.kind != kind:
                continue
            if year_value is not None and fact.year != year_value:
                continue
            if body_key and not (body_key in compact(fact.body) or (fact.body and compact(fact.body) in body_key)):
                continue
            if doc_id and fact.doc_id != doc_id:
                continue
            if terms:
                hay = _haystack(fact)
                if not all(t in hay for t in terms):
                    continue
            out.append(fact)
        return out

    def compare(self, measure: str) -> list[Fact]:
        """The results about one measure across documents (e.g. 占道经营: 003's ``约8000余处``,
        002's ``1900余处``), oldest document first, each in document order."""
        found = find_measure(measure)
        strong = [compact(w) for w in found.strong if compact(w)]
        core = [compact(w) for w in found.core]
        rows = []
        results = [f for f in self.facts if f.kind == "result" and not f.masked and f.value is not None]
        for fact in results:
            subject = compact(fact.subject)
            leaf = compact(fact.section.split(" > ")[-1]) if fact.section else ""
            if any(w in subject for w in strong) or (
                core and any(w in leaf for w in strong) and any(c in subject for c in core)
            ):
                rows.append(fact)
        # A figure whose subject names only an action (开展活动26次, 出动人员260余人次, 现场处罚70次)
        # is about the topic of its sentence: keep it with a matching figure of that sentence.
        matched = {(f.chunk_id, f.sentence) for f in rows}
        others = [compact(w) for m in MEASURES if m.name != found.name for w in m.strong if compact(w) not in strong]
        for fact in results:
            if fact in rows or (fact.chunk_id, fact.sentence) not in matched:
                continue
            if (
                _only_action(fact.subject)
                and not any(w in compact(fact.subject) for w in others)
                and not any(
                    _same_clause(fact, r) for r in rows if r.chunk_id == fact.chunk_id and r.sentence == fact.sentence
                )
            ):
                rows.append(fact)
        order = {id(f): i for i, f in enumerate(self.facts)}
        rows.sort(key=lambda f: (f.year or 0, f.doc_id, order[id(f)]))
        return rows

    def documents(self) -> list[dict[str, Any]]:
        """The documents that have facts, with counts per kind (for filters)."""
        seen: dict[str, dict[str, Any]] = {}
        for fact in self.facts:
            key = fact.doc_id or f"table:{fact.source}"
            entry = seen.setdefault(
                key,
                {
                    "doc_id": fact.doc_id,
                    "title": fact.title,
                    "source": fact.source,
                    "year": fact.year,
                    "body": fact.body,
                    "counts": {},
                },
            )
            entry["counts"][fact.kind] = entry["counts"].get(fact.kind, 0) + 1
        return list(seen.values())

    def years(self) -> list[int]:
        return sorted({f.year for f in self.facts if f.year})

    def bodies(self) -> list[str]:
        return sorted({f.body for f in self.facts if f.body})

    def by_id(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.fact_id == fact_id), None)


_ACTION_ONLY_OBJECTS = {"活动", "人员", "车辆", "行动", "人次", "车次", "次数", "队伍", "力量"}


def _only_action(subject: str) -> bool:
    """``开展活动`` / ``出动人员`` / ``现场处罚``: an action without an object of its own."""
    from assistant.facts.extract import _VERB

    rest = _VERB.sub("", compact(subject))
    for word in sorted(_ACTION_ONLY_OBJECTS | _GENERIC, key=len, reverse=True):
        rest = rest.replace(word, "")
    rest = re.sub(r"现场|累计|共|今年|已|各类|集中|常态化|开展", "", rest)
    return len(rest) <= 1


def _same_clause(a: Fact, b: Fact) -> bool:
    """Two figures of one clause (a list such as 占道经营8000余处、店外经营10600余处)."""
    return any(a.figure in clause and b.figure in clause for clause in re.split(r"[，,；;。：:]", a.sentence))


def _haystack(fact: Fact) -> str:
    parts = [
        fact.subject,
        fact.sentence,
        fact.item,
        fact.content,
        fact.standard,
        fact.method,
        fact.responsible,
        fact.section,
        fact.deadline,
        fact.figure,
        fact.title,
    ]
    return compact(" ".join(p for p in parts if p))


SAVED_NAME = "facts.json"
NO_FACTS = "此索引没有保存事实数据（由旧版本生成）；请运行 assistant ingest 更新索引。"
NO_FACTS_SERVER = "服务器模式（PostgreSQL）暂不保存事实数据：事实页为空，问答不受影响。"


@functools.lru_cache(maxsize=1)
def _extractor_version() -> str:
    """Changes whenever the extraction rules do: saved books of other rules are not used."""
    digest = hashlib.sha256(__version__.encode())
    for module in ("extract.py", "model.py", "book.py", "table.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def facts_version() -> str:
    """The version of the facts a generation must hold (recorded in its manifest as ``facts``)."""
    return _extractor_version()


def _signature(document: Document, table: Path | None) -> str:
    meta = document.meta
    parts = [
        document.doc_id,
        document.content_hash,
        document.source,
        meta.title,
        json.dumps(meta.years),
        meta.body,
        meta.body_full,
        meta.kind,
        meta.period,
        "table" if table is not None else "text",
    ]
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:24]


def _document_facts(document: Document, chunks: list[Chunk], table: Path | None) -> tuple[list[Fact], list[str]]:
    """The facts of one document (from its spreadsheet when ``table`` is given), and the reason
    its spreadsheet could not be read as a criteria table."""
    problems: list[str] = []
    if table is not None:
        try:
            return load_criteria_table(table, name=document.source), []
        except TableError as exc:  # not a criteria table: its rows are read as passages
            problems.append(str(exc))
    try:
        return extract_facts(document, chunks), problems
    except Exception:  # one odd document must not take the whole book down
        log.exception("fact extraction failed for %s", document.source)
        return [], problems


def _generation_documents(folder: Path) -> list[tuple[Document, list[Chunk]]]:
    """Every document of a generation folder with its passages, read from its SQLite file
    (without opening the vector and keyword indexes)."""
    from assistant.index.store import _chunk_from_row as chunk_from_row
    from assistant.index.store import _meta_from_row as meta_from_row

    db = sqlite3.connect(f"file:{folder / 'passages.sqlite'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        chunks: dict[str, list[Chunk]] = {}
        for row in db.execute("SELECT * FROM chunks ORDER BY doc_id, ordinal"):
            chunks.setdefault(row["doc_id"], []).append(chunk_from_row(row))
        return [
            (
                Document(
                    r["doc_id"],
                    r["source"],
                    r["path"],
                    r["text"],
                    meta_from_row(r),
                    r["content_hash"],
                    json.loads(r["notes"]),
                ),
                chunks.get(r["doc_id"], []),
            )
            for r in db.execute("SELECT * FROM documents ORDER BY path, doc_id")
        ]
    finally:
        db.close()


def _table_file(document: Document, sources: Mapping[str, Path]) -> Path | None:
    """The spreadsheet a document was read from, if it is still there with the same content."""
    if Path(document.source).suffix.lower() not in TABLE_SUFFIXES:
        return None
    path = sources.get(document.path) or Path(document.path)
    try:
        return path if path.is_file() and file_hash(path) == document.content_hash else None
    except OSError:
        return None


def write_facts(folder: Path, sources: Mapping[str, Path] | None = None, previous: Path | None = None) -> FactBook:
    """Extract the facts of the generation in ``folder`` and save them there (``facts.json``).

    Called by ingest (and by anything else that writes a generation) before ``CURRENT`` names
    the folder. ``sources`` maps file keys to the files read in this run (for criteria
    spreadsheets); ``previous`` is the generation before, whose facts of unchanged documents
    are taken over instead of being extracted again."""
    documents = _generation_documents(folder)
    sources = sources or {}
    tables = {d.doc_id: path for d, _ in documents if (path := _table_file(d, sources)) is not None}
    before = FactBook.load(previous / SAVED_NAME) if previous is not None else None
    book = FactBook.from_documents(documents, generation=str(folder), tables=tables, previous=before)
    book.save(folder / SAVED_NAME)
    return book


def facts_saved(folder: Path, manifest: Mapping[str, Any]) -> bool:
    """Whether the generation in ``folder`` holds facts of this version (without reading them)."""
    return manifest.get("facts") == facts_version() and (folder / SAVED_NAME).is_file()


_CACHE: weakref.WeakKeyDictionary[Any, FactBook] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def _tables_signature(criteria_dir: str | Path | None) -> tuple[Any, ...]:
    """The state of the criteria tables in a folder. No longer needed by the facts (read at
    ingest); kept for callers that still key a cache with it."""
    if criteria_dir is None:
        return ()
    signature: list[Any] = [str(Path(criteria_dir).resolve())]
    for path in find_tables(criteria_dir):
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)
