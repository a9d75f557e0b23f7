"""The stages depend on Protocols of the store (``dedup.ports``, ``clean.ports``, ``events.ports``,
``dating.ports``, ``timeline.ports``, ``stages.RunStore``), not on the SQLite class. These tests keep three things in
step: every call a stage makes on its store is declared in its Protocol; the SQLite store provides
every declared method with the same parameters."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from newsline.clean.ports import CleaningStore
from newsline.dating.ports import DatingStore
from newsline.dedup.ports import DedupStore
from newsline.events.ports import EventStore
from newsline.stages import RunStore
from newsline.store.sqlite import SQLiteStore
from newsline.timeline.ports import TimelineStore

PKG = Path(__file__).resolve().parents[1] / "src" / "newsline"

# which modules each Protocol types (the pipeline's barriers hand the store on to their stage, so
# the pipeline's own calls are RunStore's)
OWNERS = {
    DedupStore: ["dedup"],
    CleaningStore: ["clean"],
    EventStore: ["events"],
    DatingStore: ["dating"],
    TimelineStore: ["timeline"],
    RunStore: ["stages.py", "pipeline.py", "runner.py"],
}


def members(proto: type) -> dict[str, object]:
    return {name: value for name, value in vars(proto).items()
            if callable(value) and not name.startswith("_")}


def modules(parts: list[str]) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        path = PKG / part
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def store_calls(path: Path) -> set[str]:
    """Attributes read on a name ``store`` or on ``self.store`` in one module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        target = node.value
        if isinstance(target, ast.Name) and target.id == "store":
            found.add(node.attr)
        elif isinstance(target, ast.Attribute) and target.attr == "store":
            found.add(node.attr)
    return found


@pytest.mark.parametrize("proto", list(OWNERS), ids=lambda p: p.__name__)
def test_the_sqlite_store_provides_every_method_of_the_protocol(proto):
    for name, declared in members(proto).items():
        real = getattr(SQLiteStore, name, None)
        assert real is not None, f"{proto.__name__}.{name} is declared but SQLiteStore has no {name}"
        want = [(p.name, p.kind) for p in inspect.signature(declared).parameters.values()]
        got = [(p.name, p.kind) for p in inspect.signature(real).parameters.values()]
        assert got == want, f"{proto.__name__}.{name}: SQLiteStore{inspect.signature(real)} != {inspect.signature(declared)}"


@pytest.mark.parametrize("proto", list(OWNERS), ids=lambda p: p.__name__)
def test_every_store_call_of_a_stage_is_declared_in_its_protocol(proto):
    declared = set(members(proto))
    if proto is RunStore:          # the pipeline's barriers call their stage's functions, not these
        declared |= (set(members(DedupStore)) | set(members(CleaningStore)) | set(members(EventStore))
                     | set(members(DatingStore)))
    for path in modules(OWNERS[proto]):
        if path.name == "ports.py":
            continue
        missing = store_calls(path) - declared
        assert not missing, f"{path.relative_to(PKG)} calls store.{sorted(missing)} not declared in {proto.__name__}"


def test_the_check_sees_a_call_that_is_not_declared(tmp_path):
    """The AST scan is not vacuous: an undeclared call is found."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f(store):\n    return store.drop_everything()\n\nclass A:\n    def g(self):\n        self.store.vacuum()\n")
    assert store_calls(probe) == {"drop_everything", "vacuum"}


_UNTYPED = ("store: Any", "hasattr(store", "hasattr(self.store")


def test_no_stage_types_its_store_as_any_or_probes_it():
    """A stage names the Protocol of what it calls (no ``store: Any``) and relies on it (no
    ``hasattr`` probes that would let a missing method pass silently)."""
    found = [f"{path.relative_to(PKG)}:{n}: {line.strip()}"
             for parts in OWNERS.values() for path in modules(parts)
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(u in line for u in _UNTYPED)]
    assert not found, "\n".join(found)
