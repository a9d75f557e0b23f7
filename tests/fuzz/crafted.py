"""Hostile inputs written for the fuzz suite and the bench fuzz campaign.

``CRAFTED`` maps a case name to ``(file name, bytes, expected)``: ``expected`` is ``"doc"`` when
the input must give at least one stored article, else a phrase the reject reason must contain.
Each case is one crafted file a crawler meets (deep JSON, huge numbers, surrogates, bombs,
entity expansion, XXE, bad WARC lengths, pages with no body, punctuation runs …).
"""
from __future__ import annotations

import gzip
import random
from functools import lru_cache

BODY = ("The council approved the new budget on Tuesday after a long debate, the mayor said. "
        "Officials expect work to start in the spring and to finish within two years.")

_WARC = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
         b"WARC-Target-URI: http://example.org/a\r\nContent-Type: application/http; msgtype=response\r\n"
         b"Content-Length: %s\r\n\r\n")
_HTTP = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + BODY.encode()
         + b"</p></body></html>")


def warc(length: bytes | None = None, body: bytes = _HTTP, n: int = 1) -> bytes:
    return _WARC % (n, length if length is not None else str(len(body)).encode()) + body + b"\r\n\r\n"


def _entity_bomb(levels: int = 9, html: bool = False) -> bytes:
    defs = ['<!ENTITY a "aaaaaaaaaa">'] + [
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh"[:levels - 1], "bcdefghi")]
    last = "abcdefghi"[levels - 1]
    if html:
        return (f'<!DOCTYPE html [{"".join(defs)}]><html><body><p>{BODY} &{last};</p></body></html>').encode()
    return (f'<?xml version="1.0"?><!DOCTYPE r [{"".join(defs)}]><rss version="2.0"><channel>'
            f'<title>T</title><item><title>A</title><description>{BODY} &{last};</description></item>'
            '</channel></rss>').encode()


def _xxe(kind: str) -> bytes:
    if kind == "feed":
        return ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<rss version="2.0"><channel><title>T</title><item><title>A</title><description>{BODY} '
                'leak:&x;</description></item></channel></rss>').encode()
    return ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<html><body><p>{BODY} leak:&x;</p></body></html>').encode()


def _garbage_warc(size: int = 1_800_000) -> bytes:
    rng = random.Random(14)
    parts, total = [], 0
    while total < size:
        chunk = b"WARC/1.0\r\n" + rng.randbytes(rng.randrange(5, 60)) + b"\r\n"
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)[:size]


@lru_cache(maxsize=1)
def crafted() -> dict[str, tuple[str, bytes, str]]:
    """The crafted cases (built once, on first call: some are large)."""
    return {
        "deep_json_array": ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        "deep_json_object": ("deepobj.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
        "deep_json_65": ("deep65.json", b"[" * 65 + b"]" * 65, "nested 65 levels deep"),
        "huge_integer": ("bigint.json", b'{"text": "%s", "n": %s}' % (BODY.encode(), b"9" * 5000), "5,000 digits"),
        "huge_integer_jsonl": ("bigint.jsonl", b'{"text": "%s", "n": %s}\n{"text": "%s"}\n'
                               % (BODY.encode(), b"9" * 5000, BODY.encode()), "doc"),
        "huge_float": ("bigfloat.json", b'{"text": "%s", "n": 1e999999}' % BODY.encode(), "doc"),
        "lone_surrogate_json": ("surrogate.json", b'{"title": "x\\ud800y", "text": "%s \\udc00"}' % BODY.encode(), "doc"),
        "lone_surrogate_feed": ("surrogate.xml", ('<?xml version="1.0"?><rss version="2.0"><channel><title>T&#xD800;'
                                '</title><item><title>A &#xD800;</title><description>' + BODY + ' &#xDFFF; &#0;'
                                '</description></item></channel></rss>').encode(), "doc"),
        "many_records": ("many.json", b"[" + b",".join([b'{"text": "a b c d"}'] * 100_001) + b"]", "above the limit of 100,000"),
        "entity_expansion_feed": ("bomb.xml", _entity_bomb(), "declares its own XML entities"),
        "entity_expansion_feed_small": ("bomb5.xml", _entity_bomb(5), "declares its own XML entities"),
        "entity_expansion_html": ("bomb.html", _entity_bomb(9, html=True), "doc"),
        "xxe_feed": ("xxe.xml", _xxe("feed"), "declares its own XML entities"),
        "xxe_html": ("xxe.html", _xxe("html"), "doc"),
        "gzip_bomb": ("bomb.html.gz", gzip.compress(b"<html><body>" + b"a" * (60 << 20) + b"</body></html>", 9),
                      "expands to more than"),
        "html_no_body": ("nobody.html", b"<html><head><title>T</title></head></html>", "has no <body>"),
        "html_frameset": ("frames.html", b'<html><frameset><frame src="a"></frameset></html>', "has no <body>"),
        "bad_ipv6_url_json": ("ipv6.json", b'{"text": "%s", "url": "http://[::1/bad"}' % BODY.encode(), "doc"),
        "bad_ipv6_url_html": ("ipv6.html", b'<html><head><link rel="canonical" href="http://[zz::1/a"></head>'
                              b"<body><p>%s</p></body></html>" % BODY.encode(), "doc"),
        "warc_length_huge": ("len1.warc", warc(b"99999999999"), "runs past the end"),
        "warc_length_negative": ("len2.warc", warc(b"-5"), "bad Content-Length"),
        "warc_length_text": ("len3.warc", warc(b"abc"), "bad Content-Length"),
        "warc_length_5000_digits": ("len4.warc", warc(b"9" * 5000), "bad Content-Length"),
        "warc_bad_then_good": ("len5.warc", warc(b"abc") + warc(n=2), "doc"),
        "warc_garbage": ("garbage.warc", _garbage_warc(), "malformed"),
        "markdown_bracket_run": ("brackets.md", ("# Title\n\n" + BODY + " " + "[" * 300_000).encode(), "doc"),
        "punctuation_run": ("brackets.txt", (BODY + " " + "[" * 20_000 + " " + BODY).encode(), "doc"),
        "empty_quote": ("quote.txt", (BODY + ' He said ":" and left. She said "" too.').encode(), "doc"),
        "invalid_dates": ("dates.txt", (BODY + " It met on February 29, 2023, on June 31 and in the year 0.")
                          .encode(), "doc"),
        "control_chars": ("ctrl.txt", (BODY + " \x1b]0;pwned\x07 \x1b[2J title").encode(), "doc"),
        "escape_in_json_key": ("key.json", b'{"text": "%s", "\\u001b[2J": "x"}' % BODY.encode(), "doc"),
        "rich_markup_reason": ("markup.json", b'{"[/x][bold]": "no text"}', "no article text"),
        "truncated_html": ("cut.html", b"<html><body><p>" + BODY.encode()[:40], "truncated HTML"),
        "mixed_encodings": ("mixed.txt", BODY.encode() + " caf\u00e9 ".encode() + b"\xe9t\xe9 \x93quoted\x94", "doc"),
        "utf16_no_bom": ("u16.txt", BODY.encode("utf-16-le"), "doc"),
        "binary": ("bin.txt", b"\x00\x01\x02\x03" * 500, "binary"),
    }
