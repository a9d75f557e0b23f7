"""Split decoded text into blocks with their offsets and fingerprints.

A *block* is the unit cleaning decides on: one line of a scrape (scrapes put one paragraph, one
button or one caption per line), or one blank-line separated paragraph when the text is
hard-wrapped (every paragraph broken into lines of similar width). Each block keeps its character
offsets in the decoded text, so a removed block can be shown where it was.

Markdown link syntax that a reader left in place (``[text](href)``, ``<https://…>``) is unwrapped
here to its text; the targets are kept as links. Readers normally strip markup already; doing it
again costs one regex and makes plain ``.txt`` scrapes of Markdown pages clean the same way.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Block", "split_blocks", "trim_block", "normalise", "fingerprint", "TERMINAL", "ends_sentence"]

_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\(([^()\s]{0,1000})\)")
_ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_LINE = re.compile(r"[^\n]+")
_SPACES = re.compile(r"\s+")
# Scripts written without spaces between words: two characters count as one word there.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uff66-\uff9f]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-", "\u00a0": " "})
TERMINAL = ".!?:;…"
_CLOSERS = "\"'”’»)]*_"


@dataclass(slots=True)
class Block:
    """One line (or hard-wrapped paragraph) of the decoded text."""

    index: int
    text: str                   # stripped, markup unwrapped
    start: int                  # offsets of the original line(s) in the decoded text
    end: int
    blank_before: bool          # a blank line separates it from the previous block
    norm: str                   # normalised text: the repeat signal compares these
    fp: str                     # fingerprint of ``norm``
    words: int
    links: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Case, quotes, dashes and whitespace folded, so two copies of a line compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().lower()


def count_words(text: str) -> int:
    """Words separated by spaces, plus half the characters of scripts that use no spaces (CJK, Thai)."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def fingerprint(norm: str) -> str:
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def ends_sentence(text: str) -> bool:
    """True if ``text`` ends with sentence-final punctuation (closing quotes/brackets skipped)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def unwrap_markup(text: str) -> tuple[str, tuple[str, ...]]:
    """``[text](href)`` -> ``text`` and ``<url>`` -> ``url``; return the text and the real targets."""
    links: list[str] = []

    def link(m: re.Match[str]) -> str:
        if m.group(2) and not m.group(2).startswith("#"):
            links.append(m.group(2))
        return m.group(1)

    def angle(m: re.Match[str]) -> str:
        links.append(m.group(1))
        return m.group(1)

    if "](" in text:
        text = _LINK.sub(link, text)
    if "<" in text:
        text = _ANGLE_URL.sub(angle, text)
    return text, tuple(links)


def _make_block(index: int, raw: str, start: int, end: int, blank_before: bool) -> Block:
    text, links = unwrap_markup(_SPACES.sub(" ", raw).strip())
    norm = normalise(text)
    return Block(index, text, start, end, blank_before, norm, fingerprint(norm), count_words(text), links)


def trim_block(block: Block, text: str, cut: int) -> Block:
    """``block`` without the part of ``text`` before offset ``cut`` (a header word taken as metadata)."""
    return _make_block(block.index, text[cut:block.end], cut, block.end, block.blank_before)


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """Non-blank lines as ``(start, end, blank_before)``."""
    out: list[tuple[int, int, bool]] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        if not m.group().strip():
            continue
        gap = text[prev_end:m.start()]
        out.append((m.start(), m.end(), bool(out) and gap.count("\n") >= 2))
        prev_end = m.end()
    return out


def is_hard_wrapped(text: str, lines: list[tuple[int, int, bool]]) -> bool:
    """True when paragraphs are blank-line separated and broken into lines of similar width.

    Scrapes put one paragraph per line (long lines, or short lines that end sentences); hard-wrapped
    text has many consecutive lines of 40–100 characters that mostly do not end a sentence.
    """
    if len(lines) < 6 or not any(blank for _, _, blank in lines):
        return False
    inner = [(s, e) for (s, e, _), (_, _, nxt_blank) in zip(lines, lines[1:]) if not nxt_blank]
    if len(inner) < len(lines) / 2:
        return False
    widths = [e - s for s, e in inner]
    fitting = sum(40 <= w <= 100 for w in widths)
    open_ended = sum(not ends_sentence(text[s:e]) for s, e in inner)
    return max(widths) <= 100 and fitting >= 0.8 * len(inner) and open_ended >= 0.5 * len(inner)


def split_blocks(text: str) -> list[Block]:
    """The blocks of ``text`` in order (lines, or paragraphs when the text is hard-wrapped)."""
    lines = _lines(text)
    if not is_hard_wrapped(text, lines):
        return [_make_block(i, text[s:e], s, e, blank) for i, (s, e, blank) in enumerate(lines)]
    blocks: list[Block] = []
    group: list[tuple[int, int, bool]] = []
    for line in [*lines, (len(text), len(text), True)]:
        if group and line[2]:
            start, end = group[0][0], group[-1][1]
            joined = " ".join(text[s:e].strip() for s, e, _ in group)
            blocks.append(_make_block(len(blocks), joined, start, end, group[0][2]))
            group = []
        group.append(line)
    return blocks
