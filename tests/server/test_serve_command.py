"""`newsline serve` as a user runs it: one command starts it on loopback and prints the token,
it answers, Ctrl-C (SIGINT) stops it cleanly; a token file is read; a bad one is refused."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from newsline.errors import ConfigError
from newsline.server.run import read_token

from .conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "200"}
    return subprocess.Popen([sys.executable, "-m", "newsline", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_ready(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/status", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("newsline serve did not answer")


def test_serve_starts_on_loopback_prints_the_token_and_stops_on_ctrl_c(built_db):
    port = _free_port()
    proc = _start(["--db", str(built_db), "serve", "--port", str(port)])
    try:
        _wait_ready(port, proc)
        status = httpx.get(f"http://127.0.0.1:{port}/api/v1/status").json()
        assert status["articles"] > 0
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    assert f"http://127.0.0.1:{port}/" in err and "warning" not in err
    token = next(line.split(": ", 1)[1] for line in err.splitlines() if line.startswith("ingest token:"))
    assert len(token) >= 24


def test_token_file_and_bad_token_files(tmp_path):
    good = tmp_path / "token"
    good.write_text("a-long-enough-token-1234\nignored\n")
    assert read_token(None, good) == ("a-long-enough-token-1234", False)
    assert read_token("given-token-xxxxxxxxxx", good)[0] == "given-token-xxxxxxxxxx"
    assert read_token(None, None)[1] is True
    short = tmp_path / "short"
    short.write_text("abc\n")
    for bad in (short, tmp_path / "missing"):
        with pytest.raises(ConfigError):
            read_token(None, bad)


def test_serve_refuses_a_missing_store_with_a_usage_error(tmp_path):
    proc = _start(["--db", str(tmp_path / "none.db"), "serve", "--port", str(_free_port())])
    assert proc.wait(60) == 2
    assert "no store at" in proc.stderr.read()
