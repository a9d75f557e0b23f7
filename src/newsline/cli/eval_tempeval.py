"""``newsline eval tempeval DIR``: score time expressions on a TimeML (TempEval-3) folder."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ..config import Format
from ._app import call, console, eval_app, fail, format_option

_ROWS = (
    ("strict span", "strict_p", "strict_r", "strict_f1"),
    ("relaxed span", "relaxed_p", "relaxed_r", "relaxed_f1"),
    ("value", "value_p", "value_r", "value_f1"),
)


@eval_app.command("tempeval")
def tempeval(
    folder: Path = typer.Argument(..., metavar="DIR", help="A folder of .tml files (searched recursively)."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON),
    errors: bool = typer.Option(False, "--errors", help="Also list every miss, spurious and wrong value."),
) -> None:
    """Extract time expressions from every TimeML document (anchored at its creation time) and
    score them against the gold TIMEX3s: strict/relaxed span P/R/F1, value and type accuracy/F1."""
    from .. import eval as evaluation

    if not folder.exists():
        fail(f"{folder} does not exist")
    result = call(evaluation.tempeval, folder, errors=errors)
    if format is Format.JSON:
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
