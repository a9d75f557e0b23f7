"""HTML dates never worse than htmldate alone: the raw page, dated rejects, text datelines."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsline import api
from newsline.errors import NoMainTextError
from newsline.read.html import HtmlReader, extract_page, page_date

HTML = Path(__file__).resolve().parents[1] / "data" / "corpus" / "html"


def test_htmldate_sees_the_raw_page():
    """Regression: trafilatura's parsed tree drops HTML comments, and through it a right
    2020-07-12 became 2015-07-21 (a date in a link)."""
    from htmldate import find_date

    markup = (HTML / "comment.html").read_text()
    assert find_date(markup, original_date=True, extensive_search=True) == "2020-07-12"
    assert page_date(markup) == "2020-07-12"
    page = extract_page(markup)
    assert (page.date, page.date_from) == ("2020-07-12", "raw page")


def test_a_page_with_a_date_and_no_main_text_keeps_its_date_in_the_reject(tmp_path):
    with pytest.raises(NoMainTextError) as caught:
        list(HtmlReader().read("live-video.html", (HTML / "live-video.html").read_bytes()))
    assert caught.value.published == "2021-03-04"
    report = api.ingest([str(HTML / "live-video.html")], db=tmp_path / "h.db", language=False)
    (reject,) = report.rejects
    assert "has no main text" in reject.reason and "the page is dated 2021-03-04" in reject.reason


def test_a_dateline_in_the_text_is_weighed_against_the_markup_date(tmp_path, stored):
    db = tmp_path / "h.db"
    api.ingest([str(HTML / "dateline.html"), str(HTML / "comment.html")], db=db, language=False)
    got = {Path(a.source).name: a for a in stored(db)}
    fire = got["dateline.html"]
    assert (fire.published, fire.published_from) == (
        "2020-01-13", "dateline '13 Jan 2020, 22:11 GMT+10' (the text's own date line, preferred over the "
                      "markup's 2019-12-30)")
    (markup,) = fire.dated.set_aside
    assert markup["value"] == "2019-12-30" and markup["reason"].startswith("html meta via htmldate")
    assert "13 Jan 2020" not in fire.body
    harbour = got["comment.html"]
    assert harbour.published == "2020-07-12" and "on the raw page" in harbour.published_from
