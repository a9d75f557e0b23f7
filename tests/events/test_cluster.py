"""The one clusterer (events/cluster.py): blocking by type family x time and, for undated
reports, by actors, places and lemmas; greedy best-first joins with consolidation."""
from __future__ import annotations

from newsline.events.cluster import BlockingIndex, EventClusterer
from newsline.events.groups import Group
from newsline.records import DateWindow, EventArgument, EventMention, Span


def group(name, date=None, window=None, type_="CONSULT", actors=(), lemma="meet"):
    g = Group()
    args = [EventArgument("source", a, Span(name, 0, 1)) for a in actors]
    args.append(EventArgument("lemma", lemma, Span(name, 0, 1)))
    g.add(EventMention(id=name, article_id=name, type=type_, mode=None, trigger=Span(name, 0, 1),
                       sentence=Span(name, 0, 1), context="asserted", date=date, arguments=args,
                       date_window=DateWindow(*window, "test") if window else None))
    return g


class StubMatcher:
    """Links only the article sets listed in ``together``; no constraint excludes anything."""

    threshold = 0.5

    def __init__(self, together):
        self.together = together

    def excluded(self, a, b, same_article_ok=False):
        return False

    def bound(self, a, b, unique_in_window=False):
        return 1.0

    def link(self, a, b, unique_in_window=False, same_article_ok=False):
        return 0.9 if (a.articles | b.articles) in self.together else 0.1

    def link_above(self, a, b, bar, unique_in_window=False):
        return self.link(a, b)


def test_consolidation_ties_an_early_lone_event_to_the_one_a_later_report_grew():
    """A, then B (does not fit A alone), then C (fits A): once A has absorbed C, B fits it."""
    family = lambda g: {"CONSULT"}
    clusterer = EventClusterer(StubMatcher([{"a", "c"}, {"a", "b", "c"}]), BlockingIndex(family))
    events = clusterer.cluster([group("a", "2025-06-02"), group("b", "2025-06-02"), group("c", "2025-06-02")])
    assert [sorted(e.articles) for e in events] == [["a", "b", "c"]]
    assert len(clusterer.absorbed) == 1


def test_blocking_offers_only_events_that_may_overlap():
    index = BlockingIndex(lambda g: {t for t, _ in g.kinds})
    june = group("june", "2025-06-02", actors=("Russia",))
    july = group("july", "2025-07-09", actors=("Russia",))
    undated = group("undated", actors=("Russia",))
    other = group("other", actors=("Chile",), lemma="talk")
    year = group("year", window=("2025-01-01", "2025-12-31"), actors=("Peru",))
    for e in (june, july, undated, other, year):
        index.put(e)
    names = lambda g: [sorted(e.articles)[0] for e in index.candidates(g)]
    # dated: the same months, and undated events that share an actor, place or lemma
    assert names(group("q", "2025-06-20", actors=("Russia",))) == ["june", "undated", "year"]
    assert names(group("q", "2025-06-20", actors=("Chile",), lemma="talk")) == ["june", "other"]
    # undated: only events that share an actor, place or lemma, dated or not
    assert names(group("q", actors=("Russia",), lemma="x")) == ["june", "july", "undated"]
    assert names(group("q", actors=("Nobody",), lemma="x")) == []
    assert index.candidates(group("q", "2025-06-20", type_="ASSAULT")) == []


def test_an_attribute_key_offers_only_its_most_recent_events_a_month_key_every_event():
    """With a recency, a key shared across months ("undated, lemma meet") holds its CAP most
    recent events, so a merge's cost does not grow with the store; month keys are not capped."""
    class Small(BlockingIndex):
        CAP = 3
    order = {f"u{i}": i for i in range(6)} | {f"d{i}": i for i in range(6)} | {"probe": 9, "dprobe": 9}
    index = Small(lambda g: {"CONSULT"}, recency=lambda g: max(order[a] for a in g.articles))
    for i in (3, 0, 5, 1, 4, 2):                    # filed in any order
        index.put(group(f"u{i}"))
        index.put(group(f"d{i}", date="2025-06-02", lemma=f"meet{i}"))
    undated = {next(iter(e.articles)) for e in index.candidates(group("probe")) if next(iter(e.articles)).startswith("u")}
    assert undated == {"u3", "u4", "u5"}
    dated = {next(iter(e.articles)) for e in index.candidates(group("dprobe", date="2025-06-02", lemma="other"))}
    assert {f"d{i}" for i in range(6)} <= dated


def test_what_a_group_is_read_as_follows_the_mentions_it_gains():
    """A group keeps what it derives from its mentions (time, kinds, values) between
    comparisons; a mention that joins (``absorb``, ``add`` or an append) is seen at once."""
    g = group("a", window=("2025-06-01", "2025-06-30"), actors=("Oslo",))
    assert g.bounds() == ("2025-06-01", "2025-06-30") and g.values("source") == {"Oslo"}
    assert g.kinds == {("CONSULT", None)}
    g.absorb(group("b", date="2025-06-12", type_="ASSAULT", actors=("Bergen",)))
    assert g.bounds() == ("2025-06-12", "2025-06-12")
    assert g.values("source") == {"Oslo", "Bergen"} and g.kinds == {("CONSULT", None), ("ASSAULT", None)}
    g.mentions.append(group("c", date="2025-06-13").mentions[0])     # two days: the widest span
    assert g.bounds() == ("2025-06-01", "2025-06-30")
