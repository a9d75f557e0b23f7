"""The versioned export document (JSON, JSONL, CSV) built from the store.

Schema ``1.x`` (documented in docs/export-schema.md): ``{"schema", "newsline", "articles",
"events", "rejects"}``. A field that no stage has produced is absent, never filled with a guess:
an article without a known date has ``published: null`` and, where a window could be inferred,
``published_window``; ``origin``/``copies`` appear once the duplicates stage has run.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from . import EXPORT_SCHEMA_VERSION, __version__
from .records import Article, to_dict
from .store import SQLiteStore

ARTICLE_FIELDS = ("id", "source", "sources", "title", "standfirst", "published", "published_from",
                  "published_window", "outlet", "byline", "url", "language", "body")
CSV_TABLES = ("articles", "events", "rejects")


def article_to_export(article: Article, store: SQLiteStore) -> dict[str, Any]:
    """One article as the export's ``articles[]`` item."""
    item: dict[str, Any] = {}
    for name in ARTICLE_FIELDS:
        if name == "sources":
            item[name] = store.article_sources(article.id)
        elif name == "published_window":
            item[name] = to_dict(article.published_window)
        else:
            item[name] = getattr(article, name)
    if article.meta.get("wire"):
        item["wire"] = article.meta["wire"]
    for key in ("given", "published_conflicts", "conflicts"):    # what the user gave, what disagreed
        if article.meta.get(key):
            item[key] = article.meta[key]
    origin = store.origin_of(article.id)
    if origin:
        item["origin"] = origin.get("origin")
        item["copies"] = origin.get("copies", [])
        item["canonical"] = origin.get("canonical")
    item["removed"] = len(article.removed)
    return item


def iter_export_events(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """The export's ``events[]`` items (none until the events stage has run)."""
    from .events import event_to_export

    for event in store.iter_events():
        yield event_to_export(event, store)


def build_export(store: SQLiteStore) -> dict[str, Any]:
    """The whole store as one JSON-ready document."""
    return {
        "schema": EXPORT_SCHEMA_VERSION,
        "newsline": __version__,
        "articles": [article_to_export(a, store) for a in store.iter_articles()],
        "events": list(iter_export_events(store)),
        "rejects": [to_dict(r) for r in store.iter_rejects()],
    }


def dumps_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def dumps_jsonl(doc: dict[str, Any]) -> str:
    """One JSON object per line, each with ``kind``: a header, then articles, events, rejects."""
    lines = [json.dumps({"kind": "header", "schema": doc["schema"], "newsline": doc["newsline"]})]
    for kind in ("articles", "events", "rejects"):
        for item in doc[kind]:
            lines.append(json.dumps({"kind": kind[:-1], **item}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+cmd``,
    ``@SUM(…)``), prefixed with ``'`` so it is shown as text; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def dumps_csv(doc: dict[str, Any], table: str = "articles", *, formulas: bool = False) -> str:
    """One table of the export as CSV; nested values are written as JSON text.

    Cells that start like a formula are neutralised (:func:`neutralise_formula`) unless
    ``formulas=True`` asks for the stored text exactly."""
    rows = doc[table]
    out = io.StringIO()
    if not rows:
        return ""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cell = (lambda v: v) if formulas else neutralise_formula
    writer = csv.DictWriter(out, fieldnames=[cell(c) for c in columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({cell(k): cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in row.items()})
    return out.getvalue()
