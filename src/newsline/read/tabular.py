"""Data files that are not prose: token tables, CSV/TSV, CoNLL, annotation stand-off files.

A corpus folder often holds the annotation next to the articles (a MEANTIME topic keeps a
366 KB ``.conll`` token table beside its texts). Read as an article, such a file is minutes of
parsing and a dozen noise events. It is recognised fast: by its name's ending (``.csv``,
``.tsv``, ``.conll`` …, in ``data/read/formats.json``: skipped silently in folder walks, refused
with the reason when named), and otherwise by sniffing only its first KB: most lines split into
the same number of short columns (tabs, commas, semicolons or pipes), or CoNLL's
one-token-per-line rows with numbered tokens. Prose has long lines of varied shape and passes.
"""
from __future__ import annotations

import re
from collections import Counter

from ..errors import MalformedInputError
from ._data import load_formats

__all__ = ["data_kind", "refuse_data_file", "is_data_name", "DataFileReader"]

#: how much of a file is looked at
SNIFF_BYTES = 1024
_MIN_ROWS = 4
_SEPARATORS = (("\t", "tab-separated"), (",", "comma-separated"), (";", "semicolon-separated"),
               ("|", "pipe-separated"))


def is_data_name(name: str) -> bool:
    """The file name ends like a data file (``.csv``, ``.conll`` …)."""
    lower = name.lower()
    return any(lower.endswith(e) for e in load_formats()["data_extensions"])


def _rows(data: bytes) -> list[str]:
    head = data[:SNIFF_BYTES].decode("utf-8", errors="ignore").lstrip("\ufeff")
    lines = head.split("\n")
    if len(data) > SNIFF_BYTES:
        lines = lines[:-1]          # the last line is cut by the sniff window
    return [ln.rstrip("\r") for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _table(rows: list[str], sep: str) -> tuple[int, float] | None:
    """(columns, share of rows with that many) when the rows form a table with ``sep``."""
    counts = Counter(row.count(sep) for row in rows)
    width, n = counts.most_common(1)[0]
    if width < 1 or n / len(rows) < 0.8:
        return None
    cells = [c.strip() for row in rows for c in row.split(sep)]
    short = sum(len(c) <= 40 for c in cells) / len(cells)
    # prose with a comma or two per line has long cells; a table's cells are short
    if short < 0.8 or (sep == "," and width < 2):
        return None
    return width + 1, n / len(rows)


def _conll(rows: list[str]) -> bool:
    """One token per line with an index first: ``1  Obama  NNP  B-PER`` (spaces or tabs)."""
    split = [row.split() for row in rows]
    numbered = sum(len(parts) >= 2 and parts[0].isdigit() and len(parts) <= 20 for parts in split)
    return numbered / len(rows) >= 0.8 and sum(len(p) for p in split) / len(split) <= 20


def _has_header(row: str) -> bool:
    """A first row of column names ("id<TAB>date<TAB>title"): no digits, several short names."""
    cells = row.replace("\t", ",").replace(";", ",").split(",")
    return len(cells) >= 2 and not any(ch.isdigit() for ch in row) and all(len(c.split()) <= 3 for c in cells)


def data_kind(data: bytes) -> str | None:
    """What kind of data file the first KB of ``data`` shows ("CoNLL token table …"), or None for prose."""
    rows = _rows(data)
    if len(rows) < _MIN_ROWS or sum(row.rstrip().endswith((".", "!", "?", '"', "”")) for row in rows) * 2 > len(rows):
        return None         # most lines end a sentence: prose, whatever its commas
    if _conll(rows) and not _has_header(rows[0]):
        return f"CoNLL-style token table (numbered tokens, one per line, on {len(rows)} lines of its first KB)"
    for sep, name in _SEPARATORS:
        table = _table(rows, sep)
        if table:
            columns, share = table
            return (f"{name} table ({columns} short columns on {share:.0%} of the {len(rows)} lines "
                    "of its first KB)")
    return None


def refuse_data_file(data: bytes) -> None:
    """Raise MalformedInputError when ``data`` is a data table rather than an article."""
    kind = data_kind(data)
    if kind:
        raise MalformedInputError(f"data file, not an article: {kind}; leave it out with --exclude")


class DataFileReader:
    """The reader for names that always mean data (``.csv``, ``.conll`` …): it refuses them."""

    fmt = "data"

    def read(self, source: str, data: bytes):
        ending = next((e for e in load_formats()["data_extensions"] if source.lower().endswith(e)), "")
        raise MalformedInputError(f"data file ({ending or 'data'} by its name), not an article; "
                                  "leave it out with --exclude")
