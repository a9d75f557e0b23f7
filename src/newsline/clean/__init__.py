"""Boilerplate removal and paragraph repair for plain-text and Markdown scrapes.

Why hand-written: no library does this well for *scraped text*. The good extractors (trafilatura,
jusText, readability, boilerpy3) decide on the HTML tree — link density, tag names, DOM position —
and once a page has been flattened to lines of text that evidence is gone: a donation appeal, a
newsletter box and a body paragraph are all just lines. trafilatura's own text-level deduplication
drops *any* repeated line, which would delete the shared paragraphs of two copies of one wire
story. So newsline combines evidence a text scrape still has:

- **repeats**: blocks recurring across *different* articles of one outlet (copies of one report
  count once), recorded incrementally in the store, so earlier articles are re-cleaned when a block
  later proves to be boilerplate (:meth:`Cleaner.finish`);
- **cues** kept as data (``data/clean/``): appeal/newsletter/cookie/privacy phrases, "Related
  article:", "Read more", photo credits, menu and button words, with section headers that carry
  the appeal after them only while each block keeps looking like boilerplate;
- **position and shape**: short title-case labels between the headline and the first paragraph.

Every removed block is kept (``Article.removed``) with its reason and signal; metadata lines
(title, byline, dateline, URL) leave the body with signal ``metadata`` (see :mod:`newsline.meta`).
"""
from __future__ import annotations

from typing import Any

from .blocks import Block, split_blocks

__all__ = ["Cleaner", "CORPUS_SCOPE", "Block", "split_blocks"]


def __getattr__(name: str) -> Any:
    # The cleaner needs newsline.meta, and newsline.meta needs clean.blocks: loading the cleaner
    # on first use lets either package be imported first.
    if name in ("Cleaner", "CORPUS_SCOPE"):
        from . import cleaner

        return getattr(cleaner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
