"""newsline.eval imports the product; the product never imports newsline.eval at import time
(the one exception is the ``newsline eval`` command, which loads it when it runs)."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "newsline"


def _module_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            found.add(".".join([*base, node.module or ""]).strip("."))
    return found


def test_no_product_module_imports_newsline_eval():
    offenders = {}
    for path in SRC.rglob("*.py"):
        if "eval" in path.relative_to(SRC).parts[:1]:
            continue
        bad = {m for m in _module_imports(path) if m == "newsline.eval" or m.startswith("newsline.eval.")}
        if bad:
            offenders[str(path.relative_to(SRC))] = sorted(bad)
    assert offenders == {}


def test_the_ecbplus_reader_and_trainer_live_in_eval():
    assert not (SRC / "events" / "ecbplus.py").exists()
    assert (SRC / "eval" / "ecb.py").is_file() and (SRC / "eval" / "coref_train.py").is_file()
