"""Shared fixtures: the real model (loaded once per session) and a real index of the
bundled corpus built once into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.index.build import ingest
from assistant.index.embed import Embedder
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def make_settings(index_dir: Path, **overrides) -> Settings:
    """Settings for a test: its own index folder, everything else as configured."""
    return Settings(**({"index_dir": index_dir, "corpus_dir": CORPUS} | overrides))


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings())


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, embedder) -> Settings:
    """Settings whose index holds the whole bundled corpus (built once, read-only for tests)."""
    settings = make_settings(tmp_path_factory.mktemp("corpus-index"))
    report = ingest([CORPUS], settings, embedder)
    assert report.passages > 100 and not report.skipped, report
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings, embedder):
    from assistant.service import Assistant

    return Assistant(corpus_settings, embedder)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of the corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
