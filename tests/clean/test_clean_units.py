"""Blocks, cues and paragraph repair on small inputs (table-driven)."""
from __future__ import annotations

import pytest

from newsline.clean.blocks import ends_sentence, normalise, split_blocks, unwrap_markup
from newsline.clean.cues import has_weak_cue, is_credit_label, is_title_case_label, match_cue
from newsline.clean.paragraphs import continues


def _block(text):
    return split_blocks(text)[0]


@pytest.mark.parametrize("a, b", [
    ("“It’s over,” she said — finally.", "\"it's over,\" she said - finally."),
    ("  Two   spaces\tand a TAB ", "two spaces and a tab"),
])
def test_normalise_folds_case_quotes_and_space(a, b):
    assert normalise(a) == normalise(b) == b


@pytest.mark.parametrize("text, out, links", [
    ("By [AFP](#)", "By AFP", ()),
    ("See [the report](https://x.example/r) here", "See the report here", ("https://x.example/r",)),
    ("<https://x.example/a>", "https://x.example/a", ("https://x.example/a",)),
    ("plain [brackets] (parens)", "plain [brackets] (parens)", ()),
])
def test_unwrap_markup(text, out, links):
    assert unwrap_markup(text) == (out, links)


def test_blocks_keep_offsets_and_blank_lines():
    text = "Title line\n\nFirst paragraph here.\nSecond line.\n"
    blocks = split_blocks(text)
    assert [text[b.start:b.end] for b in blocks] == ["Title line", "First paragraph here.", "Second line."]
    assert [b.blank_before for b in blocks] == [False, True, False]


@pytest.mark.parametrize("text, ends", [
    ("He said so.", True), ("“We will return.”", True), ("Is it?", True), ("the group of", False),
    ("Kyiv (Reuters)", False), ("Note:", True),
])
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


@pytest.mark.parametrize("line, kind", [
    ("A message from the Hill Herald:", "header"),
    ("Dear readers,", "header"),
    ("Support the Hill Herald!", "header"),
    ("Sign up for our daily briefing", "header"),
    ("Related: Mayor resigns after audit", "strong"),
    ("Related article: Mayor resigns", "strong"),
    ("Read more", "menu"),
    ("Read more: Mayor resigns after audit", "strong"),
    ("Subscribers agree to the Privacy Policy", "strong"),
    ("Not ready to donate today?", "strong"),
    ("Photo: Jane Roe / Hill Herald", "photo"),
    ("Soldiers at a checkpoint near the border. (AFP)", "photo"),
    ("Sergei Ivanov / TASS", "photo"),
    ("Photo - Reuters", "photo"),
    ("Photo/AFP", "photo"),
    ("Want more? Sign up for the newsletter", "strong"),
    ("Click here to subscribe to the weekly newsletter.", "strong"),
    ("Monthly", "menu"),
    ("Remind me later.", "menu"),
    ("Advertisement", "menu"),
])
def test_cues_fire(line, kind):
    cue = match_cue(_block(line))
    assert cue is not None and cue.kind == kind, cue


@pytest.mark.parametrize("line", [
    "Support for the measure came from all four parties, the council said.",
    "Continue reading the agenda, one councillor joked, and you will find nothing else of note.",
    "Related to the decision, the office will publish a timetable.",
    "The ministry's newsletter reported the figures on Monday.",
    "Readers of the report will find the details in the annex.",
    "Once the talks resumed, both sides agreed to exchange prisoners.",
    "Photographs of the damage were shared widely on Monday.",
    # regression: a word joined by a hyphen is not a credit separator ("Credit-card" is no credit)
    "Credit-card debt rose 5 percent in May, the central bank said.",
    "Video-sharing platform TikTok said on Monday it would appeal.",
    "Graphic-design firms were hit hardest, the survey found.",
    # regression: a sentence that mentions subscribing is not a sign-up box
    "More than 5,000 residents subscribe to the parish newsletter.",
])
def test_body_sentences_match_no_cue(line):
    assert match_cue(_block(line)) is None


@pytest.mark.parametrize("line, weak", [
    ("Your support, no matter how small, makes a difference.", True),
    ("Get the news in your inbox every morning.", True),
    ("Independent journalism is under pressure.", True),
    ("The army said it had taken the village.", False),
])
def test_weak_cues(line, weak):
    assert has_weak_cue(_block(line)) is weak


@pytest.mark.parametrize("line, label, credit", [
    ("Russian Defense Ministry", True, True),
    ("Kremlin Press Service", True, True),
    ("Harbour Ledger Photo Desk", True, False),
    ("Talks Resume in Geneva", True, False),
    ("The talks resumed in Geneva.", False, False),
    ("Officials said the talks would resume", False, False),
])
def test_title_case_labels(line, label, credit):
    block = _block(line)
    assert is_title_case_label(block) is label
    assert is_credit_label(block) is credit


@pytest.mark.parametrize("previous, following, joined", [
    ("saying a group of Russian servicemen", "had been returned from Ukraine.", True),
    ("The talks were held in", "Istanbul on Monday.", True),
    ("Officials said that,", "Despite the talks, fighting went on.", True),
    ("The talks ended on Monday.", "they will resume in June.", False),
    ("Talks Resume in Geneva", "The talks resumed on Monday.", False),
    ("“We are ready,” he said", "The minister did not elaborate.", False),
])
def test_paragraph_continuation(previous, following, joined):
    assert continues(previous, following) is joined


def test_hard_wrapped_text_becomes_paragraph_blocks():
    para = ("This line is wrapped at a fixed width like an old email or a\n"
            "plain-text newsletter, so that every paragraph spans a few lines\n"
            "and only the blank line marks where the paragraph really ends.\n")
    blocks = split_blocks("\n".join([para] * 3))
    assert len(blocks) == 3
    assert blocks[0].text.startswith("This line is wrapped") and blocks[0].text.endswith("really ends.")


def test_scrape_lines_are_not_taken_for_wrapping():
    text = "\n\n".join(["Short headline", "A first paragraph that ends here.", "Another one ends too."] * 3)
    assert len(split_blocks(text)) == 9
