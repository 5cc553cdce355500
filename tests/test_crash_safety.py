"""Ingest is crash-safe and serialised; readers are never disturbed by a new generation.

(a) kill -9 of a real ingest process at random moments (reading, embedding, writing the
    generation, right at the pointer switch) leaves a loadable index that still answers,
    and the next ingest succeeds. 3 trials here; ``-m slow`` runs 24 (bench/kill_trials.py).
(b) two ingests at once are serialised by the lock and both complete; an ingest that
    cannot get the lock in time raises IngestBusy with a clear message.
(c) a reader holding the old EmbeddedStore keeps working while a new generation is
    written and CURRENT switches; the old folder is kept until the next-but-one ingest."""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.index.build import IngestBusy, ingest
from assistant.index.store import CURRENT, EmbeddedStore
from assistant.retrieve.search import Retriever
from tests.conftest import CORPUS, ROOT, make_settings

KNOWN_QUERY, KNOWN_ANSWER = "数字化案件处置率", "99.18％"


def _kill_trials():
    spec = importlib.util.spec_from_file_location("kill_trials", ROOT / "bench" / "kill_trials.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def base_index(tmp_path_factory, embedder) -> Path:
    root = tmp_path_factory.mktemp("crash-base")
    (root / "base").mkdir()
    shutil.copy(next((CORPUS / "reports").glob("003_*.txt")), root / "base")
    ingest([root / "base"], make_settings(root / "index"), embedder)
    return root / "index"


@pytest.fixture
def settings(tmp_path, base_index):
    shutil.copytree(base_index, tmp_path / "index")
    return make_settings(tmp_path / "index")


def new_files(folder: Path, number: int, count: int) -> list[str]:
    """``count`` new reports (names and figures unique to ``number``); returns their figures."""
    return _kill_trials().write_trial_files(folder, number, count, name=f"batch{number}")


def known_answer_found(store: EmbeddedStore, embedder, settings) -> bool:
    hits = Retriever(store, embedder, settings).search(KNOWN_QUERY, k=5)
    return any(KNOWN_ANSWER in h.chunk.text for h in hits)


# ---------------------------------------------------------------------------------------------
# (a) kill -9


def test_kill_minus_9_during_ingest_three_random_moments(tmp_path, embedder):
    kill_trials = _kill_trials()
    targets = random.sample([*kill_trials.STAGES, "any"], 3)
    result = kill_trials.run_trials(
        3, tmp_path, embedder=embedder, corpus="small", files_per_trial=2, targets=targets, log=print
    )
    failed = [t for t in result.trials if not t.ok]
    assert not failed, [(t.target, t.last_stage, t.error) for t in failed]
    assert len(result.trials) == 3


@pytest.mark.slow
def test_kill_minus_9_twenty_four_trials(tmp_path, embedder):
    """Every stage aimed at 4-5 times (read, embed, write, switch, anywhere), random delays."""
    kill_trials = _kill_trials()
    result = kill_trials.run_trials(24, tmp_path, embedder=embedder, corpus="full", files_per_trial=6, log=print)
    print(result.summary())
    assert result.survived == len(result.trials) == 24, result.summary()
    stages = {t.last_stage for t in result.trials}
    assert {"read", "embed", "write"} <= stages, result.summary()


# ---------------------------------------------------------------------------------------------
# (b) the lock


def test_two_ingests_at_once_are_serialised_and_both_complete(tmp_path, settings, embedder):
    figures_a = new_files(tmp_path / "a", 1, 3)
    figures_b = new_files(tmp_path / "b", 2, 2)
    windows: dict[str, list[float]] = {}
    reports, errors = {}, []
    start = threading.Barrier(2)

    def run(name: str, folder: Path) -> None:
        def progress(stage, done, total):
            windows.setdefault(name, [time.perf_counter()])  # first call: inside the lock

        try:
            start.wait()
            reports[name] = ingest([folder], settings, embedder, progress=progress)
            windows[name].append(time.perf_counter())
        except Exception as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("a", tmp_path / "a")),
        threading.Thread(target=run, args=("b", tmp_path / "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors, errors
    assert len(reports["a"].added) == 3 and len(reports["b"].added) == 2
    a_start, a_end = windows["a"]
    b_start, b_end = windows["b"]
    assert a_end <= b_start or b_end <= a_start, f"ingests overlapped: a={windows['a']} b={windows['b']}"
    later = reports["a"] if a_start > b_start else reports["b"]
    assert later.documents == 1 + 3 + 2  # the second one built on the first one's result

    store = EmbeddedStore.open_current(settings.index_dir)
    assert len(store.documents()) == store.manifest["documents"] == 6
    assert store.count() == store.manifest["passages"] == store._faiss.ntotal
    texts = " ".join(c.text for _, c in store.all_chunks())
    assert all(f in texts for f in figures_a + figures_b)
    assert known_answer_found(store, embedder, settings)


def test_ingest_that_cannot_get_the_lock_raises_ingest_busy(tmp_path, settings, embedder):
    new_files(tmp_path / "a", 3, 1)
    before = (settings.index_dir / CURRENT).read_text()
    with FileLock(str(settings.index_dir / ".lock")):
        started = time.perf_counter()
        with pytest.raises(IngestBusy) as caught:
            ingest([tmp_path / "a"], settings, embedder, lock_timeout=0.5)
        assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert "another ingest is running" in message and str(settings.index_dir) in message
    assert (settings.index_dir / CURRENT).read_text() == before  # nothing touched
    # Once the lock is free the same ingest goes through.
    assert len(ingest([tmp_path / "a"], settings, embedder, lock_timeout=0.5).added) == 1


# ---------------------------------------------------------------------------------------------
# (c) readers and generations


def test_reader_keeps_working_across_generation_switches(tmp_path, settings, embedder):
    from assistant.service import Assistant

    first = (settings.index_dir / CURRENT).read_text().strip()
    old = EmbeddedStore.open_current(settings.index_dir)
    old_count = old.count()
    service = Assistant(settings, embedder)
    assert any(KNOWN_ANSWER in h.chunk.text for h in service.search(KNOWN_QUERY, k=5))

    # Readers search continuously (the old store directly, and through the service, which
    # follows CURRENT) while two ingests write new generations and switch the pointer.
    stop, failures, searches = threading.Event(), [], [0]

    def read_old():
        while not stop.is_set():
            try:
                assert old.count() == old_count
                assert known_answer_found(old, embedder, settings)
                searches[0] += 1
            except Exception as exc:
                failures.append(f"old store: {exc!r}")
                return

    def read_service():
        while not stop.is_set():
            try:
                assert any(KNOWN_ANSWER in h.chunk.text for h in service.search(KNOWN_QUERY, k=5))
                searches[0] += 1
            except Exception as exc:
                failures.append(f"service: {exc!r}")
                return

    readers = [threading.Thread(target=read_old), threading.Thread(target=read_service)]
    for reader in readers:
        reader.start()
    try:
        figures = new_files(tmp_path / "more", 4, 2)
        ingest([tmp_path / "more"], settings, embedder)
        second = (settings.index_dir / CURRENT).read_text().strip()
        assert second != first
        assert (settings.index_dir / first).is_dir(), "the previous generation must be kept for its readers"
        assert known_answer_found(old, embedder, settings) and old.count() == old_count

        new_files(tmp_path / "more", 5, 1)
        ingest([tmp_path / "more"], settings, embedder)
        third = (settings.index_dir / CURRENT).read_text().strip()
        generations = sorted(p.name for p in settings.index_dir.iterdir() if p.name.startswith("gen-"))
        assert generations == sorted([second, third]), "only the current and previous generations are kept"
        time.sleep(0.5)  # let the readers run on after the old folder is gone
    finally:
        stop.set()
        for reader in readers:
            reader.join(60)
    assert not failures, failures
    assert searches[0] > 0
    # The old store still answers from its open files even after its folder was removed.
    assert known_answer_found(old, embedder, settings) and old.count() == old_count
    # The service moved on to the newest generation.
    texts = " ".join(h.chunk.text for h in service.search("第4批巡查通报 发现并整改问题", k=8))
    assert any(f in texts for f in figures)
    assert service.store.manifest["generation"] == third
    old.close()


def test_leftovers_of_killed_runs_are_tidied_and_rebuild_keeps_the_previous_generation(tmp_path, embedder):
    """A run killed after its pointer switch (found by the kill trials) or mid-write leaves
    extra folders; the next ingest removes them even when it has nothing to change. And
    ``--rebuild`` keeps the generation readers hold, like any other ingest."""
    settings = make_settings(tmp_path / "index")
    figures = new_files(tmp_path / "in", 6, 1)
    first = ingest([tmp_path / "in"], settings, embedder).generation
    new_files(tmp_path / "in", 7, 1)
    second = ingest([tmp_path / "in"], settings, embedder).generation
    (settings.index_dir / "gen-20000101T000000-dead00").mkdir()  # a killed run's partial folder
    (settings.index_dir / "gen-20000101T000000-dead00" / "passages.sqlite").write_bytes(b"partial")
    (settings.index_dir / f".{CURRENT}.0123abcd").write_text("gen-20000101T000000-dead00")
    unchanged = ingest([tmp_path / "in"], settings, embedder)
    assert unchanged.generation == second and unchanged.embedded == 0
    assert sorted(p.name for p in settings.index_dir.iterdir() if p.name != ".lock") == sorted([CURRENT, first, second])

    rebuilt = ingest([tmp_path / "in"], settings, embedder, rebuild=True).generation
    assert sorted(p.name for p in settings.index_dir.iterdir() if p.name.startswith("gen-")) == sorted(
        [second, rebuilt]
    )
    store = EmbeddedStore.open_current(settings.index_dir)
    assert store.manifest["previous"] == second
    assert all(f in " ".join(c.text for _, c in store.all_chunks()) for f in figures)
