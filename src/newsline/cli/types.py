"""``newsline types``: the event ontology with its crosswalks (a thin wrapper over ``api.types``)."""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, call, console, format_option


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
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """The event types: code, label (what the timeline shows), family, definition, modes, crosswalks."""
    rows = call(api.types, family=family, query=query)
    if format is Format.JSON:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} event type{'' if len(rows) == 1 else 's'}", header_style="bold")
    for col in ("code", "label", "family", "mode" if modes else "modes", "crosswalk" if modes else "definition"):
        table.add_column(col, overflow="fold")
    for r in rows:
        if modes:
            for mode, cw in (r["modes"] or {"-": r["crosswalk"]}).items():
                table.add_row(r["code"], escape(r["label"]), r["family"] or "-", mode, escape(_codes(cw)))
        else:
            table.add_row(r["code"], r["label"], r["family"] or "-", ", ".join(r["modes"]), r["definition"])
    console.print(table)
