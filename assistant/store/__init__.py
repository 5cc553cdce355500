"""Where documents, passages, vectors, keywords and facts live: one interface (``base``) and two
implementations, the embedded default (``embedded``: SQLite + FAISS + bm25s in a folder) and
the server store (``postgres``: PostgreSQL + pgvector, imported only when configured)."""
