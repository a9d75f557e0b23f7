"""``newsline types``: the event ontology with its crosswalks (a thin wrapper over ``api.types``)."""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..errors import ConfigError
from ._app import EXIT_USAGE, app, console, err_console


def _codes(cw: dict) -> str:
    parts = [f"CAMEO {cw['cameo']}" if cw.get("cameo") else None,
             f"ACLED {cw['acled_event_type']} / {cw['acled_sub_event_type']}" if cw.get("acled_sub_event_type") else None,
             f"ACE {cw['ace']}" if cw.get("ace") else None, f"MAVEN {cw['maven']}" if cw.get("maven") else None]
    return "; ".join(p for p in parts if p) or "-"


@app.command()
def types(
    family: Optional[str] = typer.Option(None, "--family", help="Keep one family (business, justice, conflict …)."),
    query: Optional[str] = typer.Option(None, "--type", help="Keep the types a timeline --type value matches."),
    modes: bool = typer.Option(False, "--modes", help="One row per mode with its crosswalk codes."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """The event types: code, label (what the timeline shows), family, definition, modes, crosswalks."""
    if fmt not in ("text", "json"):
        err_console.print(f"[red]error:[/red] unknown format {fmt!r}: use text or json")
        raise typer.Exit(EXIT_USAGE)
    try:
        rows = api.types(family=family, query=query)
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} event type{'' if len(rows) == 1 else 's'}", header_style="bold")
    for col in ("code", "label", "family", "mode" if modes else "modes", "crosswalk" if modes else "definition"):
        table.add_column(col, overflow="fold")
    for r in rows:
        if modes:
            for mode, cw in (r["modes"] or {"-": r["crosswalk"]}).items():
                table.add_row(r["code"], r["label"], r["family"] or "-", mode, _codes(cw))
        else:
            table.add_row(r["code"], r["label"], r["family"] or "-", ", ".join(r["modes"]), r["definition"])
    console.print(table)
