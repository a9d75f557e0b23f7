"""The ingest pipeline: a list of per-article steps and corpus barriers (see :mod:`newsline.stages`).

::

    read ─▶ clean (+ metadata)          per article, in input order, in the writer process
      ▏ reclean      barrier: articles holding blocks that became boilerplate are re-cleaned
      ▏ duplicates   barrier: fingerprints, copies, origins; dates proposed between copies
      ▏ copy_dates   barrier: the dating stage decides the proposed copy dates
    language ─▶ events                  per article, in worker processes (``workers``)
      ▏ dating       barrier: dates for undated articles from copies and shared events
      ▏ merge        barrier: mentions -> events across articles

Each stage records, per article, that it is done (and with which model/data version) in the
transaction that writes its output, so a run after a kill, a crash or a failed article does
exactly what is unfinished (:func:`newsline.api.resume`). A barrier's work for the articles it has
not seen yet is one transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from .clean import Cleaner
from .clean.ports import CleaningStore
from .dedup.ports import DedupStore
from .dedup import update_duplicates
from .dating.corpus import date_articles, date_from_copies
from .events.extract import extract_mentions
from .events.language import layer_of
from .events.matcher import mention_vectors
from .events.merge import merge
from .dating.ports import DatingStore
from .events.ports import EventStore
from .nlp.annotate import annotate_doc
from .nlp.model import MODEL, load_nlp
from .read import iter_documents
from .records import Reject
from .stages import Barrier, Item, RunStore, StageStats, Step, data_version


class CleanStepStore(CleaningStore, RunStore, Protocol):
    """The clean step reads the store as the cleaner does and writes as the runner's steps do."""


class PipelineStore(CleaningStore, DedupStore, DatingStore, EventStore, RunStore, Protocol):
    """Everything a whole ingest needs: the runner's, and each barrier's stage Protocol."""

__all__ = ["IngestReport", "Progress", "Read", "Clean", "Language", "Events", "Reclean", "Duplicates",
           "CopyDates", "Dating", "Merge", "build_pipeline", "PER_ARTICLE"]

#: progress callback: (stage name, done, total or None)
Progress = Callable[[str, int, int | None], None]


# -- per-article steps ----------------------------------------------------------------------------
class Read(Step):
    """The source: files, folders, globs or ``-`` -> one item per input record (or its reject)."""

    name = "read"
    data = ("read",)

    def __init__(self, paths: Iterable[str] = (), json_fields: dict[str, str] | None = None,
                 read_options: dict[str, Any] | None = None):
        self.paths = list(paths)
        self.json_fields = json_fields
        #: extra ``iter_documents`` options: ``given`` metadata, ``include`` / ``exclude`` globs
        self.read_options = read_options or {}

    def items(self) -> Iterator[Item]:
        for found in iter_documents(self.paths, json_fields=self.json_fields, **self.read_options):
            if isinstance(found, Reject):
                yield Item(found.source, found.record, reject=found, trace=[(self.name, 0.0, "rejected")])
            else:
                yield Item(found.source, found.record, raw=found, trace=[(self.name, 0.0, "ok")])


class Clean(Step):
    """Boilerplate, paragraphs, metadata. Reads and records the corpus's block counts in input
    order (what counts as boilerplate depends on the articles before), so it runs in the writer."""

    name = "clean"
    data = ("clean", "meta", "read")
    needs_store = True

    def __init__(self, store: CleanStepStore):
        self.store = store
        self.cleaner = Cleaner(store)

    def process(self, item: Item) -> Item:
        raw = item.raw
        if self.store.has_article(raw.raw_sha[:16]):
            item.unchanged = True
            item.regiven = self.cleaner.regive(raw)     # metadata given now that was not given before
            return item
        article = self.cleaner.clean(raw)
        if not article.body.strip():
            reason = "nothing left after removing boilerplate and metadata"
            if article.published:       # what is known about the page is not lost with it
                reason += f"; it is dated {article.published} ({article.published_from})"
            item.reject = Reject(raw.source, "clean", reason, raw.record)
            return item
        item.article = article
        return item

    def save(self, store: RunStore, item: Item) -> dict[str, int]:
        if item.unchanged:
            store.add_source(item.raw.raw_sha[:16], item.raw.source, item.raw.record)
            return {"unchanged": 1, "regiven": int(item.regiven)}
        return {"new": 1} if store.put_article(item.article) else {"unchanged": 1}


class Language(Step):
    """The language layer: one spaCy parse per body (``nlp.pipe`` in batches), then entities, time
    expressions, quantities and quotes. An article's annotations depend on that article alone."""

    name = "language"
    data = ("nlp", "timex")
    batch_size = 16

    def __init__(self) -> None:
        self._docs: dict[int, Any] = {}

    def version(self) -> str:
        return data_version(self.data, MODEL, _model_version())

    def begin(self, batch: list[Item]) -> None:
        from .nlp import bounds

        self._docs = {}
        # bodies that fit one piece are piped together; a long one is parsed alone, in chunks
        # (or refused above the limit) by parse_body in process()
        fits = min(bounds.CHUNK_CHARS, bounds.MAX_BODY_CHARS)
        short = [i for i in batch if len(i.article.body) <= fits]
        if short:
            docs = load_nlp().pipe([bounds.parse_text(i.article.body) for i in short])
            self._docs = {id(i): d for i, d in zip(short, docs)}

    def process(self, item: Item) -> Item:
        from .nlp.annotate import parse_body

        doc = self._docs.pop(id(item), None)
        if doc is None:
            doc = parse_body(item.article.body, nlp=load_nlp())
        item.annotations = annotate_doc(doc, item.article.id, item.article.published)
        return item

    def save(self, store: RunStore, item: Item) -> dict[str, int]:
        store.put_annotations(item.annotations)
        return {}


class Events(Step):
    """Event mentions of one article, read off the language layer's parse and annotations."""

    name = "events"
    data = ("events",)

    def process(self, item: Item) -> Item:
        ann = item.annotations
        item.mentions = extract_mentions(layer_of(item.article, ann.doc, ann))
        item.vectors = mention_vectors(item.article.body, item.mentions)
        return item

    def save(self, store: RunStore, item: Item) -> dict[str, int]:
        if item.vectors:
            store.put_embeddings(item.vectors)
        return {"mentions": store.replace_mentions(item.article.id, item.mentions)}


# -- barriers -----------------------------------------------------------------------------------
class Reclean(Barrier[CleaningStore]):
    """Articles holding blocks that became boilerplate since they were cleaned are cleaned again;
    those whose body changed go through every later stage again."""

    name = "reclean"
    after = None
    data = Clean.data

    def apply(self, store: CleaningStore, ids: list[str], stats: StageStats) -> list[str]:
        changed = Cleaner(store).finish()
        stats.counts["recleaned"] += len(changed)
        return changed


class Duplicates(Barrier[DedupStore]):
    name = "duplicates"
    after = "clean"
    data = ("dedup",)

    def apply(self, store: DedupStore, ids: list[str], stats: StageStats) -> list[str]:
        stats.counts.update({k: v for k, v in update_duplicates(store, ids).items() if isinstance(v, int)})
        return []


class CopyDates(Barrier[DatingStore]):
    """The dating stage decides the dates the duplicates stage proposed from copies (it alone
    writes ``published``), before the language layer reads them."""

    name = "copy_dates"
    after = "duplicates"
    data = ("dedup", "events")

    def apply(self, store: DatingStore, ids: list[str], stats: StageStats) -> list[str]:
        stats.counts["dated"] += len(date_from_copies(store, ids))
        return []


class Dating(Barrier[DatingStore]):
    name = "dating"
    after = "events"
    data = ("events",)

    def apply(self, store: DatingStore, ids: list[str], stats: StageStats) -> list[str]:
        changed = date_articles(store, ids, counts=stats.counts)
        stats.counts["dated"] += len(changed)
        return changed          # re-dated articles: their mentions changed, merging re-reads them


class Merge(Barrier[EventStore]):
    name = "merge"
    after = "dating"
    data = ("events", "coref")

    def apply(self, store: EventStore, ids: list[str], stats: StageStats) -> list[str]:
        result = merge(store, ids)
        stats.counts["events"] = result.events
        stats.counts["events_written"] += result.written
        stats.counts["mentions_read"] += result.mentions_read
        return []


#: the per-article steps a worker process can run (they do not touch the store)
PER_ARTICLE: dict[str, type[Step]] = {"language": Language, "events": Events}


def build_pipeline(store: CleanStepStore, *, paths: Iterable[str] | None = None, json_fields: dict[str, str] | None = None,
                   language: bool = True, events: bool = True,
                   read_options: dict[str, Any] | None = None) -> list[list[Step] | Barrier]:
    """The pipeline as a list: runs of per-article steps (each a list) and barriers."""
    pipeline: list[list[Step] | Barrier] = []
    if paths is not None:
        pipeline.append([Read(paths, json_fields, read_options), Clean(store)])
    pipeline += [Reclean(), Duplicates(), CopyDates()]
    if language:
        pipeline.append([Language(), *([Events()] if events else [])])
        if events:
            pipeline += [Dating(), Merge()]
    return pipeline


def _model_version() -> str:
    try:
        from importlib.metadata import version

        return version(MODEL)
    except Exception:       # noqa: BLE001 - a model installed outside pip
        return "unknown"


# -- the report -------------------------------------------------------------------------------------
@dataclass(slots=True)
class IngestReport:
    """What one run did, stage by stage. ``read`` counts input records, including rejected ones."""

    stages: dict[str, StageStats] = field(default_factory=dict)
    new_ids: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    workers: int = 1
    #: stages whose model or data changed since stored articles went through them: how many
    #: articles each does again in this run
    rerun: dict[str, int] = field(default_factory=dict)

    def stage(self, name: str) -> StageStats:
        if name not in self.stages:
            self.stages[name] = StageStats(name)
        return self.stages[name]

    def _count(self, stage: str, key: str) -> int:
        return self.stages[stage].counts.get(key, 0) if stage in self.stages else 0

    @property
    def read(self) -> int:
        return self.stages["read"].items if "read" in self.stages else 0

    @property
    def new(self) -> int:
        return self._count("clean", "new")

    @property
    def unchanged(self) -> int:
        return self._count("clean", "unchanged")

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    @property
    def recleaned(self) -> int:
        return self._count("reclean", "recleaned") + self._count("clean", "regiven")

    @property
    def annotated(self) -> int:
        return self.stages["language"].ok if "language" in self.stages else 0

    @property
    def mentions(self) -> int:
        return self._count("events", "mentions")

    @property
    def events(self) -> int:
        return self._count("merge", "events")

    @property
    def exit_code(self) -> int:
        """0: all input used; 1: some input rejected; 3: nothing at all could be read."""
        if self.read and self.rejected and not (self.new or self.unchanged):
            return 3
        return 1 if self.rejected else 0

    def summary(self) -> dict[str, int]:
        return {"read": self.read, "new": self.new, "unchanged": self.unchanged,
                "rejected": self.rejected, "recleaned": self.recleaned,
                "annotated": self.annotated, "mentions": self.mentions, "events": self.events}

    def timings(self) -> list[dict[str, Any]]:
        """Per stage: items, rejects, seconds of work and items/s (workers' seconds are summed)."""
        return [{"stage": s.name, "items": s.items, "rejected": s.rejected, "seconds": round(s.seconds, 3),
                 "per_second": round(s.rate(), 2)} for s in self.stages.values()]
