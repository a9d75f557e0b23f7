"""Datelines and credits in the layouts real corpora use (inputs in tests/data/corpus/)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsline.clean.blocks import split_blocks
from newsline.meta.byline import read_wire_copyright, read_wire_line
from newsline.meta.dates import read_fused_dateline
from newsline.meta.title import is_period_headline

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.mark.parametrize("line, iso, headline", [
    ("Kosovo votes on independence March 01, 2008 The parliament voted on Sunday in a long session "
     "that ran late into the night.", "2008-03-01", "Kosovo votes on independence"),
    ("Flooding closes roads Sunday, March 2, 2008 Heavy rain closed several roads in the north on "
     "Saturday, the ministry said.", "2008-03-02", "Flooding closes roads"),
    ("Chess champion retains title 2008-03-04 The reigning champion retained the title on Tuesday "
     "after a draw in the final game.", "2008-03-04", "Chess champion retains title"),
    ("Rail strike halts trains 12 March 2008 — A strike by rail workers halted most trains across "
     "the region on Wednesday.", "2008-03-12", "Rail strike halts trains"),
])
def test_fused_dateline(line, iso, headline):
    found = read_fused_dateline(line)
    assert found is not None
    field, title_end, body_at = found
    assert field.value == iso and "fused after the headline" in field.reason
    assert line[:title_end].strip() == headline
    assert line[body_at:][0].isupper()


@pytest.mark.parametrize("line, iso", [
    ("March 01, 2008 Kosovo's parliament declared independence from Serbia on Sunday in a long session.",
     "2008-03-01"),
    ("Saturday, March 1, 2008 — The parliament voted on Sunday in a long session that ran late at night.",
     "2008-03-01"),
])
def test_date_opening_a_one_line_text(line, iso):
    field, title_end, body_at = read_fused_dateline(line)
    assert field.value == iso and title_end == 0 and "at the start of the first line" in field.reason
    assert line[body_at:][0].isupper() and "2008" not in line[body_at:]


@pytest.mark.parametrize("line", [
    "March 1, 2008 was the day the parliament voted, and nobody in the capital forgot it afterwards.",
    "NEW YORK, March 1, 2008 — The company said on Monday that it would cut a thousand jobs soon.",
    "The deal was signed on March 1, 2008. It will take effect in May and last for many years to come.",
    "Officials met. Then on March 1, 2008 The minister spoke to reporters about the plan for the year.",
    "Short title March 1, 2008 Too short.",
])
def test_not_a_fused_dateline(line):
    assert read_fused_dateline(line) is None


def test_fused_dateline_matches_the_container_title():
    line = "Parliament approves law, again March 01, 2008 The national parliament approved a law on Friday after debate."
    field, title_end, _ = read_fused_dateline(line, "Parliament approves law, again")
    assert field.value == "2008-03-01" and line[:title_end].strip() == "Parliament approves law, again"
    assert read_fused_dateline(line, "Another title") is None


@pytest.mark.parametrize("text, following, expected", [
    ("Trump Says He Will Accept the Election Results.", "The nominee spoke at a rally on Thursday night.", True),
    ("Oil prices rise as producers weigh output cut.", "LONDON, Oct 3 (Reuters) - Oil prices rose on Monday.", True),
    ("Governor signs the budget after a long delay.", "By Maria Lopez, Associated Press", True),
    ("Governor signs the budget after a long delay.", "SACRAMENTO, Calif. (AP) — The governor signed it.", True),
    ("The president spoke on Monday about the plan.", "He said the plan would cost more than expected.", False),
    ("Prices rose. Traders were surprised by the move.", "By Jane Doe", False),     # two sentences
    ("Rates held.", "By Jane Doe", False),                                              # too short
])
def test_period_headline(text, following, expected):
    assert is_period_headline(split_blocks(text)[0], split_blocks(following)[0]) is expected


@pytest.mark.parametrize("line, wire", [
    ("Agence France-Presse", "AFP"), ("(AP)", "AP"), ("Associated Press", "AP"), ("Reuters", "Reuters"),
    ("ap", None), ("Staff and agencies", None), ("Reuters reported the deal on Monday", None),
])
def test_wire_credit_line(line, wire):
    field = read_wire_line(split_blocks(line)[0])
    assert (field.value if field else None) == wire


@pytest.mark.parametrize("line, wire", [
    ("Copyright 2016 The Associated Press. All rights reserved.", "AP"), ("© 2016 Reuters", "Reuters"),
    ("Copyright © 2008-2016 Agence France-Presse", "AFP"), ("Copyright 2016 The Daily Planet", None),
    ("copyright 2016 ap", None),
])
def test_wire_copyright_line(line, wire):
    field = read_wire_copyright(split_blocks(line)[0])
    assert (field.value if field else None) == wire


@pytest.fixture
def wires(tmp_path, stored):
    from newsline import api

    db = tmp_path / "w.db"
    api.ingest([str(CORPUS / "wires")], db=db, language=False)
    return {Path(a.source).stem: a for a in stored(db)}, db


@pytest.mark.parametrize("name, title, byline, wire, body_start", [
    ("ap-period-title", "Governor Signs Budget After Months of Delay.", "Maria Lopez, Associated Press", "AP",
     "SACRAMENTO, Calif. (AP) —"),
    ("reuters-dateline", "Oil prices climb as producers weigh output cut.", "Ahmad Ghaddar", "Reuters",
     "LONDON, Oct 3 (Reuters) -"),
    ("afp-one", "Storm Leaves Thousands Without Power", "AFP", "AFP", "Thousands of homes"),
    ("afp-two", "Central Bank Holds Rates Steady", None, "AFP", "PARIS (AFP) -"),
    ("afp-three", "Marathon Record Falls in Berlin", "AFP", "AFP", "A Kenyan runner"),
    ("local", "School Board Names New Superintendent", None, None, "The school board"),
    ("ap-copyright", "Wildfire Forces Evacuations in Northern Hills", None, "AP", "Firefighters battled"),
])
def test_wire_layouts(wires, name, title, byline, wire, body_start):
    article = wires[0][name]
    assert (article.title, article.byline, article.meta.get("wire")) == (title, byline, wire)
    assert article.body.startswith(body_start)


def test_wire_copies_counted_per_story(wires):
    """Regression: three different AFP stories were one origin."""
    from newsline.store import SQLiteStore

    articles, db = wires
    store = SQLiteStore(db)
    try:
        origins = store.origins_of([a.id for a in articles.values()])
    finally:
        store.close()
    afp = {origins[articles[n].id] for n in ("afp-one", "afp-two", "afp-three")}
    assert len(afp) == 3 and all(o.startswith("wire:AFP:") for o in afp)
    assert len(set(origins.values())) == len(articles)


def test_fused_datelines_dated_and_kept_out_of_the_body(tmp_path, stored):
    """Regression: a Wikinews text "Title March 01, 2008 Body" with date_publish null was undated
    and its date leaked into the headline event."""
    from newsline import api

    db = tmp_path / "f.db"
    api.ingest([str(CORPUS / "fused")], db=db, language=False)
    got = {(Path(a.source).name, a.record): a for a in stored(db)}
    expected = {("wikinews.jsonl", "line 1"): ("2008-03-01", "Parliament approves new election law"),
                ("wikinews.jsonl", "line 2"): ("2008-03-02", "Flooding closes roads in the north"),
                ("wikinews.jsonl", "line 3"): ("2008-03-04", "Chess champion retains title"),
                ("one-line.txt", ""): ("2008-03-12", "Rail strike halts trains across the region"),
                ("not-fused.txt", ""): (None, None)}
    assert {k: (a.published, a.title) for k, a in got.items()} == expected
    for key, article in got.items():
        if article.published:
            assert "fused after the headline" in article.published_from
            assert "2008" not in article.body[:40] and not article.body.startswith(article.title)
            assert any("fused" in r.reason for r in article.removed)
