"""``newsline ingest PATH...``: read, clean and store articles, then update the corpus stages."""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, call, console, err_console, format_option, state


def _parse_fields(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    fields = {}
    for value in values:
        ours, sep, theirs = value.partition("=")
        if not sep or not ours or not theirs:
            raise typer.BadParameter(f"expected OURS=THEIRS (e.g. text=content), got {value!r}")
        fields[ours.strip()] = theirs.strip()
    return fields


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    json_fields: Optional[list[str]] = typer.Option(
        None, "--json-field", help="Map a JSON/JSONL field to ours, e.g. --json-field text=content (repeatable)."),
    language: bool = typer.Option(True, " /--no-language", help="Skip the language layer and events."),
    events: bool = typer.Option(True, "--events/--no-events", help="Run event extraction and merging."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON, help="Summary as text or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication day of every document of this run (YYYY-MM-DD); beats inference."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet (publisher) of every document of this run."),
    byline: Optional[str] = typer.Option(None, "--byline", help="Byline (author or agency) of every document of this run."),
    language_code: Optional[str] = typer.Option(
        None, "--language", help="Language of every document (ISO 639 code: en, de …) instead of detecting it."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of the document(s) of this run."),
    url: Optional[str] = typer.Option(None, "--url", help="Address of the document(s) of this run."),
    manifest: Optional[str] = typer.Option(
        None, "--manifest", help="CSV or JSON Lines: a path, glob or record id per row, then any metadata fields."),
    include: Optional[list[str]] = typer.Option(
        None, "--include", help="In folders and globs read only files matching this glob (repeatable)."),
    exclude: Optional[list[str]] = typer.Option(
        None, "--exclude", help="In folders and globs skip files and folders matching this glob (repeatable)."),
) -> None:
    """Ingest articles into the store. Exit code 0: all used; 1: some rejected; 3: nothing usable."""
    fields = _parse_fields(json_fields)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=quiet or format is Format.JSON) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        report = call(api.ingest, paths, db=state.db, json_fields=fields, language=language,
                      events=events, progress=progress, published=published, outlet=outlet, byline=byline,
                      language_code=language_code, title=title, url=url, manifest=manifest,
                      include=include or (), exclude=exclude or ())
    if format is Format.JSON:
        payload = {**report.summary(), "exit_code": report.exit_code, "seconds": report.seconds,
                   "rejects": [{"source": r.source, "step": r.step, "reason": r.reason, "record": r.record}
                               for r in report.rejects]}
        console.print_json(json.dumps(payload))
    else:
        _print_summary(report)
    raise typer.Exit(report.exit_code)


def _print_summary(report: api.IngestReport) -> None:
    table = Table(title="ingest", show_header=True, header_style="bold")
    for name in ("read", "new", "unchanged", "rejected"):
        table.add_column(name, justify="right")
    table.add_row(*(str(report.summary()[k]) for k in ("read", "new", "unchanged", "rejected")))
    console.print(table)
    extra = {k: v for k, v in report.summary().items() if k not in ("read", "new", "unchanged", "rejected") and v}
    if extra:
        console.print("  " + ", ".join(f"{k}: {v}" for k, v in extra.items()))
    for reject in report.rejects:
        where = f"{reject.source}#{reject.record}" if reject.record else reject.source
        err_console.print(f"[yellow]rejected[/yellow] {where} [dim]({reject.step})[/dim]: {reject.reason}")
