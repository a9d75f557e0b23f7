"""Payloads for browsing a store: pages of events and articles, one event or article with all its
evidence, full-text search hits and facet counts.

``newsline.api`` exposes these (keyword-only); ``newsline serve`` returns them as JSON under
``/api/v1/`` and renders the same dicts as HTML. Every query is paged in SQL (see
:mod:`newsline.store.search`), so a page costs what it shows. Items reuse the CLI's and the
export's shapes: a timeline item is ``timeline --format json``'s, an event is the export's
``events[]`` item, an article the export's ``articles[]`` item, each with more detail added.

A cursor is opaque (URL-safe base64 of the last position shown); a bad one is a
:class:`~newsline.errors.QueryError`, as are a bad date, facet field or search query.
"""
from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from typing import Any

from .errors import QueryError
from .records import to_dict
from .store import SQLiteStore
from .store.search import FACET_FIELDS, MARK_END, MARK_START
from .timeline.build import DEFAULT_CONTEXTS, TimelineFilter, timeline_item

__all__ = ["expand_day", "event_filter", "fts_query", "events_page", "event_page", "articles_page",
           "article_page", "search_page", "facet_page", "span_segments", "snippet_segments", "MAX_LIMIT"]

MAX_LIMIT = 500


# -- filters -----------------------------------------------------------------------------------
def expand_day(value: str | None, *, end: bool, name: str = "since") -> str | None:
    """A year, month or day as the first (``end``: last) ISO day it covers; a bad one is a
    :class:`QueryError` (``timeline.bounds.parse_bound`` says which shapes are accepted)."""
    from .errors import ConfigError
    from .timeline.bounds import parse_bound

    try:
        return parse_bound(value, end=end, name=name)
    except ConfigError as exc:
        raise QueryError(str(exc)) from None


def event_filter(*, since: str | None = None, until: str | None = None, types: Sequence[str] | None = None,
                 actor: str | None = None, place: str | None = None,
                 context: str | Sequence[str] = "default") -> TimelineFilter:
    """The timeline filter from user-facing options (``context``: "default", "all", a comma list
    or a sequence; ``types`` may be repeated or comma-separated codes or labels)."""
    since_day, until_day = expand_day(since, end=False, name="since"), expand_day(until, end=True, name="until")
    if since_day and until_day and since_day > until_day:
        raise QueryError(f"since {since!r} is after until {until!r}")
    if isinstance(context, str):
        context = (context or "default").strip()
        contexts = DEFAULT_CONTEXTS if context == "default" else (
            () if context == "all" else tuple(c.strip() for c in context.split(",") if c.strip()))
    else:
        contexts = tuple(context)
    types = type_codes(t.strip() for item in types or () for t in item.split(",") if t.strip())
    return TimelineFilter(since=since_day, until=until_day, types=types, actor=actor or None,
                          place=place or None, contexts=contexts)


def type_codes(given) -> tuple[str, ...]:
    """The type codes a user's ``--type`` values stand for: a code (any case; a PLOVER root covers
    its extensions), a label as the timeline shows it, or a family (see
    :meth:`~newsline.events.ontology.Ontology.resolve_types`). A value that matches nothing is a
    :class:`~newsline.errors.QueryError` naming what to give, never an empty answer."""
    from .events.ontology import load_ontology

    ontology = load_ontology()
    codes: list[str] = []
    for value in given:
        found = ontology.resolve_types(value)
        if not found:
            raise QueryError(f"--type {value!r} matches no event type: give a code (ASSAULT), a label as the "
                             f"timeline shows it (attack) or a family (business); see `newsline types`")
        codes += found
    return tuple(dict.fromkeys(codes))


_QUERY_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str | None) -> str | None:
    """A user's search text as a safe FTS5 expression: ``"a phrase"`` stays a phrase, ``swap*``
    is a prefix query, ``OR`` between terms is kept, every other word must occur. Nothing the
    user types can be an FTS5 syntax error or reach a column filter."""
    if text is None or not text.strip():
        return None
    parts: list[str] = []
    for m in _QUERY_TOKEN.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        raw = phrase if phrase is not None else word
        prefix = phrase is None and raw.endswith("*")
        raw = raw.rstrip("*") if prefix else raw
        if not _WORD.search(raw):
            continue
        parts.append('"' + raw.replace('"', '""') + '"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise QueryError(f"search {text!r} holds no word to look for")
    return " ".join(parts)


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit {limit} is out of range: 1..{MAX_LIMIT}")
    return limit


def _encode(position: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, ensure_ascii=False).encode()).decode().rstrip("=")


def _decode(cursor: str | None, shape: type) -> Any:
    if not cursor:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise QueryError(f"cursor {cursor[:40]!r} is not one this server gave out") from exc
    ok = isinstance(value, str) if shape is str else isinstance(value, int) and value >= 0
    if not ok:
        raise QueryError(f"cursor {cursor[:40]!r} is not one this server gave out")
    return value


def _resolve_article(store: SQLiteStore, article: str | None) -> str | None:
    """A full article id from an id or a unique prefix (a filter on an unknown article is a 404
    for the article page, but an empty result for a filter)."""
    if not article:
        return None
    found = store.get_article(article)
    return found.id if found else article


# -- events ------------------------------------------------------------------------------------
def events_page(store: SQLiteStore, flt: TimelineFilter, *, article: str | None = None, q: str | None = None,
                limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """``{"items", "next", "total", "total_exact"}``: timeline items in time order, ``limit`` at a
    time. ``total`` is exact up to ``TOTAL_CAP`` events; above, it is that cap and ``total_exact``
    is false."""
    limit = _limit(limit)
    query = {**flt.query(), "article": _resolve_article(store, article), "text": fts_query(q)}
    position = _decode(cursor, str)
    events, following = store.query_events(**query, limit=limit, cursor=position)
    # a first page that holds every match is its own count
    total, exact = (len(events), True) if position is None and following is None else \
        store.count_events_where(**query)
    return {"items": [timeline_item(e) for e in events], "next": _encode(following) if following else None,
            "total": total, "total_exact": exact}


def event_page(store: SQLiteStore, event_id: str) -> dict[str, Any] | None:
    """One event as the export item, with every mention's evidence, a readable citation per
    article (outlet, title, date), its sources grouped by independent origin, and the readings
    each source gave. None for an unknown id."""
    from .events import event_to_export

    event = store.get_event(event_id)
    if event is None:
        return None
    item = event_to_export(event, store)
    ids = list(dict.fromkeys([*event.sources, *(ev["article"] for ev in item["evidence"])]))
    item["articles"] = store.citations_of(ids)
    origins: dict[str, list[str]] = {}
    for aid, origin in store.origins_of(event.sources).items():
        origins.setdefault(origin, []).append(aid)
    item["origins"] = [{"origin": o, "articles": a} for o, a in origins.items()]
    item["label"] = event.details.get("label", event.type.lower())
    item["readings"] = [{"article": aid, **info} for aid, info in event.details.get("per_source", {}).items()]
    return item


# -- articles ----------------------------------------------------------------------------------
def articles_page(store: SQLiteStore, *, since: str | None = None, until: str | None = None,
                  outlet: str | None = None, q: str | None = None, limit: int = 50,
                  cursor: str | None = None) -> dict[str, Any]:
    """``{"items", "next", "total"}``: export article items in ingest order."""
    from .export import article_to_export

    limit = _limit(limit)
    rows, total = store.query_articles(
        since=expand_day(since, end=False, name="since"), until=expand_day(until, end=True, name="until"),
        outlet=outlet, q=fts_query(q), limit=limit + 1, after=_decode(cursor, int))
    more = len(rows) > limit
    rows = rows[:limit]
    items = [article_to_export(a, store) for a in store.iter_articles([aid for _, aid in rows])]
    for item in items:
        item.pop("body", None)
    return {"items": items, "next": _encode(rows[-1][0]) if more else None, "total": total}


def article_page(store: SQLiteStore, article_id: str) -> dict[str, Any] | None:
    """One article: the export item (clean body included), each metadata value with the reason it
    was set, what cleaning removed and why, the language layer's spans, the event mentions it
    carries and its duplicate cluster with readable citations. None for an unknown id."""
    from .export import article_to_export

    article = store.get_article(article_id)
    if article is None:
        return None
    item = article_to_export(article, store)
    item["removed"] = to_dict(article.removed)
    item["metadata"] = {
        "published": {"value": article.published, "from": article.published_from},
        "published_window": to_dict(article.published_window),
        "outlet": {"value": article.outlet, "from": article.outlet_from},
        "format": article.fmt, "meta": article.meta}
    ann = store.get_annotations(article.id)
    item["annotations"] = None if ann is None else {
        kind: to_dict(getattr(ann, kind)) for kind in ("sentences", "entities", "timexes", "quantities", "quotes")}
    merged = store.article_mention_events(article.id)
    item["mentions"] = [{"id": m.id, "event": merged.get(m.id), "type": m.type, "context": m.context,
                         "trigger": [m.trigger.start, m.trigger.end], "sentence": [m.sentence.start, m.sentence.end]}
                        for m in store.iter_mentions([article.id])]
    origin = store.origin_of(article.id) or {}
    item["duplicates"] = {**origin, "articles": store.citations_of(origin.get("copies", []))}
    return item


# -- search and facets -------------------------------------------------------------------------
def snippet_segments(snippet: str) -> list[dict[str, Any]]:
    """A snippet as ``[{"text", "match"}]``: the match marked without any markup in the text."""
    out = []
    for k, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if part:
            out.append({"text": part, "match": k % 2 == 1})
    return out


def search_page(store: SQLiteStore, q: str, flt: TimelineFilter, *, kind: str = "all", outlet: str | None = None,
                article: str | None = None, limit: int = 20, cursor: str | None = None) -> dict[str, Any]:
    """Full-text search over article titles and bodies and event evidence sentences.

    ``{"query", "articles", "events", "total": {"articles", "events"}, "total_exact": {…}, "next"}``:
    each list ranked by BM25 (titles weigh five times the body), each hit with a readable citation
    and a snippet whose matches are marked (:func:`snippet_segments`). Date filters apply to
    articles (their publication day) and events; type, actor, place and context to events; outlet
    to articles. A query matching more than ``RANK_WINDOW`` articles (or evidence sentences)
    ranks the most recently stored ``RANK_WINDOW`` of them; its total is then a lower bound
    (``total_exact`` false) where counting further would read every match.
    """
    if kind not in ("all", "articles", "events"):
        raise QueryError(f"kind {kind!r}: use all, articles or events")
    match = fts_query(q)
    if match is None:
        raise QueryError("search needs a query: q=…")
    limit, offset = _limit(limit), _decode(cursor, int) or 0
    articles: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    totals = {"articles": 0, "events": 0}
    exact = {"articles": True, "events": True}
    more = False
    if kind in ("all", "articles"):
        hits, totals["articles"], exact["articles"] = store.search_articles(
            match, since=flt.since, until=flt.until, outlet=outlet, limit=offset + limit + 1)
        more, hits = len(hits) > offset + limit, hits[offset:offset + limit]
        cites = store.citations_of([h["id"] for h in hits])
        articles = [{**cites.get(h["id"], {"id": h["id"]}), "score": h["score"],
                     "snippet": snippet_segments(h["snippet"])} for h in hits]
    if kind in ("all", "events"):
        query = {**flt.query(), "article": _resolve_article(store, article)}
        hits, totals["events"], exact["events"] = store.search_events(match, query, limit=offset + limit + 1)
        more, hits = more or len(hits) > offset + limit, hits[offset:offset + limit]
        found = {e.id: e for e in (store.get_event(h["id"]) for h in hits) if e}
        cites = store.citations_of([h["article"] for h in hits])
        events = [{**timeline_item(found[h["id"]]), "score": h["score"], "snippet": snippet_segments(h["snippet"]),
                   "article": cites.get(h["article"], {"id": h["article"]})}
                  for h in hits if h["id"] in found]
    return {"query": q, "articles": articles, "events": events, "total": totals, "total_exact": exact,
            "next": _encode(offset + limit) if more else None}


def facet_page(store: SQLiteStore, field: str, flt: TimelineFilter, *, article: str | None = None,
               q: str | None = None, limit: int = 50) -> dict[str, Any]:
    """``{"field", "values": [{"value", "count"}], "total"}``: events per value under the filter."""
    if field not in FACET_FIELDS:
        raise QueryError(f"facet field {field!r}: use one of {', '.join(FACET_FIELDS)}")
    query = {**flt.query(), "article": _resolve_article(store, article), "text": fts_query(q)}
    total, exact = store.count_events_where(**query)
    return {"field": field, "values": store.facet_counts(field, query, limit=_limit(limit)),
            "total": total, "total_exact": exact}


def span_segments(text: str, spans: list[tuple[int, int, str, str]], *, base: int = 0) -> list[dict[str, Any]]:
    """``text`` (which starts at offset ``base`` of its article body) cut at every span boundary:
    ``[{"text", "classes", "title", "start"}]``, each piece with the classes and titles of the
    spans ``(start, end, class, title)`` covering it. Nested and overlapping spans both work."""
    end = base + len(text)
    spans = [(max(s, base), min(e, end), c, t) for s, e, c, t in spans if s < end and e > base and e > s]
    cuts = sorted({base, end, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(c, t) for s, e, c, t in spans if s <= a and e >= b]
        out.append({"text": text[a - base:b - base], "start": a,
                    "classes": list(dict.fromkeys(c for c, _ in covering)),
                    "title": "; ".join(dict.fromkeys(t for _, t in covering if t))})
    return out
