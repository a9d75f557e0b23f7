"""Plain-text and Markdown readers.

Plain text is handed over as decoded, unchanged apart from normalisation (``decode.py``):
cleaning boilerplate is ``newsline.clean``'s job. Markdown is stripped to text with markdown-it-py
(CommonMark + tables): paragraphs stay separated by a blank line, soft line breaks stay line
breaks, line order is kept, ``[text](target)`` becomes ``text`` with the target kept in
``meta["links"]``, ``<https://…>`` becomes the bare URL, headings lose their ``#`` and emphasis
markers go. A ``.txt`` file (or unnamed input) full of Markdown syntax is read as Markdown.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ._data import load_formats
from .base import Item, MetaBuilder, Reader
from .decode import decode_bytes
from .htmltext import html_fragment_to_text

__all__ = ["TextReader", "MarkdownReader", "markdown_to_text", "looks_like_markdown", "MAX_LINK_BRACKETS"]

#: a Markdown file with more '[' than this is not stripped of its markup (see MarkdownReader)
MAX_LINK_BRACKETS = 5000


class TextReader(Reader):
    """A plain-text file is one article. Markdown syntax in it hands it to the Markdown reader."""

    fmt = "text"

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        decoded = decode_bytes(data)
        if looks_like_markdown(decoded.text):
            yield MarkdownReader().document(source, decoded.text, data, decoded.meta(),
                                            detected="markdown syntax in plain text")
            return
        meta = MetaBuilder()
        meta.note("decode", decoded.meta())
        yield meta.document(source, decoded.text, self.fmt, raw=data)


class MarkdownReader(Reader):
    """A Markdown file is one article, its markup stripped to text."""

    fmt = "markdown"

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        decoded = decode_bytes(data)
        yield self.document(source, decoded.text, data, decoded.meta())

    def document(self, source: str, markdown: str, raw: bytes, decode_meta: dict,
                 *, detected: str | None = None):
        meta = MetaBuilder()
        if markdown.count("[") > MAX_LINK_BRACKETS:
            # markdown-it's link-label scan is quadratic in the '[' of a paragraph (300,000 '['
            # cost minutes): such a file is kept as written instead of stripped
            text, links = markdown, []
            meta.note("markdown_not_stripped", f"more than {MAX_LINK_BRACKETS:,} '[' characters")
        else:
            text, links = markdown_to_text(markdown)
        meta.note("decode", decode_meta)
        meta.note("detected", detected)
        meta.set("links", links, "markdown link targets")
        if not text.strip():
            from ..errors import EmptyInputError

            raise EmptyInputError("Markdown file holds only markup, no text")
        return meta.document(source, text, self.fmt, raw=raw)


@lru_cache(maxsize=1)
def _signals() -> tuple[list[re.Pattern], list[re.Pattern], int]:
    spec = load_formats()["markdown_signals"]
    compile_ = lambda ps: [re.compile(p, re.M) for p in ps]  # noqa: E731
    return compile_(spec["strong"]), compile_(spec["weak"]), spec["weak_needed"]


def looks_like_markdown(text: str) -> bool:
    """True when the text carries Markdown syntax (a link, a heading, a fence, or several weaker marks)."""
    strong, weak, needed = _signals()
    head = text[:50000]
    if any(p.search(head) for p in strong):
        return True
    return sum(len(p.findall(head)) for p in weak) >= needed


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def markdown_to_text(markdown: str) -> tuple[str, list[str]]:
    """Strip Markdown to text; return the text and the link targets in order of appearance."""
    tokens = _parser().parse(markdown)
    blocks: list[tuple[str, str]] = []      # (joiner before the block, text)
    links: list[str] = []
    row: list[str] | None = None
    fresh = True        # the next list item / table row starts a new block group
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open", "table_open") and tok.level == 0:
            fresh = True
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            blocks.append(("\n\n" if fresh else "\n", " | ".join(c for c in row if c)))
            row, fresh = None, False
        elif tok.type == "inline":
            text = _inline_text(tok.children or [], links).strip()
            if row is not None:
                row.append(text.replace("\n", " "))
            elif text:
                tight = i > 0 and tokens[i - 1].hidden and not fresh   # next item of a tight list
                blocks.append(("\n" if tight else "\n\n", text))
                fresh = False
        elif tok.type in ("fence", "code_block"):
            blocks.append(("\n\n", tok.content.rstrip("\n")))
        elif tok.type == "html_block":
            text = html_fragment_to_text(tok.content)
            if text:
                blocks.append(("\n\n", text))
    text = "".join(joiner + block for joiner, block in blocks).strip("\n")
    return text, list(dict.fromkeys(links))


def _inline_text(children, links: list[str]) -> str:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "link_open":
            href = str(child.attrs.get("href") or "")
            if href and not href.startswith("#"):
                links.append(href)
        # images, inline HTML tags and emphasis markers carry no article text
    return "".join(parts)
