"""Running a pipeline (:func:`newsline.pipeline.build_pipeline`) over one store.

One process writes the store (this one). Runs of per-article steps that do not touch the store
(the language layer and event extraction) go to ``workers`` worker processes in batches; their
results come back in input order and are written one article per transaction, with the record of
the stages done, so the output is the same with any number of workers and after any kill.

Stage figures (items, rejects, seconds, counters) are gathered from each item's trace, so they are
the same whether a step ran here or in a worker (a worker's seconds are its own CPU-bound time).
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .errors import StoreError
from .pipeline import PER_ARTICLE, IngestReport, PipelineStore, Progress, Read, build_pipeline
from .stages import Barrier, Item, Step, reject_for

__all__ = ["Runner", "run_pipeline", "default_workers", "PARALLEL_MIN"]

#: below this many pending articles a run stays in one process: starting a worker loads a model
PARALLEL_MIN = 48


def default_workers() -> int:
    """The machine's cores (``os.process_cpu_count`` where Python has it)."""
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


class Runner:
    """Runs one pipeline over one store and gathers the :class:`IngestReport`."""

    def __init__(self, store: PipelineStore, pipeline: list[list[Step] | Barrier], *, workers: int | None = None,
                 progress: Progress | None = None, retry_rejects: bool = False,
                 notice: Callable[[str], None] | None = None):
        self.store = store
        self.notice = notice or (lambda message: None)
        self.pipeline = pipeline
        self.workers = default_workers() if workers is None else max(1, int(workers))
        self.progress = progress or _noop
        self.retry = retry_rejects
        self.report = IngestReport(workers=self.workers)
        self.order = [name for part in pipeline for name in _names(part)]
        self._closing: list[threading.Thread] = []
        self._warm: tuple[list[str], ProcessPoolExecutor] | None = None     # started before it is needed

    def run(self) -> IngestReport:
        start = time.perf_counter()
        self._announce_reruns()
        previous = None
        try:
            for part in self.pipeline:
                t0 = time.perf_counter()
                if isinstance(part, Barrier):
                    self._barrier(part)
                else:
                    self._segment(part, after=previous)
                previous = _names(part)[-1]
                for name in _names(part):
                    self.report.seconds.setdefault(name, 0.0)
                self.report.seconds["+".join(_names(part))] = round(time.perf_counter() - t0, 3)
        finally:
            if self._warm is not None:      # started, and no run of its steps had work for it
                self._close(self._warm[1])
                self._warm = None
            while self._closing:
                self._closing.pop().join()
        self.report.seconds["total"] = round(time.perf_counter() - start, 3)
        return self.report

    def _announce_reruns(self) -> None:
        """Before any work: the stages whose model or data changed since stored articles went
        through them (``report.rerun``), said once (``notice``), since redoing them over a large
        store is most of the run."""
        parts = [p for part in self.pipeline if not (isinstance(part, list) and isinstance(part[0], Read))
                 for p in (part if isinstance(part, list) else [part])]
        for part in parts:
            if isinstance(part, Barrier) and part.after is None:
                continue            # not kept per article (re-cleaning decides for itself)
            count = self.store.outdated(part.name, part.version())
            if count:
                self.report.rerun[part.name] = count
        if self.report.rerun:
            most = max(self.report.rerun.values())
            names = ", ".join(self.report.rerun)
            self.notice(f"newsline's models or rules for {names} changed since {most:,} stored "
                        f"article(s) went through them: this run does that work again for them "
                        f"(their results are replaced; nothing else is lost).")

    # -- barriers -------------------------------------------------------------------------------
    def _barrier(self, barrier: Barrier) -> None:
        version = barrier.version()
        stats = self.report.stage(barrier.name)
        later = self.order[self.order.index(barrier.name) + 1:]
        start = time.perf_counter()
        with self.store.transaction():
            ids = [] if barrier.after is None else self.store.pending(barrier.name, version, after=barrier.after)
            if barrier.after is not None and not ids:
                return
            self.progress(barrier.name, 0, 1)
            changed = barrier.apply(self.store, ids, stats)
            if ids:
                self.store.mark_stages(ids, [barrier.name], {barrier.name: version})
            if changed and later:
                self.store.reset_stages(changed, later)
        stats.items += len(ids)
        stats.ok += len(ids)
        stats.seconds += time.perf_counter() - start
        self.progress(barrier.name, 1, 1)

    # -- runs of per-article steps --------------------------------------------------------------
    def _segment(self, steps: list[Step], after: str | None) -> None:
        """A run of per-article steps: over the input (a ``Read`` first), or over the stored
        articles that finished ``after`` and still need one of these steps."""
        versions = {s.name: s.version() for s in steps}
        part = steps
        if isinstance(steps[0], Read):
            source, steps, total = steps[0].items(), steps[1:], None
            from_store = False
        else:
            ids = self._pending_ids(steps, versions, after or "clean")
            if not ids:
                return
            source, total, from_store = self._items_of(ids), len(ids), True
        names = [s.name for s in steps]
        parallel = (from_store and self.workers > 1 and total is not None and total >= PARALLEL_MIN
                    and not any(s.needs_store for s in steps))
        done = 0
        later = None if from_store else self._next_parallel(part)
        for item in self._results(steps, source, parallel):
            self._write(item, steps, versions, from_store)
            done += 1
            for name in (names if from_store else ["read", *names]):
                self.progress(name, done, total)
            if later and self._warm is None and len(self.report.new_ids) >= PARALLEL_MIN:
                # enough new articles for the workers: they start (and load their models) now,
                # while the writer reads and cleans the rest, instead of after it
                self._warm = (later, self._pool(later))
                for _ in range(self.workers):
                    self._warm[1].submit(_ready)

    def _close(self, pool: ProcessPoolExecutor) -> None:
        """Shut ``pool`` down in the background (its workers exit while the run goes on); the run
        joins it before it returns, so no worker outlives it."""
        closing = threading.Thread(target=pool.shutdown, kwargs={"wait": True}, name="newsline-pool-shutdown")
        closing.start()
        self._closing.append(closing)

    def _next_parallel(self, steps: list[Step]) -> list[str] | None:
        """The names of the next run of per-article steps workers can do, if any."""
        if self.workers < 2:
            return None
        parts = self.pipeline[next(i for i, p in enumerate(self.pipeline) if p is steps) + 1:]
        for part in parts:
            if isinstance(part, list) and not any(s.needs_store for s in part) and part[0].name in PER_ARTICLE:
                return [s.name for s in part]
        return None

    def _pool(self, names: list[str]) -> ProcessPoolExecutor:
        import multiprocessing

        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(names,))

    def _results(self, steps: list[Step], source: Iterable[Item], parallel: bool) -> Iterator[Item]:
        if parallel:
            yield from self._in_workers(steps, source)
        elif any(s.needs_store for s in steps):
            # a step that reads and writes the store (clean records block counts) runs with its
            # item's output in one transaction: a kill leaves both or neither
            for item in source:
                with self.store.transaction():
                    yield from _run_steps(steps, [item])
        else:
            yield from _run_steps(steps, source)

    def _pending_ids(self, steps: list[Step], versions: dict[str, str], after: str) -> list[str]:
        """Articles any step of the run still has to do (a later step re-runs the earlier ones:
        event extraction reads the parse, which is not stored)."""
        pending: set[str] = set()
        for step in steps:
            pending.update(self.store.pending(step.name, versions[step.name], after=after, retry=self.retry))
        if not pending:
            return []
        seqs = self.store.article_seqs(pending)
        return sorted(pending, key=lambda a: seqs.get(a, 0))

    def _items_of(self, ids: list[str]) -> Iterator[Item]:
        for start in range(0, len(ids), 256):
            for article in self.store.iter_articles(ids[start:start + 256]):
                yield Item(article.source, article.record, article=article)

    def _in_workers(self, steps: list[Step], items: Iterable[Item]) -> Iterator[Item]:
        """The steps run in worker processes on batches of items; results in input order."""
        size = max(s.batch_size for s in steps)
        names = [s.name for s in steps]
        if self._warm is not None and self._warm[0] == names:
            pool, self._warm = self._warm[1], None
        else:
            pool = self._pool(names)
        inflight: deque[Future] = deque()
        try:
            for batch in _batches(items, size):
                inflight.append(pool.submit(_work, batch))
                if len(inflight) >= self.workers * 3:
                    yield from inflight.popleft().result()
            while inflight:
                yield from inflight.popleft().result()
        except BaseException:
            for future in inflight:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        # every result is in: the workers wind down (an interpreter with the model takes a second
        # or two to exit) while the barriers run; the run waits for them before it returns
        self._close(pool)

    # -- the writer -----------------------------------------------------------------------------
    def _write(self, item: Item, steps: list[Step], versions: dict[str, str], from_store: bool) -> None:
        counts: dict[str, dict[str, int]] = {}
        try:
            with self.store.transaction():
                counts = self._save(item, steps, versions, from_store)
        except StoreError:
            raise
        except Exception as exc:     # noqa: BLE001 - writing one article's output failed: its reject
            failed = next((s for s in steps if s.name in item.done), steps[0])
            item.done = []
            item.reject = reject_for(item, failed.name, exc)
            item.trace.append((failed.name, 0.0, "rejected"))
            with self.store.transaction():
                counts = self._save(item, steps, versions, from_store)
        for name, seconds, outcome in item.trace:
            self.report.stage(name).add(seconds, outcome)
        for name, extra in counts.items():
            self.report.stage(name).counts.update(extra)
        if item.reject is not None:
            self.report.rejects.append(item.reject)
        if counts.get("clean", {}).get("new"):
            self.report.new_ids.append(item.article.id)

    def _save(self, item: Item, steps: list[Step], versions: dict[str, str], from_store: bool) -> dict:
        store = self.store
        counts = {s.name: s.save(store, item) for s in steps if s.name in item.done}
        names = [s.name for s in steps]
        done = [n for n in names if n in item.done]
        if from_store:
            store.mark_stages([item.id], done, versions)
            if item.reject is not None:
                first = names.index(item.reject.step) if item.reject.step in names else len(done)
                store.mark_stages([item.id], names[first:], versions, status="failed")
            if done:
                store.clear_rejects(item.id, done)
        elif "clean" in counts and counts["clean"].get("new"):
            store.mark_stages([item.article.id], ["clean"], versions)
        elif item.regiven:          # given metadata changed a stored article: its later stages again
            store.reset_stages([item.id], self.order[self.order.index("clean") + 1:])
        if item.reject is not None:
            store.put_reject(item.reject)
        return counts


def _names(part: list[Step] | Barrier) -> list[str]:
    return [part.name] if isinstance(part, Barrier) else [s.name for s in part]


def _run_steps(steps: list[Step], items: Iterable[Item]) -> Iterator[Item]:
    stream: Iterable[Item] = items
    for step in steps:
        stream = step.run(stream)
    return iter(stream)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_STEPS: list[Step] = []


def _init_worker(names: list[str]) -> None:
    global _WORKER_STEPS
    _WORKER_STEPS = [PER_ARTICLE[n]() for n in names]


def _ready() -> None:
    """A worker's first task: nothing, so that it starts (its initializer loads the models)."""


def _work(batch: list[Item]) -> list[Item]:
    return [item.stripped() for item in _run_steps(_WORKER_STEPS, batch)]


def run_pipeline(store: PipelineStore, *, paths: Iterable[str] | None = None, json_fields: dict[str, str] | None = None,
                 language: bool = True, events: bool = True, workers: int | None = None,
                 progress: Progress | None = None, retry_rejects: bool = False,
                 read_options: dict[str, Any] | None = None,
                 notice: Callable[[str], None] | None = None) -> IngestReport:
    """Build the pipeline for these options and run it (``paths`` None: finish what is pending).
    ``notice`` is told, before any work, when stored articles will be done again."""
    pipeline = build_pipeline(store, paths=None if paths is None else list(paths), json_fields=json_fields,
                              language=language, events=events, read_options=read_options)
    return Runner(store, pipeline, workers=workers, progress=progress, retry_rejects=retry_rejects,
                  notice=notice).run()
