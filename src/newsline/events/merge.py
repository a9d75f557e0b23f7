"""The corpus barrier: mentions -> events with stable ids, sources, origins and disagreements.

``merge_events(store)`` reads every stored mention, groups them inside each article and then
across articles (:mod:`.groups`, :mod:`.cluster`), and writes the events back (replacing the
previous merge). ``merge_events(store, article_ids)`` is the incremental merge the ingest barrier
runs: it reads the mentions of those articles (new, re-extracted or re-dated) and only the stored
events they can join -- the events filed under their blocking keys (type family x month, or
actors, places and lemmas when undated: :class:`~.cluster.BlockingIndex`, stored with each event)
and the events those articles reported before. Each of those stored events enters the clustering
as one unit, made from its own mentions; only the ones a new report links to (and the ones the
changed articles were in) are taken apart into their articles' groups and clustered again with
the new reports, and only the events that changed are written, so adding an article costs what
that article's reports can touch, not what the store holds.

Each event lists every reporting article, its independent origins (copies of one text count
once: ``store.count_origins``), each source's own values and, side by side, the values the sources
disagree on. An event keeps the id it had when new mentions join it; a new event's id is derived
from its earliest mention's id, so ids are stable across incremental ingests.

What an incremental merge keeps (tested against a full merge): the same events as a full merge
of the same store wherever no report's arrival order changes a greedy decision; every stored
event a new report does not link to unchanged, with its id; an event that gains a report keeps
its id. What it does not do: split a stored event that no new report links to, or join two
stored events that no new report links (a full merge -- a new model or data version, or
``merge_events(store)`` -- reconsiders everything). It weighs words with the corpus's document
frequencies (stored by every merge and read for the words it weighs: :class:`_CorpusIndex`), as
a full merge does.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import DateWindow, Event, EventMention, to_dict
from .agreements import link_agreements
from .cluster import BlockingIndex, EventClusterer
from .coref import ContextIndex
from .groups import CONTEXT_RANK, OPEN_END, OPEN_START, Group, local_groups, only_recency, time_bounds
from .groups import _is_recency
from .matcher import EventMatcher, StoredBodies, is_day_inside, load_matcher
from .ontology import Ontology, context_class, load_ontology
from .ports import EventStore
from .values import build_details, event_quantities, quantity_disagreements, summarize

__all__ = ["merge_events", "merge_groups", "MergeResult"]

#: the blocking key agreement events are also filed under (their terms link later events)
TERMS_KEY = "@terms"


@dataclass(slots=True)
class MergeResult:
    """What one merge did: events in the store after it, events written and deleted, and the
    rows it read (mentions and stored events): an incremental merge's cost."""

    events: int = 0
    written: int = 0
    deleted: int = 0
    mentions_read: int = 0
    events_read: int = 0
    full: bool = True


def _origin_map(store: EventStore, article_ids: Iterable[str]) -> dict[str, str]:
    """Article id -> its origin (copies of one text, one wire story), the article itself if none."""
    ids = list(article_ids)
    known = store.origins_of(ids)
    return {aid: known.get(aid) or aid for aid in ids}


def merge_events(store: EventStore, article_ids: Iterable[str] | None = None) -> int:
    """Merge mentions into events and store them; return the number of events in the store.

    ``article_ids``: the articles whose mentions are new or changed since the last merge (an
    incremental merge, see the module docstring); None merges everything again."""
    return merge(store, article_ids).events


def merge(store: EventStore, article_ids: Iterable[str] | None = None) -> MergeResult:
    """:func:`merge_events` with what it read and wrote."""
    ontology = load_ontology()
    if article_ids is not None and store.has_event_keys():
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return MergeResult(events=store.count_events(), full=False)
        return _merge_incremental(store, ids, ontology)
    return _merge_full(store, ontology)


def _merge_full(store: EventStore, ontology: Ontology) -> MergeResult:
    mentions = list(store.iter_mentions())
    seq = store.article_seqs({m.article_id for m in mentions})
    origins = _origin_map(store, seq)
    matcher = load_matcher(ontology=ontology, bodies=StoredBodies(store), embeddings=store)
    clusterer = EventClusterer(matcher, recency=_recency(seq))
    local = _local_groups(mentions, ontology, origins, seq)
    matcher.prepare((m for g in local for m in g.mentions), embed=clusterer.comparable(local))
    store.replace_merge_docs(ContextIndex.documents(list(matcher.features.values())))
    groups = clusterer.cluster(local)
    previous = store.mention_events()
    built = [(_build_event(g, ontology, store, seq, previous), g) for g in groups]
    events = [e for e, _ in built]
    keep_ids_unique(events)
    link_agreements(events, mentions, ontology)
    for event in events:
        event.summary = summarize(event, ontology)
    store.replace_events(events, _keys(built, clusterer))
    return MergeResult(events=len(events), written=len(events), mentions_read=len(mentions))


def _merge_incremental(store: EventStore, ids: list[str], ontology: Ontology) -> MergeResult:
    dirty = set(ids)
    result = MergeResult(full=False)
    new_mentions = list(store.iter_mentions(ids))
    matcher = load_matcher(ontology=ontology, bodies=StoredBodies(store), embeddings=store)
    articles = {m.article_id for m in new_mentions} | dirty
    origins = _origin_map(store, articles)
    seq = store.article_seqs(articles)
    local = _local_groups(new_mentions, ontology, origins, seq)
    matcher.prepare(m for g in local for m in g.mentions)
    _weigh_as_the_corpus(store, matcher, local, dirty)
    stored = _StoredEvents(store, matcher, origins, seq, dirty)
    out, clusterer, taken_apart = _recluster(stored, local, store.events_of_articles(ids))
    # what changed: the events holding a new report or a part taken apart, and the stored
    # events that absorbed one; every other stored event read stays as it is stored
    changed = [g for g in out if id(g) in clusterer.touched]
    gone = taken_apart | {eid for g in changed if (eid := stored.id_of(g))}
    gone |= {eid for later, _ in clusterer.absorbed if (eid := stored.id_of(later))}
    previous = {mid: eid for eid in gone for mid in stored.events[eid].mentions}
    built = [(_build_event(g, ontology, store, seq, previous), g) for g in changed]
    events = [e for e, _ in built]
    keep_ids_unique(events, taken=_StoredIds(store, gone))
    extra = _relink_agreements(store, events, built, ontology, seq, previous, exclude=gone | {e.id for e in events})
    kept = [m for g in changed for m in g.mentions]
    link_agreements(events + extra.linked, [*new_mentions, *kept, *extra.mentions], ontology)
    for event in events + extra.linked:
        event.summary = summarize(event, ontology)
    keys = _keys(built + extra.built, clusterer)
    # events that come out as they were stored are not written again
    before = {**{eid: _fingerprint(stored.events[eid]) for eid in gone}, **extra.before}
    out_ids = {e.id for e in events + extra.linked}
    written = [e for e in events + extra.linked if before.get(e.id) != _fingerprint(e)]
    deleted = gone - out_ids
    store.write_events(written, delete=deleted, keys={e.id: keys[e.id] for e in written if e.id in keys})
    result.written, result.deleted = len(written), len(deleted)
    result.mentions_read = len(new_mentions) + stored.mentions_read + len(extra.mentions)
    result.events_read = len(stored.events) + extra.events_read
    result.events = store.count_events()
    return result


#: how many times the stored events read may widen (an outcome filed under keys not yet read)
_ROUNDS = 3


def _recluster(stored: _StoredEvents, local: list[Group],
               affected: set[str]) -> tuple[list[Group], EventClusterer, set[str]]:
    """Cluster the new reports with the stored events they can join.

    Each stored event under a new group's keys enters as one unit (its own mentions, as
    clustering built it: :class:`_StoredEvents`). Only the events a new group links to at or
    above the cut, and those the changed articles reported before, are taken apart into their
    articles' groups and clustered again with the new ones: a new, firmer report may then pull
    a part away from the event it was in, as a full merge that meets it first would. When what
    comes out is filed under keys not read yet (an event whose time narrowed) and links to an
    event there, that event is taken apart too and the clustering done again.
    Returns the events out, the clusterer (its ``touched`` events changed) and the ids of the
    stored events taken apart."""
    # only the events still stored: an index row whose event is gone (a store whose events
    # were dropped to be merged again) names nothing to take apart
    affected = stored.load(affected)
    queried = {k for g in local for k in stored.index.query_keys(g)}
    stored.load(stored.store.events_under_keys(queried, cap=BlockingIndex.CAP))
    matched = affected | stored.linked_to(local, stored.loaded())
    for round_ in range(_ROUNDS):
        clusterer = EventClusterer(stored.matcher, recency=_recency(stored.seq))
        clusterer.seed(stored.units(exclude=matched))
        out = clusterer.cluster(sorted([*local, *stored.parts(matched)], key=_merge_order(stored.seq)))
        grown = [g for g in out if id(g) in clusterer.touched]
        more = {k for g in grown for k in stored.index.query_keys(g)} - queried
        queried |= more
        fresh = stored.load(stored.store.events_under_keys(more, cap=BlockingIndex.CAP)) if more else set()
        hits = stored.linked_to(grown, fresh) - matched
        if not hits or round_ == _ROUNDS - 1:
            break
        matched |= hits
    return out, clusterer, matched


class _StoredEvents:
    """The stored events an incremental merge reads, each made again into the group clustering
    built it from: its own mentions (never every mention of its articles), one part per article
    (two groups of one article never join one event), the changed articles' mentions left out
    (they come back as new reports)."""

    def __init__(self, store: EventStore, matcher: EventMatcher, origins: dict[str, str],
                 seq: dict[str, int], dirty: set[str]):
        self.store, self.matcher, self.origins, self.seq, self.dirty = store, matcher, origins, seq, dirty
        self.events: dict[str, Event] = {}
        self.members: dict[str, list[EventMention]] = {}
        self.mentions_read = 0
        self.index = BlockingIndex(lambda g: {matcher.ontology.family(t) for t, _ in g.kinds})
        self._ids: dict[int, str] = {}
        self._units: dict[str, Group] = {}

    def loaded(self) -> set[str]:
        return set(self.events)

    def load(self, event_ids: Iterable[str]) -> set[str]:
        """Read these events and their mentions (those not read yet); return the ids read."""
        events = self.store.get_events(set(event_ids) - set(self.events))
        mentions = self.store.get_mentions(mid for e in events for mid in e.mentions)
        self.mentions_read += len(mentions)
        articles = {m.article_id for m in mentions}
        self.seq.update(self.store.article_seqs(articles - set(self.seq)))
        self.origins.update(_origin_map(self.store, articles - set(self.origins)))
        by_id = {m.id: m for m in mentions}
        for e in events:
            self.events[e.id] = e
            self.members[e.id] = [by_id[mid] for mid in e.mentions
                                  if mid in by_id and by_id[mid].article_id not in self.dirty]
        return {e.id for e in events}

    def parts(self, event_ids: Iterable[str]) -> list[Group]:
        """The article groups the events were made of, as :func:`local_groups` orders a group's
        mentions (the dated ones first, each in text order)."""
        out = []
        for eid in sorted(event_ids):
            by_article: dict[str, list[EventMention]] = {}
            for m in self.members.get(eid, []):
                by_article.setdefault(m.article_id, []).append(m)
            for aid, items in by_article.items():
                g = Group()
                for m in sorted(items, key=lambda m: (not _firmly_dated(m), m.trigger.start)):
                    g.add(m, self.origins.get(aid, aid))
                out.append(g)
        return out

    def unit(self, eid: str) -> Group:
        """The event as one group: its parts absorbed in the order clustering meets them."""
        if eid not in self._units:
            g = Group()
            for part in sorted(self.parts([eid]), key=_merge_order(self.seq)):
                g.absorb(part)
            self._units[eid] = g
        return self._units[eid]

    def units(self, *, exclude: set[str]) -> list[Group]:
        """Fresh units of the events read (but ``exclude``), in the order clustering meets them."""
        self._ids = {}
        out = []
        for eid in sorted(set(self.events) - exclude):
            if self.members[eid]:
                g = Group()
                g.absorb(self.unit(eid))
                self._ids[id(g)] = eid
                out.append(g)
        return sorted(out, key=_merge_order(self.seq))

    def id_of(self, g: Group) -> str | None:
        """The stored event a unit stands for (None: not a unit of the last :meth:`units`)."""
        return self._ids.get(id(g))

    def linked_to(self, groups: list[Group], among: set[str]) -> set[str]:
        """Ids of the events in ``among`` that one of ``groups`` links to at or above the cut."""
        index = BlockingIndex(self.index.family)
        for eid in among:
            if self.members.get(eid):
                index.put(self.unit(eid))
        by_unit = {id(self.unit(eid)): eid for eid in among if self.members.get(eid)}
        pairs = [(g, e) for g in groups for e in index.candidates(g)
                 if not self.matcher.excluded(g, e) and _could_link(self.matcher, g, e)]
        self._prepare(m for g, e in pairs for m in [*g.mentions[:self.matcher.per_side], *e.mentions[:self.matcher.per_side]])
        return {by_unit[id(e)] for g, e in pairs
                if (link := self.matcher.link(g, e, unique_in_window=is_day_inside(e, g))) is not None
                and link >= self.matcher.threshold}

    def _prepare(self, mentions: Iterable[EventMention]) -> None:
        todo = [m for m in mentions if m.id not in self.matcher.features]
        self.matcher.prepare(todo)
        if isinstance(self.matcher.index, _CorpusIndex):
            self.matcher.index.idf.load(_vocabulary(self.matcher.features[m.id] for m in todo))


def _could_link(matcher: EventMatcher, a: Group, b: Group) -> bool:
    """Whether the link could reach the cut whatever the texts say (no text read)."""
    return max(matcher.bound(a, b), matcher.bound(a, b, unique_in_window=True)) >= matcher.threshold


def _firmly_dated(m: EventMention) -> bool:
    """A mention :func:`local_groups` groups first: one with a time of its own text."""
    return time_bounds(m) is not None and not _is_recency(m)


def _fingerprint(event: Event) -> str:
    """What a stored event holds, to tell an event that changed from one rebuilt as it was."""
    return json.dumps(to_dict(event), sort_keys=True, ensure_ascii=False, default=str)


def _recency(seq: dict[str, int]):
    """An event's recency for blocking: its latest article in ingest order (``seq`` grows as
    the merge reads more articles)."""
    return lambda g: max((seq.get(a, 0) for a in g.articles), default=0)


def _weigh_as_the_corpus(store: EventStore, matcher: EventMatcher, local: list[Group], dirty: set[str]) -> None:
    """Record the changed articles' terms and give the matcher the corpus's document
    frequencies (a full merge counts them over every article): read from the store for the
    words it weighs, as it comes to them (:class:`_CorpusIndex`)."""
    new = ContextIndex.documents([matcher.features[m.id] for g in local for m in g.mentions])
    store.update_merge_docs({aid: new.get(aid) for aid in sorted(dirty)})
    matcher.index = _CorpusIndex(store, matcher.features)


def _vocabulary(features: Iterable[Any]) -> set[str]:
    """The words the matcher weighs in these records (sentences and document contexts)."""
    return {t for f in features for which in ("sentence", "context") for t in f.terms(which)}


class _CorpusIdf(dict):
    """Word -> its inverse document frequency over the stored corpus, read in batches: the
    words of the records given to :meth:`load`, and, when a word no batch held is weighed, the
    words of every record built since (a record is built when a mention is first scored)."""

    def __init__(self, store: EventStore, n: int, features: dict[str, Any]):
        super().__init__()
        self.store, self.n, self.features, self.seen = store, n, features, 0

    def load(self, terms: Iterable[str]) -> None:
        missing = set(terms) - self.keys()
        if missing:
            df, _ = self.store.merge_frequencies(missing)
            self.update({t: math.log((1 + self.n) / (1 + df.get(t, 0))) + 1 for t in missing})

    def get(self, term: str, default: float | None = None) -> float:
        if term not in self:
            records = list(self.features.values())
            self.load({term} | _vocabulary(records[self.seen:]))
            self.seen = len(records)
        return self[term]


class _CorpusIndex(ContextIndex):
    """The word weights of a batch of every stored document, without reading every document."""

    def __init__(self, store: EventStore, features: dict[str, Any]):
        super().__init__()
        _, self.n = store.merge_frequencies(())
        self.idf = _CorpusIdf(store, self.n, features)
        self.default_idf = math.log(1 + self.n) + 1


@dataclass(slots=True)
class _Relinked:
    linked: list[Event]                     # stored events whose agreement links are redone
    built: list[tuple[Event, Group]]        # the agreements among them, rebuilt from their mentions
    mentions: list[EventMention]            # the mentions (and terms) read to rebuild them
    events_read: int = 0
    before: dict[str, str] = field(default_factory=dict)   # their stored fingerprints


def _relink_agreements(store: EventStore, events: list[Event], built: list[tuple[Event, Group]],
                       ontology: Ontology, seq: dict[str, int], previous: dict[str, str], *,
                       exclude: set[str]) -> _Relinked:
    """Agreements and the later events that carry out their terms link across the corpus; an
    incremental merge redoes only the links a rebuilt event can change. A rebuilt agreement is
    linked with every stored event of its terms' types; a stored agreement is linked again
    when a rebuilt event is of its terms' types or was one of its doers, with the doers it
    lists and the rebuilt events (a doer no rebuilt event replaces is still one). Only those
    agreements and doers are read (never every event of a type for a rebuilt doer)."""
    rebuilt = {e.id for e, g in built if any(a.role == "term" for m in g.mentions for a in m.arguments)}
    stored = store.get_events(store.events_under_keys([TERMS_KEY]) - exclude)
    doer_types = _doer_types(ontology, ((t["type"], t.get("mode")) for e in stored for t in e.details.get("terms", [])))
    doers_built = [e for e in events if e.type in doer_types]
    if not rebuilt and not doers_built:
        return _Relinked([], [], [])
    out_ids = {e.id for e in events} | exclude
    relink = [a for a in stored if any(e.type in _doer_types(ontology, _term_kinds(a)) for e in doers_built)
              or _doers_listed(a) & out_ids]
    mentions = store.get_mentions(mid for a in relink for mid in a.mentions)
    terms = [str(x.value) for m in [*mentions, *(m for e, g in built if e.id in rebuilt for m in g.mentions)]
             for x in m.arguments if x.role == "term"]
    mentions += store.get_mentions(set(terms) - {m.id for m in mentions})
    by_id = {m.id: m for m in mentions}
    origins = _origin_map(store, {m.article_id for m in mentions})
    seq = seq | store.article_seqs(set(origins) - set(seq))
    again: list[tuple[Event, Group]] = []
    for e in relink:
        g = Group()
        for mid in e.mentions:
            if mid in by_id:
                g.add(by_id[mid], origins.get(by_id[mid].article_id))
        if g.mentions:
            again.append((_build_event(g, ontology, store, seq, previous | dict.fromkeys(e.mentions, e.id)), g))
    wanted = {d for a in relink for d in _doers_listed(a)} - out_ids
    if rebuilt:      # a new or changed agreement: every stored event of its terms' types
        kinds = {(str(m.type), m.mode) for t in terms if (m := by_id.get(t)) is not None}
        wanted |= store.events_of_types(_doer_types(ontology, kinds, counterpart=True)) - out_ids - {e.id for e in stored}
    doers = store.get_events(wanted)
    before = {e.id: _fingerprint(e) for e in [*relink, *doers]}
    redone = {e.id for e in relink} | rebuilt | exclude
    for d in doers:
        left = [x for x in d.details.pop("carries_out", []) if x not in redone]
        if left:
            d.details["carries_out"] = left
    return _Relinked([e for e, _ in again] + doers, again, mentions, len(stored) + len(doers), before)


def _term_kinds(agreement: Event) -> set[tuple[str, str | None]]:
    return {(t["type"], t.get("mode")) for t in agreement.details.get("terms", [])}


def _doers_listed(agreement: Event) -> set[str]:
    """The events a stored agreement says carry out its terms."""
    return {d for t in agreement.details.get("terms", []) for d in t.get("carried_out_by", [])}


def _doer_types(ontology: Ontology, kinds: Iterable[tuple[str, str | None]], *, counterpart: bool = False) -> set[str]:
    """Every type of the families of these terms (a term of a mention: its counterpart's family)."""
    families = set()
    for type_, mode in kinds:
        other = ontology.counterpart(f"{type_}:{mode}") if counterpart else None
        families.add(ontology.family(other.split(":")[0] if other else type_))
    return ontology.family_types(families)


class _StoredIds(Container):
    """The ids stored events hold, except those this merge rewrites or deletes (asked of the
    store one id at a time: a merge never reads every id)."""

    def __init__(self, store: EventStore, freed: set[str]):
        self.store, self.freed = store, freed

    def __contains__(self, event_id: object) -> bool:
        return (isinstance(event_id, str) and event_id not in self.freed
                and bool(self.store.existing_event_ids([event_id])))


def _keys(built: list[tuple[Event, Group]], clusterer: EventClusterer) -> dict[str, list[str]]:
    """Each event's blocking keys (and the agreements' own key), stored for incremental merges."""
    out = {}
    for event, g in built:
        keys = clusterer.index.keys_of(g)
        out[event.id] = keys + ([TERMS_KEY] if event.details.get("terms") else [])
    return out


def merge_groups(mentions: list[EventMention], ontology: Ontology | None = None, *,
                 origins: dict[str, str] | None = None, articles: dict[str, Any] | None = None,
                 matcher: EventMatcher | None = None) -> list[Group]:
    """Group mentions into events (no store needed: the core of :func:`merge_events`)."""
    ontology = ontology or load_ontology()
    bodies = {aid: a.body for aid, a in (articles or {}).items()}
    matcher = matcher or load_matcher(ontology=ontology, bodies=bodies)
    seq = {aid: i for i, aid in enumerate(articles or {})}
    local = _local_groups(mentions, ontology, origins or {}, seq)
    clusterer = EventClusterer(matcher)
    matcher.prepare((m for g in local for m in g.mentions), embed=clusterer.comparable(local))
    return clusterer.cluster(local)


def _local_groups(mentions: list[EventMention], ontology: Ontology, origins: dict[str, str],
                  seq: dict[str, int]) -> list[Group]:
    """Each article's mentions grouped into its events, firmest first, then in ingest order."""
    usable = [m for m in mentions if context_class(m.context) != "generic" and not _is_term(m)]
    usable = [m for m in usable if not _is_bare(m) or any(
        x.article_id == m.article_id and not _is_bare(x) and ontology.compatible((x.type, x.mode), (m.type, m.mode))
        for x in usable)]
    by_article: dict[str, list[EventMention]] = {}
    for m in usable:
        by_article.setdefault(m.article_id, []).append(m)
    local: list[Group] = []
    for aid, items in by_article.items():
        for g in local_groups(items, ontology):
            if all(_is_bare(m) for m in g.mentions):
                continue        # bare reports may join their article's event, never stand for one
            g.origins = {origins.get(aid, aid)}
            local.append(g)
    local.sort(key=_merge_order(seq))
    return local


def _merge_order(seq: dict[str, int]):
    """The order groups are clustered in: firmest time first, then the earliest article."""
    return lambda g: (_firmness(g), min(seq.get(a, 0) for a in g.articles))


_CONTENT_ROLES = {"time", "source", "target", "place", "quantity", "tense", "party"}


def _is_bare(m: EventMention) -> bool:
    """A mention with nothing but its trigger ("related to the return of bodies"): it can join an
    event of its article but is too little to be an event of its own."""
    return not m.date and not m.date_window and not any(a.role in _CONTENT_ROLES for a in m.arguments)


def _is_term(m: EventMention) -> bool:
    return any(a.role == "agreement" for a in m.arguments)


def _firmness(g: Group) -> int:
    bounds = g.bounds()
    if bounds is None:
        return 3
    return 0 if bounds[0] == bounds[1] else (1 if bounds[0][:7] == bounds[1][:7] else 2)


def _event_id(mention_ids: list[str], previous: dict[str, str]) -> str:
    """Reuse the id most of these mentions had; otherwise hash the earliest mention id."""
    before = Counter(previous[m] for m in mention_ids if m in previous)
    if before:
        return sorted(before.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return fresh_id(mention_ids[0])


def fresh_id(mention_id: str, salt: int = 0) -> str:
    key = mention_id if not salt else f"{mention_id}#{salt}"
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def keep_ids_unique(events: list[Event], taken: Container[str] = frozenset()) -> None:
    """Two events that split from one keep the old id on the larger; the other gets a fresh id
    that no other event holds or will hold (nor any id in ``taken``: stored events this merge
    does not rewrite). A fresh id hashed from the earliest mention can be exactly the old id
    (an event's id is its first mention's hash): the salt then moves on until it is unused, so
    a store merged with one coreference model and then another never sees a duplicate id."""
    claimed = {e.id for e in events}
    seen: set[str] = set()
    for e in sorted(events, key=lambda e: (-len(e.mentions), e.mentions[:1])):
        if e.id in seen or e.id in taken:
            salt = 0
            while (candidate := fresh_id(e.mentions[0], salt)) in claimed or candidate in taken:
                salt += 1
            e.id = candidate
            claimed.add(candidate)
        seen.add(e.id)


def _build_event(g: Group, ontology: Ontology, store: EventStore, seq: dict[str, int],
                 previous: dict[str, str]) -> Event:
    g.mentions.sort(key=lambda m: (seq.get(m.article_id, 0), m.trigger.start))
    type_, mode = _event_type(g, ontology)
    sources = sorted(g.articles, key=lambda a: seq.get(a, 0))
    count = store.count_origins(sources)
    event = Event(id=_event_id([m.id for m in g.mentions], previous), type=type_, mode=mode,
                  context=min((m.context for m in g.mentions), key=lambda c: CONTEXT_RANK.get(c, 9)),
                  sources=sources, independent_origins=count, mentions=[m.id for m in g.mentions])
    _set_time(event, g)
    event.place = _most_common(g, "place")
    event.actors = _actors(g, ontology, type_)
    event.quantities = event_quantities(g)
    event.disagreements = quantity_disagreements(event.quantities) + _place_disagreements(g)
    event.details = build_details(g, ontology, type_, mode)
    event.summary = summarize(event, ontology)
    return event


def _event_type(g: Group, ontology: Ontology) -> tuple[str, str | None]:
    """The most specific type among the mentions, and its most frequent mode; a tie goes to the
    first by name (never to a set's order, which changes with the interpreter's hash seed, nor
    to the order the mentions came in, which differs between an incremental and a full merge)."""
    kinds = Counter((m.type, m.mode) for m in g.mentions)
    type_ = max(sorted({t for t, _ in kinds}),
                key=lambda t: (ontology.specificity(t), sum(n for (x, _), n in kinds.items() if x == t)))
    modes = Counter({mode: n for (t, mode), n in kinds.items() if t == type_ and mode})
    mode = max(sorted(modes), key=lambda md: (":" in md, modes[md])) if modes else None
    return type_, mode


def _set_time(event: Event, g: Group) -> None:
    bounds = g.bounds()
    if bounds is None:
        return
    reasons = sorted({m.date_window.reason for m in g.mentions if m.date_window and m.date_window.reason})
    if bounds[0] == bounds[1]:
        event.date = bounds[0]
    else:
        weekdays = g.weekdays()
        lo, hi = (None if bounds[0] == OPEN_START else bounds[0]), (None if bounds[1] == OPEN_END else bounds[1])
        if only_recency(g):
            lo = None   # shown as what the text says: on or before publication
        event.date_window = DateWindow(lo, hi, "; ".join(reasons) or "the sources' times overlap here",
                                       weekdays.pop() if len(weekdays) == 1 else None)


def _most_common(g: Group, role: str) -> str | None:
    values = Counter(str(a.value) for m in g.mentions for a in m.arguments if a.role == role)
    return values.most_common(1)[0][0] if values else None


_ROLE_ORDER = {"source": 0, "mediator": 1, "target": 2}


def _actors(g: Group, ontology: Ontology, type_: str) -> list[str]:
    """Actors, the side that acts first: by the role most sources give them, then how often."""
    roles: dict[str, Counter] = {}
    for m in g.mentions:
        for a in m.arguments:
            if a.role in _ROLE_ORDER:
                roles.setdefault(str(a.value), Counter())[a.role] += 1
    # a side no source names: the nouns that describe it ("protesters", "the airline")
    named = {r for counts in roles.values() for r in counts}
    for m in g.mentions:
        for a in m.arguments:
            role = a.role[len("described_"):] if a.role.startswith("described_") else None
            if role in _ROLE_ORDER and role not in named:
                roles.setdefault(str(a.value), Counter())[role] += 1
    if roles:
        def key(name: str) -> tuple[int, int]:
            counts = roles[name]
            return (_ROLE_ORDER[max(counts, key=lambda r: (counts[r], -_ROLE_ORDER[r]))], -sum(counts.values()))
        return sorted(roles, key=key)
    if not ontology.types.get(type_, {}).get("per_side_counts"):
        return []
    # an exchange has two sides: when no sentence names them, the article's two principal actors
    # (the "party" arguments extraction recorded with their first mention as evidence)
    names = Counter(str(a.value) for m in g.mentions for a in m.arguments if a.role == "party")
    return [n for n, _ in names.most_common()]


def _place_disagreements(g: Group) -> list[dict[str, Any]]:
    by_value: dict[str, set[str]] = {}
    for m in g.mentions:
        for a in m.arguments:
            if a.role == "place":
                by_value.setdefault(str(a.value), set()).add(m.article_id)
    if len(by_value) < 2:
        return []
    return [{"field": "place", "values": [{"value": v, "sources": sorted(s)} for v, s in sorted(by_value.items())]}]
