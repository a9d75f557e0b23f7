"""Bounds on what one body costs the language layer: long texts in chunks, punctuation runs masked.

Two kinds of text make spaCy fail or stall on input a crawler meets every day:

* a body longer than ``nlp.max_length`` raises E088, and one Doc of a very long text holds its
  whole parse in memory: :func:`split_chunks` cuts it on paragraph (else line, sentence, word)
  boundaries into pieces of at most :data:`CHUNK_CHARS`, each parsed alone and joined back with
  ``Doc.from_docs`` so every offset is the body's own. Bodies above :data:`MAX_BODY_CHARS` are
  refused with that limit named (:func:`check_body`);
* a long run of prefix punctuation (20,000 ``[`` in a row) costs the tokenizer quadratic time
  (minutes): :func:`mask_punctuation_runs` keeps the first :data:`MAX_PUNCT_RUN` characters of
  any run of punctuation and symbols and replaces the rest by spaces, so the text keeps its
  length and every offset still points into the stored body.

:func:`parse_text` is what the parser reads: the punctuation runs masked and the datelines that
open the first paragraphs ("SAN JOSE, March 14 (Wire) -", :mod:`newsline.nlp.datelines`)
blanked the same way, so a dateline's place and agency are never parsed into the first
sentence's subject ("... (Wire) - Lumetra said it would cut jobs" is said by Lumetra).
"""
from __future__ import annotations

import os
import re

from ..errors import TooLargeError

__all__ = ["MAX_BODY_CHARS", "CHUNK_CHARS", "MAX_PUNCT_RUN", "check_body", "split_chunks",
           "mask_punctuation_runs", "parse_text"]

#: bodies longer than this (characters) are rejected before parsing; NEWSLINE_MAX_BODY_CHARS raises it
MAX_BODY_CHARS = int(os.environ.get("NEWSLINE_MAX_BODY_CHARS", 500_000))
#: longer bodies are parsed in pieces of at most this many characters
CHUNK_CHARS = 100_000
#: characters of a punctuation/symbol run the tokenizer sees; the rest become spaces
MAX_PUNCT_RUN = 64
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))
#: chunk boundaries, best first: a paragraph break, a line break, a sentence end, any space
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
           re.compile(r"\s+"))


def check_body(text: str, limit: int | None = None) -> None:
    """Raise TooLargeError (step ``language``) when a body is longer than the documented limit."""
    limit = (MAX_BODY_CHARS if limit is None else limit)
    if len(text) > limit:
        raise TooLargeError(f"article body is {len(text):,} characters, above the language layer's "
                            f"limit of {limit:,} (raise it with NEWSLINE_MAX_BODY_CHARS)", step="language")


def mask_punctuation_runs(text: str) -> str:
    """``text`` with every punctuation/symbol run cut to :data:`MAX_PUNCT_RUN` characters, the
    rest replaced by spaces (same length, same offsets)."""
    if not _PUNCT_RUN.search(text):
        return text
    return _PUNCT_RUN.sub(lambda m: m.group()[:MAX_PUNCT_RUN] + " " * (len(m.group()) - MAX_PUNCT_RUN), text)


def parse_text(body: str) -> str:
    """``body`` as the parser reads it, same length and offsets: punctuation runs masked
    (:func:`mask_punctuation_runs`) and each dateline opening one of the first paragraphs
    replaced by spaces (the patterns in ``speech.json``, as entities and quotes read them)."""
    from .datelines import dateline_ranges

    text = mask_punctuation_runs(body)
    for start, end in dateline_ranges(body):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def split_chunks(text: str, size: int | None = None) -> list[str]:
    """Pieces of ``text`` of at most ``size`` characters whose concatenation is ``text``.

    Each piece ends after a paragraph break when there is one in its second half, else after a
    line break, a sentence end or a space; only a text with no space at all is cut mid-word.
    """
    size = size or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > size:
        end = _break_before(text, start, start + size)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _break_before(text: str, start: int, limit: int) -> int:
    """The end of the last good boundary in ``text[start:limit]`` (in its second half if any)."""
    floor = start + (limit - start) // 2
    for pattern in _BREAKS:
        best = None
        for match in pattern.finditer(text, floor, limit):
            if match.end() <= limit:
                best = match.end()
        if best is not None and best > start:
            return best
    return limit
