"""The one loader of the data files under ``newsline/data/<area>/``.

Patterns, vocabularies, parameters and trained models are data, not code (one folder per stage:
``read``, ``clean``, ``meta``, ``dedup``, ``nlp``, ``timex``, ``events``, ``coref``). Every stage
reads its files through these functions, so the files are found the same way in a checkout, an
installed wheel or a zip, and each is read once per process (the results are cached: treat them
as read-only). In a JSON object, keys starting with ``_`` are comments (``"_doc"``) and are dropped.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

__all__ = ["data_file", "read_text", "load_json", "load_jsonl", "load_lines", "area_digest"]


def data_file(area: str, name: str) -> Traversable:
    """The data file ``data/<area>/<name>`` (a path-like resource)."""
    return resources.files("newsline") / "data" / area / name


@lru_cache(maxsize=None)
def read_text(area: str, name: str) -> str:
    """The text of ``data/<area>/<name>`` (UTF-8)."""
    return data_file(area, name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_json(area: str, name: str) -> Any:
    """A JSON data file, parsed; in an object, ``_`` comment keys are left out."""
    data = json.loads(read_text(area, name))
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if not k.startswith("_")}
    return data


@lru_cache(maxsize=None)
def load_jsonl(area: str, name: str) -> list[Any]:
    """A JSON-lines data file: one parsed value per non-blank line."""
    return [json.loads(line) for line in read_text(area, name).splitlines() if line.strip()]


@lru_cache(maxsize=None)
def load_lines(area: str, name: str) -> tuple[str, ...]:
    """The entries of a one-per-line list, stripped, in file order; blank lines and ``#``
    comment lines are skipped."""
    lines = (line.strip() for line in read_text(area, name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def area_digest(area: str) -> str:
    """A hash of every file under ``data/<area>/`` (names and bytes): the version of a stage's
    data, recorded with the stage's completion so that changed data re-runs the stage."""
    digest = hashlib.sha256()
    base = resources.files("newsline") / "data" / area
    stack = [("", base)] if base.is_dir() else []
    while stack:
        prefix, folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                stack.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file():
                digest.update(f"{prefix}{entry.name}\0".encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]
