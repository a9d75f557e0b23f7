"""The docs stay a short README plus pages by reader, with links that resolve and no machine paths."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|root|tmp|Users)/")


def test_the_readme_is_a_short_user_page():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 12 * 1024
    for must in ("make demo", "make test", ".venv/bin/activate", ".venv/bin/newsline", "docs/index.md"):
        assert must in text, must


def test_the_docs_by_reader_exist_and_the_index_links_them_all():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for name in ("getting-started", "cli", "cli-reference", "python-api", "export-schema", "concepts",
                 "data-files", "evaluation", "internals", "changelog"):
        assert (DOCS / f"{name}.md").is_file(), name
    linked = set(LINK.findall(index))
    assert {p.name for p in DOCS.glob("*.md")} - {"index.md"} <= linked
    assert not (DOCS / "HELPERS.md").exists()


def test_the_changelog_has_an_unreleased_section():
    assert "\n## Unreleased\n" in (DOCS / "changelog.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_resolve(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)  # code is not a link
    broken = [t for t in LINK.findall(text)
              if not t.startswith(("http://", "https://", "mailto:")) and not (page.parent / t).exists()]
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_machine_paths(page):
    assert MACHINE_PATH.findall(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("text, found", [
    ("see /work/shared/x", True), ("in /tmp/x.db", True), ("../shared/benchmarks", False),
    ("`/usr/bin/time -v`", False), ("a/work/b", False),
])
def test_the_machine_path_check_can_fail(text, found):
    assert bool(MACHINE_PATH.findall(text)) is found
