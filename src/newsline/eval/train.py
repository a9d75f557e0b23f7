"""Trainers behind ``newsline train …`` (the Python twins of those commands)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["events", "DEFAULT_MODEL"]


def _default_model() -> Path:
    from ..datafiles import data_file

    return Path(str(data_file("events", "sense_model.npz")))


DEFAULT_MODEL = "the packaged data/events/sense_model.npz"


def events(maven: str | Path, *, geneva: str | Path | None = None, out: str | Path | None = None,
           folds: int = 5, measure: bool = True) -> dict[str, Any]:
    """Train the event sense model on a MAVEN folder (``dev.json``, ``train-extra.json``,
    ``event_types.txt``) and, if given, a GENEVA folder (``train-lr-union.json``, ``val.json``);
    write it to ``out`` (default: the packaged model). With ``measure``: ``folds``-fold
    cross-validation on MAVEN dev and GENEVA val, beside a lemma baseline. Returns the figures."""
    from ..errors import ConfigError
    from .sense_training import train_events

    maven = Path(maven)
    if not (maven / "dev.json").is_file() or not (maven / "event_types.txt").is_file():
        raise ConfigError(f"{maven} is no MAVEN folder: it needs dev.json and event_types.txt")
    if geneva is not None and not (Path(geneva) / "train-lr-union.json").is_file():
        raise ConfigError(f"{geneva} is no GENEVA folder: it needs train-lr-union.json")
    if folds < 2:
        raise ConfigError("--folds must be 2 or more")
    return train_events(maven=maven, geneva=Path(geneva) if geneva else None,
                        out=Path(out) if out else _default_model(), folds=folds, measure=measure)
