"""Events on the bundled sample corpus (``examples/corpus``) against its hand-made reading
``examples/expected.json``: the same per-event scoring as ``seeds_events``, on a second story set
with other outlets, formats (Markdown, HTML, JSONL) and a different wire copy.

    .venv/bin/python -m bench.run sample_events
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.scorers.seeds_events import score_corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(quick: bool = False) -> dict[str, Any]:
    gold = json.loads((EXAMPLES / "expected.json").read_text())
    return score_corpus([str(EXAMPLES / "corpus")], gold)
