"""The Typer application objects shared by the command modules.

Each command module (``ingest.py``, ``annotate.py``, ``evaluate.py`` …) registers its commands on
``app`` (or on ``eval_app`` for ``newsline eval …``); ``newsline.cli`` imports them all.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..config import Format
from ..errors import ConfigError
from ._terminal import SafeConsole

T = TypeVar("T")

app = typer.Typer(
    name="newsline",
    help="Turn a pile of news articles into a deduplicated, source-attributed timeline of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score newsline against annotated benchmark folders.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

#: Width when the output is no terminal (piped, under make, in CI) and COLUMNS is not set: Rich
#: would fall back to 80 columns and wrap every table; 120 keeps them whole and readable.
PIPE_WIDTH = 120


def make_console(*, stderr: bool = False) -> Console:
    """A Console that detects the terminal: its own width on a TTY, ``COLUMNS`` when set, else
    ``PIPE_WIDTH``. It shows control and escape characters of stored text visibly (``_terminal``)."""
    stream = sys.stderr if stderr else sys.stdout
    tty = hasattr(stream, "isatty") and stream.isatty()
    width = None if tty or os.environ.get("COLUMNS", "").isdigit() else PIPE_WIDTH
    return SafeConsole(stderr=stderr, width=width)


console = make_console()
err_console = make_console(stderr=True)


def id_column(table: Table, header: str = "id", width: int = 13) -> None:
    """A column for ids: a fixed width, never wrapped or cut (an id is copied whole); the other,
    wrapping columns give way when the terminal is narrow."""
    table.add_column(header, no_wrap=True, width=max(width, len(header)), overflow="ignore")


class State:
    """Options given before the command (``newsline --db FILE COMMAND``)."""

    db: str | None = None


state = State()

# Exit codes: 0 ok; 1 the run finished but some input was rejected; 2 usage / configuration error;
# 3 nothing could be read at all; 4 store error.
EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_NOTHING, EXIT_STORE = 0, 1, 2, 3, 4


@app.callback()
def _root(
    db: str = typer.Option(
        None, "--db", envvar="NEWSLINE_DB", help="SQLite store file (default ./newsline.db)."
    ),
) -> None:
    state.db = db


def format_choices(allowed: tuple[Format, ...]) -> str:
    """"text or json", "md, html or json"."""
    names = [f.value for f in allowed]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def format_option(default: Format, *allowed: Format, help: str | None = None) -> Any:
    """The ``--format/-f`` option of a command: one of ``allowed`` (the ``Format`` enum), checked
    in one place; an unknown value exits 2 naming the choices."""
    allowed = allowed or (default,)
    choices = format_choices(allowed)

    def check(value: str) -> Format:
        try:
            return Format.parse(value, allowed)
        except ConfigError:
            fail(f"unknown --format {value!r}: use {choices}")

    option = typer.Option(default.value, "--format", "-f", help=help or f"{choices}.", callback=check)
    option.formats = allowed  # read by the CLI <-> API pairing test (tests/test_public_api.py)
    return option


def fail(message: str) -> NoReturn:
    """Print a usage error (what was wrong, what to do) and exit 2."""
    err_console.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(EXIT_USAGE)


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an API function; a ConfigError (a bad option value) becomes a usage error, exit 2."""
    try:
        return fn(*args, **kwargs)
    except ConfigError as exc:
        fail(str(exc))


def write_output(text: str, output: Path | None) -> None:
    """``text`` to stdout, or atomically to ``output`` (a reader never sees half a file)."""
    if output is None:
        if sys.stdout.isatty():     # shown to a person: escapes in stored text made visible
            from ._terminal import visible

            text = visible(text)
        typer.echo(text, nl=False)
        return
    from ._output import write_atomic

    write_atomic(output, text)      # temp file + fsync + rename; a missing folder is exit 4
    err_console.print(f"wrote {escape(str(output))}")
