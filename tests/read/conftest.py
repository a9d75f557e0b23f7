"""Fixtures for the read tests: the data folder, a reader runner and a WARC builder."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "read"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def read_all():
    """Run iter_documents over paths and return the list of documents and rejects."""
    from newsline.read import iter_documents

    def run(*paths, **kwargs):
        return list(iter_documents([str(p) for p in paths], **kwargs))

    return run


def warc_record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                status: str = "200 OK", record_type: str = "response") -> bytes:
    """One WARC record written with fastwarc (the library the reader uses)."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    rec = WarcRecord()
    rec.init_headers(record_type=getattr(WarcRecordType, record_type))
    rec.headers["WARC-Target-URI"] = url
    if record_type == "response":
        http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
        rec.set_bytes_content(http)
        rec.headers["Content-Type"] = "application/http; msgtype=response"
    else:
        rec.set_bytes_content(body)
        rec.headers["Content-Type"] = content_type
    buf = io.BytesIO()
    rec.write(buf)
    return buf.getvalue()


@pytest.fixture(name="warc_record")
def warc_record_fixture():
    return warc_record


@pytest.fixture
def make_warc():
    """Build WARC bytes from (url, body) pairs or raw byte chunks; gzip=True compresses per record."""

    def build(*parts, gzip_members: bool = False) -> bytes:
        chunks = [p if isinstance(p, bytes) else warc_record(*p) for p in parts]
        if gzip_members:
            chunks = [gzip.compress(c) for c in chunks]
        return b"".join(chunks)

    return build


@pytest.fixture
def article_html() -> bytes:
    return (DATA / "article.html").read_bytes()
