"""Metadata readers one by one (table-driven, inputs written here)."""
from __future__ import annotations

import pytest

from newsline.clean.blocks import split_blocks
from newsline.meta.byline import read_byline, read_tail_credit, wire_from_dateline
from newsline.dating.publication import choose_published
from newsline.meta.dates import date_from_meta, date_from_url, read_date_header, read_dateline
from newsline.meta.language import detect_language
from newsline.meta.outlet import domain_of, outlet_for_domain, read_signatures
from newsline.meta.url import is_url
from newsline.meta._base import Field


def _block(text):
    return split_blocks(text)[0]


@pytest.mark.parametrize("line, iso", [
    ("June 12, 2025", "2025-06-12"),
    ("Thursday, June 12, 2025", "2025-06-12"),
    ("12 June 2025", "2025-06-12"),
    ("Published: 3 March 2024 | 14:05 GMT", "2024-03-03"),
    ("Sept. 9, 2023 at 10:30 a.m.", "2023-09-09"),
    ("2024-02-29", "2024-02-29"),
    ("Posted on 07.11.2022", "2022-11-07"),
    ("Updated June 13, 2025", "2025-06-13"),
    ("Last updated on 12 June 2025", "2025-06-12"),
    ("Published 12:30 BST, 12 June 2025", "2025-06-12"),
    ("2025-06-12T23:30:00-05:00", "2025-06-12"),      # the day as written, not shifted to UTC
    ("12 June 2025 · 3 min read", "2025-06-12"),
])
def test_datelines(line, iso):
    field = read_dateline(_block(line))
    assert field is not None and field.value == iso


@pytest.mark.parametrize("line", [
    "Thursday", "June 12", "2023-02-30", "On June 12, 2025, the talks resumed in Istanbul.",
    "The 12 June 2025 deadline passed", "Two hours ago",
    "12/06/2025", "06/12/2025",     # day and month order unknown: no date rather than a guess
    "12:30 BST",
])
def test_not_datelines(line):
    assert read_dateline(_block(line)) is None


@pytest.mark.parametrize("line, iso, rest", [
    (" date 2025-06-26 Kyiv and Moscow swap prisoners.", "2025-06-26", "Kyiv and Moscow swap prisoners."),
    ("Published: June 1, 2024 - Talks open.", "2024-06-01", "Talks open."),
    ("Dated 2020-01-05", "2020-01-05", ""),
])
def test_date_header(line, iso, rest):
    field, at = read_date_header(line)
    assert field.value == iso and line[at:].strip() == rest


def test_no_date_header_in_ordinary_text():
    assert read_date_header("Date palms grow along the coast.") is None


@pytest.mark.parametrize("url, iso", [
    ("https://news.example/2025/06/12/swap-a1", "2025-06-12"),
    ("https://news.example/world/2024-03-09-story", "2024-03-09"),
    ("https://news.example/20230115/story.html", "2023-01-15"),
    ("https://news.example/story-2025", None),
    ("https://news.example/2025/13/40/x", None),
    (None, None),
])
def test_date_from_url(url, iso):
    field = date_from_url(url)
    assert (field.value if field else None) == iso


@pytest.mark.parametrize("value, iso", [
    ("2025-06-12T08:00:00+02:00", "2025-06-12"), ("June 12, 2025", "2025-06-12"), ("yesterday", None), ("", None),
])
def test_date_from_meta(value, iso):
    field = date_from_meta({"published": value}, {"published": "feed <pubDate>"})
    assert (field.value if field else None) == iso
    if field:
        assert field.reason.startswith("feed <pubDate>")


def test_choose_published_names_agreeing_sources_and_keeps_conflicts():
    chosen, conflicts = choose_published([Field("2025-06-12", "dateline 'June 12, 2025'"),
                                          Field("2025-06-11", "url path /2025/06/11/"),
                                          Field("2025-06-12", "html meta")])
    assert chosen.value == "2025-06-12" and "dateline" in chosen.reason and "html meta" in chosen.reason
    assert conflicts == [{"value": "2025-06-11", "reason": "url path /2025/06/11/"}]


def test_updated_date_only_when_nothing_else():
    chosen, _ = choose_published([Field("2025-06-13", "updated date 'Updated June 13, 2025'"),
                                  Field("2025-06-12", "url path /2025/06/12/")])
    assert chosen.value == "2025-06-12"


@pytest.mark.parametrize("line, byline", [
    ("By AFP", "AFP"),
    ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
    ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
    ("By Olena Kovalenko in Kyiv", "Olena Kovalenko"),
    ("By Thursday, the army had withdrawn.", None),
    ("By the end of the day nothing was agreed", None),
])
def test_bylines(line, byline):
    field = read_byline(_block(line))
    assert (field.value if field else None) == byline


def test_tail_credit():
    field = read_tail_credit(_block("Reporting by Amina Yusuf; Editing by Peter Graff"))
    assert field.value == "Amina Yusuf"


@pytest.mark.parametrize("line, wire", [
    ("KYIV, June 12 (Reuters) - Ukraine said on Thursday...", "Reuters"),
    ("MOSCOW (AP) — Russia said...", "AP"),
    ("ISTANBUL (AFP) - Talks resumed...", "AFP"),
    ("The talks (in Istanbul) - a first - resumed.", None),
])
def test_wire_datelines(line, wire):
    field = wire_from_dateline(_block(line))
    assert (field.value if field else None) == wire


@pytest.mark.parametrize("url, host, name", [
    ("https://www.themoscowtimes.com/2025/06/12/x", "themoscowtimes.com", "The Moscow Times"),
    ("https://edition.cnn.com/world", "cnn.com", "CNN"),
    ("https://www.bbc.co.uk/news/x", "bbc.co.uk", "BBC"),
    ("https://valleycourier.example/a", "valleycourier.example", None),
])
def test_outlet_domains(url, host, name):
    assert domain_of(url) == host
    assert outlet_for_domain(host) == name


@pytest.mark.parametrize("lines, outlet", [
    (["A Message from The Hill Herald:", "Dear readers,"], "The Hill Herald"),
    (["Support The Hill Herald!", "By supporting The Hill Herald, you keep us going."], "The Hill Herald"),
    (["Support Ukraine!"], None),       # one weak signature is not enough
    (["The Hill Herald reported the vote on Monday."], None),
])
def test_outlet_signatures(lines, outlet):
    field = read_signatures(split_blocks("\n".join(lines)))
    assert (field.value if field else None) == outlet


@pytest.mark.parametrize("text, url", [
    ("<https://x.example/a>", "https://x.example/a"), ("https://x.example/a.", "https://x.example/a"),
    ("see https://x.example/a", None),
])
def test_is_url(text, url):
    assert is_url(text) == url


@pytest.mark.parametrize("text, lang", [
    ("Russia and Ukraine exchanged prisoners of war on Thursday, officials in both capitals said.", "en"),
    ("Die Regierung hat am Donnerstag einen neuen Gefangenenaustausch mit der Ukraine bestätigt.", "de"),
    ("Le gouvernement a confirmé jeudi un nouvel échange de prisonniers avec la Russie.", "fr"),
    ("Too short.", None),
])
def test_language(text, lang):
    field = detect_language(text)
    assert (field.value if field else None) == lang


@pytest.mark.parametrize("module", ["newsline.meta", "newsline.meta.dates", "newsline.clean", "newsline.read"])
def test_package_imports_on_its_own(module):
    """Regression: importing newsline.meta before newsline.clean failed on a circular import."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
