"""Actor names in the matcher: a name matches its longer or shorter form; two reports naming
different actors in one role are two events (bug: two companies' results of one day merged)."""
from __future__ import annotations

import pytest

from newsline.events.groups import Group, names_match, role_conflict
from newsline.records import EventArgument, EventMention, Span


@pytest.mark.parametrize("x, y, same", [
    ("Canada", "Bank of Canada", True), ("Feld", "Mark Feld", True), ("FTSE", "FTSE 100", True),
    ("Halden Motors", "Brevik Motors", False), ("Airbus", "Boeing", False),
])
def test_names_match(x, y, same):
    assert names_match(x, y) is same


def _group(article: str, **roles: str) -> Group:
    m = EventMention(id=article + "-m", article_id=article, type="EARNINGS", trigger=Span(article, 0, 1),
                     sentence=Span(article, 0, 1),
                     arguments=[EventArgument(role=r, value=v, span=Span(article, 0, 1)) for r, v in roles.items()])
    g = Group()
    g.add(m)
    return g


def test_role_conflict_needs_the_same_role_and_no_shared_name():
    assert role_conflict(_group("a", source="Halden Motors"), _group("b", source="Brevik Motors"))
    assert not role_conflict(_group("a", source="Bank of Canada"), _group("b", source="Canada"))
    # a wrongly read agent ("by a Denver jury") is no conflict with the defendant named as target
    assert not role_conflict(_group("a", target="Tom Reyes"), _group("b", source="Denver"))
