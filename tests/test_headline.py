"""The README's headline figures come from the scorecard, never typed in."""
from __future__ import annotations

import copy
import json

import pytest

from bench.headline import BEGIN, END, README, SCORECARD, _pct, headline_table, write_readme

CARD = json.loads(SCORECARD.read_text(encoding="utf-8"))


def test_the_readme_table_is_the_scorecard():
    text = README.read_text(encoding="utf-8")
    shown = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert shown == headline_table(CARD), (
        "README's headline figures differ from bench/results/scorecard.json: run `python -m bench.headline --write`")


@pytest.mark.parametrize("x, shown", [(0.7985, "79.9"), (0.768886, "76.9"), (0.8673, "86.7"), (1.0, "100.0")])
def test_percentages_round_half_up(x, shown):
    assert _pct(x) == shown


def _without(scorer: str | None = None, key: str | None = None, status: str | None = None) -> dict:
    card = copy.deepcopy(CARD)
    if scorer and key:
        card["scorers"][scorer]["metrics"].pop(key)
    elif scorer and status:
        card["scorers"][scorer]["status"] = status
    elif scorer:
        card["scorers"].pop(scorer)
    return card


@pytest.mark.parametrize("card, missing", [
    (_without("ecbplus"), "event coreference"),
    (_without("htmldate_eval", status="skipped"), "HTML dates"),
    (_without("tempeval", key="all"), "time expressions"),
])
def test_a_figure_the_scorecard_lacks_is_left_out(card, missing):
    table = headline_table(card)
    assert missing not in table and table.count("\n") == headline_table(CARD).count("\n") - 1


def test_write_replaces_only_the_marked_table(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{BEGIN}\nold\n{END}\nafter\n", encoding="utf-8")
    assert write_readme("| a |", readme) is True
    assert readme.read_text(encoding="utf-8") == f"intro\n{BEGIN}\n| a |\n{END}\nafter\n"
    assert write_readme("| a |", readme) is False
