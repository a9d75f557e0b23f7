"""Commands over merged events: ``timeline``, ``report``, ``show-event``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, call, console, fail, format_option, id_column, state, write_output
from ._terminal import plain

_NO_EVENTS = "No events yet in {db}: ingest articles first (newsline ingest PATH …)."
_NO_MATCH = "No events in {db} match these filters ({events} events stored; --context all shows every context)."


# The filters timeline and report share (fresh Option objects per command, as Typer expects).
def _since():
    return typer.Option(None, "--since", help="Keep events on or after this year, month or day "
                                              "(2008, 2008-03, 2008-03-14).")


def _until():
    return typer.Option(None, "--until", help="Keep events on or before this year, month or day "
                                              "(2008 means up to 2008-12-31).")


def _types():
    return typer.Option(None, "--type", help="Event type (PLOVER or extension), repeatable.")


def _actor():
    return typer.Option(None, "--actor", help="Keep events with an actor containing this.")


def _place():
    return typer.Option(None, "--place", help="Keep events whose place contains this.")


def _context():
    return typer.Option("default", "--context",
                        help="default (asserted, claimed, agreed, planned), all, or a comma list.")


def _say_why_empty() -> None:
    counts = api.status(db=state.db)
    template = _NO_EVENTS if counts["events"] == 0 else _NO_MATCH
    console.print(template.format(db=escape(counts["db"]), events=counts["events"]))


@app.command()
def timeline(
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
    format: str = format_option(Format.TEXT, *api.TIMELINE_FORMATS),
) -> None:
    """The merged events in time order: date or window, type, summary, sources / independent origins."""
    items = call(api.timeline, db=state.db, since=since, until=until, types=types, actor=actor,
                 place=place, context=context)
    if format is Format.JSON:
        typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    if not items:
        _say_why_empty()
        return
    table = Table(title=f"{len(items)} events", header_style="bold")
    table.add_column("date / window")
    table.add_column("type", max_width=30, overflow="fold")
    table.add_column("summary", overflow="fold")
    table.add_column("sources / origins", max_width=9)
    id_column(table, "id", max((len(i["id"]) for i in items), default=13))
    for item in items:
        style = "" if item["context"] in ("asserted", "claimed") else "dim"
        flag = " [yellow]≠[/yellow]" if item["disagreements"] else ""
        # " .. " lets a window wrap between its two days rather than inside one
        table.add_row(item["when"].replace("..", " .. ", 1), plain(f"{item['label']} ({item['context']})"), escape(item["summary"]) + flag,
                      f"{len(item['sources'])} / {item['independent_origins']}", item["id"], style=style)
    console.print(table)


@app.command()
def report(
    format: str = format_option(Format.MD, *api.REPORT_FORMATS),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    since: Optional[str] = _since(),
    until: Optional[str] = _until(),
    types: Optional[list[str]] = _types(),
    actor: Optional[str] = _actor(),
    place: Optional[str] = _place(),
    context: str = _context(),
) -> None:
    """A report of the timeline with a chart of events over time and citations to the sentence."""
    text = call(api.report, db=state.db, format=format, since=since, until=until, types=types,
                actor=actor, place=place, context=context)
    if api.status(db=state.db)["events"] == 0:
        _say_why_empty()
        return
    write_output(text, output)


@app.command("show-event")
def show_event(
    event_id: str = typer.Argument(..., metavar="EVENT_ID", help="An event id (or unique prefix)."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """One event with each argument's evidence sentence, its readings per source and its terms."""
    item = api.show_event(event_id, db=state.db)
    if item is None:
        fail(f"no event with id {event_id!r}")
    if format is Format.JSON:
        typer.echo(json.dumps(item, ensure_ascii=False, indent=2))
    else:
        from ..events import render_event

        render_event(item, console)
