"""Dates and outlets inferred from file names and folder paths (table-driven)."""
from __future__ import annotations

import pytest

from newsline.meta.names import date_from_name, outlet_alias, outlet_from_name


@pytest.mark.parametrize("source, iso, why", [
    ("corpus/nyt_2016-10-02_debate-prep.txt", "2016-10-02", "file name"),
    ("breitbart_2016-10-03_rally.txt", "2016-10-03", "file name"),
    ("thehill-2016-10-04-senate-vote.txt", "2016-10-04", "file name"),
    ("x/article_20161006.txt", "2016-10-06", "file name"),
    ("x/2016_10_07 story.txt", "2016-10-07", "file name"),
    ("archive/2016/10/05/governor-debate.txt", "2016-10-05", "folder path"),
    ("archive/2016-10-08/story.txt", "2016-10-08", "folder name"),
    ("/abs/path/2015/1/9/a.html", "2015-01-09", "folder path"),
])
def test_dates_in_names(source, iso, why):
    field = date_from_name(source)
    assert field is not None and field.value == iso and field.reason.startswith(why)


@pytest.mark.parametrize("source", [
    "story.txt", "-", "https://example.com/2016/10/02/story", "x/20161399-story.txt",   # no 13th month
    "x/2016-02-30.txt", "x/id_1234567890.txt", "x/2016/10/story.txt", "x/1850-01-01.txt",
    "x/000_a20161002f3eb3fce.txt",                      # digits inside a hash are no date
])
def test_no_date_in_names(source):
    assert date_from_name(source) is None


@pytest.mark.parametrize("source, outlet, known", [
    ("nyt_2016-10-02_slug.txt", "The New York Times", True),
    ("nytimes.com_2016-10-02_slug.txt", "The New York Times", True),
    ("thehill-2016-10-04-senate-vote.txt", "The Hill", True),
    ("cnn_20161002_slug.txt", "CNN", True),
    ("new_york_times_2016-10-02_slug.txt", "The New York Times", True),
    ("Washington Post 2016-10-02 slug.txt", "The Washington Post", True),
    ("daily_kos_2016-10-03_rally.txt", "daily_kos", False),     # unknown: reported as written
])
def test_outlets_in_names(source, outlet, known):
    field = outlet_from_name(source)
    assert field is not None and field.value == outlet
    assert ("not in the list of known outlets" in field.reason) is (not known)


@pytest.mark.parametrize("source", [
    "article_2016-10-02.txt", "news_2016-10-02_slug.txt", "2016-10-02_slug.txt", "slug.txt",
    "nyt-story.txt", "https://nytimes.com/2016/10/02/x.html",
])
def test_no_outlet_in_names(source):
    assert outlet_from_name(source) is None


def test_aliases_and_known_domains():
    assert outlet_alias("WaPo") == "The Washington Post"
    assert outlet_alias("theguardian") == "The Guardian"
    assert outlet_alias("bbc.co.uk") == "BBC"
    assert outlet_alias("unknownpaper") is None
