"""The corpus barrier: mentions -> events with stable ids, sources, origins and disagreements.

``merge_events(store)`` reads every stored mention, groups them inside each article and then
across articles (:mod:`.groups`, :mod:`.cluster`), and writes the events back (replacing the
previous merge). ``merge_events(store, article_ids)`` is the incremental merge the ingest barrier
runs: it reads the mentions of those articles (new, re-extracted or re-dated) and only the stored
events they can join -- the events filed under their blocking keys (type family x month, or
actors, places and lemmas when undated: :class:`~.cluster.BlockingIndex`, stored with each event)
and the events those articles reported before -- and rewrites only the events that changed, so
adding an article costs what that article's reports can touch, not what the store holds.

Each event lists every reporting article, its independent origins (copies of one text count
once: ``store.count_origins``), each source's own values and, side by side, the values the sources
disagree on. An event keeps the id it had when new mentions join it; a new event's id is derived
from its earliest mention's id, so ids are stable across incremental ingests.

What an incremental merge does not do: split a stored event that no new report touches, or join
two stored events that no new report links (a full merge -- a new model or data version, or
``merge_events(store)`` -- reconsiders everything). It weighs words with the corpus's document
frequencies (stored by every merge: :class:`~.coref.ContextIndex`), as a full merge does.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import DateWindow, Event, EventMention, to_dict
from .agreements import link_agreements
from .cluster import BlockingIndex, EventClusterer
from .coref import ContextIndex
from .groups import CONTEXT_RANK, OPEN_END, OPEN_START, Group, local_groups, only_recency
from .matcher import EventMatcher, StoredBodies, load_matcher
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
    matcher = load_matcher(ontology=ontology, bodies=StoredBodies(store))
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
    result.mentions_read += len(new_mentions)
    matcher = load_matcher(ontology=ontology, bodies=StoredBodies(store))
    articles = {m.article_id for m in new_mentions} | dirty
    origins = _origin_map(store, articles)
    seq = store.article_seqs(articles)
    clusterer = EventClusterer(matcher, recency=_recency(seq))
    local = _local_groups(new_mentions, ontology, origins, seq)

    # the stored events these reports can join, and the ones the dirty articles reported before
    affected = store.events_of_articles(ids)
    wanted = affected | store.events_under_keys((k for g in local for k in clusterer.index.query_keys(g)),
                                                cap=BlockingIndex.CAP)
    stored = store.get_events(wanted)
    result.events_read += len(stored)
    previous = {mid: e.id for e in stored for mid in e.mentions}
    # the stored events are taken apart into the groups they were made of -- each article's
    # own grouping of its mentions, made again as a full merge makes it -- and clustered again
    # with the new ones, so the order reports arrived in decides no more than in a full merge
    others = {a for e in stored for a in e.sources} - dirty
    around = list(store.iter_mentions(sorted(others)))
    result.mentions_read += len(around)
    seq.update(store.article_seqs(others - set(seq)))
    origins.update(_origin_map(store, others - set(origins)))
    parts = [g for g in _local_groups(around, ontology, origins, seq) if g.mentions[0].id in previous]
    kept = [m for g in parts for m in g.mentions]
    groups_in = sorted([*local, *parts], key=_merge_order(seq))
    matcher.prepare((m for g in groups_in for m in g.mentions), embed=clusterer.comparable(groups_in))
    _weigh_as_the_corpus(store, matcher, local, dirty)
    out = clusterer.cluster(groups_in)
    gone = {e.id for e in stored}
    built = [(_build_event(g, ontology, store, seq, previous), g) for g in out]
    events = [e for e, _ in built]
    keep_ids_unique(events, taken=_StoredIds(store, gone))
    extra = _relink_agreements(store, events, built, ontology, seq, previous, exclude=gone | {e.id for e in events})
    link_agreements(events + extra.linked, [*new_mentions, *kept, *extra.mentions], ontology)
    for event in events + extra.linked:
        event.summary = summarize(event, ontology)
    keys = _keys(built + extra.built, clusterer)
    # events that come out as they were stored are not written again
    before = {**{e.id: _fingerprint(e) for e in stored}, **extra.before}
    out_ids = {e.id for e in events + extra.linked}
    written = [e for e in events + extra.linked if before.get(e.id) != _fingerprint(e)]
    deleted = gone - out_ids
    store.write_events(written, delete=deleted, keys={e.id: keys[e.id] for e in written if e.id in keys})
    result.written, result.deleted = len(written), len(deleted)
    result.events_read += extra.events_read
    result.mentions_read += len(extra.mentions)
    result.events = store.count_events()
    return result


def _fingerprint(event: Event) -> str:
    """What a stored event holds, to tell an event that changed from one rebuilt as it was."""
    return json.dumps(to_dict(event), sort_keys=True, ensure_ascii=False, default=str)


def _recency(seq: dict[str, int]):
    """An event's recency for blocking: its latest article in ingest order (``seq`` grows as
    the merge reads more articles)."""
    return lambda g: max((seq.get(a, 0) for a in g.articles), default=0)


def _weigh_as_the_corpus(store: EventStore, matcher: EventMatcher, local: list[Group], dirty: set[str]) -> None:
    """Record the changed articles' terms and give the matcher the corpus's document
    frequencies for the words it will weigh (a full merge counts them over every article)."""
    new = ContextIndex.documents([matcher.features[m.id] for g in local for m in g.mentions])
    store.update_merge_docs({aid: new.get(aid) for aid in sorted(dirty)})
    vocabulary = {t for f in matcher.features.values() for which in ("sentence", "context") for t in f.terms(which)}
    matcher.index = ContextIndex.from_frequencies(*store.merge_frequencies(vocabulary))


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
    """Agreements and the later events that carry out their terms link across the corpus: when
    a rebuilt event is an agreement or may carry one out, the stored agreements and the stored
    events of their term types are linked again with it (and rewritten)."""
    none = _Relinked([], [], [])
    agreement_ids = store.events_under_keys([TERMS_KEY]) - exclude
    if not agreement_ids and not any(e.details.get("terms") for e in events):
        return none
    agreements = store.get_events(agreement_ids)
    terms = {(t["type"], t.get("mode")) for e in [*agreements, *events] for t in e.details.get("terms", [])}
    if not terms:
        return none
    doer_types = ontology.family_types(ontology.family(t) for t, _ in terms)
    if not any(e.details.get("terms") for e in events) and not any(e.type in doer_types for e in events):
        return none
    # rebuild the stored agreements (their terms are mentions of their articles), re-read the doers
    mentions = list(store.iter_mentions({a for e in agreements for a in e.sources}))
    by_id = {m.id: m for m in mentions}
    origins = _origin_map(store, {m.article_id for m in mentions})
    seq = seq | store.article_seqs(set(origins) - set(seq))
    rebuilt: list[tuple[Event, Group]] = []
    for e in agreements:
        g = Group()
        for mid in e.mentions:
            if mid in by_id:
                g.add(by_id[mid], origins.get(by_id[mid].article_id))
        if g.mentions:
            rebuilt.append((_build_event(g, ontology, store, seq, previous | dict.fromkeys(e.mentions, e.id)), g))
    doers = store.get_events(store.events_of_types(doer_types) - exclude - agreement_ids)
    before = {e.id: _fingerprint(e) for e in [*agreements, *doers]}
    for d in doers:
        d.details.pop("carries_out", None)
    return _Relinked([e for e, _ in rebuilt] + doers, rebuilt, mentions, len(agreements) + len(doers), before)


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
    """The most specific type among the mentions, and its most frequent mode."""
    kinds = Counter((m.type, m.mode) for m in g.mentions)
    type_ = max({t for t, _ in kinds}, key=lambda t: (ontology.specificity(t), sum(n for (x, _), n in kinds.items() if x == t)))
    modes = Counter({mode: n for (t, mode), n in kinds.items() if t == type_ and mode})
    mode = max(modes, key=lambda md: (":" in md, modes[md])) if modes else None
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
