"""Publication dates on htmldate's evaluation set (800 labelled pages of ``eval_default.json``).

    .venv/bin/python -m bench.scorers.htmldate_eval [--quick] [--variants]

Each page is scored at day granularity as htmldate's ``tests/evaluation.py`` does: a produced date
equal to the gold date is a TP, a different one an FP (``wrong``), none produced an FN (``none``).
Reported: accuracy (right / pages), precision, recall, F1, and the counts of wrong dates (a date
produced where the gold differs: worse than none), of those one day off (time zones), and of
missing dates, in one run for

- ``newsline``: the date ingest stores — the page through the HTML reader and the cleaning
  stage's metadata (``Article.published``), or, for a page refused for having no main text, the
  date its reject keeps;
- ``htmldate``: htmldate alone on the raw page, with the same settings (:data:`DATE_OPTIONS`);
- ``trafilatura``: trafilatura alone (its metadata pass, default settings);
- ``worse_than_htmldate``: pages htmldate alone dates right and newsline does not;

and, with ``--variants``, newsline's metadata pass alone (``page_metadata``), extensive search
off, the page URL given (as a WARC record gives it), and htmldate in its fast mode.
"""
from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = (ROOT / ".." / "shared" / "benchmarks" / "htmldate-eval").resolve()
QUICK_PAGES = 150


def load_items(quick: bool = False) -> list[tuple[str, str | None, Path]]:
    """(url, gold date, html path) for every labelled page whose file is present."""
    index = dict(line.split("\t") for line in (BENCH / "index.tsv").read_text().splitlines() if "\t" in line)
    items = []
    for name in sorted(BENCH.glob("eval_*.json")):
        for url, item in sorted(json.loads(name.read_text(encoding="utf-8")).items()):
            if item.get("file") in index:
                items.append((url, item.get("date"), BENCH / index[item["file"]]))
    return items[:QUICK_PAGES] if quick else items


def _days_apart(a: str, b: str | None) -> int | None:
    from datetime import date

    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return None


def evaluate(items, fn: Callable[..., str | None], *, with_url: bool = False) -> dict:
    """Score ``fn(html_bytes)`` (``fn(html_bytes, url)`` with ``with_url``) against the gold dates."""
    found = []
    for url, gold, path in items:
        data = gzip.decompress(path.read_bytes())
        found.append((gold, fn(data, url) if with_url else fn(data)))
    return score(found)


def score(found: list[tuple[str | None, str | None]]) -> dict:
    """Accuracy, precision, recall, F1 and error counts of ``(gold, produced)`` pairs."""
    right = wrong = none = near = 0
    for gold, got in found:
        if got is None:
            none += 1
        elif got == gold:
            right += 1
        else:
            wrong += 1
            near += _days_apart(got, gold) == 1
    precision = right / (right + wrong) if right + wrong else 0.0
    recall = right / (right + none) if right + none else 0.0
    return {
        "pages": len(found), "accuracy": round(right / len(found), 4) if found else 0.0,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * right / (2 * right + wrong + none), 4) if right else 0.0,
        "wrong": wrong, "wrong_by_one_day": near, "none": none,
    }


def newsline_date(data: bytes, date_options: dict | None = None, url: str | None = None) -> str | None:
    from newsline.errors import InputError
    from newsline.read.decode import decode_bytes
    from newsline.read.html import page_metadata

    try:
        return page_metadata(decode_bytes(data).text, url=url, date_options=date_options).date
    except InputError:
        return None


def ingest_date(data: bytes, cleaner=None) -> str | None:
    """The date ingest keeps for one page: the stored article's, or the one its reject keeps."""
    from newsline.clean import Cleaner
    from newsline.errors import InputError, NoMainTextError
    from newsline.read.html import HtmlReader

    try:
        doc = next(iter(HtmlReader().read("page.html", data)))
        return (cleaner or Cleaner()).clean(doc).published
    except NoMainTextError as exc:
        return exc.published
    except InputError:
        return None


def htmldate_alone(data: bytes, extensive: bool = True) -> str | None:
    from htmldate import find_date

    return find_date(data, original_date=True, extensive_search=extensive)


def trafilatura_alone(data: bytes) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True)
    return doc.date if doc is not None else None


SYSTEMS: dict[str, Callable[[bytes], str | None]] = {"htmldate": htmldate_alone, "trafilatura": trafilatura_alone}


def run(quick: bool = False, variants: bool = False) -> dict:
    if not BENCH.is_dir():
        return {"skipped": f"benchmark not found at {BENCH}"}
    from newsline.clean import Cleaner

    items = load_items(quick)
    cleaner = Cleaner()
    rows = []       # (page, gold, newsline, htmldate, trafilatura): every system on the same page
    for url, gold, path in items:
        data = gzip.decompress(path.read_bytes())
        rows.append((path.name, gold, ingest_date(data, cleaner), *(fn(data) for fn in SYSTEMS.values())))
    result = {name: score([(r[1], r[2 + i]) for r in rows]) for i, name in enumerate(["newsline", *SYSTEMS])}
    worse = [r[0] for r in rows if r[3] == r[1] != r[2]]
    better = [r[0] for r in rows if r[2] == r[1] != r[3]]
    result["newsline_vs_htmldate"] = {"worse": len(worse), "better": len(better), "worse_pages": worse[:20]}
    if variants:
        result["newsline_metadata_pass"] = evaluate(items, newsline_date)
        result["newsline_fast"] = evaluate(items, lambda d: newsline_date(d, {"extensive_search": False}))
        # as in a WARC record, where the page's address is known
        result["newsline_with_url"] = evaluate(items, lambda d, u: newsline_date(d, url=u), with_url=True)
        result["htmldate_fast"] = evaluate(items, lambda d: htmldate_alone(d, False))
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv, variants="--variants" in sys.argv), indent=2))
