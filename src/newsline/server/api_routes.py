"""The JSON API under ``/api/v1/``: each endpoint a thin call to :mod:`newsline.api` or
:mod:`newsline.browse` on this thread's read connection, answering the same payload."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from .. import api, browse
from ..export import iter_csv, iter_json, iter_jsonl
from .app import ApiError

__all__ = ["router", "EventFilters"]

router = APIRouter(prefix="/api/v1", tags=["read"])


class EventFilters:
    """The timeline filters every event endpoint takes (query parameters)."""

    def __init__(self, since: str | None = Query(None, description="A year, month or day (2025, 2025-06, 2025-06-10): "
                                                                     "events whose date or window reaches it."),
                 until: str | None = Query(None, description="A year, month or day, inclusive."),
                 types: list[str] = Query([], alias="type", description="Event type code (EXCHANGE_PRISONERS) or "
                                                                       "label (prisoner exchange); repeat or comma-separate."),
                 actor: str | None = Query(None, description="An actor containing this text."),
                 place: str | None = Query(None, description="A place containing this text."),
                 context: str = Query("default", description="default (asserted, claimed, agreed, planned), all, "
                                                              "or a comma list."),
                 article: str | None = Query(None, description="Events with a mention in this article (id or prefix)."),
                 q: str | None = Query(None, description="Text in the evidence sentences: words, \"a phrase\", prefix*.")):
        self.options = {"since": since, "until": until, "types": types, "actor": actor, "place": place,
                        "context": context}
        self.article = article
        self.q = q


def _store(request: Request):
    return request.app.state.stores.get()


def _json(payload: dict[str, Any]) -> JSONResponse:
    """The payload as JSON, as it is: it is already JSON-ready, so FastAPI's encoding and
    validation pass (a few milliseconds on a page of 50 events) is skipped."""
    return JSONResponse(payload)


def _not_found(kind: str, item_id: str) -> ApiError:
    return ApiError(404, f"no {kind} with id {item_id!r}")


@router.get("/events", summary="A page of the timeline")
def list_events(request: Request, filters: EventFilters = Depends(), limit: int = Query(50, ge=1, le=browse.MAX_LIMIT),
                cursor: str | None = Query(None, description="The previous page's `next`.")) -> JSONResponse:
    """`{"items", "next", "total"}`: timeline items (as `newsline timeline --format json`) in time
    order, undated last; `next` is the cursor of the following page, null on the last."""
    return _json(api.events(db=_store(request), **filters.options, article=filters.article, q=filters.q,
                            limit=limit, cursor=cursor))


@router.get("/events/{event_id}", summary="One event with all its evidence")
def get_event(request: Request, event_id: str) -> JSONResponse:
    """The export's event item plus `articles` (a citation per article: outlet, title, date),
    `origins` (sources grouped by independent origin) and `readings` (what each source said);
    every `evidence[]` item holds the sentence, its offsets and each argument's evidence span."""
    item = api.event(event_id, db=_store(request))
    if item is None:
        raise _not_found("event", event_id)
    return _json(item)


@router.get("/articles", summary="A page of the stored articles")
def list_articles(request: Request, since: str | None = None, until: str | None = None,
                  outlet: str | None = Query(None, description="Exact outlet name, any case."),
                  q: str | None = Query(None, description="Full-text filter on title and body."),
                  limit: int = Query(50, ge=1, le=browse.MAX_LIMIT), cursor: str | None = None) -> JSONResponse:
    """`{"items", "next", "total"}`: export article items (without `body`) in ingest order."""
    return _json(browse.articles_page(_store(request), since=since, until=until, outlet=outlet, q=q,
                                      limit=limit, cursor=cursor))


@router.get("/articles/{article_id}", summary="One article with its clean body and annotations")
def get_article(request: Request, article_id: str) -> JSONResponse:
    """The export item with `body`, `metadata` (each value with the reason it was set),
    `removed` (each block cleaning took out, with its reason), `annotations` (spans),
    `mentions` (event mentions and their events) and `duplicates` (its cluster, with citations)."""
    item = browse.article_page(_store(request), article_id)
    if item is None:
        raise _not_found("article", article_id)
    return _json(item)


@router.get("/search", summary="Full-text search over articles and event evidence")
def search(request: Request, q: str = Query(..., description='Words (all must occur), "a phrase", prefix*, OR.'),
           filters: EventFilters = Depends(), outlet: str | None = None,
           kind: str = Query("all", description="all, articles or events."),
           limit: int = Query(20, ge=1, le=browse.MAX_LIMIT), cursor: str | None = None) -> JSONResponse:
    """`{"query", "articles", "events", "total": {"articles", "events"}, "next"}`, BM25-ranked,
    each hit with a citation and `snippet`: `[{"text", "match"}]` (the matches marked)."""
    return _json(api.search(q, db=_store(request), **filters.options, outlet=outlet, article=filters.article,
                            kind=kind, limit=limit, cursor=cursor))


@router.get("/facets", summary="Event counts per value of one field under the filters")
def facets(request: Request, field: str = Query(..., description="type, actor, place, outlet or month."),
           filters: EventFilters = Depends(), limit: int = Query(50, ge=1, le=browse.MAX_LIMIT)) -> JSONResponse:
    """`{"field", "values": [{"value", "count"}], "total"}`, most frequent first."""
    return _json(api.facets(field, db=_store(request), **filters.options, article=filters.article, q=filters.q,
                            limit=limit))


@router.get("/duplicates", summary="Duplicate clusters, their canonical copy and origin")
def duplicates(request: Request) -> dict[str, Any]:
    """As `newsline duplicates --format json`: clusters with members and the pair that put each
    there, every judged pair, and the number of independent origins."""
    return api.duplicates(db=_store(request))


@router.get("/rejects", summary="Every refused input with the step and the reason")
def rejects(request: Request) -> dict[str, Any]:
    from ..records import to_dict

    items = to_dict(api.rejects(db=_store(request)))
    return {"items": items, "total": len(items)}


@router.get("/export", summary="The whole store in the export schema, streamed")
def export(request: Request, format: str = Query("json", description="json, jsonl or csv."),
           table: str = Query("articles", description="For csv: articles, events or rejects.")) -> StreamingResponse:
    """Every article, event and reject (no cap), written while it is read from the store."""
    from ..export import CSV_TABLES

    if format not in ("json", "jsonl", "csv"):
        raise ApiError(400, f"unknown format {format!r}: use json, jsonl or csv")
    if format == "csv" and table not in CSV_TABLES:
        raise ApiError(400, f"unknown table {table!r}: use {', '.join(CSV_TABLES)}")
    store = request.app.state.stores.dedicated()

    def chunks() -> Iterator[str]:
        try:
            if format == "csv":
                yield from iter_csv(store, table)
            else:
                yield from (iter_jsonl if format == "jsonl" else iter_json)(store)
        finally:
            store.close()

    media = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}[format]
    name = f"newsline-export.{format}" if format != "csv" else f"newsline-{table}.csv"
    return StreamingResponse(chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/status", summary="What the store holds")
def status(request: Request) -> dict[str, Any]:
    store = _store(request)
    return {"db": str(request.app.state.db_path), "articles": store.count_articles(),
            "events": store.count_events(), "mentions": store.count_mentions(),
            "migrations": store.migrations()}
