"""The one clusterer of event reports: groups join the event the matcher links them to best.

:class:`EventClusterer` is used by the merge barrier (groups of one article's mentions, joined
across articles), by dating across articles (through the same matcher) and by the ECB+
evaluation (``newsline.eval.ecb``, one annotated mention per group), so the published
coreference figure measures the clustering ingest runs.

Clustering is greedy best-first: a group is compared with the events the :class:`BlockingIndex`
offers, joins the one whose link (:meth:`EventMatcher.link`) is highest and at least the cut, or
starts an event of its own; a consolidation pass then merges events that ended up apart but
belong together (an early, thin report that only fits once a later one has grown the event).
Incremental use is the same operation: the stored events a new group may join are put in the
index first (:meth:`EventClusterer.seed`), and only the events that changed are written back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .groups import Group, width
from .matcher import EventMatcher, is_day_inside

__all__ = ["EventClusterer", "BlockingIndex", "capped", "months"]


def months(lo: str, hi: str) -> list[str]:
    """The months ("2025-06") an inclusive ISO day range touches."""
    out, (y, m) = [], (int(lo[:4]), int(lo[5:7]))
    while f"{y:04d}-{m:02d}" <= hi[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def attribute_keys(g: Group) -> set[str]:
    """What an undated report can be matched by: its actors (or the articles' parties), its
    places and its trigger lemmas."""
    actors = g.values("source") | g.values("target") | g.values("party")
    return ({"a:" + x.lower() for x in actors} | {"p:" + x.lower() for x in g.values("place")}
            | {"l:" + x.lower() for x in g.values("lemma")})


def capped(key: str) -> bool:
    """Whether a blocking key holds only its most recent events (every key but a month's)."""
    return "|m:" not in key


class BlockingIndex:
    """Events by type family and time, so that a group is compared only with the events it can
    join: two dated events of one family are compared when their months overlap; when either is
    undated (or dated only to more than ``WIDE_DAYS``), when they share an actor, a place or a
    trigger lemma. ``keys`` replaces the attribute keys (the ECB+ evaluation blocks by story).
    Merging stays near-linear in the corpus, and an incremental merge reads only the events
    under the keys of its new groups (:meth:`keys_of`, stored with each event)."""

    WIDE_DAYS = 62
    #: the most events an attribute key (not a month) holds with ``recency``: the most recent ones
    CAP = 25

    def __init__(self, family: Callable[[Group], set[str]],
                 keys: Callable[[Group], set[str]] = attribute_keys, *,
                 recency: Callable[[Group], int] | None = None):
        self.family, self.attributes = family, keys
        # with ``recency`` (the latest article of an event, in ingest order), a key shared by
        # events of every month ("undated, lemma 'attack'") holds only its CAP most recent
        # events: a report is compared with what the corpus reported lately, not with every
        # undated event of its kind ever stored, so a merge's cost does not grow with the store
        self.recency = recency
        self.seq: dict[int, int] = {}
        self.filed: dict[int, list[str]] = {}
        self.buckets: dict[str, dict[int, Group]] = {}

    def is_dated(self, g: Group) -> bool:
        bounds = g.bounds()
        return bounds is not None and width(bounds) <= self.WIDE_DAYS

    def keys_of(self, g: Group) -> list[str]:
        """The keys ``g`` is filed under (``family|m:2025-06``, ``family|u:a:russia`` ...)."""
        families, attrs = self.family(g), sorted(self.attributes(g))
        if self.is_dated(g):
            bounds = g.bounds()
            return ([f"{f}|m:{m}" for f in families for m in months(*bounds)]
                    + [f"{f}|d:{a}" for f in families for a in attrs])
        return [f"{f}|u:{a}" for f in families for a in attrs] or [f"{f}|u:" for f in families]

    def query_keys(self, g: Group) -> list[str]:
        """The keys under which the events ``g`` may join are filed."""
        families, attrs = self.family(g), sorted(self.attributes(g))
        undated = [f"{f}|u:{a}" for f in families for a in attrs] or [f"{f}|u:" for f in families]
        if self.is_dated(g):
            return [f"{f}|m:{m}" for f in families for m in months(*g.bounds())] + undated
        return undated + [f"{f}|d:{a}" for f in families for a in attrs]

    def put(self, e: Group) -> None:
        """Add ``e``, or re-file it after it absorbed a group (its time may have changed)."""
        self.drop(e)
        self.seq.setdefault(id(e), len(self.seq))
        self.filed[id(e)] = self.keys_of(e)
        for key in list(self.filed[id(e)]):
            bucket = self.buckets.setdefault(key, {})
            bucket[id(e)] = e
            if self.recency is not None and len(bucket) > self.CAP and capped(key):
                oldest = min(bucket.values(), key=lambda x: (self.recency(x), self.seq[id(x)]))
                del bucket[id(oldest)]
                self.filed[id(oldest)].remove(key)

    def drop(self, e: Group) -> None:
        for key in self.filed.pop(id(e), ()):
            self.buckets[key].pop(id(e), None)

    def candidates(self, g: Group, before: int | None = None) -> list[Group]:
        """Events that may report the same event as ``g``, in creation order (``before``: only
        events created before that one)."""
        found: dict[int, Group] = {}
        for key in self.query_keys(g):
            found.update(self.buckets.get(key, {}))
        out = [e for e in found.values() if e is not g and (before is None or self.seq[id(e)] < before)]
        return sorted(out, key=lambda e: self.seq[id(e)])


class EventClusterer:
    """Greedy best-first clustering of groups into events with one :class:`EventMatcher`.

    ``within_article``: groups of one article may join (the ECB+ evaluation, whose groups are
    single mentions); the merge barrier has already grouped each article's mentions itself."""

    def __init__(self, matcher: EventMatcher, index: BlockingIndex | None = None, *,
                 within_article: bool = False, recency: Callable[[Group], int] | None = None):
        self.matcher = matcher
        self.index = index or BlockingIndex(lambda g: {matcher.ontology.family(t) for t, _ in g.kinds},
                                            recency=recency)
        self.within_article = within_article
        self.events: list[Group] = []
        self.touched: set[int] = set()
        self.absorbed: list[tuple[Group, Group]] = []   # (event, the event it merged into)

    def seed(self, events: Iterable[Group]) -> None:
        """Put already stored events in the index (incremental merge): groups may join them."""
        for e in events:
            self.events.append(e)
            self.index.put(e)

    def comparable(self, groups: list[Group]) -> set[str]:
        """Ids of the mentions whose text clustering ``groups`` (with the seeded events) may
        score: the first mentions (``matcher.per_side``) of groups that have a candidate they
        are not excluded from and whose link could reach the cut. An event's first mentions are
        its first group's, so these are the only ones compared; embedding them alone spares the
        semantic model every report that blocking already decides."""
        index = BlockingIndex(self.index.family, self.index.attributes, recency=self.index.recency)
        for g in [*self.events, *groups]:
            index.put(g)
        out: set[str] = set()
        side = self.matcher.per_side
        for g in [*self.events, *groups]:
            for e in index.candidates(g):
                if self.matcher.excluded(g, e, same_article_ok=self.within_article):
                    continue
                if max(self.matcher.bound(g, e), self.matcher.bound(g, e, unique_in_window=True)) < self.matcher.threshold:
                    continue
                out.update(m.id for m in g.mentions[:side])
                out.update(m.id for m in e.mentions[:side])
        return out

    def cluster(self, groups: Iterable[Group]) -> list[Group]:
        """Add every group, consolidate, and return all events (seeded ones included)."""
        for g in groups:
            self.add(g)
        self.consolidate()
        return self.events

    def add(self, g: Group) -> Group:
        """``g`` joins the best event the matcher links it to, or starts one; returns that event."""
        best = self._best(g)
        if best is None:
            best = Group()
            self.events.append(best)
        best.absorb(g)
        self.index.put(best)
        self.touched.add(id(best))
        return best

    def _best(self, g: Group, before: int | None = None) -> Group | None:
        """The candidate event with the highest link to ``g`` at or above the cut, if any."""
        candidates = [e for e in self.index.candidates(g, before)
                      if not self.matcher.excluded(g, e, same_article_ok=self.within_article)]
        # A wide window ("early June") holding a day could be any event of that window: when the
        # corpus knows exactly one compatible event inside it, that one it is; when it knows
        # several, the report cannot tell which and joins none of them.
        inside = [e for e in candidates if is_day_inside(e, g)]
        if len(inside) > 1:
            candidates = [e for e in candidates if not any(e is x for x in inside)]
        best, best_link = None, self.matcher.threshold
        for e in candidates:
            value = self._link(g, e, len(inside) == 1 and e is inside[0], best_link)
            if value is not None and value >= best_link:
                best, best_link = e, value
        return best

    def _link(self, a: Group, b: Group, unique: bool, bar: float) -> float | None:
        # the candidates were checked against the hard constraints; below the cut whatever the
        # text says, no text is scored
        return self.matcher.link_above(a, b, bar, unique_in_window=unique)

    def consolidate(self) -> None:
        """Merge a touched event into the earlier one it fits best, until nothing changes.

        The greedy pass decides with what it has seen so far: an article read early can start an
        event of its own that a later, fuller report would have tied to the main one. Events
        only grow here, so a few rounds settle it."""
        changed = True
        while changed:
            changed = False
            for later in sorted(self.events, key=lambda e: -self.index.seq[id(e)]):
                if id(later) not in self.touched:
                    continue
                best = self._best(later, before=self.index.seq[id(later)])
                if best is not None:
                    best.absorb(later)
                    self.index.drop(later)
                    self.index.put(best)
                    self.touched.add(id(best))
                    self.events = [e for e in self.events if e is not later]
                    self.absorbed.append((later, best))
                    changed = True
