"""Helpers for the cleaning tests: documents from files in tests/data/clean."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"


def _make_doc(path: Path, **meta):
    from newsline.records import RawDocument

    text = path.read_text(encoding="utf-8")
    return RawDocument(source=str(path), text=text, fmt="text",
                       raw_sha=hashlib.sha256(text.encode("utf-8")).hexdigest(), meta=dict(meta))


@pytest.fixture
def cleaner(store):
    from newsline.clean import Cleaner

    return Cleaner(store)


@pytest.fixture
def make_doc():
    """``make_doc(path, **meta)``: a RawDocument of a test file, hashed like a reader would."""
    return _make_doc
