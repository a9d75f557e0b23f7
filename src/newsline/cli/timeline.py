"""Commands over merged events: ``timeline``, ``report``, ``show-event``."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from ..store import open_store
from ..timeline import TimelineFilter, build_report, render_html, render_markdown, timeline_items
from ..timeline.build import DEFAULT_CONTEXTS
from ._app import EXIT_USAGE, app, console, err_console, state
from ._output import write_atomic
from ._terminal import plain

_NO_EVENTS = "No events yet in {db}: ingest articles first (newsline ingest PATH …)."


def _filter(since, until, types, actor, place, context) -> TimelineFilter:
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                err_console.print(f"[red]error:[/red] {name} {plain(repr(value))} is not an ISO date (YYYY-MM-DD)")
                raise typer.Exit(EXIT_USAGE)
    contexts = DEFAULT_CONTEXTS if context == "default" else (() if context == "all" else tuple(context.split(",")))
    return TimelineFilter(since=since, until=until, types=tuple(types or ()), actor=actor, place=place,
                          contexts=contexts)


# The filters timeline and report share (fresh Option objects per command, as Typer expects).
def _since():
    return typer.Option(None, "--since", help="Keep events on or after this ISO date.")


def _until():
    return typer.Option(None, "--until", help="Keep events on or before this ISO date.")


def _types():
    return typer.Option(None, "--type", help="Event type (PLOVER or extension), repeatable.")


def _actor():
    return typer.Option(None, "--actor", help="Keep events with an actor containing this.")


def _place():
    return typer.Option(None, "--place", help="Keep events whose place contains this.")


def _context():
    return typer.Option("default", "--context",
                        help="default (asserted, claimed, agreed, planned), all, or a comma list.")


@app.command()
def timeline(
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """The merged events in time order: date or window, type, summary, sources / independent origins."""
    if fmt not in ("text", "json"):
        err_console.print(f"[red]error:[/red] unknown format {plain(repr(fmt))}: use text or json")
        raise typer.Exit(EXIT_USAGE)
    flt = _filter(since, until, types, actor, place, context)
    with open_store(state.db) as store:
        if store.count_events() == 0:
            if fmt == "json":
                typer.echo("[]")
            else:
                console.print(_NO_EVENTS.format(db=escape(store.path)))
            return
        items = timeline_items(list(store.iter_events()), flt)
    if fmt == "json":
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(items)} events", header_style="bold")
    for col in ("date / window", "type", "summary", "sources / origins", "id"):
        table.add_column(col, overflow="fold")
    for item in items:
        style = "" if item["context"] in ("asserted", "claimed") else "dim"
        flag = " [yellow]≠[/yellow]" if item["disagreements"] else ""
        table.add_row(plain(item["when"]), plain(f"{item['label']} ({item['context']})"), plain(item["summary"]) + flag,
                      f"{len(item['sources'])} / {item['independent_origins']}", item["id"], style=style)
    console.print(table)


@app.command()
def report(
    fmt: str = typer.Option("md", "--format", help="md, html or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
) -> None:
    """A report of the timeline with a chart of events over time and citations to the sentence."""
    if fmt not in ("md", "html", "json"):
        err_console.print(f"[red]error:[/red] unknown format {plain(repr(fmt))}: use md, html or json")
        raise typer.Exit(EXIT_USAGE)
    flt = _filter(since, until, types, actor, place, context)
    with open_store(state.db) as store:
        if store.count_events() == 0:
            console.print(_NO_EVENTS.format(db=escape(store.path)))
            return
        payload = build_report(store, flt)
    text = {"md": render_markdown, "html": render_html,
            "json": lambda p: json.dumps(p, ensure_ascii=False, indent=2)}[fmt](payload) + "\n"
    if output:
        write_atomic(output, text)    # temp file + rename: never half a file
        err_console.print(f"wrote {plain(output)}")
    else:
        typer.echo(text, nl=False)


@app.command("show-event")
def show_event(
    event_id: str = typer.Argument(..., metavar="EVENT_ID", help="An event id (or unique prefix)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """One event with each argument's evidence sentence, its readings per source and its terms."""
    from ..events import event_to_export, render_event

    with open_store(state.db) as store:
        event = store.get_event(event_id)
        if event is None:
            err_console.print(f"[red]error:[/red] no event with id {plain(repr(event_id))}")
            raise typer.Exit(EXIT_USAGE)
        if fmt == "json":
            typer.echo(json.dumps(event_to_export(event, store), ensure_ascii=False, indent=2))
        else:
            render_event(event, store, console)
