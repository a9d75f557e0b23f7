"""Loaders for the read package's data files (``newsline/data/read/*.json``)."""
from __future__ import annotations

from typing import Any

from .. import datafiles


def _load(name: str) -> dict[str, Any]:
    return datafiles.load_json("read", name)


def load_formats() -> dict[str, Any]:
    """Extension map, folder skip list and binary signatures (``formats.json``)."""
    return _load("formats.json")


def load_json_fields() -> dict[str, list[str]]:
    """Default field names tried for each of our fields in JSON records (``json_fields.json``)."""
    return _load("json_fields.json")
