"""newsline annotate: run the language layer on one text and print every span it found."""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ._app import EXIT_USAGE, app, console, err_console
from ._terminal import plain

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_COLUMNS = {
    "entities": ("start", "end", "text", "label", "kind", "value"),
    "timexes": ("start", "end", "text", "kind", "value", "earliest", "latest"),
    "quantities": ("start", "end", "text", "kind", "value", "noun", "qualifier", "scope"),
    "quotes": ("start", "end", "text", "kind", "speaker", "speaker_text", "cue"),
}


def _is_date(text: str) -> bool:
    """YYYY-MM-DD naming a real day (2025-02-30 is not one)."""
    try:
        return bool(_ISO_DATE.match(text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def _read(file: str) -> tuple[str, str]:
    if file == "-":
        return sys.stdin.read(), "stdin"
    path = Path(file)
    if not path.is_file():
        err_console.print(f"[red]error:[/red] {plain(file)}: no such file (give a text file or - for stdin)")
        raise typer.Exit(EXIT_USAGE)
    return path.read_text(encoding="utf-8", errors="replace"), path.name


def _tables(report: dict[str, Any]) -> list[Table]:
    tables = []
    for kind, columns in _COLUMNS.items():
        table = Table(title=f"{kind} ({len(report[kind])})", title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold", max_width=60 if column == "text" else None)
        for item in report[kind]:
            table.add_row(*("" if item.get(c) is None else plain(item.get(c)) for c in columns))
        tables.append(table)
    return tables


@app.command("annotate")
def annotate_command(
    file: str = typer.Argument(..., help="A plain-text article body, or - for stdin."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (anchors 'on Thursday')."),
    fmt: str = typer.Option("text", "--format", "-f", help="text (a table per kind) or json."),
) -> None:
    """Show what the language layer reads in a text: entities, time expressions, quantities, quotes."""
    from ..nlp import annotate_text
    from ..nlp.render import annotations_json

    if fmt not in ("text", "json"):
        err_console.print(f"[red]error:[/red] unknown --format {plain(repr(fmt))}: use text or json")
        raise typer.Exit(EXIT_USAGE)
    if published is not None and not _is_date(published):
        err_console.print(f"[red]error:[/red] --published {plain(repr(published))} is not a date like 2025-06-12")
        raise typer.Exit(EXIT_USAGE)
    text, name = _read(file)
    ann = annotate_text(text, published=published, article_id=name)
    report = annotations_json(ann, text, article=name)
    if fmt == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{plain(name)}[/bold]: {report['sentences']} sentences"
                  + (f", published {plain(published)}" if published else ""))
    for table in _tables(report):
        console.print(table)
