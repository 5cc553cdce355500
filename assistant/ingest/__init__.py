"""Ingest stage: load files, clean their text, split them into passages with heading paths."""
