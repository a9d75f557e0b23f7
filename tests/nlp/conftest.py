"""Shared fixtures for the language layer: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"


@pytest.fixture(scope="session")
def nlp():
    from newsline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def read_data():
    def read(name: str) -> str:
        return (DATA / name).read_text(encoding="utf-8")
    return read
