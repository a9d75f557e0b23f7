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
from .groups import CONTEXT_RANK, OPEN_END, OPEN_START, Group, _width, affinity, local_groups
from .language import country_names
from .ontology import Ontology, context_class, load_ontology
from .values import build_details, event_quantities, quantity_disagreements, summarize

__all__ = ["merge_events", "merge_groups", "THRESHOLD"]

THRESHOLD = 1.5
# Sentence similarity s in [0, 1] from the coreference model adds SIMILARITY_WEIGHT * (s - 0.5),
# halved below 0.5: two reports of one swap can be worded apart ("earlier exchanges took place on
# Tuesday" / "Russia and Ukraine swapped a second group"), and type and day already weigh in, so
# unlike wording counts as weaker evidence against than alike wording counts for.
SIMILARITY_WEIGHT = 2.0
UNIQUE_IN_WINDOW = 2.0   # lifts the -1.5 "day inside a wide window" penalty to +0.5 (a week's window)


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
    _keep_ids_unique(events)
    link_agreements(events, mentions, ontology)
    for event in events:
        event.summary = summarize(event, ontology)
    store.replace_events(events)
    return len(events)


def merge_groups(mentions: list[EventMention], ontology: Ontology | None = None, *,
                 origins: dict[str, str] | None = None, articles: dict[str, Any] | None = None) -> list[Group]:
    """Group mentions into events (no store needed: the core of :func:`merge_events`)."""
    ontology = ontology or load_ontology()
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
    bodies = {aid: a.body for aid, a in (articles or {}).items()}
    return _cluster(local, ontology, bodies)


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


def _cluster(local: list[Group], ontology: Ontology, bodies: dict[str, str] | None = None) -> list[Group]:
    """Greedy best-first clustering: each group joins the best event above THRESHOLD, or starts one;
    then events that ended up apart but belong together are merged (:func:`_consolidate`)."""
    countries = country_names()
    sim = _Similarity(local, bodies or {})

    def score(a: Group, b: Group, bonus: float = 0.0, bar: float = THRESHOLD,
              base: float | None = None) -> float | None:
        """Affinity (``base`` when the caller has it) plus ``bonus``, None when the hard constraints
        exclude the pair. The sentence similarity (the costly part) is computed only when it can
        lift the score to ``bar``."""
        base = affinity(ontology, a, b, countries=countries) if base is None else base
        if base is None:
            return None
        if sim.score is None:
            return base + bonus
        if base + bonus + SIMILARITY_WEIGHT / 2 < bar:
            return base + bonus - SIMILARITY_WEIGHT / 4      # below the bar whatever the similarity
        delta = sim(a, b) - 0.5
        return base + bonus + SIMILARITY_WEIGHT * (delta if delta > 0 else delta / 2)

    events: list[Group] = []
    index = _TimeIndex()     # only events of one type family and overlapping time are compared
    for g in local:
        candidates = index.candidates(g, _families(g, ontology))
        bases = {id(e): base for e in candidates
                 if (base := affinity(ontology, g, e, countries=countries)) is not None}
        possible = [e for e in candidates if id(e) in bases]
        # A wide window ("early June") holding a day is penalised as "could be any event of that
        # window"; when the corpus knows exactly one compatible event inside it, that one it is.
        # Groups arrive firmest first, so every dated event is already placed (stated closed world).
        inside = [e for e in possible if _day_inside(e, g)]
        best, best_score = None, THRESHOLD
        for e in possible:
            bonus = UNIQUE_IN_WINDOW if len(inside) == 1 and e is inside[0] else 0.0
            value = score(g, e, bonus, best_score, bases[id(e)])
            if value is not None and value >= best_score:
                best, best_score = e, value
        if best is None:
            best = Group()
            events.append(best)
        best.absorb(g)
        index.put(best, _families(best, ontology))
    return _consolidate(events, index, score, ontology)


class _TimeIndex:
    """Events by type family and by the months their time touches, so that a group is compared
    with the events it could join (same family, overlapping time, or no time on either side)
    instead of with every event: merging stays near-linear in the corpus size."""

    WIDE_DAYS = 62

    def __init__(self) -> None:
        self.seq: dict[int, int] = {}                  # id(event) -> creation order
        self.keys: dict[int, list[tuple[str, str]]] = {}
        self.buckets: dict[tuple[str, str], dict[int, Group]] = {}

    def _keys(self, g: Group, families: set[str]) -> list[tuple[str, str]]:
        bounds = g.bounds()
        if bounds is None or _width(bounds) > self.WIDE_DAYS:
            return [(f, "*") for f in families]      # undated or wide: compared with everything
        return [(f, m) for f in families for m in _months(*bounds)]

    def put(self, e: Group, families: set[str]) -> None:
        """Add ``e`` or re-file it after it absorbed a group (its time may have changed)."""
        self.drop(e)
        self.seq.setdefault(id(e), len(self.seq))
        self.keys[id(e)] = self._keys(e, families)
        for key in self.keys[id(e)]:
            self.buckets.setdefault(key, {})[id(e)] = e

    def drop(self, e: Group) -> None:
        for key in self.keys.pop(id(e), ()):
            self.buckets[key].pop(id(e), None)

    def candidates(self, g: Group, families: set[str], before: int | None = None) -> list[Group]:
        """Events that may report the same event as ``g``, in creation order (``before``: only
        events created before that one)."""
        found: dict[int, Group] = {}
        for family, month in self._keys(g, families):
            keys = [(family, "*")] + ([(family, month)] if month != "*" else
                                      [k for k in self.buckets if k[0] == family and k[1] != "*"])
            for key in keys:
                found.update(self.buckets.get(key, {}))
        out = [e for e in found.values() if e is not g and (before is None or self.seq[id(e)] < before)]
        return sorted(out, key=lambda e: self.seq[id(e)])


def _months(lo: str, hi: str) -> list[str]:
    """The months ("2025-06") an inclusive ISO day range touches."""
    out, (y, m) = [], (int(lo[:4]), int(lo[5:7]))
    while f"{y:04d}-{m:02d}" <= hi[:7]:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _families(g: Group, ontology: Ontology) -> set[str]:
    """The type families of a group's mentions: types linked by the ontology's compatible pairs."""
    return {ontology.family(t) for t, _ in g.kinds}


def _consolidate(events: list[Group], index: _TimeIndex, score, ontology: Ontology) -> list[Group]:
    """Merge a later event into the earlier one it fits best, until nothing changes.

    The greedy pass decides with what it has seen so far: an article read early can start an
    event of its own that a later, fuller report would have tied to the main one (001's "talks
    earlier this month" before 002's "talks in Istanbul on June 2"). Events only grow here, so a
    few rounds settle it."""
    alive = list(events)
    changed = True
    while changed:
        changed = False
        for later in sorted(alive, key=lambda e: -index.seq[id(e)]):
            best, best_score = None, THRESHOLD
            for earlier in index.candidates(later, _families(later, ontology), before=index.seq[id(later)]):
                value = score(later, earlier, 0.0, best_score)
                if value is not None and value >= best_score:
                    best, best_score = earlier, value
            if best is not None:
                best.absorb(later)
                index.drop(later)
                index.put(best, _families(best, ontology))
                alive = [e for e in alive if e is not later]
                changed = True
    return alive


def _day_inside(event: Group, g: Group) -> bool:
    """Whether ``event`` is dated to one day that lies inside ``g``'s wider-than-a-week window."""
    day, window = event.bounds(), g.bounds()
    return (day is not None and window is not None and day[0] == day[1]
            and _width(window) > 7 and window[0] <= day[0] <= window[1])


class _Similarity:
    """Sentence-level similarity of two groups with the ECB+-trained coreference model (``events.coref``)."""

    def __init__(self, groups: list[Group], bodies: dict[str, str]):
        self.bodies = bodies
        self._pairs: dict[tuple[str, str], float] = {}
        try:
            from .coref import ContextIndex, MentionFeatures, load_model, pair_score
            self.model = load_model()
        except (ImportError, OSError, ValueError):   # no coref module or no trained model yet
            self.score = None
            return
        self.features = MentionFeatures
        self.score = pair_score
        self._feat: dict[str, Any] = {}
        for g in groups:
            for m in g.mentions:
                self._feat[m.id] = self._features(m)
        try:
            self.index = ContextIndex.from_mentions(list(self._feat.values()))
        except Exception:  # an incompatible coref module: fall back to no similarity
            self.score = None

    def _features(self, m: EventMention) -> Any:
        body = self.bodies.get(m.article_id, "")
        sentence = body[m.sentence.start:m.sentence.end]
        trigger = body[m.trigger.start:m.trigger.end] or m.type.lower()
        actors = tuple(str(a.value) for a in m.arguments if a.role in ("source", "target"))
        places = tuple(str(a.value) for a in m.arguments if a.role == "place")
        lemma = next((a.value for a in m.arguments if a.role == "lemma"), trigger.lower())
        span = (m.trigger.start - m.sentence.start, m.trigger.end - m.sentence.start)
        return self.features(doc_id=m.article_id, trigger=trigger, lemma=lemma, sentence=sentence,
                             event_type=m.type, date=m.date, actors=actors, places=places,
                             trigger_span=span)

    def __call__(self, a: Group, b: Group) -> float | None:
        """The best pair score between the first three mentions of each group (pairs cached:
        the consolidation pass asks for the same pairs again)."""
        if self.score is None:
            return None
        best = 0.0
        for x in a.mentions[:3]:
            for y in b.mentions[:3]:
                key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
                if key not in self._pairs:
                    self._pairs[key] = self.score(self._feat[x.id], self._feat[y.id], model=self.model,
                                                  index=self.index)
                best = max(best, self._pairs[key])
        return best


def _event_id(mention_ids: list[str], previous: dict[str, str]) -> str:
    """Reuse the id most of these mentions had; otherwise hash the earliest mention id."""
    before = Counter(previous[m] for m in mention_ids if m in previous)
    if before:
        return sorted(before.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return "ev-" + hashlib.sha1(mention_ids[0].encode()).hexdigest()[:10]


def _keep_ids_unique(events: list[Event]) -> None:
    """Two events that split from one keep the old id on the larger; the other gets its own."""
    seen: set[str] = set()
    for e in sorted(events, key=lambda e: -len(e.mentions)):
        if e.id in seen:
            e.id = "ev-" + hashlib.sha1(e.mentions[0].encode()).hexdigest()[:10]
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
