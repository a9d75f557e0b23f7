"""Evaluation: readers, trainers and scorers for public benchmarks (TimeML, ECB+ …).

This package imports the product and is never imported by it (``tests/test_import_direction.py``
keeps it so); only the ``newsline eval …`` commands reach into it, lazily. Each function here is
the Python twin of one ``newsline eval`` command, with the same name and options.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["tempeval", "ecbplus", "parse_topics"]


def parse_topics(text: str) -> list[str]:
    """``"2,5, 12"`` -> ``["2", "5", "12"]``; anything but comma-separated numbers is an error."""
    topics = [t.strip() for t in text.split(",") if t.strip()]
    if not topics or not all(t.isdigit() for t in topics):
        raise ValueError(f"--topics must be comma-separated topic numbers, not {text!r}")
    return list(dict.fromkeys(str(int(t)) for t in topics))


def tempeval(folder: str | Path, *, errors: bool = False) -> dict[str, Any]:
    """Score newsline's time expressions on a TimeML folder (``.tml`` files, searched
    recursively): strict/relaxed span P/R/F1, value and type accuracy and F1 (TempEval-3)."""
    from .timex import evaluate_tempeval

    return evaluate_tempeval(folder, keep_errors=errors)


def ecbplus(folder: str | Path, *, topics: str | list[str] = "2,5,12,18,21,23,34,35",
            mentions: str = "gold", singletons: bool = True) -> dict[str, Any]:
    """Score cross-document event coreference on the ``topics`` of an ECB+ folder with MUC, B3,
    CEAF-e and CoNLL F1, the lemma-match baselines beside it, clustered by the product's own
    matcher and clusterer. ``mentions``: gold (the annotated spans), predicted (the product's
    pipeline end to end: extraction, dating, merging) or detector (a verb/eventive-noun baseline)."""
    from ..errors import ConfigError
    from .coref_eval import evaluate_ecbplus

    if mentions not in ("gold", "predicted", "detector"):
        raise ConfigError(f"--mentions must be gold, predicted or detector, not {mentions!r}")
    if isinstance(topics, str):
        topics = parse_topics(topics)
    return evaluate_ecbplus(folder, list(topics), mentions=mentions, singletons=singletons)
