"""kill -9 an ingest at random moments; the previous index must survive every time.

Each trial:

1. writes new content (``trial/extra-*.txt``, different every trial) next to a corpus copy;
2. starts a worker process that loads the model and runs the real ``ingest`` on the folder,
   printing a line at each stage (read, embed, write, switch) -- the stages are observed
   by wrapping ``write_generation``/``switch_current`` (as ``assistant.index.build`` calls them), nothing in them is changed;
3. SIGKILLs the worker at a random moment inside one stage (a random delay over that
   stage's measured duration) or anywhere in the run;
4. checks that ``CURRENT`` names a complete generation that loads, whose counts agree, and
   that answers a known search ("数字化案件处置率" → 99.18％): the previous generation, or
   -- if the kill came after the pointer switch -- the new one;
5. runs the next ingest in this process: it must succeed, index the trial's content, and
   leave at most two generations (partial folders of killed runs are removed).

Usage::

    .venv/bin/python bench/kill_trials.py --trials 24            # ~20 s per trial on 2 cores
    .venv/bin/python bench/kill_trials.py --trials 3 --corpus small

Prints one line per trial and ``survived N/N trials``; exits 1 if any trial failed."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KNOWN_QUERY, KNOWN_ANSWER = "数字化案件处置率", "99.18％"
STAGES = ("read", "embed", "write", "switch")

# The worker: the real ingest, with stage markers on stdout (observed, not altered).
WORKER = r"""
import sys, time
from pathlib import Path
from assistant.settings import Settings
from assistant.index.embed import Embedder
from assistant.index import build

def say(stage):
    print(stage, flush=True)

settings = Settings(index_dir=Path(sys.argv[1]))
embedder = Embedder(settings)
real_write, real_switch = build.write_generation, build.switch_current

def write(*args, **kwargs):
    say("write")
    return real_write(*args, **kwargs)

def switch(*args, **kwargs):
    say("switch")
    real_switch(*args, **kwargs)
    say("switched")

build.write_generation, build.switch_current = write, switch
seen = set()

def progress(stage, done, total):
    if stage in ("read", "embed") and stage not in seen:
        seen.add(stage)
        say(stage)

say("loaded")
sys.stdin.readline()  # "go": the model is loaded ahead, while the previous trial is checked
say("ready")
report = build.ingest([Path(p) for p in sys.argv[2:]], settings, embedder, progress=progress)
say("done " + report.generation)
"""


@dataclass
class Trial:
    number: int
    target: str  # the stage aimed at, or "any"
    delay: float  # seconds after the stage began
    last_stage: str = ""  # the last stage the worker reported before it died
    outcome: str = ""  # CURRENT after the kill: "old generation" | "new generation" | "finished before the kill"
    ok: bool = False
    error: str = ""
    seconds: float = 0.0


@dataclass
class Result:
    trials: list[Trial] = field(default_factory=list)
    durations: dict[str, float] = field(default_factory=dict)

    @property
    def survived(self) -> int:
        return sum(t.ok for t in self.trials)

    def summary(self) -> str:
        moments = Counter(t.last_stage for t in self.trials)
        outcomes = Counter(t.outcome for t in self.trials)
        return (
            f"survived {self.survived}/{len(self.trials)} trials; killed during: "
            f"{dict(moments)}; index after the kill: {dict(outcomes)}"
        )


def stage_durations(build_module, run) -> dict[str, float]:
    """Run ``run()`` (an in-process ingest taking ``progress``) and measure each stage."""
    marks: list[tuple[str, float]] = []
    real_write, real_switch = build_module.write_generation, build_module.switch_current

    def write(*args, **kwargs):
        marks.append(("write", time.perf_counter()))
        return real_write(*args, **kwargs)

    def switch(*args, **kwargs):
        marks.append(("switch", time.perf_counter()))
        real_switch(*args, **kwargs)
        marks.append(("switched", time.perf_counter()))

    def progress(stage, done, total):
        if stage in ("read", "embed") and stage not in {m for m, _ in marks}:
            marks.append((stage, time.perf_counter()))

    build_module.write_generation, build_module.switch_current = write, switch
    try:
        run(progress)
    finally:
        build_module.write_generation, build_module.switch_current = real_write, real_switch
    marks.append(("done", time.perf_counter()))
    durations = {}
    for (stage, at), (_, following) in itertools.pairwise(marks):
        durations[stage] = following - at
    durations["any"] = marks[-1][1] - marks[0][1] if marks else 0.0
    return durations


def write_trial_files(folder: Path, number: int, files: int, name: str = "extra") -> list[str]:
    """Reports ``NAME-0.txt …`` with figures unique to ``number`` (the same names with a new
    number are changed files, re-embedded); returns the figures, e.g. ``["00307处"]``."""
    folder.mkdir(parents=True, exist_ok=True)
    figures = []
    for k in range(files):
        figure = f"{number:03d}{k}7"
        figures.append(f"{figure}处")
        (folder / f"{name}-{k}.txt").write_text(
            f"第{number}批巡查通报（{k}）\n一、市容巡查\n本批次共巡查街道{k + 3}条，发现并整改问题{figure}处。"
            f"\n二、下步安排\n继续开展门前三包督查，完成时间：{k % 12 + 1}月底。\n" + "巡查记录正常。" * (k * 20),
            encoding="utf-8",
        )
    return figures


def check_index(index_dir: Path, embedder, settings) -> tuple[str, str]:
    """CURRENT names a complete, consistent generation that answers the known search.
    Returns (generation name, all passage text)."""
    from assistant.index.store import EmbeddedStore
    from assistant.retrieve.search import Retriever

    store = EmbeddedStore.open_current(index_dir)
    try:
        manifest = store.manifest
        assert store.count() == manifest["passages"] == store._faiss.ntotal, "passage counts disagree"
        documents = store.documents()
        assert len(documents) == manifest["documents"], "document counts disagree"
        hits = Retriever(store, embedder, settings).search(KNOWN_QUERY, k=5)
        assert any(KNOWN_ANSWER in h.chunk.text for h in hits), f"'{KNOWN_QUERY}' no longer finds {KNOWN_ANSWER}"
        return manifest["generation"], " ".join(c.text for _, c in store.all_chunks())
    finally:
        store.close()


class Worker:
    """A worker process and the stage lines it printed (read by a thread as they come)."""

    def __init__(self, index_dir: Path, source: Path, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(index_dir), str(source)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=env,
        )
        self.seen: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self.seen.append(line.strip().split(" ")[0])
                self._changed.notify_all()
        with self._changed:
            self.seen.append("exit")
            self._changed.notify_all()

    def wait_for(self, stages: set[str], timeout: float) -> str:
        with self._changed:
            if not self._changed.wait_for(lambda: set(self.seen) & (stages | {"exit"}), timeout):
                raise TimeoutError(f"worker never reached {sorted(stages)} (saw {self.seen})")
            return next(s for s in self.seen if s in stages | {"exit"})

    def go(self) -> None:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def kill(self) -> str:
        """SIGKILL; the last stage the worker reported before it died."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self._thread.join(10)
        stages = [s for s in self.seen if s != "exit"]
        return stages[-1] if stages else "loading"


def _kill_at(worker: Worker, target: str, delay: float, timeout: float) -> str:
    """Start the ingest, wait for ``target`` (any: the start), sleep ``delay``, SIGKILL."""
    if worker.wait_for({"loaded"}, timeout) != "loaded":
        raise RuntimeError(f"worker died while loading the model (exit {worker.process.poll()})")
    worker.go()
    wanted = "ready" if target == "any" else target
    if worker.wait_for({wanted, "switched", "done"}, timeout) == wanted:
        time.sleep(delay)
    return worker.kill()


def run_trials(
    trials: int,
    workdir: Path,
    embedder=None,
    corpus: str = "small",
    files_per_trial: int = 4,
    seed: int | None = None,
    log=print,
    targets: list[str] | None = None,
) -> Result:
    """``trials`` kill -9 trials in ``workdir``; ``embedder`` is loaded if not given."""
    from assistant.index import build
    from assistant.index.embed import Embedder
    from assistant.settings import Settings

    rng = random.Random(seed)
    settings = Settings(index_dir=workdir / "index")
    embedder = embedder or Embedder(settings)
    source = workdir / "corpus"
    if source.exists():
        shutil.rmtree(source)
    if corpus == "full":
        shutil.copytree(ROOT / "corpus", source)
    else:
        (source / "reports").mkdir(parents=True)
        shutil.copy(next((ROOT / "corpus" / "reports").glob("003_*.txt")), source / "reports")
        shutil.copy(ROOT / "corpus" / "assessment" / "ceping-fangshi-summary.txt", source / "summary.txt")
    extra = source / "trial"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    upcoming: Worker | None = Worker(settings.index_dir, source, env)  # loads its model meanwhile
    started = time.perf_counter()
    build.ingest([source], settings, embedder)  # the index every kill must leave intact
    log(f"base index built in {time.perf_counter() - started:.1f} s")
    write_trial_files(extra, 0, files_per_trial)
    result = Result()
    result.durations = stage_durations(
        build, lambda progress: build.ingest([source], settings, embedder, progress=progress)
    )
    log("measured stage durations (s): " + json.dumps({k: round(v, 2) for k, v in result.durations.items()}))
    check_index(settings.index_dir, embedder, settings)
    plan = targets or [((*STAGES, "any"))[i % 5] for i in range(trials)]
    try:
        for number, target in enumerate(plan[:trials], start=1):
            trial = Trial(number, target, 0.0)
            # A random moment over the measured duration of the stage (a switch is over in
            # milliseconds: aim within its first 5 ms).
            span = result.durations.get(target, 0.0) if target != "switch" else 0.005
            trial.delay = rng.uniform(0, max(span, 0.001))
            began = time.perf_counter()
            figures = write_trial_files(extra, number, files_per_trial)
            before = (settings.index_dir / "CURRENT").read_text().strip()
            worker, upcoming = upcoming, None
            try:
                trial.last_stage = _kill_at(worker, target, trial.delay, timeout=300)
                if number < len(plan[:trials]):
                    upcoming = Worker(settings.index_dir, source, env)  # loads its model while we check
                if worker.process.returncode not in (-signal.SIGKILL, 0):
                    raise RuntimeError(
                        f"worker failed by itself (exit {worker.process.returncode}) after '{trial.last_stage}'"
                    )
                generation, text = check_index(settings.index_dir, embedder, settings)
                if worker.process.returncode == 0:
                    trial.outcome = "finished before the kill"
                elif generation == before:
                    trial.outcome = "old generation"
                else:
                    trial.outcome = "new generation"
                if generation != before:  # the new generation must be complete: it holds this trial's figures
                    assert all(f in text for f in figures), "switched to a generation without the new content"
                # The next ingest succeeds and cleans up after the killed one.
                result.durations = stage_durations(
                    build, lambda progress: build.ingest([source], settings, embedder, progress=progress)
                ) | {"any": result.durations["any"]}
                generation, text = check_index(settings.index_dir, embedder, settings)
                assert all(f in text for f in figures), "the next ingest did not index the new content"
                leftovers = sorted(
                    p.name for p in settings.index_dir.iterdir() if p.name.startswith(("gen-", ".CURRENT"))
                )
                assert len(leftovers) <= 2 and all(p.startswith("gen-") for p in leftovers), f"left behind: {leftovers}"
                trial.ok = True
            except Exception as exc:
                trial.error = f"{type(exc).__name__}: {exc}"
                worker.kill()
            if upcoming is None and number < len(plan[:trials]):
                upcoming = Worker(settings.index_dir, source, env)
            trial.seconds = time.perf_counter() - began
            result.trials.append(trial)
            log(
                f"trial {number:2d}: aim {target:<6} +{trial.delay:.3f}s  killed after '{trial.last_stage}'  "
                f"→ {trial.outcome or '-'}  {'OK' if trial.ok else 'FAILED ' + trial.error}  ({trial.seconds:.1f} s)"
            )
    finally:  # never leave a worker behind
        if upcoming is not None:
            upcoming.kill()
    log(result.summary())
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=24)
    parser.add_argument("--corpus", choices=["small", "full"], default="full")
    parser.add_argument("--files", type=int, default=6, help="new files per trial")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kill-trials-") as tmp:
        workdir = args.workdir or Path(tmp)
        result = run_trials(
            args.trials,
            workdir,
            corpus=args.corpus,
            files_per_trial=args.files,
            seed=args.seed,
            log=lambda line: print(line, flush=True),
        )
    return 0 if result.survived == len(result.trials) else 1


if __name__ == "__main__":
    sys.exit(main())
