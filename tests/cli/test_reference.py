"""docs/cli-reference.md is generated from the commands' help and must never go stale."""
from __future__ import annotations

from pathlib import Path

from newsline.cli import app
from newsline.cli.reference import render_reference

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli-reference.md"


def test_the_reference_is_up_to_date():
    assert REFERENCE.read_text(encoding="utf-8") == render_reference(), (
        "docs/cli-reference.md is stale: run `python -m newsline.cli.reference > docs/cli-reference.md`")


def test_every_command_has_a_section():
    text = render_reference()
    names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]
    names += [f"{g.name} {c.name or c.callback.__name__}" for g in app.registered_groups
              for c in g.typer_instance.registered_commands]
    missing = [n for n in names if f"## `newsline {n}`" not in text]
    assert names and missing == []


def test_a_changed_help_text_makes_the_reference_stale(monkeypatch):
    before = render_reference()
    command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == "articles")
    monkeypatch.setattr(command, "help", "A help text nobody wrote.")
    after = render_reference()
    assert after != before and "A help text nobody wrote." in after
