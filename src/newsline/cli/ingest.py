"""``newsline ingest PATH...``: read, clean and store articles, then update the corpus stages."""
from __future__ import annotations

import json
import time
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                           TextColumn, TimeElapsedColumn)
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


# Options shared by ingest and resume (one definition each).
LANGUAGE = typer.Option(True, " /--no-language", help="Skip the language layer and events.")
EVENTS = typer.Option(True, "--events/--no-events", help="Run event extraction and merging.")
WORKERS = typer.Option(None, "--workers", min=1, help="Processes for the language layer and event extraction "
                                                      "(default: the machine's cores; 1: one process).")
RETRY = typer.Option(False, "--retry-rejects", help="Also retry stored articles whose language or events step failed.")
TIMINGS = typer.Option(False, "--timings", help="Print where the time went, stage by stage.")
FORMAT = format_option(Format.TEXT, Format.TEXT, Format.JSON, help="Summary as text or json.")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bars.")


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs, or - for stdin."),
    json_fields: Optional[list[str]] = typer.Option(
        None, "--json-field", help="Map a JSON/JSONL field to ours, e.g. --json-field text=content (repeatable)."),
    language: bool = LANGUAGE,
    events: bool = EVENTS,
    workers: Optional[int] = WORKERS,
    retry_rejects: bool = RETRY,
    timings: bool = TIMINGS,
    format: str = FORMAT,
    quiet: bool = QUIET,
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
    """Ingest articles into the store, and finish whatever an earlier run left unfinished.
    Exit code 0: all used; 1: some rejected; 3: nothing usable."""
    fields = _parse_fields(json_fields)
    _run(lambda progress, notice: call(api.ingest, paths, db=state.db, json_fields=fields, language=language,
                               events=events, workers=workers, retry_rejects=retry_rejects, progress=progress,
                               notice=notice,
                               published=published, outlet=outlet, byline=byline, language_code=language_code,
                               title=title, url=url, manifest=manifest, include=include or (),
                               exclude=exclude or ()),
         format=format, quiet=quiet, timings=timings)


@app.command()
def resume(
    language: bool = LANGUAGE,
    events: bool = EVENTS,
    workers: Optional[int] = WORKERS,
    retry_rejects: bool = RETRY,
    timings: bool = TIMINGS,
    format: str = FORMAT,
    quiet: bool = QUIET,
) -> None:
    """Finish what earlier runs left unfinished (after a kill, a crash or failed articles), reading
    no new input. Exit code 0: done; 1: some article's step failed (see rejects)."""
    _run(lambda progress, notice: call(api.resume, db=state.db, language=language, events=events,
                                       workers=workers, retry_rejects=retry_rejects, progress=progress,
                                       notice=notice),
         format=format, quiet=quiet, timings=timings)


def _run(run, *, format: Format, quiet: bool, timings: bool) -> None:
    """Run with one progress bar per stage (count, share, rate), then the summary."""
    with Progress(SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                  TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=quiet or format is Format.JSON) as bar:
        tasks: dict[str, int] = {}
        started: dict[str, float] = {}

        def progress(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total, rate="")
                started[step] = time.perf_counter()
            elapsed = time.perf_counter() - started[step]
            rate = f"{done / elapsed:.1f}/s" if elapsed > 0.5 and total != 1 else ""
            bar.update(tasks[step], completed=done, total=total, rate=rate)

        def notice(message: str) -> None:
            if format is not Format.JSON:
                bar.console.print(f"[yellow]note[/yellow] {escape(message)}")

        report = run(progress, notice)
    if format is Format.JSON:
        payload = {**report.summary(), "exit_code": report.exit_code, "seconds": report.seconds,
                   "rerun": report.rerun,
                   "workers": report.workers, "stages": report.timings(),
                   "rejects": [{"source": r.source, "step": r.step, "reason": r.reason, "record": r.record,
                                "error": r.error, "article_id": r.article_id} for r in report.rejects]}
        console.print_json(json.dumps(payload))
    else:
        _print_summary(report)
        if timings:
            _print_timings(report)
    raise typer.Exit(report.exit_code)


def _print_timings(report: api.IngestReport) -> None:
    table = Table(title=f"where the time went ({report.workers} worker(s); a worker's seconds are its own)",
                  header_style="bold")
    for name in ("stage", "items", "rejected", "seconds", "items/s"):
        table.add_column(name, justify="left" if name == "stage" else "right")
    for row in report.timings():
        table.add_row(row["stage"], str(row["items"]), str(row["rejected"]), f"{row['seconds']:.2f}",
                      f"{row['per_second']:.1f}" if row["items"] > 1 else "")
    table.add_row("wall", "", "", f"{report.seconds.get('total', 0.0):.2f}", "")
    console.print(table)


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
        why = f"{reject.step}, {reject.error}" if reject.error and reject.error not in reject.reason else reject.step
        err_console.print(f"[yellow]rejected[/yellow] {escape(where)} [dim]({escape(why)})[/dim]: {escape(reject.reason)}")
