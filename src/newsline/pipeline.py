"""The ingest pipeline: streaming per-article steps, then corpus-wide barriers.

::

    paths ─▶ read ─▶ clean + metadata ─▶ store            (streamed, one article at a time)
                                           │
              ┌────────────────────────────┘  barriers, each reads the store and writes back:
              ▼
      boilerplate re-clean ─▶ duplicates ─▶ language layer ─▶ event mentions
                                             ─▶ dates for undated articles ─▶ event merge

A barrier only revisits what changed in this run (new or re-cleaned articles), so ingesting more
articles later costs what they cost, not what the whole corpus costs.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .records import RawDocument, Reject
from .store import SQLiteStore

#: progress callback: (step name, done, total or None)
Progress = Callable[[str, int, int | None], None]


@dataclass(slots=True)
class IngestReport:
    """What one ``ingest`` run did. ``read`` counts input records, including rejected ones."""

    read: int = 0
    new: int = 0
    unchanged: int = 0
    rejected: int = 0
    recleaned: int = 0
    annotated: int = 0
    mentions: int = 0
    events: int = 0
    new_ids: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0: all input used; 1: some input rejected; 3: nothing at all could be read."""
        if self.rejected and not (self.new or self.unchanged):
            return 3
        return 1 if self.rejected else 0

    def summary(self) -> dict[str, int]:
        return {"read": self.read, "new": self.new, "unchanged": self.unchanged,
                "rejected": self.rejected, "recleaned": self.recleaned,
                "annotated": self.annotated, "mentions": self.mentions, "events": self.events}


def _noop(step: str, done: int, total: int | None) -> None:
    return None


class Ingestor:
    """Runs the pipeline over one store. One instance per run."""

    def __init__(self, store: SQLiteStore, *, json_fields: dict[str, str] | None = None,
                 language: bool = True, events: bool = True, progress: Progress | None = None,
                 read_options: dict | None = None):
        from .clean import Cleaner

        self.store = store
        self.json_fields = json_fields
        #: extra ``iter_documents`` options: ``given`` metadata, ``include`` / ``exclude`` globs
        self.read_options = read_options or {}
        self.language = language
        self.events = events and language
        self.progress = progress or _noop
        self.cleaner = Cleaner(store)
        self.report = IngestReport()
        self._extracted: set[str] = set()
        self._regiven: list[str] = []       # stored articles whose given metadata this run changed

    def run(self, paths: Iterable[str]) -> IngestReport:
        self._timed("read+clean", self._ingest_stream, paths)
        self._timed("barriers", self._barriers)
        return self.report

    def _timed(self, name: str, fn: Callable, *args) -> None:
        start = time.perf_counter()
        fn(*args)
        self.report.seconds[name] = round(time.perf_counter() - start, 3)

    # -- streamed part ------------------------------------------------------------------------
    def _ingest_stream(self, paths: Iterable[str]) -> None:
        from .read import iter_documents

        for item in iter_documents(paths, json_fields=self.json_fields, **self.read_options):
            self.report.read += 1
            if isinstance(item, Reject):
                self._reject(item)
            else:
                self._ingest_one(item)
            self.progress("read", self.report.read, None)

    def _ingest_one(self, doc: RawDocument) -> None:
        from .errors import InputError

        article_id = doc.raw_sha[:16]
        if self.store.has_article(article_id):
            self.store.add_source(article_id, doc.source, doc.record)
            if self.cleaner.regive(doc):        # metadata given now that was not given before
                self._regiven.append(article_id)
            self.report.unchanged += 1
            return
        try:
            article = self.cleaner.clean(doc)
        except InputError as exc:
            self._reject(Reject(doc.source, exc.step if exc.step != "read" else "clean", exc.reason, doc.record))
            return
        if not article.body.strip():
            reason = "nothing left after removing boilerplate and metadata"
            if article.published:       # what is known about the page is not lost with it
                reason += f"; it is dated {article.published} ({article.published_from})"
            self._reject(Reject(doc.source, "clean", reason, doc.record))
            return
        if self.store.put_article(article):
            self.report.new += 1
            self.report.new_ids.append(article.id)
        else:
            self.report.unchanged += 1

    def _reject(self, reject: Reject) -> None:
        self.store.put_reject(reject)
        self.report.rejected += 1
        self.report.rejects.append(reject)

    # -- corpus-wide barriers -----------------------------------------------------------------
    def _barriers(self) -> None:
        recleaned = list(dict.fromkeys([*self._regiven, *self.cleaner.finish()]))
        self.report.recleaned = len(recleaned)
        touched = list(dict.fromkeys([*self.report.new_ids, *recleaned]))
        if not touched:
            return
        from .dedup import update_duplicates

        self._timed("duplicates", update_duplicates, self.store, touched)
        from .events.dating import date_from_copies   # the dating stage decides what duplicates proposed

        self._timed("copy dates", date_from_copies, self.store)
        if self.language:
            self._timed("language", self._annotate, touched)
        if self.events:
            self._timed("events", self._events, touched)

    def _annotate(self, ids: list[str]) -> None:
        """The language layer, and each article's event mentions while its parse is in memory:
        the parse is not stored, so extracting later would parse every body a second time."""
        from .nlp import annotate_articles

        articles = {a.id: a for a in self.store.iter_articles(ids)}
        for done, ann in enumerate(annotate_articles(articles.values()), start=1):
            self.store.put_annotations(ann)
            if self.events and ann.doc is not None:
                self._extract(articles[ann.article_id], ann)
            self.progress("language", done, len(articles))
        self.report.annotated = len(articles)

    def _extract(self, article, ann) -> None:
        from .events.extract import extract_mentions
        from .events.language import ArticleLayer

        layer = ArticleLayer(article, ann.doc, list(ann.entities), list(ann.timexes), list(ann.quantities))
        self.report.mentions += self.store.replace_mentions(article.id, extract_mentions(layer))
        self._extracted.add(article.id)

    def _events(self, ids: list[str]) -> None:
        from .events import date_articles, extract_events, merge_events

        rest = [i for i in ids if i not in self._extracted]   # articles the language step did not read
        if rest:
            self.report.mentions += extract_events(self.store, rest)
        date_articles(self.store)
        self.report.events = merge_events(self.store)
