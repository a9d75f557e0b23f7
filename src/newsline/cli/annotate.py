"""newsline annotate: run the language layer on one text and print every span it found."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, call, console, fail, format_option

_COLUMNS = {
    "entities": ("start", "end", "text", "label", "kind", "value"),
    "timexes": ("start", "end", "text", "kind", "value", "earliest", "latest"),
    "quantities": ("start", "end", "text", "kind", "value", "noun", "qualifier", "scope"),
    "quotes": ("start", "end", "text", "kind", "speaker", "speaker_text", "cue", "speaker_note"),
}


def _read(file: str) -> tuple[str, str]:
    if file == "-":
        return sys.stdin.read(), "stdin"
    path = Path(file)
    if not path.is_file():
        fail(f"{file}: no such file (give a text file or - for stdin)")
    return path.read_text(encoding="utf-8", errors="replace"), path.name


def _tables(report: dict[str, Any]) -> list[Table]:
    tables = []
    for kind, columns in _COLUMNS.items():
        table = Table(title=f"{kind} ({len(report[kind])})", title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold", max_width=60 if column == "text" else None)
        for item in report[kind]:
            table.add_row(*("" if item.get(c) is None else escape(str(item.get(c))) for c in columns))
        tables.append(table)
    return tables


@app.command("annotate")
def annotate_command(
    file: str = typer.Argument(..., help="A plain-text article body, or - for stdin."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (anchors 'on Thursday')."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON, help="text (a table per kind) or json."),
) -> None:
    """Show what the language layer reads in a text: entities, time expressions, quantities, quotes."""
    text, name = _read(file)
    report = call(api.annotate, text, published=published, name=name)
    if format is Format.JSON:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{escape(name)}[/bold]: {report['sentences']} sentences"
                  + (f", published {published}" if published else ""))
    for table in _tables(report):
        console.print(table)
