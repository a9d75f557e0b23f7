"""A real store (seeds + the bundled sample + hostile records) built once per session, and real
uvicorn servers on 127.0.0.1 (a free port each) over it."""
from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "corpora" / "seeds").resolve()
EXAMPLES = REPO / "examples" / "corpus"
DATA = REPO / "tests" / "data" / "serve"

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The store every server test reads: ../shared seeds, examples/corpus, tests/data/serve."""
    if not SEEDS.is_dir():
        pytest.skip(f"reference seeds not found at {SEEDS} (../shared is not beside the checkout)")
    from newsline import api

    db = tmp_path_factory.mktemp("serve") / "serve.db"
    api.ingest([str(EXAMPLES), str(SEEDS), str(DATA / "hostile.jsonl")], db=db)
    return db


class LiveServer:
    """uvicorn serving an app on a socket bound to 127.0.0.1:0, in a thread."""

    def __init__(self, app):
        import uvicorn

        self.app = app
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.app.state.shutdown()
        self.sock.close()


@pytest.fixture(scope="session")
def live(built_db):
    from newsline.server import create_app

    with LiveServer(create_app(built_db, token=TOKEN)) as server:
        yield server


@pytest.fixture(scope="session")
def client(live):
    import httpx

    with httpx.Client(base_url=live.url, timeout=30) as c:
        yield c


@pytest.fixture
def writable_live(built_db, tmp_path):
    """A server over a private copy of the store (for ingest), with small upload limits."""
    from newsline.server import create_app

    copy = tmp_path / "copy.db"
    with sqlite3.connect(built_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with LiveServer(create_app(copy, token=TOKEN, max_file_bytes=4000, max_request_bytes=20000)) as server:
        yield server
    shutil.rmtree(copy.with_name(copy.name + ".uploads"), ignore_errors=True)
