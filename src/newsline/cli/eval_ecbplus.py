"""``newsline eval ecbplus DIR``: score cross-document event coreference on an ECB+ folder."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ._app import EXIT_USAGE, console, err_console, eval_app
from ._terminal import plain

_METRICS = (("MUC", "muc"), ("B3", "b3"), ("CEAF-e", "ceaf_e"))
_SYSTEMS = (("newsline", "model"), ("lemma baseline", "lemma_baseline"),
            ("lemma, gold sub-topics", "lemma_baseline_gold_subtopics"))


def _fail(message: str) -> None:
    err_console.print(f"[red]error:[/red] {plain(message)}")
    raise typer.Exit(EXIT_USAGE)


def parse_topics(text: str) -> list[str]:
    """``"2,5, 12"`` -> ``["2", "5", "12"]``; anything but comma-separated numbers is an error."""
    topics = [t.strip() for t in text.split(",") if t.strip()]
    if not topics or not all(t.isdigit() for t in topics):
        raise ValueError(f"--topics must be comma-separated topic numbers, not {text!r}")
    return list(dict.fromkeys(str(int(t)) for t in topics))


@eval_app.command("ecbplus")
def ecbplus(
    folder: Path = typer.Argument(..., metavar="DIR", help="An ECB+ folder (ECB+/<topic>/*.xml and "
                                  "ECBplus_coreference_sentences.csv)."),
    topics: str = typer.Option("2,5,12,18,21,23,34,35", "--topics",
                               help="Comma-separated topic numbers (default: the usual dev topics)."),
    mentions: str = typer.Option("gold", "--mentions", help="gold (annotated spans) or predicted "
                                 "(newsline's own mention detection: end to end)."),
    singletons: bool = typer.Option(True, "--singletons/--no-singletons",
                                    help="Keep singleton clusters in the scoring (the usual ECB+ setting)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Cluster the event mentions of each topic into cross-document events and score them with
    MUC, B3, CEAF-e and CoNLL F1 on the sentences the corpus CSV lists; the lemma-match baseline
    is scored beside it."""
    from ..errors import ConfigError
    from ..events.ecbplus import evaluate_ecbplus

    if fmt not in ("text", "json"):
        _fail(f"--format must be text or json, not {fmt!r}")
    if mentions not in ("gold", "predicted"):
        _fail(f"--mentions must be gold or predicted, not {mentions!r}")
    if not folder.is_dir():
        _fail(f"{folder} is not a folder")
    try:
        result = evaluate_ecbplus(folder, parse_topics(topics), mentions=mentions, singletons=singletons)
    except (ConfigError, ValueError, OSError) as exc:
        _fail(str(exc))
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False))
        return
    print_result(result)


def print_result(result: dict) -> None:
    """The text report: P/R/F1 of newsline per metric, with the two lemma baselines' F1 beside it."""
    table = Table(title=f"ECB+ cross-document event coreference, topics {','.join(result['topics'])} "
                        f"({result['mentions']} mentions)", header_style="bold")
    for col in ("metric", "P", "R", "F1", "lemma F1", "lemma F1 (gold sub-topics)"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    model, lemma, lemma_gold = (result[key] for _, key in _SYSTEMS)
    for label, m in _METRICS:
        table.add_row(label, *(f"{100 * model[m][part]:.1f}" for part in ("precision", "recall", "f1")),
                      f"{100 * lemma[m]['f1']:.1f}", f"{100 * lemma_gold[m]['f1']:.1f}")
    table.add_row("CoNLL", "", "", *(f"{100 * s['conll_f1']:.1f}" for s in (model, lemma, lemma_gold)),
                  style="bold")
    console.print(table)
    console.print(f"{result['gold_mentions']} gold mentions, {result['response_mentions']} clustered "
                  f"({result['matched_mentions']} with a gold span) · "
                  f"{result['document_clusters']} document clusters for {result['gold_subtopics']} gold "
                  f"sub-topics · mention cut {result['threshold']}, document cut {result['doc_threshold']}"
                  f"{'' if result['singletons'] else ' · singletons dropped'}"
                  f" · model {result.get('coref_model', 'base')}")
