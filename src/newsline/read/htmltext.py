"""HTML fragments to plain text, keeping paragraph structure.

Used for markup that is *content*, not a page: feed entry bodies, HTML inside JSON fields, HTML
blocks in Markdown. Whole pages go through trafilatura (``html.py``), which finds the main text;
a fragment has no boilerplate to find, and trafilatura's own ``html2txt`` flattens everything
to one line, so this small walk over lxml's tree keeps block boundaries as line breaks instead.
"""
from __future__ import annotations

import re

__all__ = ["html_fragment_to_text", "looks_like_html"]

#: elements whose content starts and ends a paragraph
_BLOCKS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul".split()
)
#: elements whose content is never text a reader sees
_DROP = frozenset("script style noscript template iframe object embed svg head title button select".split())
_CELLS = frozenset({"td", "th"})
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
_TAG = re.compile(r"<(?:p|br|div|a|b|i|em|strong|span|img|ul|ol|li|h[1-6]|blockquote|table|figure)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries common HTML element tags (not just a stray ``<``)."""
    head = text[:20000]
    return bool(_TAG.search(head)) and ("</" in head or bool(_BR.search(head)))


def html_fragment_to_text(markup: str) -> str:
    """Visible text of an HTML fragment: paragraphs separated by a blank line, ``<br>`` by a newline."""
    import lxml.etree as etree
    import lxml.html

    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        # lxml asserts "too many bodies" on a whole page with no <body> (or a <frameset>)
        return ""
    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _DROP or not tag:
                skipping += 1
            elif not skipping:
                _open(tag, el, parts)
        else:
            if tag in _DROP or not tag:
                skipping -= 1
            elif not skipping:
                _close(tag, parts)
            if not skipping and el is not root and el.tail:
                parts.append(el.tail)
    return _tidy("".join(parts))


def _open(tag: str, el, parts: list[str]) -> None:
    if tag in _BLOCKS:
        parts.append("\n\n")
    elif tag == "br":
        parts.append("\n")
    elif tag in _CELLS:
        parts.append(" | ")
    if el.text:
        parts.append(el.text)


def _close(tag: str, parts: list[str]) -> None:
    if tag in _BLOCKS:
        parts.append("\n\n")


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip(" |") for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
