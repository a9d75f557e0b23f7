"""Markup to text: Markdown stripping, HTML fragments, container date values."""
from __future__ import annotations

import pytest

from newsline.read.htmltext import html_fragment_to_text, looks_like_html
from newsline.read.text import looks_like_markdown, markdown_to_text
from newsline.read.values import iso_date, names_of

MARKDOWN = [
    ("# Title\n\nBody text.", "Title\n\nBody text.", []),
    ("Setext title\n============\n\nBody.", "Setext title\n\nBody.", []),
    ("*em* and **strong** and _under_ and `code`", "em and strong and under and code", []),
    ("Read [the report](https://a.example/r) now.", "Read the report now.", ["https://a.example/r"]),
    ("By [AFP](#)", "By AFP", []),
    ("See <https://a.example/x> today", "See https://a.example/x today", ["https://a.example/x"]),
    ("line one\nline two", "line one\nline two", []),
    ("- a\n- b\n\nafter", "a\nb\n\nafter", []),
    ("![chart](c.png) Caption text", "Caption text", []),
    ("> quoted\n> more", "quoted\nmore", []),
    ("| x | y |\n|---|---|\n| 1 | 2 |", "x | y\n1 | 2", []),
    ("Tom &amp; Jerry \\*not em\\*", "Tom & Jerry *not em*", []),
    ("<p>raw <b>html</b> block</p>\n\nafter", "raw html block\n\nafter", []),
]


@pytest.mark.parametrize("markdown,text,links", MARKDOWN, ids=[m[0][:20] for m in MARKDOWN])
def test_markdown_to_text(markdown, text, links):
    assert markdown_to_text(markdown) == (text, links)


@pytest.mark.parametrize("text,expected", [
    ("By [AFP](#)\n\nPlain paragraph.", True),
    ("## Heading\n\nText.", True),
    ("Plain text with a - dash and 3. numbers and *one star.", False),
    ("- one\n- two\n- three\n", True),
    ("Prices rose 3.5% in May.\n\nAnalysts said the rise was expected.", False),
])
def test_markdown_sniffing(text, expected):
    assert looks_like_markdown(text) is expected


@pytest.mark.parametrize("markup,text", [
    ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
    ("Line<br>break<br/>again", "Line\nbreak\nagain"),
    ("<div><script>var x = 1;</script><style>p{}</style>Shown</div>", "Shown"),
    ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
    ("<table><tr><td>1</td><td>2</td></tr></table>", "1 | 2"),
    ("Tom &amp; Jerry&nbsp;show", "Tom & Jerry show"),
    ("", ""),
])
def test_html_fragment_to_text(markup, text):
    assert html_fragment_to_text(markup) == text


@pytest.mark.parametrize("text,expected", [
    ("<p>para</p>", True), ("a<br>b", True), ("a < b and c > d", False), ("plain", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize("value,day", [
    ("2024-05-03", "2024-05-03"),
    ("2024-05-03T23:30:00-05:00", "2024-05-03"),
    ("Fri, 03 May 2024 23:30:00 -0500", "2024-05-03"),
    (1714694400, "2024-05-03"),
    (1714694400000, "2024-05-03"),
    ("1714694400", "2024-05-03"),
    ("2024-02-30", None),
    (42, None),
    ("yesterday", None),
    (True, None),
    (None, None),
])
def test_iso_date(value, day):
    assert iso_date(value) == day


def test_names_of():
    assert names_of([{"name": "A B"}, "C D", {"name": "A B"}]) == "A B, C D"
    assert names_of({"title": "Wire"}) == "Wire" and names_of(7) is None
