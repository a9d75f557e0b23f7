"""Commands that read the store: ``articles``, ``show``, ``rejects``, ``export``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from .. import api
from ..export import CSV_TABLES, article_to_export, dumps_csv, dumps_json, dumps_jsonl
from ..records import Article, to_dict
from ..store import open_store
from ._app import EXIT_USAGE, app, console, err_console, state
from ._output import write_atomic
from ._terminal import plain


def _date_cell(article: Article) -> str:
    if article.published:
        return article.published
    window = article.published_window
    if window:
        return f"{window.earliest or '?'}..{window.latest or '?'}"
    return "unknown"


@app.command()
def articles(fmt: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """List stored articles: id, date (or window), outlet, title, source."""
    with open_store(state.db) as store:
        items = list(store.iter_articles())
        if fmt == "json":
            console.print_json(json.dumps([article_to_export(a, store) for a in items], ensure_ascii=False))
            return
    table = Table(title=f"{len(items)} articles", header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=22)
    table.add_column("title / first words", ratio=1)
    table.add_column("source", max_width=34, overflow="fold")
    for a in items:
        headline = a.title or (a.body[:60].replace("\n", " ") + "…")
        where = Path(a.source).name + (f"#{a.record}" if a.record else "")
        table.add_row(a.id[:12], _date_cell(a), escape(a.outlet or "-"), escape(headline), escape(where))
    console.print(table)


@app.command()
def show(
    item_id: str = typer.Argument(..., metavar="ID", help="An article id (or unique prefix) or an event id."),
    removed: bool = typer.Option(False, "--removed", help="List what cleaning removed, and why."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Show one article (metadata, clean body, removed blocks) or one event with its evidence."""
    with open_store(state.db) as store:
        article = store.get_article(item_id)
        if article is None:
            _show_event(store, item_id, fmt)
            return
        if fmt == "json":
            payload = article_to_export(article, store)
            payload["removed"] = to_dict(article.removed)
            console.print_json(json.dumps(payload, ensure_ascii=False))
            return
        _print_article(article, store.article_sources(article.id), removed)


def _show_event(store, item_id: str, fmt: str) -> None:
    event = store.get_event(item_id)
    if event is None:
        err_console.print(f"[red]error:[/red] no article or event with id {item_id!r}")
        raise typer.Exit(EXIT_USAGE)
    from ..events import event_to_export, render_event

    if fmt == "json":
        console.print_json(json.dumps(event_to_export(event, store), ensure_ascii=False))
    else:
        render_event(event, store, console)


def _print_article(article: Article, sources: list[str], removed: bool) -> None:
    meta = Table.grid(padding=(0, 2))
    fields = [("id", article.id), ("sources", ", ".join(sources)), ("format", article.fmt),
              ("title", article.title), ("standfirst", article.standfirst),
              ("published", article.published and f"{article.published} ({article.published_from})"),
              ("window", article.published_window and
               f"{_date_cell(article)} ({article.published_window.reason})"),
              ("outlet", article.outlet and f"{article.outlet} ({article.outlet_from})"),
              ("byline", article.byline), ("url", article.url), ("language", article.language)]
    for name, value in fields:
        if value:
            meta.add_row(f"[bold]{name}[/bold]", escape(str(value)))
    console.print(meta)
    console.print(Panel(escape(article.body), title="body", expand=False))
    if removed:
        table = Table(title=f"removed ({len(article.removed)})", header_style="bold")
        for col in ("signal", "reason", "text"):
            table.add_column(col, overflow="fold")
        for r in article.removed:
            table.add_row(r.signal, escape(r.reason), escape(r.text))
        console.print(table)
    else:
        console.print(f"[dim]{len(article.removed)} blocks removed (see --removed)[/dim]")


@app.command()
def rejects(fmt: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """List every input that was refused, the step that refused it and why."""
    items = api.rejects(db=state.db)
    if fmt == "json":
        console.print_json(json.dumps(to_dict(items), ensure_ascii=False))
        return
    if not items:
        console.print(f"No rejects in {escape(str(state.db or 'newsline.db'))}: every input so far was used.")
        return
    table = Table(title=f"{len(items)} rejects", header_style="bold")
    for col in ("source", "record", "step", "reason"):
        table.add_column(col, overflow="fold")
    for r in items:
        table.add_row(escape(r.source), r.record, r.step, escape(r.reason))
    console.print(table)


@app.command()
def export(
    fmt: str = typer.Option("json", "--format", help="json, jsonl or csv."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    table: str = typer.Option("articles", "--table", help=f"For csv: one of {', '.join(CSV_TABLES)}."),
    csv_formulas: bool = typer.Option(
        False, "--csv-formulas", help="For csv: keep cells that start with = + - @ as stored (by default "
        "they are prefixed with ' so a spreadsheet shows them as text, not formulas)."),
) -> None:
    """Export articles, events and rejects in the versioned schema (see README)."""
    if fmt not in ("json", "jsonl", "csv"):
        err_console.print(f"[red]error:[/red] unknown format {plain(repr(fmt))}: use json, jsonl or csv")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "csv" and table not in CSV_TABLES:
        err_console.print(f"[red]error:[/red] unknown table {plain(repr(table))}: use {', '.join(CSV_TABLES)}")
        raise typer.Exit(EXIT_USAGE)
    doc = api.export(db=state.db)
    text = {"json": lambda: dumps_json(doc) + "\n", "jsonl": lambda: dumps_jsonl(doc),
            "csv": lambda: dumps_csv(doc, table, formulas=csv_formulas)}[fmt]()
    if output:
        write_atomic(output, text)    # temp file + rename: never half a file
        err_console.print(f"wrote {output}")
    else:
        typer.echo(text, nl=False)
