"""Starting the server: token, host check, uvicorn; Ctrl-C stops it cleanly."""
from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = ["run_server", "read_token", "LOOPBACK"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def read_token(token: str | None, token_file: str | Path | None) -> tuple[str, bool]:
    """``(token, generated)``: the given token, the first line of ``token_file``, or a new one."""
    if token:
        return token, False
    if token_file:
        try:
            text = Path(token_file).read_text(encoding="utf-8").strip().splitlines()
        except OSError as exc:
            raise ConfigError(f"cannot read --token-file {token_file}: {exc.strerror or exc}") from exc
        if not text or len(text[0].strip()) < 16:
            raise ConfigError(f"--token-file {token_file}: the first line must hold a token of 16 characters or more")
        return text[0].strip(), False
    return secrets.token_urlsafe(24), True


def run_server(*, db: str | Path | None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
               token_file: str | Path | None = None, announce: Callable[[str], Any] = print,
               sock: socket.socket | None = None) -> None:
    """Serve until interrupted. ``sock``: an already bound socket (tests pass one on port 0)."""
    try:
        import uvicorn
    except ImportError as exc:  # pragma: no cover - uvicorn is a dependency
        from ..errors import MissingExtraError

        raise MissingExtraError("uvicorn", "serve") from exc
    from ..config import resolve_db
    from .app import create_app

    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port} is not a TCP port (0..65535)")
    secret, generated = read_token(token, token_file)
    app = create_app(resolve_db(db), token=secret)
    if host not in LOOPBACK:
        announce(f"warning: serving on {host}: anyone who can reach this machine on port {port} can read "
                 f"the store (ingesting still needs the token)")
    where = sock.getsockname() if sock else (host, port)
    announce(f"newsline serving {app.state.db_path} at http://{_url_host(where[0])}:{where[1]}/ (Ctrl-C stops)")
    announce(f"ingest token: {secret}" if generated else
             f"ingest token: {'from ' + str(token_file) if token_file and not token else 'as given'}")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    app.state.uvicorn = server
    try:
        server.run(sockets=[sock] if sock else None)
    except KeyboardInterrupt:     # uvicorn shut down gracefully, then re-raised the Ctrl-C
        pass
    finally:
        app.state.shutdown()
    announce("newsline serve stopped")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
