"""Index stage: embed passages and store them (FAISS + SQLite + BM25)."""
