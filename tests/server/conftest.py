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
    _store_hostile_article(db)
    return db


HOSTILE_ID = "0badc0de0badc0de"


def _store_hostile_article(db: Path) -> None:
    """An article stored as a reader could leave it (markup in text: an HTML page's escaped
    ``&lt;script&gt;`` is literal text once read), written straight through the store."""
    from newsline.records import Article, PublicationDate, Removed
    from newsline.store import SQLiteStore

    body = ('A <script>window.__pwned=7</script> council statement. <img src=x onerror="window.__pwned=8"> '
            'It was read aloud. <a href="javascript:window.__pwned=9">click</a>')
    with SQLiteStore(db) as store:
        store.put_article(Article(
            id=HOSTILE_ID, source="tests/data/serve/hostile-direct", body=body,
            title='<script>window.__pwned=10</script> Direct <img src=x onerror="window.__pwned=11">',
            outlet='<b onmouseover="window.__pwned=12">Outlet</b>', url="javascript:window.__pwned=13",
            dated=PublicationDate("2025-06-11", "test", basis="stated"), removed=[Removed(text='<script>window.__pwned=14</script>', reason="test <i>reason</i>",
                                                     signal="cue", start=0, end=0)]))


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


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless chromium driven by Playwright (the browser is never downloaded)."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium; `make test` does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):
    """A fresh page that records console errors, dialogs and CSP violations."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    pg.base = live.url
    yield pg
    context.close()
