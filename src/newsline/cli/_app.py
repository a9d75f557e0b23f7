"""The Typer application objects shared by the command modules.

Each command module (``ingest.py``, ``annotate.py``, ``evaluate.py`` …) registers its commands on
``app`` (or on ``eval_app`` for ``newsline eval …``); ``newsline.cli`` imports them all.
"""
from __future__ import annotations

import typer

from ._terminal import SafeConsole

app = typer.Typer(
    name="newsline",
    help="Turn a pile of news articles into a deduplicated, source-attributed timeline of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score newsline against annotated benchmark folders.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

#: every command prints through these: stored text never reaches the terminal raw (``_terminal``)
console = SafeConsole()
err_console = SafeConsole(stderr=True)


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
