"""The sense model: shipped, small, versioned; trained by a reproducible command; judged beside the lexicon."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from newsline.cli import app
from newsline.datafiles import data_file
from newsline.events.sense import NONE, load_sense_model, maven_map, model_from_arrays

TINY = Path(__file__).resolve().parents[1] / "data" / "events" / "maven_tiny"


def test_the_packaged_model_is_small_versioned_and_covers_mavens_types():
    model = load_sense_model()
    assert model is not None and model.version == "2"
    assert model.labels[0] == NONE and len(model.labels) == 169
    assert Path(str(data_file("events", "sense_model.npz"))).stat().st_size < 2_000_000
    assert set(model.labels[1:]) == set(maven_map())


def test_train_events_writes_a_model_that_learned_its_examples(tmp_path):
    out = tmp_path / "m.npz"
    result = CliRunner().invoke(app, ["train", "events", str(TINY), "--out", str(out), "--no-measure"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sentences"]["maven_dev"] == 11 and out.is_file()
    with np.load(out) as arrays:
        model = model_from_arrays(dict(arrays))
    from newsline.eval.sense_training import evaluate, model_predictions, parse_sentences, read_maven

    sentences = read_maven(TINY / "dev.json")
    parse_sentences(sentences)
    scores = evaluate({"model": model_predictions(model, sentences)}, sentences)["model"]["maven"]["typed"]
    assert scores["r"] >= 80 and scores["p"] >= 80, scores


def test_train_events_refuses_a_folder_that_is_no_maven_folder(tmp_path):
    result = CliRunner().invoke(app, ["train", "events", str(tmp_path), "--no-measure"])
    assert result.exit_code == 2 and "no MAVEN folder" in result.output


def test_the_blend_reads_the_type_from_the_lemma_and_leaves_whether_it_is_an_event_to_the_context():
    model = load_sense_model()
    assert model.blend > 0 and model.lemma_labels
    lemma = next(l for l, c in model.lemma_labels.items() if len(c) == 1 and sum(c.values()) >= 20)
    label = next(iter(model.lemma_labels[lemma]))
    feats = [model.with_prior(["bias", f"l={lemma}"], lemma)]
    raw = model.probabilities(feats)[0]
    blended = model.probabilities(feats, [lemma])[0]
    none = model.labels.index(NONE)
    assert abs(blended[none] - raw[none]) < 1e-6                     # "is it an event" is the context's
    assert abs(blended.sum() - 1.0) < 1e-5
    k = model.labels.index(label)
    assert blended[k] >= raw[k] and blended[k] >= model.blend * (1 - raw[none]) - 1e-6
    unseen = model.probabilities(feats, ["no-such-lemma-anywhere"])[0]
    assert np.allclose(unseen, raw)                          # a lemma never seen as a trigger: context alone
