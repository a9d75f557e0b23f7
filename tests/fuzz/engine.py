"""The fuzz engine shared by ``tests/fuzz`` (Hypothesis, bounded) and ``bench/scorers/fuzz.py``
(a longer seeded campaign).

A case is one file (name + bytes) read, cleaned and stored exactly as ``newsline ingest`` does
it, one file at a time, into a store that already holds earlier articles. It passes when it
ends as stored articles and/or specific rejects (an ``InputError`` reason), never another
exception, and the store's earlier rows are unchanged. :func:`run_case` measures its time and
peak traced memory.
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import time
import tracemalloc
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_FOLDERS = (REPO / "examples" / "corpus", (REPO / ".." / "shared" / "corpora" / "seeds").resolve())

#: fragments that broke readers or the language layer in issue 14's fuzz run, and their cousins
SNIPPETS = [
    b"\x1b]0;pwned\x07", b"\x1b[2J", b"\x9b31m", "\u202e".encode(), b"\r", b"\x00", b"\xff\xfe", b"\xed\xa0\x80",
    b"&#xD800;", b"&#0;", b"&#x110000;", b"\\ud800", b"\\udfff", b'"\\ud83d"', b"[" * 5000, b"(" * 3000,
    b"9" * 5000, b"1e999999", b"-" * 2000, b"[/x]", b"[bold]", b"=HYPERLINK(\"http://x\")", b"@SUM(A1)",
    b'{"a":' * 200, b"[" * 200, b"<!ENTITY a \"aaaa\">", b"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
    b"&x;", b"<html>", b"</body>", b"<body>", b"<frameset>", b"<script>alert(1)</script>", b"<![CDATA[",
    b"WARC/1.0\r\n", b"Content-Length: -1\r\n", b"Content-Length: 99999999999\r\n\r\n", b"\r\n\r\n",
    b"http://[::1/x", b"https://[zz::1]:99999/", b"February 29, 2023", b"June 31", b"the year 0",
    b'":"', b'""', b"\x1f\x8b\x08\x00", b"<?xml version=\"1.0\" encoding=\"utf-16\"?>", b"<rss version=\"2.0\">",
    "caf\u00e9 \u201cquoted\u201d".encode("cp1252", "replace"), "\u00e9".encode("utf-16-le"),
]
EXTENSIONS = ["", ".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ".warc", ".gz", ".csv"]


def seed_files(max_bytes: int = 2 << 20) -> list[Path]:
    """Real files to mutate: examples/corpus and, when present, ../shared's seeds."""
    out = []
    for folder in SEED_FOLDERS:
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.is_file() and p.stat().st_size <= max_bytes)
    return out


# -- mutations ---------------------------------------------------------------------------------

def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(SNIPPETS) * rng.choice((1, 1, 2, 50)) + data[at:]


def _duplicate(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data * 2
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    return data[:b] + data[a:b] * rng.randint(2, 20) + data[b:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig"]), "replace")


def _gzip(data: bytes, rng: random.Random) -> bytes:
    import gzip

    packed = gzip.compress(data)
    return packed[:rng.randrange(len(packed) + 1)] if rng.random() < 0.3 else packed


MUTATIONS = {"flip": _flip, "truncate": _truncate, "insert": _insert, "duplicate": _duplicate,
             "reencode": _reencode, "gzip": _gzip}


def mutate(data: bytes, ops: list[tuple[str, int]]) -> bytes:
    """Apply ``(mutation name, seed)`` steps in order."""
    for name, seed in ops:
        data = MUTATIONS[name](data, random.Random(seed))
    return data


def hostile_name(rng: random.Random, ext: str) -> str:
    """A file name with control characters, escapes or bytes that are not UTF-8 (as the OS gives them)."""
    parts = [b"article", b"\x1b[2J", b"\x1b]0;t\x07", b"\xff\xfe", b"[/x]", b" ", b"=cmd", "\u202e".encode(), b"\r"]
    raw = b"".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
    return os.fsdecode(raw.replace(b"/", b"_").replace(b"\x00", b"_")) + ext


# -- running one case ----------------------------------------------------------------------------

@dataclass
class Outcome:
    name: str
    docs: int = 0
    rejects: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_bytes: int = 0
    error: str | None = None          # an exception that is not a reject: a failure

    @property
    def ok(self) -> bool:
        return self.error is None


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def run_case(folder: Path, name: str, data: bytes, store, *, timeout: int = 60) -> Outcome:
    """Read, clean and store one file as ingest does; any exception but a reject is the failure."""
    from newsline.clean import Cleaner
    from newsline.errors import InputError
    from newsline.read import iter_documents
    from newsline.records import Reject

    path = folder / name
    path.write_bytes(data)
    out = Outcome(name=repr(name))
    cleaner = Cleaner(store)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        for item in iter_documents([str(path)]):
            if isinstance(item, Reject):
                store.put_reject(item)
                out.rejects.append(item.reason)
                continue
            try:
                article = cleaner.clean(item)
            except InputError as exc:
                store.put_reject(Reject(item.source, "clean", exc.reason, item.record))
                out.rejects.append(exc.reason)
                continue
            if not article.body.strip():          # as the pipeline does
                reason = "nothing left after removing boilerplate and metadata"
                store.put_reject(Reject(item.source, "clean", reason, item.record))
                out.rejects.append(reason)
                continue
            store.put_article(article)
            out.docs += 1
    except _Timeout:
        out.error = f"timeout: more than {timeout} s"
    except Exception as exc:  # noqa: BLE001 - finding these is the point
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        out.error = f"{type(exc).__name__}: {str(exc)[:200]} ({Path(frame.filename).name}:{frame.lineno})"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        out.seconds = time.perf_counter() - start
        out.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        path.unlink(missing_ok=True)
    return out


def store_digest(store, ids: list[str] | None = None) -> str:
    """A digest of the stored articles (all, or ``ids``): earlier data must stay unchanged."""
    rows = store.db.execute("SELECT a.id, a.body, a.title, p.day, a.outlet FROM articles a "
                             "JOIN publication_dates p ON p.article_id = a.id ORDER BY a.id").fetchall()
    keep = set(ids) if ids is not None else None
    h = hashlib.sha256()
    for row in rows:
        if keep is None or row[0] in keep:
            h.update(repr(tuple(row)).encode("utf-8", "backslashreplace"))
    return h.hexdigest()
