"""HTML pages: main text with trafilatura, metadata with trafilatura, the date with htmldate.

:func:`extract_page` is the one place a page is turned into text + metadata; the HTML reader, the
WARC reader and the benchmarks (``bench/scorers/html_extraction.py``, ``htmldate_eval.py``,
``trafilatura_eval.py``) all call it, so the figures in docs/data-files.md measure what ingest does.

The settings (:data:`EXTRACT_OPTIONS`, :data:`DATE_OPTIONS`) were chosen by measuring on the
article-extraction benchmark and htmldate's evaluation set; docs/data-files.md has the figures.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import MalformedInputError, NoMainTextError
from .base import Item, MetaBuilder, Reader
from .decode import decode_bytes
from .htmltext import html_fragment_to_text

__all__ = ["HtmlReader", "Page", "extract_page", "page_metadata", "page_date", "EXTRACT_OPTIONS", "DATE_OPTIONS"]

#: trafilatura settings. favor_precision won on the news benchmark (article-extraction F1 0.964
#: vs 0.960 default, 0.962 fast, 0.959 favor_recall) at -0.004 F1 on trafilatura's mostly
#: German set, where it removes 92% of boilerplate snippets instead of 90%. Comments are off
#: (reader comments are not the article); tables on (-0.003 F1 without). See docs/data-files.md.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "favor_recall": False,
    "fast": False,
}
#: htmldate settings: the original (publication) date, not the last update. Extensive search
#: dates 45 more of htmldate's 800 evaluation pages right at the cost of 13 more wrong dates
#: (accuracy 0.906 vs 0.866), so it is on. htmldate is given the *raw* page (:func:`page_date`):
#: trafilatura's parsed tree drops HTML comments and other markup htmldate reads dates from, so
#: through trafilatura a right 2020-07-12 became 2015-07-21 on a held-out page.
DATE_OPTIONS: dict[str, Any] = {"original_date": True, "extensive_search": True}

#: fewer words of main text than this is not an article (a nav link, a cookie notice)
MIN_WORDS = 3
#: a page cut off before </body></html> must still carry this much main text to be used
MIN_WORDS_TRUNCATED = 30
_OPENED = re.compile(r"<(?:html|body)\b", re.I)
_CLOSED = re.compile(r"</(?:html|body)\s*>", re.I)
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class Page:
    """What :func:`extract_page` found on one page (text is None when no main text was found)."""

    text: str | None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    date: str | None = None
    date_from: str | None = None        # which pass found ``date`` (the raw page, or trafilatura's tree)
    description: str | None = None
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def extract_page(markup: str | bytes, *, url: str | None = None,
                 options: dict[str, Any] | None = None, date_options: dict[str, Any] | None = None) -> Page:
    """Main text and metadata of an HTML page; ``Page(text=None)`` when the markup cannot be parsed."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return Page(text=None, **_dated(markup, None, url, date_options))
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    params = {**DATE_OPTIONS, **(date_options or {})}
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, date_extraction_params=params,
                                      **{**EXTRACT_OPTIONS, **(options or {})})
    if doc is None:
        return Page(text=None, language=_language(lang), **_dated(markup, None, url, date_options))
    return Page(
        text=doc.text or None, title=doc.title, author=doc.author, url=doc.url or url,
        sitename=doc.sitename, description=doc.description, language=_language(lang),
        categories=_as_list(doc.categories), tags=_as_list(doc.tags),
        **_dated(markup, doc.date, url, date_options),
    )


def page_date(markup: str | bytes, *, url: str | None = None,
              date_options: dict[str, Any] | None = None) -> str | None:
    """The publication date htmldate finds on the raw page (:data:`DATE_OPTIONS`), or None."""
    from htmldate import find_date

    try:
        return find_date(markup, url=url, **{**DATE_OPTIONS, **(date_options or {})})
    except (ValueError, TypeError):      # markup htmldate cannot parse at all
        return None


def _dated(markup: str | bytes, tree_date: str | None, url: str | None,
           date_options: dict[str, Any] | None) -> dict[str, str | None]:
    """``date``/``date_from`` for a Page: htmldate on the raw page, else trafilatura's pass on its tree."""
    raw = page_date(markup, url=url, date_options=date_options)
    if raw:
        return {"date": raw, "date_from": "raw page"}
    return {"date": tree_date, "date_from": "trafilatura's parsed page" if tree_date else None}


def page_metadata(markup: str | bytes, *, url: str | None = None,
                  date_options: dict[str, Any] | None = None) -> Page:
    """Metadata only (no main text): the same trafilatura pass :func:`extract_page` runs first,
    with htmldate called through it using :data:`DATE_OPTIONS`. Used to measure dates cheaply."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return Page(text=None, **_dated(markup, None, url, date_options))
    doc = extract_metadata(tree, url, {**DATE_OPTIONS, **(date_options or {})})
    return Page(text=None, title=doc.title, author=doc.author, url=doc.url or url, sitename=doc.sitename,
                description=doc.description, language=_language(tree.get("lang")),
                **_dated(markup, doc.date, url, date_options))


def _language(value: str | None) -> str | None:
    value = (value or "").strip()
    return value.lower().replace("_", "-") if _LANG.match(value) else None


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


class HtmlReader(Reader):
    """An HTML file is one article: its main text, with the page's metadata in ``meta``."""

    fmt = "html"

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        decoded = decode_bytes(data)
        yield self.document(source, decoded.text, raw=data, decode_meta=decoded.meta())

    def document(self, source: str, markup: str, *, raw: bytes, record: str = "", url: str | None = None,
                 url_origin: str = "", decode_meta: dict | None = None):
        """Build the RawDocument of one page; raise MalformedInputError when it has no main text."""
        page = extract_page(markup, url=url)
        words = len((page.text or "").split())
        truncated = _is_truncated(markup)
        if words < MIN_WORDS or (truncated and words < MIN_WORDS_TRUNCATED):
            reason = _no_text_reason(markup, words, truncated)
            if page.date:       # the date is kept: in the reason, and on the error for callers
                reason += f"; the page is dated {page.date} ({_date_origin(page.date_from)})"
            raise NoMainTextError(reason, published=page.date)
        meta = MetaBuilder()
        meta.note("decode", decode_meta)
        meta.note("truncated", truncated or None)
        origin = "html metadata (trafilatura)"
        meta.set("title", page.title, origin)
        meta.set("byline", page.author, origin)
        if url and url_origin:       # the address the page was fetched from (WARC-Target-URI)
            meta.set("url", url, url_origin)
            meta.set("canonical_url", page.url if page.url != url else None, origin)
        meta.set("url", page.url, origin)
        meta.set("outlet", page.sitename, origin)
        meta.set("published", page.date, _date_origin(page.date_from))
        meta.set("description", page.description, origin)
        meta.set("language", page.language, "html lang attribute")
        meta.set("categories", page.categories, origin)
        meta.set("tags", page.tags, origin)
        return meta.document(source, page.text, self.fmt, raw=raw, record=record, html=markup)


def _is_truncated(markup: str) -> bool:
    """A page that opens <html>/<body> but never closes them (trailing comments are fine)."""
    return bool(_OPENED.search(markup[:20000])) and not _CLOSED.search(markup[-8192:])


def _date_origin(where: str | None = "raw page") -> str:
    how = "extensive search" if DATE_OPTIONS.get("extensive_search") else "markup only"
    return f"html meta via htmldate (original date, {how}, on the {where or 'raw page'})"


def _no_text_reason(markup: str, words: int, truncated: bool) -> str:
    """Say why a page gave no usable text: truncated, empty body, or nothing but boilerplate."""
    visible = html_fragment_to_text(_body_of(markup))
    size = f"{len(markup):,} characters"
    found = f"trafilatura found {_words_n(words)} of main text"
    if truncated:
        return (f"truncated HTML: the page ({size}) ends before </body></html> and {found} in what is "
                f"there ({_words(visible)} of visible text)")
    if not re.search(r"<body\b", markup, re.I) and re.search(r"<(?:html|head|frameset)\b", markup, re.I):
        return f"HTML page ({size}) has no <body>: there is no text to read"
    if not visible.strip():
        return f"HTML page ({size}) has no visible text in its body"
    return (f"HTML page ({size}) has no main text: {found}; its {_words(visible)} of visible text "
            "look like navigation or boilerplate")


def _words(text: str) -> str:
    return _words_n(len(text.split()))


def _words_n(count: int) -> str:
    return f"{count:,} word{'' if count == 1 else 's'}"


def _body_of(markup: str) -> str:
    match = re.search(r"<body\b[^>]*>(.*)", markup, re.I | re.S)
    return match.group(1) if match else markup
