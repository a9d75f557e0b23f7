"""The web UI: HTML pages rendering the same payloads as the JSON API.

Templates are Jinja2 with autoescaping on for every page, so article text, titles, outlets and
URLs are always text, never markup; a URL becomes a link only when it is http(s). No inline
script or handler anywhere (the Content-Security-Policy forbids them): ``/static/app.js``
(``newsline/data/serve/``) adds
the small progressive touches, and every page works without it.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import api, browse
from ..timeline.axis import CONTEXTS, SHAPES, axis_svg, shape_of
from .app import ApiError

__all__ = ["router", "error_page", "render"]

router = APIRouter(include_in_schema=False)
AXIS_LIMIT = 500
PAGE = 100
_FILTER_KEYS = ("since", "until", "type", "actor", "place", "context", "q")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) (a link may be drawn), else None (shown as text only)."""
    if not url:
        return None
    return url if url.strip().lower().startswith(("http://", "https://")) else None


_env = Environment(loader=PackageLoader("newsline.server", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["safe_url"] = safe_url
_env.globals["shape_of"] = shape_of


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _store(request: Request):
    return request.app.state.stores.get()


def _params(request: Request) -> dict[str, str]:
    return {k: request.query_params[k] for k in _FILTER_KEYS if request.query_params.get(k)}


def _url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def _filters(params: dict[str, str]) -> dict[str, Any]:
    return {"since": params.get("since"), "until": params.get("until"),
            "types": [params["type"]] if params.get("type") else [], "actor": params.get("actor"),
            "place": params.get("place"), "context": params.get("context") or "default"}


def _legend_shapes(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for item in items:
        seen.setdefault(item["type"], {"type": item["type"], "label": item["label"], "shape": shape_of(item["type"])})
    return sorted(seen.values(), key=lambda s: s["label"])


@router.get("/", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    """The timeline: filters and search bound to the URL, the time axis, the events listed."""
    store, params = _store(request), _params(request)
    flt, q = _filters(params), params.get("q")
    page = api.events(db=store, **flt, q=q, limit=PAGE, cursor=request.query_params.get("cursor"))
    drawn = page if page["total"] <= PAGE and not request.query_params.get("cursor") else \
        api.events(db=store, **flt, q=q, limit=AXIS_LIMIT)
    axis = axis_svg(drawn["items"], lo=browse.expand_day(params.get("since"), end=False),
                    hi=browse.expand_day(params.get("until"), end=True),
                    href=lambda item: f"/events/{item['id']}",
                    zoom_href=lambda lo, hi: _url("/", {**params, "since": lo, "until": hi}))
    types = api.facets("type", db=store, **{**flt, "types": []}, q=q, limit=200)["values"]
    undated = sum(1 for i in drawn["items"] if not i["date"] and not i["date_window"])
    return render(request, "timeline.html", page=page, axis=Markup(axis), params=params, types=types,
                  contexts=CONTEXTS, shapes=SHAPES, legend=_legend_shapes(drawn["items"]),
                  drawn=len(drawn["items"]), undated=undated, zoom_out=_zoom_out(params),
                  next_url=_url("/", {**params, "cursor": page["next"]}) if page["next"] else None)


def _zoom_out(params: dict[str, str]) -> str | None:
    """The view one step wider: day -> month -> year -> everything."""
    since, until = params.get("since"), params.get("until")
    if not since and not until:
        return None
    value = since or until
    wider = value[:7] if len(value) == 10 else (value[:4] if len(value) == 7 else None)
    if since and until and since[:4] != until[:4]:
        wider = None
    return _url("/", {**params, "since": wider, "until": wider})


def _evidence_segments(store, event: dict[str, Any]) -> None:
    bodies = store.bodies_of(list({ev["article"] for ev in event["evidence"]}))
    for ev in event["evidence"]:
        body = bodies.get(ev["article"], "")
        trigger_start = int(ev["mention"].rsplit(":", 1)[1])
        spans = [(trigger_start, trigger_start + len(ev["trigger"]), "trigger", "trigger")]
        spans += [(a["start"], a["end"], "arg", a["role"]) for a in ev["arguments"]]
        ev["segments"] = browse.span_segments(body[ev["start"]:ev["end"]], spans, base=ev["start"])


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_view(request: Request, event_id: str) -> HTMLResponse:
    store = _store(request)
    event = api.event(event_id, db=store)
    if event is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    _evidence_segments(store, event)
    differs = {v_src for d in event["disagreements"] for v in d["values"] for v_src in v["sources"]}
    return render(request, "event.html", e=event, cites=event["articles"], differs=differs)


@router.get("/articles", response_class=HTMLResponse)
def articles_view(request: Request) -> HTMLResponse:
    qp = request.query_params
    params = {k: qp[k] for k in ("since", "until", "outlet", "q") if qp.get(k)}
    page = browse.articles_page(_store(request), **params, limit=PAGE, cursor=qp.get("cursor"))
    return render(request, "articles.html", page=page, params=params,
                  next_url=_url("/articles", {**params, "cursor": page["next"]}) if page["next"] else None)


def _highlight(request: Request) -> tuple[int, int] | None:
    value = request.query_params.get("hl", "")
    start, _, end = value.partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        return int(start), int(end)
    return None


def _body_segments(article: dict[str, Any], hl: tuple[int, int] | None) -> list[dict[str, Any]]:
    ann = article["annotations"] or {}
    spans = [(s["span"]["start"], s["span"]["end"], "ann-entity", f"{s['label']}: {s['canonical']}")
             for s in ann.get("entities", [])]
    spans += [(t["span"]["start"], t["span"]["end"], "ann-timex", f"time: {t['value'] or 'unresolved'}")
              for t in ann.get("timexes", [])]
    spans += [(q["span"]["start"], q["span"]["end"], "ann-quantity", f"quantity: {q['qualifier']} {q['value']}")
              for q in ann.get("quantities", [])]
    spans += [(q["span"]["start"], q["span"]["end"], "ann-quote", f"quote by {q['speaker'] or 'unknown speaker'}")
              for q in ann.get("quotes", [])]
    if hl:
        spans.append((hl[0], hl[1], "ann-sentence", "the cited sentence"))
    return browse.span_segments(article["body"], spans)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(request: Request, article_id: str) -> HTMLResponse:
    store = _store(request)
    article = browse.article_page(store, article_id)
    if article is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    hl = _highlight(request)
    events = {m["event"] for m in article["mentions"] if m["event"]}
    return render(request, "article.html", a=article, segments=_body_segments(article, hl), hl=hl,
                  events=sorted(events), cites=article["duplicates"].get("articles", {}))


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_view(request: Request) -> HTMLResponse:
    return render(request, "duplicates.html", report=api.duplicates(db=_store(request)))


@router.get("/rejects", response_class=HTMLResponse)
def rejects_view(request: Request) -> HTMLResponse:
    return render(request, "rejects.html", rejects=api.rejects(db=_store(request)))


@router.get("/search", response_class=HTMLResponse)
def search_view(request: Request) -> HTMLResponse:
    params = _params(request)
    q = params.get("q", "")
    result = None
    if q.strip():
        result = api.search(q, db=_store(request), **_filters(params), limit=50,
                            cursor=request.query_params.get("cursor"))
    next_url = _url("/search", {**params, "cursor": result["next"]}) if result and result["next"] else None
    return render(request, "search.html", result=result, params=params, next_url=next_url,
                  timeline_url=_url("/", params))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI document (no third-party script)."""
    spec = request.app.openapi()
    operations = [{"method": m.upper(), "path": p, **op} for p, ops in spec["paths"].items() for m, op in ops.items()]
    return render(request, "docs.html", spec=spec, operations=operations)
