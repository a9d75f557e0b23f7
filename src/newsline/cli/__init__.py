"""newsline's command line: one command per API function, same names and options."""
from __future__ import annotations

import sqlite3
import sys

from ._app import EXIT_STORE, EXIT_USAGE, app, err_console, state
from ._terminal import plain
# Importing a command module registers its commands; the order here is the order in --help.
from . import ingest as _ingest  # noqa: F401
from . import articles as _articles  # noqa: F401
from . import annotate as _annotate  # noqa: F401
from . import duplicates as _duplicates  # noqa: F401
from . import timeline as _timeline  # noqa: F401
from . import eval_tempeval as _eval_tempeval  # noqa: F401
from . import eval_ecbplus as _eval_ecbplus  # noqa: F401
from . import serve as _serve  # noqa: F401

__all__ = ["app", "main"]


def main() -> None:
    from ..errors import ConfigError, MissingExtraError, StoreError

    try:
        app()
    except (ConfigError, MissingExtraError) as exc:
        err_console.print(f"[red]error:[/red] {plain(exc)}")
        sys.exit(EXIT_USAGE)
    except StoreError as exc:
        err_console.print(f"[red]store error:[/red] {plain(exc)}")
        sys.exit(EXIT_STORE)
    except sqlite3.DatabaseError as exc:       # damage found after opening (a corrupt page mid-file)
        from ..store.checks import store_error

        err_console.print(f"[red]store error:[/red] {plain(store_error(str(state.db or 'newsline.db'), exc))}")
        sys.exit(EXIT_STORE)
