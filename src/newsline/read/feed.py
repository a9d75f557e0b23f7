"""RSS and Atom feeds (feedparser): one article per entry that carries content or a summary.

The entry body is the longest ``content`` value, else the ``summary``; HTML in it is reduced to
text with its paragraphs kept. Entry metadata (title, link, dates, author) and the feed's title
(as the outlet) go to ``meta``. A feed that is not XML and yields no entries is rejected whole;
an entry with no body is rejected alone.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, MalformedInputError, NoArticlesError
from ..records import RawDocument, Reject
from .base import Item, MetaBuilder, Reader
from .decode import decode_bytes, normalize_text
from .htmltext import html_fragment_to_text, looks_like_html
from .values import iso_date

__all__ = ["FeedReader"]


class FeedReader(Reader):
    """An RSS/Atom feed: each entry with a body becomes a document (record ``entry N``)."""

    fmt = "feed"

    def read(self, source: str, data: bytes) -> Iterator[Item]:
        import feedparser

        decode_bytes(data)          # empty, binary and undecodable input is refused the usual way
        if _DECLARES_ENTITY.search(data[:_PROLOG]):
            raise MalformedInputError("the feed declares its own XML entities (<!ENTITY …>): refused, "
                                      "entity expansion and external entities are never resolved")
        try:
            parsed = feedparser.parse(_valid_char_refs(data), sanitize_html=False, resolve_relative_uris=False)
        except (ValueError, TypeError, UnicodeError, RecursionError) as exc:
            raise MalformedInputError(f"not a readable RSS/Atom feed: the feed parser failed "
                                      f"({type(exc).__name__}: {_first_line(exc)})") from None
        entries = parsed.get("entries") or []
        if not entries:
            if parsed.get("bozo") or not parsed.get("version"):
                problem = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root element"
                raise MalformedInputError(f"not a valid RSS/Atom feed: {_first_line(problem)}")
            raise NoArticlesError(f"the {parsed.get('version')} feed holds no entries")
        feed = parsed.get("feed") or {}
        warning = _first_line(parsed.get("bozo_exception")) if parsed.get("bozo") else None
        for number, entry in enumerate(entries, start=1):
            record = f"entry {number}"
            try:
                yield self.document(source, entry, feed, record=record, warning=warning)
            except InputError as exc:
                # a cut-off feed parses as far as it goes: say so, or the reason misleads
                reason = f"{exc.reason} (the feed is not well-formed: {warning})" if warning else exc.reason
                yield Reject(source, exc.step, reason, record)

    def document(self, source: str, entry: dict, feed: dict, *, record: str,
                 warning: str | None = None) -> RawDocument:
        body, origin, is_html = _body(entry)
        if body is None:
            raise MalformedInputError("feed entry has neither content nor a summary")
        html = body if is_html else None
        text = normalize_text(html_fragment_to_text(body) if is_html else body)[0]
        if not text.strip():
            raise MalformedInputError(f"feed entry's {origin} holds no text")
        meta = MetaBuilder()
        meta.note("body_from", origin)
        meta.note("feed_warning", warning)
        meta.set("title", _plain(entry.get("title")), "feed entry title")
        meta.set("url", entry.get("link"), "feed entry link")
        for key in ("published", "updated", "created"):
            # dict.get: FeedParserDict maps a missing "published" to "updated" with a warning
            meta.set("published", iso_date(dict.get(entry, key)), f"feed entry <{key}>")
        meta.set("byline", entry.get("author"), "feed entry author")
        meta.set("outlet", _plain(feed.get("title")), "feed title")
        meta.set("categories", [t.get("term") for t in entry.get("tags") or [] if t.get("term")], "feed entry tags")
        meta.set("guid", entry.get("id"), "feed entry id")
        raw = json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)
        return meta.document(source, text, self.fmt, raw=raw, record=record, html=html)


#: a DOCTYPE internal subset declaring entities (billion laughs, XXE): no real feed needs one
_DECLARES_ENTITY = re.compile(rb"<!ENTITY\b", re.I)
_PROLOG = 64 * 1024
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _valid_char_refs(data: bytes) -> bytes:
    """Numeric character references to non-characters (``&#xD800;``, ``&#0;``, past U+10FFFF)
    replaced by ``&#xFFFD;``: feedparser raises on them instead of reading the feed."""
    def fix(match: re.Match) -> bytes:
        ref = match.group(1)
        code = int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
        return match.group() if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(fix, data) if b"&#" in data else data


def _body(entry: dict) -> tuple[str | None, str, bool]:
    """(body, where it came from, whether it is HTML): longest content value, else the summary."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], "content", _is_html(best)
    summary = entry.get("summary")
    if summary and summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, "summary", _is_html({"value": summary, "type": detail.get("type", "")})
    return None, "", False


def _is_html(content: dict[str, Any]) -> bool:
    kind = (content.get("type") or "").lower()
    return "html" in kind or looks_like_html(content.get("value") or "")


def _plain(value: str | None) -> str | None:
    return html_fragment_to_text(value) if value and looks_like_html(value) else value


def _first_line(value: Any) -> str | None:
    return str(value).strip().splitlines()[0] if value else None
