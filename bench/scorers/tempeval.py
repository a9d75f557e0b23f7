"""TempEval-3 task A (TIMEX3) on the TBAQ-cleaned training folders from ../shared.

Each document is anchored at its creation time; figures follow the TempEval-3 scorer (strict and
relaxed span P/R/F1, value F1 = relaxed F1 × value accuracy). Published value F1 on the TE-3
*test* set (a different, held-out set): HeidelTime 77.6, SUTime 67.4.

    python -m bench.run tempeval           # or: newsline eval tempeval <folder> --format json
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TBAQ = (REPO / ".." / "shared" / "benchmarks" / "tempeval3" / "Training" / "TBAQ-cleaned").resolve()
_KEEP = ("gold", "system", "strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
         "value_accuracy", "value_f1", "type_accuracy", "documents", "words", "words_per_second")


def run(quick: bool = False) -> dict:
    from newsline.eval.timex import Tally, evaluate_tempeval

    if not TBAQ.is_dir():
        return {"skipped": f"TempEval-3 data not found at {TBAQ}"}
    limit = 40 if quick else None
    out: dict = {"note": "words_per_second: timex step alone (parse excluded), measured on a contended 2-core machine"}
    total = Tally()
    words = seconds = 0.0
    for name in ("AQUAINT", "TimeBank"):
        result = evaluate_tempeval(TBAQ / name, limit=limit)
        out[name] = _rounded(result)
        total.gold += result["gold"]
        total.system += result["system"]
        for key, value in result["counts"].items():
            setattr(total, key, getattr(total, key) + value)
        words += result["words"]
        seconds += result["seconds"]
    out["all"] = _rounded({**total.metrics(), "words": words,
                           "words_per_second": round(words / seconds) if seconds else None})
    return out


def _rounded(result: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items() if k in _KEEP}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
