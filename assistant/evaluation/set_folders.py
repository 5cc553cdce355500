"""Labelled examples from evaluation folders (``corpus/`` and question files beside it), each
folder answered over an index of its own corpus only, as staff ask over their own city's
documents: a folder's questions never meet another folder's look-alike documents."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant.evaluation.run import indexed_questions, prepare_examples
from assistant.evaluation.sets import QuestionBank
from assistant.evaluation.train import Example
from assistant.service import Assistant


def question_files(folder: Path) -> list[Path]:
    """The folder's question and follow-up files (every ``*.jsonl`` beside its corpus)."""
    return sorted(folder.glob("*.jsonl"))


def check_folder(folder: Path) -> None:
    """Raise a ValueError (in Chinese, naming the folder) unless it has a corpus and questions."""
    if not (folder / "corpus").is_dir() or not question_files(folder):
        raise ValueError(f"评测文件夹 {folder.name} 缺少 corpus/ 文件夹或问题文件（*.jsonl）")


def folder_examples(folder: Path, assistant: Assistant) -> list[Example]:
    """The examples of one folder's questions, over a temporary index of its ``corpus/``;
    ``assistant`` lends its settings and its loaded model."""
    check_folder(folder)
    corpus, files = folder / "corpus", question_files(folder)
    with tempfile.TemporaryDirectory(prefix="assistant-train-") as index:
        settings = assistant.settings.model_copy(update={"index_dir": Path(index), "database_url": None})
        own = Assistant(settings, assistant.embedder)
        own.ingest([corpus])
        examples, _ = prepare_examples(own, indexed_questions(own, QuestionBank.load(files).questions), k=5)
    return examples


def examples_of_folders(
    folders: list[Path], assistant: Assistant, progress: Callable[[Path, int], None] | None = None
) -> list[Example]:
    """The examples of every folder, each over its own index."""
    out: list[Example] = []
    for folder in folders:
        examples = folder_examples(folder, assistant)
        out.extend(examples)
        if progress:
            progress(folder, len(examples))
    return out
