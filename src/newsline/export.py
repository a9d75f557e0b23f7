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
from collections.abc import Iterable, Iterator
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
    for key in ("given", "conflicts"):       # what the user gave, what disagreed
        if article.meta.get(key):
            item[key] = article.meta[key]
    if article.dated.set_aside:                 # stated dates set aside by the dating stage
        item["published_conflicts"] = article.dated.set_aside
    _, copy_conflict = store.date_proposals([article.id]).get(article.id, (None, None))
    if copy_conflict:                           # copies that disagree: no date taken from them
        item["copy_date_conflict"] = copy_conflict
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


def _header(doc_or_none: dict[str, Any] | None = None) -> dict[str, Any]:
    doc = doc_or_none or {"schema": EXPORT_SCHEMA_VERSION, "newsline": __version__}
    return {"kind": "header", "schema": doc["schema"], "newsline": doc["newsline"]}


def _jsonl_lines(header: dict[str, Any], tables: Iterator[tuple[str, Iterator[dict[str, Any]]]]) -> Iterator[str]:
    yield json.dumps(header) + "\n"
    for kind, items in tables:
        for item in items:
            yield json.dumps({"kind": kind[:-1], **item}, ensure_ascii=False) + "\n"


def dumps_jsonl(doc: dict[str, Any]) -> str:
    """One JSON object per line, each with ``kind``: a header, then articles, events, rejects."""
    return "".join(_jsonl_lines(_header(doc), ((k, iter(doc[k])) for k in ("articles", "events", "rejects"))))


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
    if not rows:
        return ""
    return "".join(_csv_lines(_columns(rows), iter(rows), formulas=formulas))


def _columns(rows: Iterable[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def _csv_lines(columns: list[str], rows: Iterator[dict[str, Any]], *, formulas: bool = False) -> Iterator[str]:
    out = io.StringIO()
    cell = (lambda v: v) if formulas else neutralise_formula
    writer = csv.DictWriter(out, fieldnames=[cell(c) for c in columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({cell(k): cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                         for k, v in row.items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.getvalue():
        yield out.getvalue()


# -- streamed: the same documents written while they are read (no cap, constant memory) --------
def _iter_table(store: SQLiteStore, table: str) -> Iterator[dict[str, Any]]:
    if table == "articles":
        return (article_to_export(a, store) for a in store.iter_articles())
    if table == "events":
        return iter_export_events(store)
    return (to_dict(r) for r in store.iter_rejects())


def iter_json(store: SQLiteStore) -> Iterator[str]:
    """The JSON export document, in pieces (same content as ``dumps_json(build_export(store))``)."""
    yield '{"schema": %s, "newsline": %s' % (json.dumps(EXPORT_SCHEMA_VERSION), json.dumps(__version__))
    for table in CSV_TABLES:
        yield f', "{table}": ['
        for k, item in enumerate(_iter_table(store, table)):
            yield ("" if k == 0 else ", ") + json.dumps(item, ensure_ascii=False)
        yield "]"
    yield "}\n"


def iter_jsonl(store: SQLiteStore) -> Iterator[str]:
    """The JSON Lines export, line by line."""
    return _jsonl_lines(_header(), ((t, _iter_table(store, t)) for t in CSV_TABLES))


def iter_csv(store: SQLiteStore, table: str = "articles", *, formulas: bool = False) -> Iterator[str]:
    """One table as CSV, row by row: a first pass finds the columns, a second writes the rows
    (formula-like cells neutralised as in :func:`dumps_csv` unless ``formulas``)."""
    columns = _columns(_iter_table(store, table))
    if columns:
        yield from _csv_lines(columns, _iter_table(store, table), formulas=formulas)
