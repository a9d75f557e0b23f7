"""The corpus barrier: mentions -> events with stable ids, sources, origins and disagreements.

``merge_events(store)`` reads every stored mention, groups them inside each article and then
across articles (:mod:`.groups`), and writes the events back (replacing the previous merge).
Each event lists every reporting article, its independent origins (copies of one text count
once: ``store.count_origins``), each source's own values and, side by side, the values the sources
disagree on. An event keeps the id it had when new mentions join it; a new event's id is derived
from its earliest mention's id, so ids are stable across incremental ingests.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from ..records import DateWindow, Event, EventMention
from .agreements import link_agreements
from .cluster import EventClusterer
from .groups import CONTEXT_RANK, OPEN_END, OPEN_START, Group, local_groups, only_recency
from .matcher import EventMatcher, load_matcher
from .ontology import Ontology, context_class, load_ontology
from .values import build_details, event_quantities, quantity_disagreements, summarize

__all__ = ["merge_events", "merge_groups"]


def _origin_map(store: Any, article_ids: list[str]) -> dict[str, str]:
    """Article id -> its origin (copies of one text, one wire story), the article itself if none."""
    known = store.origins_of(article_ids) if hasattr(store, "origins_of") else {}
    return {aid: known.get(aid) or aid for aid in article_ids}


def merge_events(store: Any) -> int:
    """Merge every stored mention into events and store them; return the number of events."""
    ontology = load_ontology()
    mentions = list(store.iter_mentions())
    articles = {a.id: a for a in store.iter_articles()}
    origins = _origin_map(store, list(articles))
    groups = merge_groups(mentions, ontology, origins=origins, articles=articles)
    previous = store.mention_events()
    events = [_build_event(g, ontology, store, articles, previous) for g in groups]
    keep_ids_unique(events)
    link_agreements(events, mentions, ontology)
    for event in events:
        event.summary = summarize(event, ontology)
    store.replace_events(events)
    return len(events)


def merge_groups(mentions: list[EventMention], ontology: Ontology | None = None, *,
                 origins: dict[str, str] | None = None, articles: dict[str, Any] | None = None,
                 matcher: EventMatcher | None = None) -> list[Group]:
    """Group mentions into events (no store needed: the core of :func:`merge_events`)."""
    ontology = ontology or load_ontology()
    bodies = {aid: a.body for aid, a in (articles or {}).items()}
    matcher = matcher or load_matcher(ontology=ontology, bodies=bodies)
    origins = origins or {}
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
            g.origins = {origins.get(aid, aid)}
            local.append(g)
    seq = {aid: i for i, aid in enumerate(articles or {})}
    local.sort(key=lambda g: (_firmness(g), min(seq.get(a, 0) for a in g.articles)))
    matcher.prepare(m for g in local for m in g.mentions)
    return EventClusterer(matcher).cluster(local)


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


def keep_ids_unique(events: list[Event], taken: set[str] = frozenset()) -> None:
    """Two events that split from one keep the old id on the larger; the other gets a fresh id
    that no other event holds or will hold (nor any id in ``taken``: stored events this merge
    does not rewrite). A fresh id hashed from the earliest mention can be exactly the old id
    (an event's id is its first mention's hash): the salt then moves on until it is unused, so
    a store merged with one coreference model and then another never sees a duplicate id."""
    claimed = {e.id for e in events} | set(taken)
    seen: set[str] = set()
    for e in sorted(events, key=lambda e: (-len(e.mentions), e.mentions[:1])):
        if e.id in seen or e.id in taken:
            salt = 0
            while (candidate := fresh_id(e.mentions[0], salt)) in claimed:
                salt += 1
            e.id = candidate
            claimed.add(candidate)
        seen.add(e.id)


def _build_event(g: Group, ontology: Ontology, store: Any, articles: dict[str, Any],
                 previous: dict[str, str]) -> Event:
    seq = {aid: i for i, aid in enumerate(articles)}
    g.mentions.sort(key=lambda m: (seq.get(m.article_id, 0), m.trigger.start))
    type_, mode = _event_type(g, ontology)
    sources = sorted(g.articles, key=lambda a: seq.get(a, 0))
    count = store.count_origins(sources) if hasattr(store, "count_origins") else len(g.origins)
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
