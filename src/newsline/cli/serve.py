"""``newsline serve`` (the JSON API and web UI), ``newsline search`` and ``newsline facets``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ._app import app, console, err_console, state


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless you ask)."),
    port: int = typer.Option(8765, "--port", help="TCP port."),
    token_file: Optional[Path] = typer.Option(None, "--token-file",
                                              help="File whose first line is the ingest token (else one is printed)."),
) -> None:
    """Serve the JSON API (/api/v1/, /docs) and the web UI (/) over the store until Ctrl-C."""
    api.serve(db=state.db, host=host, port=port, token_file=token_file, announce=err_console.print)



@app.command()
def search(
    q: str = typer.Argument(..., metavar="QUERY", help='Words (all must occur), "a phrase", prefix*, OR.'),
    since: Optional[str] = typer.Option(None, "--since", help="A year, month or day."),
    until: Optional[str] = typer.Option(None, "--until", help="A year, month or day, inclusive."),
    types: Optional[list[str]] = typer.Option(None, "--type", help="Event type code or label (events only)."),
    kind: str = typer.Option("all", "--kind", help="all, articles or events."),
    limit: int = typer.Option(20, "--limit", help="Hits per kind."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Full-text search over article titles and bodies and event evidence, ranked, with snippets."""
    result = api.search(q, db=state.db, since=since, until=until, types=types or (), kind=kind, limit=limit)
    if fmt == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{result['total']['articles']} articles, {result['total']['events']} events match",
                  header_style="bold")
    for col in ("kind", "id", "citation", "snippet"):
        table.add_column(col, overflow="fold")
    for hit in result["articles"]:
        table.add_row("article", hit["id"], _cite(hit), _snippet(hit["snippet"]))
    for hit in result["events"]:
        table.add_row(f"event ({hit['label']})", hit["id"], _cite(hit["article"]), _snippet(hit["snippet"]))
    console.print(table)


@app.command()
def facets(
    field: str = typer.Argument(..., metavar="FIELD", help="type, actor, place, outlet or month."),
    since: Optional[str] = typer.Option(None, "--since", help="A year, month or day."),
    until: Optional[str] = typer.Option(None, "--until", help="A year, month or day, inclusive."),
    context: str = typer.Option("default", "--context", help="default, all, or a comma list."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """How many events per type, actor, place, outlet or month (under the filters)."""
    result = api.facets(field, db=state.db, since=since, until=until, context=context)
    if fmt == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{result['total']} events by {field}", header_style="bold")
    table.add_column(field)
    table.add_column("events", justify="right")
    for v in result["values"]:
        table.add_row(escape(str(v.get("label") or v["value"] or "unknown")), str(v["count"]))
    console.print(table)


def _cite(c: dict) -> str:
    parts = [c.get("outlet") or "unknown outlet", c.get("title") or c.get("id", ""), c.get("published") or "undated"]
    return escape(" — ".join(str(p) for p in parts))


def _snippet(segments: list[dict]) -> str:
    return "".join(f"[bold yellow]{escape(s['text'])}[/bold yellow]" if s["match"] else escape(s["text"])
                   for s in segments)
