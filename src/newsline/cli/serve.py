"""``newsline serve`` (the JSON API and web UI), ``newsline search`` and ``newsline facets``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, call, console, err_console, format_option, state
from .timeline import _actor, _context, _place, _since, _types, _until


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless you ask)."),
    port: int = typer.Option(8765, "--port", help="TCP port."),
    token_file: Optional[Path] = typer.Option(None, "--token-file",
                                              help="File whose first line is the ingest token (else one is printed)."),
) -> None:
    """Serve the JSON API (/api/v1/, /docs) and the web UI (/) over the store until Ctrl-C."""
    call(api.serve, db=state.db, host=host, port=port, token_file=token_file, announce=lambda line: err_console.print(line, markup=False, highlight=False))


@app.command()
def search(
    q: str = typer.Argument(..., metavar="QUERY", help='Words (all must occur), "a phrase", prefix*, OR.'),
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Articles of this outlet only."),
    kind: str = typer.Option("all", "--kind", help="all, articles or events."),
    limit: int = typer.Option(20, "--limit", help="Hits per kind."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """Full-text search over article titles and bodies and event evidence, ranked, with snippets."""
    result = call(api.search, q, db=state.db, since=since, until=until, types=types, actor=actor, place=place,
                  context=context, outlet=outlet, kind=kind, limit=limit)
    if format is Format.JSON:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{result['total']['articles']} articles, {result['total']['events']} events match",
                  header_style="bold")
    for col in ("kind", "id", "citation", "snippet"):
        table.add_column(col, overflow="fold")
    for hit in result["articles"]:
        table.add_row("article", hit["id"], _cite(hit), _snippet(hit["snippet"]))
    for hit in result["events"]:
        table.add_row(f"event ({escape(hit['label'])})", hit["id"], _cite(hit["article"]), _snippet(hit["snippet"]))
    console.print(table)


@app.command()
def facets(
    field: str = typer.Argument(..., metavar="FIELD", help="type, actor, place, outlet or month."),
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
    limit: int = typer.Option(50, "--limit", help="Values shown, most frequent first."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """How many events per type, actor, place, outlet or month, under the timeline filters."""
    result = call(api.facets, field, db=state.db, since=since, until=until, types=types, actor=actor,
                  place=place, context=context, limit=limit)
    if format is Format.JSON:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{result['total']} events by {field}", header_style="bold")
    table.add_column(field)
    table.add_column("events", justify="right")
    for v in result["values"]:
        table.add_row(escape(str(v.get("label") or v["value"] or "unknown")), str(v["count"]))
    console.print(table)


def _cite(c: dict) -> str:
    parts = [c.get("outlet") or "unknown outlet", c.get("title") or "untitled", c.get("published") or "undated"]
    return escape(" — ".join(str(p) for p in parts))


def _snippet(segments: list[dict]) -> str:
    return "".join(f"[bold yellow]{escape(s['text'])}[/bold yellow]" if s["match"] else escape(s["text"])
                   for s in segments)
