"""The keyword index of the PostgreSQL store: jieba tokens of each passage, ranked in SQL.

Two rankings over the same tokens, chosen by ``settings.pg_keyword_ranking``:

* ``bm25``: Lucene's BM25 (k1 = 1.5, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5))),
  the formula the embedded store's bm25s uses, over ``chunk_terms`` (term, passage, count),
  the score rounded to float32 as bm25s computes it, equal scores by passage (as that store);
* ``ts_rank``: PostgreSQL's ``ts_rank`` over a ``simple`` tsvector of the same tokens.

``bench/README.md`` compares them on the development questions."""

from __future__ import annotations

from collections import Counter
from typing import Any

K1 = 1.5
B = 0.75


def term_rows(chunk: int, tokens: list[str]) -> list[tuple[str, int, int, int]]:
    """``chunk_terms`` rows of one passage: (term, passage, count, passage length)."""
    length = max(1, len(tokens))
    return [(term, chunk, count, length) for term, count in Counter(tokens).items()]


def _quoted(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(tokens: list[str]) -> str:
    """The tokens as a tsvector literal with positions (so ``ts_rank`` sees repeated words);
    quoted, so that a token with punctuation stays one lexeme."""
    positions: dict[str, list[int]] = {}
    for place, token in enumerate(tokens[:16_000], start=1):  # positions stop at 16383
        positions.setdefault(token, []).append(place)
    return " ".join(f"{_quoted(t)}:{','.join(map(str, p))}" for t, p in positions.items())


def tsquery_literal(tokens: list[str]) -> str:
    return " | ".join(_quoted(t) for t in dict.fromkeys(tokens))


_BM25 = f"""
WITH q AS (SELECT term, count(*) AS qtf FROM unnest(%(terms)s::text[]) AS term GROUP BY term),
stats AS (SELECT count(*)::float8 AS n, greatest(avg(token_count), 1)::float8 AS avg_len FROM chunks),
df AS (SELECT ct.term, count(*)::float8 AS df FROM chunk_terms ct JOIN q USING (term) GROUP BY ct.term)
SELECT ct.chunk, sum(q.qtf * ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
                     * ct.tf / (ct.tf + {K1} * (1 - {B} + {B} * ct.doc_len / stats.avg_len)))::real AS score
FROM chunk_terms ct JOIN q USING (term) JOIN df USING (term) CROSS JOIN stats
WHERE %(ids)s::bigint[] IS NULL OR ct.chunk = ANY(%(ids)s::bigint[])
GROUP BY ct.chunk ORDER BY score DESC, ct.chunk LIMIT %(k)s
"""

_TS_RANK = """
SELECT id, ts_rank(tsv, query) AS score FROM chunks, (SELECT %(query)s::tsquery AS query) AS q
WHERE tsv @@ query AND (%(ids)s::bigint[] IS NULL OR id = ANY(%(ids)s::bigint[]))
ORDER BY score DESC, id LIMIT %(k)s
"""


def bm25_search(conn: Any, tokens: list[str], k: int, ids: list[int] | None) -> list[tuple[int, float]]:
    rows = conn.execute(_BM25, {"terms": tokens, "ids": ids, "k": k}).fetchall()
    return [(int(chunk), float(score)) for chunk, score in rows if score > 0]


def ts_rank_search(conn: Any, tokens: list[str], k: int, ids: list[int] | None) -> list[tuple[int, float]]:
    rows = conn.execute(_TS_RANK, {"query": tsquery_literal(tokens), "ids": ids, "k": k}).fetchall()
    return [(int(chunk), float(score)) for chunk, score in rows if score > 0]
