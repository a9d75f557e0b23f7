"""Out-of-domain news written for these tests (tests/data/events/news_ood.json): business,
technology, courts, disasters, markets, politics and ACLED-style conflict snippets. Each case
states the events it must yield (type, mode, context, date or window, actors, the actors under the
type's own role names, place, ACLED sub-type, who reports it, a vote tally's counts for and against) and the readings it must not yield (an air crash is no
attack, a stock rally no protest)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.events.extract import extract_mentions
from newsline.events.groups import Group
from newsline.events.ontology import load_ontology
from newsline.events.values import build_details

DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "events" / "news_ood.json").read_text())
CASES = DATA["cases"]


def _fits(m, want, body) -> bool:
    if m.type != want["type"]:
        return False
    if "mode" in want and m.mode != want["mode"]:
        return False
    if "context" in want and m.context != want["context"]:
        return False
    if "acled" in want and load_ontology().crosswalk(m.type, m.mode)["acled_sub_event_type"] != want["acled"]:
        return False
    return True


def _check(m, want) -> list[str]:
    problems = []
    if "date" in want and m.date != want["date"]:
        problems.append(f"date {m.date} {m.date_window} != {want['date']}")
    if "window" in want:
        got = [m.date_window.earliest, m.date_window.latest] if m.date_window else None
        if m.date is not None or got != want["window"]:
            problems.append(f"window {m.date} {got} != {want['window']}")
    if "place" in want and not any(a.role == "place" and a.value == want["place"] for a in m.arguments):
        problems.append(f"place {[a.value for a in m.arguments if a.role == 'place']} != {want['place']}")
    names = {str(a.value) for a in m.arguments if a.role in ("source", "target")}
    for actor in want.get("actors", []):
        if actor not in names:
            problems.append(f"actor {actor} not in {sorted(names)}")
    if "roles" in want:    # the type's own role names, as the event's details show them
        shown = build_details(Group(mentions=[m]), load_ontology(), m.type, m.mode)["roles"]
        for role, actors in want["roles"].items():
            if sorted(shown.get(role, [])) != sorted(actors):
                problems.append(f"role {role}: {shown.get(role)} != {actors} ({shown})")
    if "reported_by" in want:    # who reports it, exactly (no dateline, no reported clause)
        reporters = sorted(str(a.value) for a in m.arguments if a.role == "reported_by")
        if reporters != sorted(want["reported_by"]):
            problems.append(f"reported_by {reporters} != {want['reported_by']}")
    if "after_publication" in want and want["after_publication"] != any(
            a.role == "after_publication" for a in m.arguments):   # dated after its article, with the reason
        problems.append(f"after_publication != {want['after_publication']}")
    values = {a.value.get("value") for a in m.arguments if a.role == "quantity" and isinstance(a.value, dict)}
    changes = {a.value.get("value") for a in m.arguments if a.role == "quantity" and isinstance(a.value, dict)
               and a.value.get("role") == "change"}
    if "change" in want and float(want["change"]) not in changes:    # how much it moved, as the change
        problems.append(f"change {want['change']} not in {sorted(v for v in changes if v is not None)}")
    for key in ("votes_for", "votes_against"):    # a vote tally: the counts for and against
        got = {a.value.get("value") for a in m.arguments if a.role == "quantity" and isinstance(a.value, dict)
               and a.value.get("role") == key}
        if key in want and got != {float(want[key])}:
            problems.append(f"{key} {sorted(v for v in got if v is not None)} != {want[key]}")
    for role in want.get("not_quantity_roles", []):    # "by 69 votes to 30": the 30 is no level reached
        if any(a.role == "quantity" and isinstance(a.value, dict) and a.value.get("role") == role for a in m.arguments):
            problems.append(f"a quantity in role {role}")
    for key in ("quantity", "money"):
        if key in want and float(want[key]) not in values:
            problems.append(f"{key} {want[key]} not in {sorted(v for v in values if v is not None)}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_out_of_domain_news(case, layer_of):
    mentions = extract_mentions(layer_of(case["text"], case["published"]))
    for want in case.get("expect", []):
        fitting = [m for m in mentions if _fits(m, want, case["text"])]
        assert fitting, f"no {want} in {[(m.type, m.mode, m.context) for m in mentions]}"
        assert any(not _check(m, want) for m in fitting), [_check(m, want) for m in fitting]
    for type_ in case.get("not_types", []):
        assert not any(m.type == type_ for m in mentions), [(m.type, m.mode) for m in mentions]
    for name in case.get("not_actors", []):
        assert not any(a.role in ("source", "target") and a.value == name for m in mentions for a in m.arguments), name
    for type_, mode in case.get("not_modes", []):
        assert not any(m.type == type_ and m.mode == mode for m in mentions)
    for day in case.get("not_dates", []):
        assert not any(m.date == day for m in mentions), [(m.type, m.date) for m in mentions]
