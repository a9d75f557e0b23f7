"""Imports point one way: records and errors at the bottom, then the store core, then the stages,
then the pipeline, the runner, the API and the CLI at the top. A module may import only from its
own layer or below (function-local imports count too)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsline"

#: layer of each top-level module or package of newsline (higher may import lower)
LAYERS = {
    "errors": 0, "records": 0, "config": 0, "datafiles": 0,
    "store": 1, "stages": 1,
    "read": 2, "clean": 2, "meta": 2, "dedup": 2, "nlp": 2, "events": 2, "dating": 2, "timeline": 2, "export": 2,
    "pipeline": 3, "browse": 3, "runner": 4, "api": 5, "eval": 5, "server": 5, "cli": 6, "__main__": 7, "__init__": 7,
}
#: Exceptions to the rule (none: the records a stage and the store share live in ``records``).
KNOWN: set[tuple[str, str]] = set()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(SRC)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:          # relative: resolve against the module's package
                base = list(rel.parent.parts)[: len(rel.parent.parts) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
                if target:
                    found.add(target[0])
                elif node.module is None:
                    found.update(a.name.split(".")[0] for a in node.names)
            elif node.module and node.module.startswith("newsline."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("newsline."))
    return found


def _top(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def violations() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        own = _top(path)
        if own not in LAYERS:
            out.append(f"{path.relative_to(SRC)}: its layer is not listed in LAYERS")
            continue
        for name in _imports(path) - {own}:
            rel = path.relative_to(SRC).as_posix()
            if name in LAYERS and LAYERS[name] > LAYERS[own] and (rel, name) not in KNOWN:
                out.append(f"{rel} imports newsline.{name} (layer {LAYERS[name]} above {LAYERS[own]})")
    return out


def test_imports_point_one_way():
    assert violations() == []


@pytest.mark.parametrize("source, expected", [
    ("from ..pipeline import Step\n", {"pipeline"}),
    ("from . import sqlite\n", {"store"}),
    ("import newsline.api as api\n", {"api"}),
])
def test_the_import_reader_sees_relative_absolute_and_local_imports(tmp_path, monkeypatch, source, expected):
    module = SRC / "store" / "_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert _imports(module) == expected
