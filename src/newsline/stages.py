"""The stage contract: per-article :class:`Step` and corpus-wide :class:`Barrier`.

In the manner of datatrove, the pipeline is a list of these objects (see :mod:`newsline.pipeline`)
and a runner (:mod:`newsline.runner`) executes them, in one process or with the per-article steps
in worker processes::

    class Titles(Step):                     # a per-article step: one small method
        name = "titles"
        def process(self, item):
            item.article.title = item.article.title or first_line(item.article.body)
            return item

* A :class:`Step` takes :class:`Item` s in and gives items out. The base owns the loop, the
  counters, the timing and the rejects: an exception raised by ``process`` for one article
  becomes that article's :class:`~newsline.records.Reject` (the step, the reason, the exception
  class) and the run goes on with the next article. A step is a pure function of the item (and of
  its model and data, named by :meth:`Step.version`), so running it in another process gives the
  same output; steps that need the store say so (``needs_store``) and stay in the writer process.
* A :class:`Barrier` sees the whole store and the ids of the articles it has not processed yet
  (:meth:`Barrier.apply`); the runner runs it in one store transaction together with the record
  that those articles are done, so a kill leaves either all of its work or none of it.

Stage completion is recorded per article in the store (``article_stages``, migration
``0006_core_stages``) in the same transaction as the stage's output, with the stage's version; a
run, or ``newsline resume``, does exactly what is not done yet.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from .datafiles import area_digest
from .errors import InputError
from .records import Annotations, Article, EventMention, RawDocument, Reject

if TYPE_CHECKING:
    import sqlite3

__all__ = ["Item", "Step", "Barrier", "StageStats", "RunStore", "data_version"]


class RunStore(Protocol):
    """What the runner and the writer side of the per-article steps need from a store: stage
    completion per article, rejects, and the writes of reading, annotating and extracting. Each
    barrier's own queries are typed by its stage's Protocol (``dedup.ports``, ``clean.ports``,
    ``events.ports``); ``tests/test_store_ports.py`` keeps them in step with the SQLite store."""

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...
    def pending(self, stage: str, version: str, *, after: str | None = None, retry: bool = False) -> list[str]: ...
    def outdated(self, stage: str, version: str) -> int: ...
    def mark_stages(self, article_ids: Iterable[str], stages: Iterable[str], versions: dict[str, str],
                    status: str = "done") -> None: ...
    def reset_stages(self, article_ids: Iterable[str], stages: Iterable[str]) -> None: ...
    def put_reject(self, reject: Reject) -> bool: ...
    def clear_rejects(self, article_id: str, steps: Iterable[str]) -> int: ...
    def article_seqs(self, ids: Iterable[str]) -> dict[str, int]: ...
    def has_article(self, article_id: str) -> bool: ...
    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]: ...
    def put_article(self, article: Article) -> bool: ...
    def add_source(self, article_id: str, source: str, record: str = "") -> bool: ...
    def put_annotations(self, ann: Annotations) -> None: ...
    def replace_mentions(self, article_id: str, mentions: Iterable[EventMention]) -> int: ...
    def put_embeddings(self, vectors: dict[str, bytes]) -> None: ...


@dataclass(slots=True)
class Item:
    """One article on its way through the per-article steps (datatrove's ``Document``)."""

    source: str
    record: str = ""
    raw: RawDocument | None = None
    article: Article | None = None
    annotations: Any = None             # newsline.nlp.Annotations (its ``doc`` never leaves the process)
    mentions: list[EventMention] | None = None
    vectors: dict[str, bytes] | None = None  # the semantic extra's vectors of the mentions, by key
    reject: Reject | None = None
    unchanged: bool = False             # already stored: nothing to write but the place it was seen
    regiven: bool = False               # already stored, and metadata given now changed it
    done: list[str] = field(default_factory=list)                   # steps that gave output here
    trace: list[tuple[str, float, str]] = field(default_factory=list)   # (step, seconds, outcome)

    @property
    def id(self) -> str:
        if self.article is not None:
            return self.article.id
        return self.raw.raw_sha[:16] if self.raw is not None and self.raw.raw_sha else ""

    def stripped(self) -> "Item":
        """The item without what must not cross a process boundary (the parsed ``Doc``)."""
        if self.annotations is not None:
            self.annotations.doc = None
        if self.raw is not None and self.article is not None:
            self.raw = None
        return self


@dataclass(slots=True)
class StageStats:
    """What one stage did in one run: items in/out, rejects, seconds, and its own counters."""

    name: str
    items: int = 0
    ok: int = 0
    rejected: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)

    def add(self, seconds: float, outcome: str) -> None:
        self.items += 1
        self.seconds += seconds
        if outcome == "ok":
            self.ok += 1
        elif outcome == "rejected":
            self.rejected += 1
        else:
            self.counts[outcome] += 1

    def rate(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else 0.0


class Step:
    """A per-article step. Subclasses set ``name`` and write :meth:`process`."""

    name: ClassVar[str] = "step"
    #: folders of ``newsline/data`` whose files this step's output depends on (see :meth:`version`)
    data: ClassVar[tuple[str, ...]] = ()
    #: True for a step that reads or writes the store (it runs in the writer process)
    needs_store: ClassVar[bool] = False
    #: items handed to :meth:`begin` at once (e.g. for ``nlp.pipe``); 1 = one at a time
    batch_size: ClassVar[int] = 1

    def version(self) -> str:
        """Names the model and data this step's output depends on: a change re-runs the step."""
        return data_version(self.data)

    def begin(self, batch: list[Item]) -> None:
        """Called with every batch of ``batch_size`` items before they are processed one by one."""

    def process(self, item: Item) -> Item | None:
        """Do this step to one article; return the item (None: nothing further to do for it)."""
        raise NotImplementedError

    def save(self, store: RunStore, item: Item) -> dict[str, int]:
        """Write this step's output for one item (in the writer, inside the item's transaction);
        return counters to add to the stage's figures."""
        return {}

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """The loop: batches, timing, and any exception of one article turned into its reject."""
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Item]) -> Iterator[Item]:
        live = [i for i in batch if i.reject is None and not i.unchanged]
        shared = 0.0                # the batch's common work, shared out among its items
        if live and self.batch_size > 1:
            start = time.perf_counter()
            try:
                self.begin(live)
            except Exception:       # noqa: BLE001 - each item is retried alone below
                self.begin([])
            shared = (time.perf_counter() - start) / len(live)
        for item in batch:
            if item.reject is not None or item.unchanged:
                yield item
                continue
            start = time.perf_counter()
            try:
                out = self.process(item)
                outcome = "dropped" if out is None else "rejected" if out.reject is not None else "ok"
            except Exception as exc:    # noqa: BLE001 - one article never fails the batch
                item.reject = reject_for(item, self.name, exc)
                out, outcome = item, "rejected"
            item.trace.append((self.name, time.perf_counter() - start + shared, outcome))
            if out is not None:
                if outcome == "ok":
                    out.done.append(self.name)
                yield out


#: the store a barrier works on: the Protocol of its stage's queries (``Barrier[DedupStore]`` ...)
StoreT = TypeVar("StoreT")


class Barrier(Generic[StoreT]):
    """A corpus-wide stage: reads the store, writes back, for the articles it has not done yet.

    ``after`` names the stage an article must have finished to be this barrier's input (None:
    the barrier is not per article and runs on every run with no ids, e.g. re-cleaning). The
    runner calls :meth:`apply` inside one store transaction, records the ids as done (with
    :meth:`version`) in that same transaction, and makes every later stage run again for the ids
    :meth:`apply` returns (their input changed).
    """

    name: ClassVar[str] = "barrier"
    after: ClassVar[str | None] = "clean"
    data: ClassVar[tuple[str, ...]] = ()

    def version(self) -> str:
        return data_version(self.data)

    def apply(self, store: StoreT, ids: list[str], stats: StageStats) -> list[str]:
        """Do the work for ``ids`` (not yet done); return the ids whose later stages must run again."""
        raise NotImplementedError


def reject_for(item: Item, step: str, exc: BaseException) -> Reject:
    """The reject of one article whose step raised ``exc``."""
    if isinstance(exc, InputError):
        step_name = exc.step if exc.step not in ("read", None) else step
        return Reject(item.source, step_name, exc.reason, item.record, error=type(exc).__name__, article_id=item.id)
    reason = str(exc).strip() or repr(exc)
    return Reject(item.source, step, f"{type(exc).__name__} in {step}: {reason}"[:2000], item.record,
                  error=type(exc).__name__, article_id=item.id)


def data_version(folders: tuple[str, ...], *extra: str) -> str:
    """A short hash of the data files of ``folders`` (``newsline/data/<folder>``) and ``extra``."""
    digest = hashlib.sha256()
    for value in (*(area_digest(f) for f in folders), *extra):
        digest.update(value.encode())
    return digest.hexdigest()[:12]
