"""``newsline eval ecbplus DIR``: score cross-document event coreference on an ECB+ folder."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ..config import Format
from ..errors import ConfigError
from ._app import console, eval_app, fail, format_option

_METRICS = (("MUC", "muc"), ("B3", "b3"), ("CEAF-e", "ceaf_e"))
_SYSTEMS = (("newsline", "model"), ("lemma baseline", "lemma_baseline"),
            ("lemma, gold sub-topics", "lemma_baseline_gold_subtopics"))


@eval_app.command("ecbplus")
def ecbplus(
    folder: Path = typer.Argument(..., metavar="DIR", help="An ECB+ folder (ECB+/<topic>/*.xml and "
                                  "ECBplus_coreference_sentences.csv)."),
    topics: str = typer.Option("2,5,12,18,21,23,34,35", "--topics",
                               help="Comma-separated topic numbers (default: the usual dev topics)."),
    mentions: str = typer.Option("gold", "--mentions", help="gold (annotated spans), predicted "
                                 "(newsline's own pipeline end to end: extraction, dating, merging) or "
                                 "detector (every verb and eventive noun: a detection baseline)."),
    singletons: bool = typer.Option(True, "--singletons/--no-singletons",
                                    help="Keep singleton clusters in the scoring (the usual ECB+ setting)."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
) -> None:
    """Cluster the event mentions of each topic into cross-document events and score them with
    MUC, B3, CEAF-e and CoNLL F1 on the sentences the corpus CSV lists; the lemma-match baseline
    is scored beside it."""
    from .. import eval as evaluation

    if not folder.is_dir():
        fail(f"{folder} is not a folder")
    try:
        result = evaluation.ecbplus(folder, topics=topics, mentions=mentions, singletons=singletons)
    except (ConfigError, ValueError, OSError) as exc:
        fail(str(exc))
    if format is Format.JSON:
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
