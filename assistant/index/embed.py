"""Sentence embeddings from a local sentence-transformers folder, loaded offline."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.model_files import E5_SMALL_NAME, ModelUnavailable, prepare_e5_small
from assistant.settings import Settings


def resolve_model_dir(settings: Settings) -> Path:
    """The folder of the configured model: the built-in e5-small, or a local path."""
    if settings.model == E5_SMALL_NAME:
        return prepare_e5_small(settings.model_cache_dir)
    path = Path(settings.model).expanduser()
    if not (path / "modules.json").exists() and not (path / "config.json").exists():
        raise ModelUnavailable(
            f"model '{settings.model}' is neither the built-in '{E5_SMALL_NAME}' nor a local "
            "sentence-transformers folder (no modules.json/config.json there)"
        )
    return path


def _fingerprint(folder: Path) -> str:
    """A short identity of the weights: enough to refuse an index built by another model."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.suffix in {".safetensors", ".bin", ".json"}):
        file = folder / name
        digest.update(name.encode())
        digest.update(str(file.stat().st_size).encode())
        with file.open("rb") as fh:
            digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


class Embedder:
    """Encodes queries and passages; e5-style models get their ``query: ``/``passage: `` prefixes."""

    def __init__(self, settings: Settings):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        # transformers' logging helpers carry no type information.
        hf_logging: Any = importlib.import_module("transformers.utils.logging")
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        torch.set_num_threads(settings.torch_threads or max(1, os.cpu_count() or 1))
        self.folder = resolve_model_dir(settings)
        self.name = settings.model
        self.batch_size = settings.embed_batch_size
        self._model = SentenceTransformer(str(self.folder), device="cpu", local_files_only=True)
        self._model.max_seq_length = min(self._model.max_seq_length or 512, 512)
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ModelUnavailable(f"model in {self.folder} does not state its embedding dimension")
        self.dim = int(dim)
        prompts = self._read_prompts()
        self.query_prefix = prompts.get("query", "")
        self.passage_prefix = prompts.get("passage", "")
        self.fingerprint = _fingerprint(self.folder)

    def _read_prompts(self) -> dict[str, str]:
        cfg = self.folder / "config_sentence_transformers.json"
        if cfg.exists():
            return json.loads(cfg.read_text()).get("prompts") or {}
        return {}

    @property
    def identity(self) -> dict[str, object]:
        return {"name": self.name, "dims": self.dim, "fingerprint": self.fingerprint}

    def encode_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Normalised float32 vectors, one row per text; ``progress(n)`` after each batch."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Batches of similar length waste no time on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._model.encode(
                [self.passage_prefix + texts[i] for i in rows],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
            )
            if progress:
                progress(len(rows))
        return out

    def encode_query(self, text: str) -> np.ndarray:
        """The normalised float32 vector of one question."""
        # No lock around concurrent encodes: serialising them was measured slower at 4 clients
        # and no faster at 16 (bench/README.md, "Concurrency").
        vector = self._model.encode([self.query_prefix + text], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vector[0], dtype=np.float32)
