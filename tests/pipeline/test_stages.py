"""The stage contract: one article's failure is its reject and the run goes on; stage completion
is recorded per article; resume finishes exactly what is unfinished; --retry-rejects retries."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsline import api, pipeline
from newsline.records import Article
from newsline.stages import Item, Step
from newsline.store import SQLiteStore

DATA = Path(__file__).resolve().parents[1] / "data" / "pipeline"
FILES = sorted(str(p) for p in DATA.iterdir() if p.stat().st_size)


def _export(db) -> str:
    return json.dumps(api.export(db=db), sort_keys=True)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """An uninterrupted ingest of tests/data/pipeline: (store path, export)."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    api.ingest(FILES, db=db, workers=1)
    return db, _export(db)


def _copy(src, dst):
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    source.backup(target)
    source.close()
    target.close()


class _Upper(Step):
    name = "upper"

    def process(self, item: Item) -> Item:
        if "boom" in item.article.body:
            raise ValueError("no boom allowed")
        item.article.title = item.article.body.upper()
        return item


def test_the_base_loop_turns_one_articles_exception_into_its_reject_and_goes_on():
    items = [Item(f"{n}.txt", article=Article(id=n, source=f"{n}.txt", body=b))
             for n, b in (("a", "calm"), ("b", "boom"), ("c", "quiet"))]
    out = list(_Upper().run(items))
    assert [i.article.title for i in out] == ["CALM", None, "QUIET"]
    reject = out[1].reject
    assert (reject.step, reject.error, reject.article_id) == ("upper", "ValueError", "b")
    assert "no boom allowed" in reject.reason
    assert [t[2] for i in out for t in i.trace] == ["ok", "rejected", "ok"]


def test_a_failing_article_is_rejected_the_others_finish_and_retry_rejects_retries(tmp_path, monkeypatch, clean_run):
    real = pipeline.Language.process

    def flaky(self, item):
        if "Ferry" in item.article.body:
            raise RuntimeError("simulated failure in the language layer")
        return real(self, item)

    monkeypatch.setattr(pipeline.Language, "process", flaky)
    db = tmp_path / "s.db"
    report = api.ingest(FILES, db=db, workers=1)
    failed = [r for r in report.rejects if r.step == "language"]
    assert len(failed) == 1 and failed[0].error == "RuntimeError" and failed[0].article_id
    with SQLiteStore(db) as store:
        assert store.stages_of(failed[0].article_id)["language"]["status"] == "failed"
        others = [a.id for a in store.iter_articles() if a.id != failed[0].article_id]
        assert all(store.has_annotations(a) for a in others) and store.count_events() > 0
    again = api.resume(db=db, workers=1)            # a failed article is not retried by default
    assert again.annotated == 0
    monkeypatch.setattr(pipeline.Language, "process", real)
    retried = api.resume(db=db, workers=1, retry_rejects=True)
    assert retried.annotated == 1 and not retried.rejects
    with SQLiteStore(db) as store:
        assert store.has_annotations(failed[0].article_id)
        assert not [r for r in store.iter_rejects() if r.article_id == failed[0].article_id]
    assert _export(db) == clean_run[1]


@pytest.mark.parametrize("stage", ["duplicates", "copy_dates", "language", "events", "dating", "merge"])
def test_resume_finishes_a_run_that_stopped_before_a_stage(tmp_path, stage, clean_run):
    """A run killed before ``stage`` committed leaves that stage unrecorded for the articles;
    resume does it (and the stages after it) and gives the uninterrupted run's export."""
    cut = tmp_path / "cut.db"
    _copy(clean_run[0], cut)
    with SQLiteStore(cut) as store:             # forget the stage and everything after it
        order = ["duplicates", "copy_dates", "language", "events", "dating", "merge"]
        store.reset_stages(store.article_ids(), order[order.index(stage):])
        if stage in ("language", "events"):
            store.db.execute("DELETE FROM event_mentions")
        if stage == "merge":
            store.db.execute("DELETE FROM events")
    assert api.resume(db=cut, workers=1).rejected == 0
    assert _export(cut) == clean_run[1]
    assert api.resume(db=cut, workers=1).summary()["annotated"] == 0      # nothing left to do


def test_a_changed_model_or_data_version_reruns_the_stage(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    api.ingest(FILES[:2], db=db, workers=1)
    assert api.resume(db=db, workers=1).annotated == 0
    monkeypatch.setattr(pipeline.Events, "version", lambda self: "changed")
    notices: list[str] = []
    report = api.resume(db=db, workers=1, notice=notices.append)
    assert report.annotated == 2 and report.stages["events"].ok == 2
    # said before the work, with the stage and the count: a rules change over a large store
    # redoes most of it, so the user hears of it at the start, not from the bars
    assert report.rerun == {"events": 2}
    assert len(notices) == 1 and "events" in notices[0] and " 2 stored" in notices[0]
    assert api.resume(db=db, workers=1, notice=notices.append).rerun == {}
    assert len(notices) == 1


def test_stage_completion_is_recorded_with_versions(tmp_path):
    db = tmp_path / "s.db"
    api.ingest(FILES[:1], db=db, workers=1)
    with SQLiteStore(db) as store:
        stages = store.stages_of(store.article_ids()[0])
    assert set(stages) == {"clean", "duplicates", "copy_dates", "language", "events", "dating", "merge"}
    assert all(s["status"] == "done" and s["version"] for s in stages.values())
    assert stages["language"]["version"] == pipeline.Language().version()
