"""``newsline eval tempeval DIR``: score time expressions on a TimeML (TempEval-3) folder."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ._app import EXIT_USAGE, console, err_console, eval_app
from ._terminal import plain

_ROWS = (
    ("strict span", "strict_p", "strict_r", "strict_f1"),
    ("relaxed span", "relaxed_p", "relaxed_r", "relaxed_f1"),
    ("value", "value_p", "value_r", "value_f1"),
)


@eval_app.command("tempeval")
def tempeval(
    folder: Path = typer.Argument(..., metavar="DIR", help="A folder of .tml files (searched recursively)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    errors: bool = typer.Option(False, "--errors", help="Also list every miss, spurious and wrong value."),
) -> None:
    """Extract time expressions from every TimeML document (anchored at its creation time) and
    score them against the gold TIMEX3s: strict/relaxed span P/R/F1, value and type accuracy/F1."""
    from ..nlp.timex_eval import evaluate_tempeval

    if fmt not in ("text", "json"):
        err_console.print(f"[red]error:[/red] --format must be text or json, not {plain(repr(fmt))}")
        raise typer.Exit(EXIT_USAGE)
    if not folder.exists():
        err_console.print(f"[red]error:[/red] {plain(folder)} does not exist")
        raise typer.Exit(EXIT_USAGE)
    result = evaluate_tempeval(folder, keep_errors=errors)
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False))
        return
    table = Table(title=f"TIMEX3 on {result['documents']} documents ({result['gold']} gold, "
                        f"{result['system']} found)", header_style="bold")
    for col in ("", "P", "R", "F1"):
        table.add_column(col, justify="right" if col else "left")
    for name, p, r, f in _ROWS:
        table.add_row(name, *(f"{100 * result[k]:.1f}" for k in (p, r, f)))
    console.print(table)
    console.print(f"value accuracy {100 * result['value_accuracy']:.1f}  ·  "
                  f"type accuracy {100 * result['type_accuracy']:.1f}  ·  "
                  f"{result['words_per_second']} words/s (timex step alone)")
    for e in result.get("errors", []):
        console.print(f"{e['doc']}  {e['error']:8}  gold={e.get('gold', '')!r} {e.get('gold_value', '')}  "
                      f"system={e.get('system', '')!r} {e.get('system_value', '')}", markup=False)
