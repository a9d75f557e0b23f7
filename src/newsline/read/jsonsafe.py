"""Parsing untrusted JSON within bounds: nesting depth, integer digits and record count.

``json.loads`` on hostile input fails in ways that are not input errors: 100,000 nested arrays
raise RecursionError, a 5,000-digit integer raises ValueError (Python's int-conversion limit), and
a million records cost minutes. :func:`load_json` refuses such input with an
:class:`~newsline.errors.InputError` naming the bound, so one file or line becomes one reject.
Lone surrogates (``"\\ud800"``) are left to the readers' shared repair (``MetaBuilder``).
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import MalformedInputError, TooLargeError

__all__ = ["load_json", "check_records", "MAX_DEPTH", "MAX_INT_DIGITS", "MAX_RECORDS"]

#: arrays/objects nested deeper than this are not an article collection
MAX_DEPTH = 64
#: integers with more digits than this are refused (no article field needs them)
MAX_INT_DIGITS = 100
#: a JSON array or JSON Lines file holding more records than this is refused past the limit
MAX_RECORDS = 100_000


class _NumberTooLong(Exception):
    def __init__(self, digits: int):
        self.digits = digits


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NumberTooLong(digits)
    return int(text)


def load_json(text: str) -> Any:
    """``json.loads(text)`` within the bounds; raises ``json.JSONDecodeError`` for broken JSON
    and an InputError for JSON that is valid but out of bounds."""
    try:
        value = json.loads(text, parse_int=_parse_int)
    except RecursionError:
        raise MalformedInputError(f"JSON nested too deeply for the parser (arrays or objects inside each "
                                  f"other; the limit is {MAX_DEPTH} levels): not an article collection") from None
    except _NumberTooLong as exc:
        raise TooLargeError(f"JSON holds an integer of {exc.digits:,} digits, above the limit of "
                            f"{MAX_INT_DIGITS} digits") from None
    depth = _depth(value)
    if depth > MAX_DEPTH:
        raise MalformedInputError(f"JSON nested {depth} levels deep, above the limit of {MAX_DEPTH}: "
                                  "not an article collection")
    return value


def _depth(value: Any) -> int:
    """Nesting depth of a parsed value (iterative: a deep value must not exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = node.values()
        elif not isinstance(node, list):
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in node if isinstance(child, (dict, list)))
    return deepest


def check_records(count: int, unit: str) -> None:
    """Raise TooLargeError once a file has more than :data:`MAX_RECORDS` records."""
    if count > MAX_RECORDS:
        raise TooLargeError(f"the file holds {count:,} {unit}, above the limit of {MAX_RECORDS:,} "
                            "per file (split the file)")
