"""Incremental dating and merging: adding articles reads only the events their reports can join
and gives what a full dating and merge of the same store give."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsline import api
from newsline.dating.corpus import date_articles
from newsline.events.merge import merge
from newsline.store import SQLiteStore

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "corpus"

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
# short reports from several beats, each on its own day and with its own actors
_BEATS = [
    "Harrowgate Mining said on {month} {day}, {year} that it had agreed to buy Pellis Copper for "
    "$ {n} million, the companies said in a statement.",
    "A fire broke out at a warehouse in Lindenport on {month} {day}, {year}, killing {n} workers, "
    "the city's fire service said.",
    "Ostrava Air's chief executive Mara Velden resigned on {month} {day}, {year}, the airline said.",
    "Voters in Kestria elected a new parliament on {month} {day}, {year}; turnout was {n} percent, "
    "the electoral commission said.",
    "A court in Branholm sentenced former mayor Ivo Marek to {n} years in prison on {month} {day}, "
    "{year} for taking bribes.",
]


def _story(i: int) -> tuple[str, str]:
    year, month, day = 2020 + i // 12, _MONTHS[i % 12], 3 + i % 20
    text = _BEATS[i % len(_BEATS)].format(month=month, day=day, year=year, n=10 + i)
    return text, f"{year}-{i % 12 + 1:02d}-{day + 1:02d}"


def _write(folder: Path, i: int, text: str, published: str) -> Path:
    path = folder / f"{published}_report_{i:03d}.txt"
    path.write_text(f"Report {i}\n\n{text}\n", encoding="utf-8")
    return path


def _signature(store: SQLiteStore) -> list[tuple]:
    return sorted(((e.type, e.date, e.date_window and (e.date_window.earliest, e.date_window.latest),
                    tuple(sorted(e.sources)), e.independent_origins, tuple(e.actors), e.place)
                   for e in store.iter_events()), key=repr)


def _links(store: SQLiteStore) -> list[tuple]:
    """The agreement links (which events carry out which agreement), by the events' signatures."""
    events = {e.id: e for e in store.iter_events()}
    key = {eid: (e.type, e.date, tuple(sorted(e.sources))) for eid, e in events.items()}
    return sorted((key[e.id], sorted(key[a] for a in e.details.get("carries_out", [])),
                   sorted(key[d] for t in e.details.get("terms", []) for d in t["carried_out_by"]))
                  for e in events.values() if e.details.get("carries_out") or e.details.get("terms"))


def _full_merge_of(db: Path, tmp: Path, *, links: bool = False) -> list[tuple]:
    """The events of a full dating and merge of a copy of the store (dating must change nothing)."""
    copy = tmp / "full.db"
    shutil.copy(db, copy)
    with SQLiteStore(copy) as store:
        assert date_articles(store) == []
        assert merge(store).full
        return _links(store) if links else _signature(store)


def test_the_sample_ingested_one_file_at_a_time_merges_as_a_full_merge_would(tmp_path):
    db = tmp_path / "one.db"
    for path in sorted(SAMPLE.iterdir()):
        api.ingest([str(path)], db=db, workers=1)
        with SQLiteStore(db) as store:
            incremental, links = _signature(store), _links(store)
        assert incremental == _full_merge_of(db, tmp_path), f"after {path.name}"
        assert links == _full_merge_of(db, tmp_path, links=True), f"after {path.name}"
    assert links, "the sample's agreement is linked with the exchanges that carry it out"


@pytest.fixture(scope="module")
def store_of_many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    for i in range(40):
        _write(folder, i, *_story(i))
    db = folder / "many.db"
    api.ingest([str(folder)], db=db, workers=1)
    return folder, db


def test_adding_one_article_reads_only_the_events_it_can_join(store_of_many, tmp_path):
    folder, db = store_of_many
    work = tmp_path / "work.db"
    shutil.copy(db, work)
    with SQLiteStore(work) as store:
        events_before, mentions_before = store.count_events(), store.count_mentions()
        ids_before = {e.id: e for e in store.iter_events()}
    # a second outlet's report of story 7 (the fire of August 2020): it joins that event
    text, published = _story(7)
    new = tmp_path / "new"
    new.mkdir()
    report = api.ingest([str(_write(new, 7, "Firefighters said on Sunday that " + text[0].lower() + text[1:],
                                    published))], db=work, workers=1)
    merged = report.stages["merge"].counts
    assert report.new == 1
    assert merged["mentions_read"] <= mentions_before / 5, merged
    assert merged["events_written"] <= 3, merged
    assert report.stages["dating"].counts["solved"] == 0       # nothing undated it could date
    with SQLiteStore(work) as store:
        fires = [e for e in store.iter_events() if len(e.sources) == 2]
        assert len(fires) == 1 and store.count_events() == events_before
        # the event that gained a report keeps its id, and every other event is as it was
        assert fires[0].id in ids_before and set(ids_before[fires[0].id].sources) < set(fires[0].sources)
        assert all(store.get_event(eid).sources == e.sources for eid, e in ids_before.items() if eid != fires[0].id)
        assert _signature(store) == _full_merge_of(work, tmp_path)


def test_a_store_whose_events_have_no_blocking_keys_is_merged_in_full_once(store_of_many, tmp_path):
    _, db = store_of_many
    work = tmp_path / "work.db"
    shutil.copy(db, work)
    with SQLiteStore(work) as store:
        before = _signature(store)
        store.db.execute("DELETE FROM event_keys")          # a store migrated from before the keys
        some = store.article_ids()[:1]
        assert merge(store, some).full
        assert store.has_event_keys() and not merge(store, some).full
        assert _signature(store) == before


def test_a_report_reads_the_mentions_of_the_events_it_can_join_not_all_of_their_articles(tmp_path):
    """Each stored article reports two stories; a new report of one of them reads its own
    mentions and the mentions of the event it joins, not the other story of that event's articles."""
    folder = tmp_path / "two"
    folder.mkdir()
    for i in range(12):
        (first, published), (second, _) = _story(i), _story(i + 1)
        _write(folder, i, first + " " + second, published)
    db = folder / "two.db"
    api.ingest([str(folder)], db=db, workers=1)
    text, published = _story(7)          # the fire of August 2020, in articles 6 and 7
    new = tmp_path / "new"
    new.mkdir()
    report = api.ingest([str(_write(new, 7, "Firefighters said on Sunday that " + text[0].lower() + text[1:],
                                    published))], db=db, workers=1)
    with SQLiteStore(db) as store:
        fire = next(e for e in store.iter_events() if len(e.sources) == 3)
        added = list(store.iter_mentions([fire.sources[-1]]))       # the new report's (ingest order)
        others = [m for m in store.iter_mentions(fire.sources[:2]) if m.id not in fire.mentions]
    assert others, "the fire's first two articles report another story too"
    read = report.stages["merge"].counts["mentions_read"]
    stored_fire = [mid for mid in fire.mentions if mid not in {m.id for m in added}]
    assert read <= len(added) + len(stored_fire), read


_TIE = """
from newsline.events.groups import Group
from newsline.events.merge import _event_type
from newsline.events.ontology import load_ontology
from newsline.records import EventMention, Span
s = Span("a", 0, 1)
g = Group()
for i, (t, mode) in enumerate([("VERDICT", "convict"), ("SENTENCE", "prison"), ("DEATH", None), ("FIRE_EXPLOSION", "explosion")]):
    g.add(EventMention(f"m{i}", f"a{i}", t, s, s, mode=mode))
print(_event_type(g, load_ontology()))
"""


def test_an_events_type_does_not_depend_on_the_hash_seed():
    """Mentions of tied types (equally specific, equally many): the event's type is the same in
    every interpreter, whatever its string hash seed (it was a set's first element)."""
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[2] / "src")
    seen = {subprocess.run([sys.executable, "-c", _TIE], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": src}).stdout.strip()
            for seed in range(8)}
    assert len(seen) == 1, seen
