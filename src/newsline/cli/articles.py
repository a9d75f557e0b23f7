"""Commands that read the store: ``status``, ``articles``, ``show``, ``rejects``, ``export``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from .. import api
from ..config import Format
from ..export import CSV_TABLES
from ..records import to_dict
from ._app import app, call, console, fail, format_option, id_column, state, write_output


def _date_cell(item: dict[str, Any]) -> str:
    if item.get("published"):
        return item["published"]
    window = item.get("published_window")
    if window:
        return f"{window.get('earliest') or '?'}..{window.get('latest') or '?'}"
    return "unknown"


@app.command()
def status(format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON)) -> None:
    """What the store holds: how many articles, events, mentions and rejects."""
    counts = api.status(db=state.db)
    if format is Format.JSON:
        typer.echo(json.dumps(counts))
        return
    console.print(f"{escape(counts['db'])}: " + ", ".join(f"{counts[k]} {k}" for k in
                                                          ("articles", "events", "mentions", "rejects")))


@app.command()
def articles(format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON)) -> None:
    """List stored articles: id, date (or window), outlet, title, source."""
    items = api.articles(db=state.db)
    if format is Format.JSON:
        console.print_json(json.dumps(items, ensure_ascii=False))
        return
    table = Table(title=f"{len(items)} articles", header_style="bold")
    id_column(table, "id", 12)
    table.add_column("published")
    table.add_column("outlet", max_width=22)
    table.add_column("title / first words")
    table.add_column("source", max_width=34, overflow="fold")
    for a in items:
        headline = a["title"] or (a["body"][:60].replace("\n", " ") + "…")
        path, sep, record = (a["sources"] or [a["source"]])[0].partition("#")
        table.add_row(a["id"][:12], _date_cell(a).replace("..", " .. ", 1), escape(a["outlet"] or "-"), escape(headline),
                      escape(Path(path).name + sep + record))
    console.print(table)


@app.command()
def show(
    item_id: str = typer.Argument(..., metavar="ID", help="An article id (or unique prefix) or an event id."),
    removed: bool = typer.Option(False, "--removed", help="List what cleaning removed, and why."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """Show one article (metadata, clean body, removed blocks) or one event with its evidence."""
    item = api.show(item_id, db=state.db)
    if item is None:
        fail(f"no article or event with id {item_id!r}")
    kind = item.pop("kind")
    if format is Format.JSON:
        console.print_json(json.dumps(item, ensure_ascii=False))
    elif kind == "event":
        from ..events import render_event

        render_event(item, console)
    else:
        _print_article(item, removed)


def _print_article(article: dict[str, Any], removed: bool) -> None:
    meta = Table.grid(padding=(0, 2))
    window = article.get("published_window")
    fields = [("id", article["id"]), ("sources", ", ".join(article["sources"])), ("format", article["format"]),
              ("title", article["title"]), ("standfirst", article["standfirst"]),
              ("published", article["published"] and f"{article['published']} ({article['published_from']})"),
              ("window", window and f"{_date_cell(article)} ({window.get('reason')})"),
              ("outlet", article["outlet"] and f"{article['outlet']} ({article['outlet_from']})"),
              ("byline", article["byline"]), ("url", article["url"]), ("language", article["language"])]
    fields += [("≠ published", f"{c['value']} ({c['reason']})") for c in article.get("published_conflicts", [])]
    fields += [(f"≠ {c['field']}", f"{c['value']} ({c['reason']})") for c in article.get("conflicts", [])]
    for name, value in fields:
        if value:
            meta.add_row(f"[bold]{name}[/bold]", escape(str(value)))
    console.print(meta)
    console.print(Panel(escape(article["body"]), title="body", expand=False))
    blocks = article["removed"]
    if removed:
        table = Table(title=f"removed ({len(blocks)})", header_style="bold")
        for col in ("signal", "reason", "text"):
            table.add_column(col, overflow="fold")
        for r in blocks:
            table.add_row(r["signal"], escape(r["reason"]), escape(r["text"]))
        console.print(table)
    else:
        console.print(f"[dim]{len(blocks)} blocks removed (see --removed)[/dim]")


@app.command()
def rejects(format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON)) -> None:
    """List every input that was refused, the step that refused it and why."""
    items = api.rejects(db=state.db)
    if format is Format.JSON:
        console.print_json(json.dumps(to_dict(items), ensure_ascii=False))
        return
    if not items:
        console.print(f"No rejects in {escape(str(state.db or 'newsline.db'))}: every input so far was used.")
        return
    table = Table(title=f"{len(items)} rejects", header_style="bold")
    for col in ("source", "record", "step", "reason"):
        table.add_column(col, overflow="fold")
    for r in items:
        table.add_row(escape(r.source), escape(r.record), r.step, escape(r.reason))
    console.print(table)


@app.command()
def export(
    format: str = format_option(Format.JSON, *api.EXPORT_FORMATS),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    table: str = typer.Option("articles", "--table", help=f"For csv: one of {', '.join(CSV_TABLES)}."),
    csv_formulas: bool = typer.Option(
        False, "--csv-formulas", help="For csv: keep cells that start with = + - @ as stored (by default "
        "they are prefixed with ' so a spreadsheet shows them as text, not formulas)."),
) -> None:
    """Export articles, events and rejects in the versioned schema (docs/export-schema.md)."""
    write_output(call(api.export, db=state.db, format=format, table=table, csv_formulas=csv_formulas), output)
