"""Finding the metadata a user gives for each document: run options, a manifest, sidecar files.

Three places, most specific first:

1. a **sidecar** beside the file: ``x.txt`` + ``x.meta.json`` (or ``x.txt.meta.json``), one JSON
   object of fields (``{"published": "2016-10-02", "outlet": "The Hill"}``); sidecars are never
   read as articles in a folder walk;
2. a **manifest** (``--manifest FILE``): CSV with a header row, or JSON Lines / a JSON array of
   objects. Each row names its documents by ``path`` (a file path, relative to the manifest's
   folder or to the working folder, or a glob such as ``nyt/*.txt``) or by ``id`` (a record's own
   id field, its position ``line 3``, or its URL), and gives any fields. An exact path beats a
   glob; among globs the first matching row wins;
3. the **run** options (``--published``, ``--outlet`` …), for every document of the run.

A value from a more specific place wins; the value it overrides is kept under ``overrides`` with
its reason. Bad manifests and bad values are configuration errors (raised before anything is
read); a broken sidecar refuses its one article with the reason.
"""
from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
from pathlib import Path
from typing import Any

from ..errors import ConfigError, MalformedInputError
from ..meta.given import GIVEN_KEY, normalise_given
from ..records import RawDocument

__all__ = ["GivenMetadata", "SIDECAR_SUFFIX", "sidecar_of", "is_sidecar"]

SIDECAR_SUFFIX = ".meta.json"
#: manifest columns that name the documents a row is about (not metadata fields)
PATH_KEYS = ("path", "file", "filename", "glob", "source")
ID_KEYS = ("id", "record", "record_id")
_GLOB = frozenset("*?[")


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_of(path: Path) -> Path | None:
    """The sidecar file of ``path`` (``x.meta.json`` or ``x.txt.meta.json``) when one exists."""
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate != path and candidate.is_file():
            return candidate
    return None


class _Row:
    __slots__ = ("where", "paths", "globs", "ids", "fields")

    def __init__(self, where: str, paths: list[Path], globs: list[str], ids: list[str], fields: dict[str, Any]):
        self.where, self.paths, self.globs, self.ids, self.fields = where, paths, globs, ids, fields


class GivenMetadata:
    """What the user gave, looked up per document (see the module docstring)."""

    def __init__(self, *, run: dict[str, Any] | None = None, manifest: str | Path | None = None,
                 sidecars: bool = True):
        self.run = {k: v for k, v in ((k, normalise_given(k, v, f"--{k}")) for k, v in (run or {}).items())
                    if v is not None}
        self.rows = _load_manifest(Path(manifest)) if manifest else []
        self.manifest = str(manifest) if manifest else None
        self.sidecars = sidecars

    def __bool__(self) -> bool:
        return bool(self.run or self.rows or self.sidecars)

    def apply(self, doc: RawDocument, path: Path | None) -> RawDocument:
        """Store the given values on ``doc.meta["given"]``; MalformedInputError for a broken sidecar."""
        layers: list[tuple[str | None, dict[str, Any]]] = [(None, self.run)] if self.run else []
        row = self._row_for(doc, path)
        if row is not None:
            layers.append((row.where, row.fields))
        if self.sidecars and path is not None and doc.record == "":
            side = sidecar_of(path)
            if side is not None:
                layers.append((f"sidecar {side.name}", _read_sidecar(side)))
        given: dict[str, dict[str, Any]] = {}
        for where, fields in layers:
            for name, value in fields.items():
                reason = f"given with --{name}" if where is None else f"given in {where}"
                entry: dict[str, Any] = {"value": value, "reason": reason}
                before = given.get(name)
                if before is not None and before["value"] != value:
                    entry["overrides"] = [*before.get("overrides", []),
                                          {"value": before["value"], "reason": before["reason"]}]
                given[name] = entry
        if given:
            doc.meta[GIVEN_KEY] = given
        return doc

    def _row_for(self, doc: RawDocument, path: Path | None) -> _Row | None:
        if not self.rows:
            return None
        resolved = path.resolve() if path is not None else None
        ids = _ids_of(doc)
        for row in self.rows:       # exact paths and ids first
            if (resolved is not None and resolved in row.paths and doc.record == "") or ids & set(row.ids):
                return row
        for row in self.rows:
            if resolved is not None and doc.record == "" and any(_glob_match(g, resolved) for g in row.globs):
                return row
        return None


def _ids_of(doc: RawDocument) -> set[str]:
    ids = {str(doc.meta[k]) for k in ("record_id", "url") if doc.meta.get(k)}
    if doc.record:
        ids |= {doc.record, f"{doc.source}#{doc.record}", f"{Path(doc.source).name}#{doc.record}"}
    return ids


def _glob_match(pattern: str, path: Path) -> bool:
    if "/" not in pattern and os.sep not in pattern:
        return fnmatch.fnmatch(path.name, pattern)
    return fnmatch.fnmatch(str(path), pattern)


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedInputError(f"its sidecar {path.name} is not readable JSON ({exc})") from None
    if not isinstance(value, dict):
        raise MalformedInputError(f"its sidecar {path.name} must hold one JSON object of fields")
    try:
        return _fields_of(value, f"sidecar {path.name}")
    except ConfigError as exc:
        raise MalformedInputError(str(exc)) from None


def _fields_of(obj: dict[str, Any], where: str) -> dict[str, Any]:
    fields = {}
    for key, value in obj.items():
        name = str(key).strip().lower()
        if name in PATH_KEYS or name in ID_KEYS or name.startswith("_"):
            continue
        checked = normalise_given(name, value, where)
        if checked is not None:
            fields[name] = checked
    return fields


def _load_manifest(path: Path) -> list[_Row]:
    """The rows of a CSV, JSON Lines or JSON-array manifest; ConfigError for anything wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the manifest {path}: {exc}") from None
    records = _json_records(text, path) if text.lstrip().startswith(("{", "[")) else _csv_records(text, path)
    base = path.resolve().parent
    rows = [_row(obj, f"manifest {path.name} {where}", base) for where, obj in records]
    if not rows:
        raise ConfigError(f"the manifest {path} holds no rows")
    return rows


def _json_records(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        value = json.loads(text)
        items = value if isinstance(value, list) else [value]
        records = [(f"record {i}", obj) for i, obj in enumerate(items, start=1)]
    except json.JSONDecodeError:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append((f"line {number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"manifest {path} line {number} is not valid JSON: {exc.msg}") from None
    for where, obj in records:
        if not isinstance(obj, dict):
            raise ConfigError(f"manifest {path} {where} is not a JSON object")
    return records


def _csv_records(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    sample = text[:4096]
    delimiter = "\t" if sample.split("\n", 1)[0].count("\t") > sample.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise ConfigError(f"the manifest {path} has no header row")
    return [(f"row {number}", {k: v for k, v in rec.items() if k is not None})
            for number, rec in enumerate(reader, start=2)]


def _row(obj: dict[str, Any], where: str, base: Path) -> _Row:
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    paths: list[Path] = []
    globs: list[str] = []
    for key in PATH_KEYS:
        value = str(lowered.get(key) or "").strip()
        if not value:
            continue
        if _GLOB & set(value):
            globs.append(value if "/" not in value else str(_absolute(value, base)))
        else:
            paths.extend({_absolute(value, base).resolve(), Path(value).expanduser().resolve()})
    ids = [str(lowered[k]).strip() for k in ID_KEYS if str(lowered.get(k) or "").strip()]
    if not (paths or globs or ids):
        raise ConfigError(f"{where} names no document: give a 'path' (file or glob) or an 'id' column")
    return _Row(where, paths, globs, ids, _fields_of(lowered, where))


def _absolute(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path
