"""Loaders for the read package's data files (``newsline/data/read/*.json``)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_DIR = Path(__file__).resolve().parents[1] / "data" / "read"


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    text = (_DIR / name).read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def load_formats() -> dict[str, Any]:
    """Extension map, folder skip list and binary signatures (``formats.json``)."""
    return _load("formats.json")


def load_json_fields() -> dict[str, list[str]]:
    """Default field names tried for each of our fields in JSON records (``json_fields.json``)."""
    return _load("json_fields.json")
