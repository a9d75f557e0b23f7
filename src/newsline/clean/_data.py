"""Load the cue lists and parameters kept as data under ``newsline/data/<area>/``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import datafiles


def load_json(area: str, name: str) -> dict[str, Any]:
    """Parsed ``data/<area>/<name>`` (read once per process; see :mod:`newsline.datafiles`)."""
    return datafiles.load_json(area, name)


@lru_cache(maxsize=None)
def load_lines(area: str, name: str) -> frozenset[str]:
    """Entries of a one-per-line list (``#`` comments and blank lines skipped), lower-cased."""
    return frozenset(line.lower() for line in datafiles.load_lines(area, name))


def compile_rules(rules: list[dict[str, Any]]) -> list[tuple[str, re.Pattern[str], int, bool]]:
    """``[{"name", "pattern", "max_words", "case_sensitive"?}]`` -> ``[(name, compiled, max_words, case_sensitive)]``.

    Patterns are case-insensitive unless the rule says ``"case_sensitive": true``.
    """
    out = []
    for r in rules:
        exact = bool(r.get("case_sensitive"))
        out.append((r["name"], re.compile(r["pattern"], 0 if exact else re.IGNORECASE),
                    int(r.get("max_words", 10_000)), exact))
    return out
