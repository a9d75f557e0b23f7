"""Quotes: quote marks over paragraphs, attribution to canonical speakers, reported speech."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"

CASES = [json.loads(line) for line in (DATA / "quotes.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("text, quoted", [
    ('He said "we will win" and left.', ["we will win"]),
    ("“One. Two,” she said. “Three.”", ["One. Two", "Three."]),
    ("«Bonjour tout le monde», dit-il.", ["Bonjour tout le monde"]),
    # a quote running into the next paragraph: the first is left open, the next opens again
    ("“First part.\n\n“Second part,” he said.", ["First part.\n\n“Second part"]),
    # an unclosed quote ends with its paragraph when the next one does not continue it
    ("“Never closed\n\nPlain paragraph.", ["Never closed"]),
    ("No quotes here.", []),
])
def test_find_quoted_spans(text, quoted):
    from newsline.nlp.quotes import find_quoted_spans

    assert [text[s:e] for s, e in find_quoted_spans(text)] == quoted


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_quote_attribution(read_data, case):
    from newsline.nlp import annotate_text

    body = read_data(case["file"])
    quotes = annotate_text(body).quotes
    for want in case["expect"]:
        hits = [q for q in quotes if body[q.span.start:q.span.end].startswith(want["starts"])]
        assert hits, f"no quote starting {want['starts']!r}"
        q = hits[0]
        assert (q.kind, q.speaker) == (want["kind"], want["speaker"])
        if "cue" in want:
            assert q.cue == want["cue"]
        if "contains" in want:
            assert want["contains"] in body[q.span.start:q.span.end]
        assert q.speaker_span is not None
    for text in case.get("absent", []):          # absent as speech: a scare quote is no utterance
        assert not any(text in body[q.span.start:q.span.end] for q in quotes if q.kind != "scare")


def test_scare_quotes_are_their_own_kind():
    from newsline.nlp import annotate_text

    text = "Crowds chanted “Russia” as the so-called “heroes” arrived."
    ann = annotate_text(text)
    # a chanted word is a slogan (no quote at all); "heroes" is a quoted term
    assert [(text[q.span.start:q.span.end], q.kind, q.speaker) for q in ann.quotes] == [("heroes", "scare", None)]


def test_unresolved_pronoun_claims_no_speaker():
    from newsline.nlp import annotate_text

    ann = annotate_text("“We will not stop until every hostage is home,” they said.")
    (q,) = ann.quotes
    assert q.speaker is None and q.kind == "direct"


@pytest.mark.parametrize("text, direct", [
    ('“No,” she replied.', ["No"]),
    ('The minister said: "Never again."', ["Never again."]),
    ('The president responded, "Everything, everything." Then he left.', ["Everything, everything."]),
    # a quoted term keeps its comma or full stop inside the marks (American style): not speech
    ('Her rival said the count had been "rigged." She left.', []),
    ('Speaking on the show "Face the Nation," the senator said little.', []),
])
def test_short_quotes_only_when_they_stand_alone(text, direct):
    from newsline.nlp import annotate_text

    quotes = annotate_text(text).quotes
    assert [text[q.span.start:q.span.end] for q in quotes if q.kind == "direct"] == direct


# -- attribution that holds on real news (issue 12, item 4) ------------------------------------
def _read(text):
    from newsline.nlp import annotate_text

    return [(text[q.span.start:q.span.end], q.kind, q.speaker, q.cue) for q in annotate_text(text).quotes]


@pytest.mark.parametrize("text, want", [
    # the name after the verb, though the parse may put the subject inside the quote
    ("WASHINGTON (AP) — “We will fight this all the way,” Vice President Joe Biden said.",
     [("We will fight this all the way", "direct", "Joe Biden", "said")]),
    # a verb of saying outside any list still attributes in a short clause after “…,”
    ("Maria Lopez spoke at the rally. “This is a wonderful day for all of us,” she gushed.",
     [("This is a wonderful day for all of us", "direct", "Maria Lopez", "gushed")]),
    ("“Please, do not abandon these families,” implored Senator Ann Cole.",
     [("Please, do not abandon these families", "direct", "Ann Cole", "implored")]),
    # an appositive between the name and the verb
    ('"People waited four days for water," Rep. Alicia Moreau, a Democrat from Louisiana, told the panel.',
     [("People waited four days for water", "direct", "Alicia Moreau", "told")]),
    # a quote opening its paragraph after "… said:" takes that verb
    ("Speaking to reporters, Governor Ray Holm said:\n“We will look at all options.”",
     [("We will look at all options.", "direct", "Ray Holm", "said")]),
])
def test_speaker_before_or_after_the_verb(text, want):
    assert _read(text) == want


def test_a_person_named_in_the_quote_is_its_topic_not_its_speaker():
    text = ("Asked about Syria, Donald Trump said Assad was not his priority. "
            "“Assad is secondary, to me, to ISIS,” he said.")
    direct = [q for q in _read(text) if q[1] == "direct"]
    assert direct == [("Assad is secondary, to me, to ISIS", "direct", "Donald Trump", "said")]


def test_he_is_the_subject_who_spoke_not_the_last_named_person():
    text = ("The warehouse owner, Victor Lane, said he was relieved. A lawyer, Eric Stone, was not. "
            "Stone left early. Lane stayed with Mark Reyes. “I just want to rebuild,” he said.")
    assert [q[2] for q in _read(text) if q[1] == "direct"] == ["Victor Lane"]


def test_unresolved_pronoun_keeps_the_reason():
    from newsline.nlp import annotate_text

    (q,) = annotate_text("“We will not stop,” they said.").quotes
    assert q.speaker is None and "they" in q.speaker_note


def test_transcript_turns_are_quotes_of_the_turn_speaker():
    from newsline.nlp import annotate_text

    text = ("Governor Patricia Hale spoke on Friday.\nHALE: We have tested every school.\n"
            "Q: Why so late?\nHALE: Because we wanted it done right.")
    quotes = annotate_text(text).quotes
    assert [(text[q.span.start:q.span.end], q.speaker, q.cue) for q in quotes] == [
        ("We have tested every school.", "Patricia Hale", "transcript"),
        ("Why so late?", None, "transcript"),
        ("Because we wanted it done right.", "Patricia Hale", "transcript")]
    assert "questioner" in quotes[1].speaker_note


@pytest.mark.parametrize("text", [
    "WASHINGTON (AP) — The Senate passed the bill on Thursday, officials said.",
    "LONDON, March 3 (Reuters) - The bank raised rates, it said.",
    "PARIS (AFP) - Thousands marched, police said.",
])
def test_datelines_are_never_speakers_or_mentions(text):
    from newsline.nlp import annotate_text

    ann = annotate_text(text)
    head = text.split(" ")[0].rstrip(",")
    assert not any(head in text[e.span.start:e.span.end] for e in ann.entities)
    assert all(q.speaker is None or head.lower() not in q.speaker.lower() for q in ann.quotes)
    assert all(text[q.span.start:q.span.end] != head for q in ann.quotes)


@pytest.mark.parametrize("text, gone", [
    ("Her new memoir, “A Seat at the Table,” sold well.", "A Seat at the Table"),
    ("Supporters carried placards reading “Not One Day More” outside.", "Not One Day More"),
    ("The publisher is marketing it with the slogan “The Truth Behind the Talks.”", "The Truth Behind the Talks."),
    ("Groups adopted “Let the River Speak” as a campaign slogan.", "Let the River Speak"),
])
def test_titles_and_slogans_are_not_quotes(text, gone):
    assert not any(q[0] == gone for q in _read(text))


@pytest.mark.parametrize("text, want", [
    ("Trump called the report “fake news” and left.", [("fake news", "scare", "Trump", "called")]),
    ("He said the market was “crowded and unforgiving.”",
     [("the market was “crowded and unforgiving", "indirect", None, "said"),
      ("crowded and unforgiving.", "scare", None, "said")]),
])
def test_short_quoted_terms_are_scare_quotes(text, want):
    assert _read(text) == want


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("The company said in a statement that it would appeal.", "it would appeal", "The company",
     "said in a statement"),
    ("Mark Reyes told reporters the ruling was wrong.", "the ruling was wrong", "Mark Reyes", "told"),
    ("The plan is flawed, Mark Reyes said.", "The plan is flawed", "Mark Reyes", "said"),
    ("According to two aides, the vote could slip to March.", "the vote could slip to March", "two aides",
     "according to"),
    ("Senator Karen Doyle criticized the funding formula.", "the funding formula", "Karen Doyle", "criticized"),
    ("County Judge Ana Fuentes urged residents to stay off the roads.", "residents to stay off the roads",
     None, "urged"),
    ("Leaders of small island nations demanded on Monday that wealthy countries pay.",
     "wealthy countries pay", "Leaders of small island nations", "demanded"),
    ("Mayor Grace Whitfield vowed to appeal the ruling.", "to appeal the ruling", "Grace Whitfield", "vowed"),
])
def test_indirect_attribution(text, content, speaker, cue):
    hits = [q for q in _read(text) if q[1] == "indirect" and q[0] == content]
    assert hits, _read(text)
    if speaker is not None:
        assert hits[0][2] == speaker
    assert hits[0][3] == cue


@pytest.mark.parametrize("text", [
    "It was reported that the talks had failed.",              # nobody is named
    "The fact that the patch came quickly indicates the threat is serious.",
    "Rebels attacked the town of Kozan overnight.",             # an attack, not a stance
    "Ryan, asked whether he would run, smiled.",                # asked, not asking
    "Smith did not say how many officers were hurt.",
])
def test_no_indirect_attribution(text):
    assert [q for q in _read(text) if q[1] == "indirect"] == []


def test_each_quote_keeps_its_cue_verb_span():
    from newsline.nlp import annotate_text

    text = "“We will win,” Smith said. The mayor said the count was fair, according to aides."
    for q in annotate_text(text).quotes:
        assert q.cue_span is not None and text[q.cue_span.start:q.cue_span.end] in ("said", "according")


@pytest.mark.parametrize("text", ['He wrote ":" and left.', '"" she said.', '" , " and', "“:”"])
def test_empty_quotes_do_not_crash(text):
    """Regression: spaCy E1002 on an empty quote '":"'."""
    assert _read(text) == [] or all(q[0].strip() for q in _read(text))


def test_the_speech_verb_lexicon_is_broad_and_says_where_each_verb_came_from():
    from newsline.nlp.resources import data_json

    lemmas = data_json("speech_verbs.json")["lemmas"]
    assert len(lemmas) > 120
    for lemma in ("say", "gush", "implore", "criticize", "quip", "testify"):
        assert lemma in lemmas, lemma
    assert {"gushed", "implored", "criticized"} <= {f for e in lemmas.values() for f in e["forms"]}
    assert all(e["sources"] and e["forms"][0] == name for name, e in lemmas.items())
    assert any(s.startswith("maven:") for e in lemmas.values() for s in e["sources"])
    assert "fight" not in lemmas and "force" not in lemmas      # MAVEN triggers that are not speech


def test_a_verb_before_a_colon_attributes_the_quote_after_it():
    text = ('Kaine and Pence met for their only debate. "You are running with a man who insults women," '
            'Kaine said. Pence shot back: "That is an outrageous claim."')
    assert [q[2] for q in _read(text) if q[1] == "direct"] == ["Kaine", "Pence"]


def test_a_short_sentence_of_its_own_continues_the_quote_before_it():
    text = '"The emails were a mistake," Clinton wrote on Twitter. "I take responsibility."'
    assert [(q[0], q[1], q[2]) for q in _read(text)] == [
        ("The emails were a mistake", "direct", "Clinton"), ("I take responsibility.", "direct", "Clinton")]


@pytest.mark.parametrize("text, contents", [
    ("Obama urged voters to reject Trump.", ["voters to reject Trump"]),           # one attribution
    ('Asked if he would accept the result, Trump said, "I will look at it at the time."', []),
])
def test_indirect_attribution_is_not_doubled_or_built_around_a_quote(text, contents):
    assert [q[0] for q in _read(text) if q[1] == "indirect"] == contents
