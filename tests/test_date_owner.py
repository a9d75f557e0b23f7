"""One owner per value: publication dates, publication windows and event-mention dates are
written by the dating stage (``newsline.dating``) alone. Earlier stages propose (metadata's
``DateClaims``, the duplicates stage's date proposals); a scan of every module fails on an
assignment of these fields (``x.dated = …``, ``x.published = …``, ``published=…`` in a call) or
a :class:`PublicationDate` built anywhere else."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsline"

#: the fields only the dating stage writes: an article's ``dated`` record (read back through the
#: ``published*`` properties), and the record itself, which only it builds
PUBLICATION = {"dated", "published", "published_from", "published_window", "PublicationDate"}
#: a mention's date fields: the merge sets the same names on the events it builds (``Event``,
#: its own record), which the scan cannot tell apart by name, so only those modules are excused
MENTION = {"date", "date_window"}

#: where an assignment is not a decision: rows read back from the store into records, the
#: error that carries a page's candidate date into its reject reason, the merge's own events
EXCUSED = {
    "store/sqlite.py": {"dated"},          # ... the record attached to an article read back
    "store/dating.py": {"PublicationDate"},    # ... and built from its row
    "store/events.py": MENTION,
    "errors.py": {"published"},
    "read/html.py": {"published"},        # ... raised with the date the page claims
    "events/merge.py": MENTION,
    "events/matcher.py": {"date"},         # a read: the matcher's feature record of a mention
    "events/coref.py": MENTION,            # the pair model's feature names (a docstring example)
    # the API and the CLI pass a date the user gave on to the function that states it
    "api.py": {"published"},
    "cli/annotate.py": {"published"},
    "cli/ingest.py": {"published"},
}


def writes(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, field) of every assignment to one of the fields, as an attribute or a keyword."""
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for t in (target.elts if isinstance(target, ast.Tuple) else [target]):
                if isinstance(t, ast.Attribute) and t.attr in PUBLICATION | MENTION:
                    found.append((t.lineno, t.attr))
        if isinstance(node, ast.Call):
            found += [(node.lineno, k.arg) for k in node.keywords if k.arg in PUBLICATION | MENTION]
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name == "PublicationDate":
                found.append((node.lineno, name))
    return found


def test_only_the_dating_stage_writes_dates():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("dating/"):
            continue
        allowed = EXCUSED.get(rel, set())
        offenders += [f"{rel}:{line} writes {name}" for line, name in writes(ast.parse(path.read_text("utf-8")))
                      if name not in allowed]
    assert offenders == [], "\n".join(offenders)


def test_the_dating_stage_does_write_them():
    """The scan is not vacuous: it finds the dating stage's own writes."""
    names = set()
    for path in (SRC / "dating").rglob("*.py"):
        names |= {name for _, name in writes(ast.parse(path.read_text("utf-8")))}
    assert {"dated", "PublicationDate"} <= names and MENTION <= names


def test_the_scan_sees_attributes_tuples_and_keywords():
    tree = ast.parse("a.published = 1\nm.date, m.date_window = None, None\nArticle(published_from='x')\n"
                     "a.title = 'kept'\na.dated = records.PublicationDate('2025-06-01')\n")
    assert sorted(writes(tree)) == [(1, "published"), (2, "date"), (2, "date_window"), (3, "published_from"),
                                    (5, "PublicationDate"), (5, "dated")]
