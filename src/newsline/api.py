"""newsline's Python API. The CLI (``newsline.cli``) mirrors it: every command is a thin wrapper
over the function of the same name here (``show-event`` -> :func:`show_event`), with the same
options as keyword parameters (``tests/test_public_api.py`` pairs them).

Every function takes keyword-only options; ``db`` is a path (default ``$NEWSLINE_DB`` or
``./newsline.db``) or an open :class:`~newsline.store.SQLiteStore`. Reading functions return
JSON-ready values (the same items ``--format json`` prints); bad options raise
:class:`~newsline.errors.ConfigError`. ``newsline eval …`` mirrors :mod:`newsline.eval`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import Format
from .pipeline import IngestReport, Progress
from .records import Article, Reject
from .runner import run_pipeline
from .store import SQLiteStore, open_store

__all__ = ["open_store", "Format", "IngestReport", "ingest", "resume", "status", "articles", "article", "show",
           "rejects", "duplicates", "timeline", "show_event", "report", "export", "export_document", "annotate", "types"]

DB = str | Path | SQLiteStore | None
#: The --context values: "default" (asserted, claimed, agreed, planned), "all", or a list.
Contexts = str | Sequence[str]

TIMELINE_FORMATS = (Format.TEXT, Format.JSON)
REPORT_FORMATS = (Format.MD, Format.HTML, Format.JSON)
EXPORT_FORMATS = (Format.JSON, Format.JSONL, Format.CSV)


@contextmanager
def _store(db: DB) -> Iterator[SQLiteStore]:
    if isinstance(db, SQLiteStore):
        yield db
        return
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def ingest(paths: Iterable[str] | str, *, db: DB = None, json_fields: dict[str, str] | None = None,
           language: bool = True, events: bool = True, workers: int | None = None,
           retry_rejects: bool = False, progress: Progress | None = None,
           published: str | None = None, outlet: str | None = None, byline: str | None = None,
           language_code: str | None = None, title: str | None = None, url: str | None = None,
           manifest: str | Path | None = None, include: Iterable[str] = (),
           exclude: Iterable[str] = (), notice: Callable[[str], None] | None = None) -> IngestReport:
    """Read, clean and store articles from files, folders, globs or ``-`` (stdin), then bring every
    later stage (boilerplate, duplicates, language layer, events, dating, merge) up to date.

    Metadata the user knows beats what newsline infers (a disagreement is recorded in
    ``Article.meta["conflicts"]`` / ``["published_conflicts"]``): ``published`` (a full day),
    ``outlet``, ``byline``, ``language_code`` (ISO 639), ``title`` and ``url`` hold for every
    document of the run; ``manifest`` (CSV or JSON Lines: a path, glob or record id -> fields) and
    sidecar files (``x.txt`` + ``x.meta.json``) give them per document. ``include`` / ``exclude``
    globs filter folder walks. Raises ConfigError for a bad value or manifest before anything is read.

    Bad input never stops the run: it is recorded in the store's ``rejects`` and in the report; an
    exception in one article's step is that article's reject (step, reason, exception class).
    Re-ingesting the same input changes nothing (keys are content hashes). Whatever an earlier run
    left unfinished (a kill, a crash) is finished too; ``retry_rejects`` also retries the articles
    whose later step failed. ``workers``: processes for the language layer and event extraction
    (default: the machine's cores; 1: this process only); the output is the same for any number.
    ``notice`` is told before any work starts when stored articles will be done again because a
    stage's model or rules changed (``IngestReport.rerun`` counts them).
    """
    from .read.given import GivenMetadata

    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    given = GivenMetadata(run={"published": published, "outlet": outlet, "byline": byline,
                               "language": language_code, "title": title, "url": url}, manifest=manifest)
    options = {"given": given, "include": tuple(include or ()), "exclude": tuple(exclude or ())}
    with _store(db) as store:
        return run_pipeline(store, paths=[str(p) for p in paths], json_fields=json_fields, language=language,
                            events=events, workers=workers, progress=progress, retry_rejects=retry_rejects,
                            read_options=options, notice=notice)


def resume(*, db: DB = None, language: bool = True, events: bool = True, workers: int | None = None,
           retry_rejects: bool = False, progress: Progress | None = None,
           notice: Callable[[str], None] | None = None) -> IngestReport:
    """Finish what earlier runs left unfinished (after a kill, a crash or failed articles) without
    reading new input: every stage each stored article has not done (or did with another model or
    data version), then the barriers. The final state is the one an uninterrupted run gives."""
    with _store(db) as store:
        return run_pipeline(store, paths=None, language=language, events=events, workers=workers,
                            progress=progress, retry_rejects=retry_rejects, notice=notice)


def status(*, db: DB = None) -> dict[str, Any]:
    """What the store holds: its path and how many articles, events, mentions and rejects."""
    with _store(db) as store:
        return {"db": str(store.path), "articles": store.count_articles(), "events": store.count_events(),
                "mentions": store.count_mentions(), "rejects": sum(1 for _ in store.iter_rejects())}


def articles(*, db: DB = None) -> list[dict[str, Any]]:
    """Every stored article, in ingest order, as the export's ``articles[]`` items."""
    from .export import article_to_export

    with _store(db) as store:
        return [article_to_export(a, store) for a in store.iter_articles()]


def article(article_id: str, *, db: DB = None) -> Article | None:
    """One article record by id (a unique prefix is enough)."""
    with _store(db) as store:
        return store.get_article(article_id)


def show(item_id: str, *, db: DB = None) -> dict[str, Any] | None:
    """One article (its export item, ``removed`` listing every block cleaning took out and why,
    ``outlet_from`` and ``format``) or one event (its export item); ``kind`` says which. None when
    no article or event has that id (or unique prefix)."""
    from .export import article_to_export
    from .records import to_dict

    with _store(db) as store:
        found = store.get_article(item_id)
        if found is None:
            event = _event_item(store, item_id)
            return None if event is None else {"kind": "event", **event}
        item = article_to_export(found, store)
        item.update(removed=to_dict(found.removed), outlet_from=found.outlet_from, format=found.fmt)
        return {"kind": "article", **item}


def show_event(event_id: str, *, db: DB = None) -> dict[str, Any] | None:
    """One event with each argument's evidence sentence, its readings per source and its terms
    (the export's ``events[]`` item); None when no event has that id (or unique prefix)."""
    with _store(db) as store:
        return _event_item(store, event_id)


def _event_item(store: SQLiteStore, event_id: str) -> dict[str, Any] | None:
    from .events import event_to_export

    event = store.get_event(event_id)
    return None if event is None else event_to_export(event, store)


def rejects(*, db: DB = None) -> list[Reject]:
    """Every input refused so far, with the step and the reason."""
    with _store(db) as store:
        return list(store.iter_rejects())


def duplicates(*, db: DB = None, article: str | None = None) -> dict[str, Any] | None:
    """The duplicate clusters (origin, canonical copy, each member with its date and the pair that
    put it there), every judged pair and the number of independent origins. With ``article`` (an
    id or unique prefix): that article's origin, cluster, canonical copy and copies, or None when
    no such article is stored."""
    from .dedup.report import duplicates_report

    with _store(db) as store:
        if article is None:
            return duplicates_report(store)
        found = store.get_article(article)
        if found is None:
            return None
        return {"id": found.id, **(store.origin_of(found.id) or {})}


def _filter(since: str | None, until: str | None, types: Sequence[str] | None, actor: str | None,
            place: str | None, context: Contexts) -> Any:
    from .browse import event_filter

    return event_filter(since=since, until=until, types=types, actor=actor, place=place, context=context)


def timeline(*, db: DB = None, since: str | None = None, until: str | None = None,
             types: Sequence[str] | None = None, actor: str | None = None, place: str | None = None,
             context: Contexts = "default") -> list[dict[str, Any]]:
    """The merged events in time order (undated last) that pass the filters: date or window, type,
    summary, sources and independent origins. ``since``/``until``: a year (2008), a month
    (2008-03) or a day (2008-03-14), inclusive. ``context``: "default", "all" or a list."""
    from .timeline.build import timeline_page

    flt = _filter(since, until, types, actor, place, context)
    with _store(db) as store:
        return timeline_page(store, flt)["items"]


def report(*, db: DB = None, format: Format | str = Format.MD, since: str | None = None,
           until: str | None = None, types: Sequence[str] | None = None, actor: str | None = None,
           place: str | None = None, context: Contexts = "default") -> str:
    """The timeline as a report (md, html or json) with a chart of events over time and, per
    event, the citing sentences; the same filters as :func:`timeline`."""
    import json

    from .timeline import build_report, render_html, render_markdown

    fmt = Format.parse(format, REPORT_FORMATS)
    flt = _filter(since, until, types, actor, place, context)
    with _store(db) as store:
        payload = build_report(store, flt)
    if fmt is Format.JSON:
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return (render_html if fmt is Format.HTML else render_markdown)(payload) + "\n"


def export(*, db: DB = None, format: Format | str = Format.JSON, table: str = "articles",
           csv_formulas: bool = False) -> str:
    """The whole store in the versioned export schema (docs/export-schema.md) as text: one JSON
    document, JSONL (one record per line, each with its ``kind``), or CSV of one ``table``
    (articles, events or rejects). :func:`export_document` gives the document as a dict.

    CSV cells that start with ``=``, ``+``, ``-``, ``@``, tab or CR are prefixed with ``'`` so a
    spreadsheet shows them as text, not formulas (OWASP CSV injection); ``csv_formulas=True``
    writes them as stored."""
    from .errors import ConfigError
    from .export import CSV_TABLES, dumps_csv, dumps_json, dumps_jsonl

    fmt = Format.parse(format, EXPORT_FORMATS)
    if fmt is Format.CSV and table not in CSV_TABLES:
        raise ConfigError(f"unknown table {table!r}: use {', '.join(CSV_TABLES)}")
    doc = export_document(db=db)
    if fmt is Format.CSV:
        return dumps_csv(doc, table, formulas=csv_formulas)
    return dumps_jsonl(doc) if fmt is Format.JSONL else dumps_json(doc) + "\n"


def export_document(*, db: DB = None) -> dict[str, Any]:
    """The whole store as the versioned export document: ``{"schema", "newsline", "articles",
    "events", "rejects"}``."""
    from .export import build_export

    with _store(db) as store:
        return build_export(store)


def types(*, family: str | None = None, query: str | None = None) -> list[dict[str, Any]]:
    """The event ontology: one row per type (code, label, family, definition, roles, and each mode
    with its crosswalk codes: PLOVER, CAMEO, ACLED event / sub-event type, ACE 2005, MAVEN).

    ``family`` keeps one family ("business", "justice" …); ``query`` keeps the types a timeline
    ``--type`` value would match (a code, the label the timeline shows, or a family).
    Raises ``ConfigError`` when ``family`` or ``query`` matches nothing, naming what exists.
    """
    from .errors import ConfigError
    from .events.ontology import load_ontology

    ontology = load_ontology()
    rows = ontology.table()
    if family is not None:
        families = sorted({r["family"] for r in rows if r["family"]})
        if family.lower() not in families:
            raise ConfigError(f"no event family {family!r}: families are {', '.join(families)}")
        rows = [r for r in rows if r["family"] == family.lower()]
    if query is not None:
        codes = set(ontology.resolve_types(query))
        if not codes:
            raise ConfigError(f"no event type matches {query!r}: give a code or a label from `newsline types`")
        rows = [r for r in rows if r["code"] in codes]
    return rows


def annotate(text: str, *, published: str | None = None, name: str = "text") -> dict[str, Any]:
    """What the language layer reads in one text (as an article body published on ``published``,
    an ISO day that anchors "on Thursday"): entities, time expressions, quantities and quotes,
    each with its span."""
    from .errors import ConfigError
    from .nlp import annotate_text
    from .nlp.render import annotations_json

    if published is not None and not _is_day(published):
        raise ConfigError(f"--published {published!r} is not a date like 2025-06-12")
    ann = annotate_text(text, published=published, article_id=name)
    return annotations_json(ann, text, article=name)


def _is_day(text: str) -> bool:
    """YYYY-MM-DD naming a real day (2025-02-30 is not one)."""
    import re
    from datetime import date

    try:
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None and date.fromisoformat(text) is not None
    except ValueError:
        return False


# -- browsing: paged queries, search and facets (what `newsline serve` answers) ---------------
__all__ += ["events", "event", "search", "facets", "serve"]


def events(*, db: DB = None, since: str | None = None, until: str | None = None,
           types: Sequence[str] | None = None, actor: str | None = None, place: str | None = None,
           context: Contexts = "default", article: str | None = None, q: str | None = None,
           limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """One page of the timeline: ``{"items", "next", "total"}``, items as ``timeline --format
    json`` prints them. ``since``/``until``: a year, month or day; ``types``: codes or labels;
    ``article``: events with a mention in it; ``q``: text in their evidence sentences (phrases in
    quotes, ``word*`` prefixes); ``cursor``: the previous page's ``next``."""
    from .browse import events_page

    flt = _filter(since, until, types, actor, place, context)
    with _store(db) as store:
        return events_page(store, flt, article=article, q=q, limit=limit, cursor=cursor)


def event(event_id: str, *, db: DB = None) -> dict[str, Any] | None:
    """One event as the export item with every mention's evidence, a citation (outlet, title,
    date) per article, its sources grouped by independent origin and each source's readings."""
    from .browse import event_page

    with _store(db) as store:
        return event_page(store, event_id)


def search(q: str, *, db: DB = None, since: str | None = None, until: str | None = None,
           types: Sequence[str] | None = None, actor: str | None = None, place: str | None = None,
           context: Contexts = "default", outlet: str | None = None, article: str | None = None,
           kind: str = "all", limit: int = 20, cursor: str | None = None) -> dict[str, Any]:
    """Full-text search (SQLite FTS5) over article titles and bodies and event evidence:
    ``{"query", "articles", "events", "total", "next"}``, each hit ranked, cited and with a
    snippet whose matches are marked. ``kind``: all, articles or events."""
    from .browse import search_page

    flt = _filter(since, until, types, actor, place, context)
    with _store(db) as store:
        return search_page(store, q, flt, kind=kind, outlet=outlet, article=article, limit=limit, cursor=cursor)


def facets(field: str, *, db: DB = None, since: str | None = None, until: str | None = None,
           types: Sequence[str] | None = None, actor: str | None = None, place: str | None = None,
           context: Contexts = "default", article: str | None = None, q: str | None = None,
           limit: int = 50) -> dict[str, Any]:
    """Event counts per type, actor, place, outlet or month under the same filters as
    :func:`events`: ``{"field", "values": [{"value", "count"}], "total"}``."""
    from .browse import facet_page

    flt = _filter(since, until, types, actor, place, context)
    with _store(db) as store:
        return facet_page(store, field, flt, article=article, q=q, limit=limit)


def serve(*, db: DB = None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          token_file: str | Path | None = None, announce: Any = print) -> None:
    """Run the JSON API and web UI (``newsline.server``) until interrupted (Ctrl-C).

    Loopback only unless another ``host`` is given. ``POST /api/v1/ingest`` needs the bearer
    token: ``token``, else the first line of ``token_file``, else a random one announced at start.
    """
    from .server import run_server

    path = db.path if isinstance(db, SQLiteStore) else db
    run_server(db=path, host=host, port=port, token=token, token_file=token_file, announce=announce)
