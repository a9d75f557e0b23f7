"""``newsline.eval`` imports the product; the product never imports ``newsline.eval``.

The only doors are the ``newsline eval …`` command modules (``newsline/cli/eval_*.py``), which
import it lazily inside their command.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
ALLOWED = ("newsline.cli.eval_",)


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module an import statement in ``source`` (the text of ``module``) names, with
    relative imports resolved (``from ..eval import x`` in newsline.cli.a -> newsline.eval.x)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def imports_eval(source: str, module: str, is_package: bool = False) -> bool:
    return any(m == "newsline.eval" or m.startswith("newsline.eval.")
               for m in imported_modules(source, module, is_package))


def product_modules():
    for path in sorted((SRC / "newsline").rglob("*.py")):
        name = module_name(path)
        if name == "newsline.eval" or name.startswith("newsline.eval.") or name.startswith(ALLOWED):
            continue
        yield name, path


def test_the_product_never_imports_eval():
    offenders = [name for name, path in product_modules()
                 if imports_eval(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")]
    assert offenders == []


@pytest.mark.parametrize("source, module, is_package, expected", [
    ("from ..eval import tempeval", "newsline.cli.timeline", False, True),
    ("from .. import eval as evaluation", "newsline.cli.timeline", False, True),
    ("from . import eval", "newsline", True, True),
    ("import newsline.eval.timex", "newsline.nlp.timex", False, True),
    ("from newsline.eval.timeml import read_timeml", "newsline.api", False, True),
    ("def f():\n    from ...eval import timex", "newsline.nlp.sub.x", False, True),
    ("from ..nlp.timex import extract_timexes", "newsline.eval.timex", False, False),
    ("from .evaluation import x", "newsline.cli.timeline", False, False),
    ("import evaluate", "newsline.api", False, False),
])
def test_the_checker_sees_every_spelling(source, module, is_package, expected):
    assert imports_eval(source, module, is_package) is expected


def test_eval_imports_the_product():
    source = (SRC / "newsline" / "eval" / "timex.py").read_text(encoding="utf-8")
    assert any(m.startswith("newsline.nlp") for m in imported_modules(source, "newsline.eval.timex"))
