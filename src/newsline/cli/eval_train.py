"""``newsline train events``: train the event sense model (a door into ``newsline.eval``, lazily, as the eval_* commands)."""
from __future__ import annotations

import json
from typing import Optional

import typer

from ._app import app, call

train_app = typer.Typer(help="Train newsline's shipped models from benchmark folders.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("events")
def events(
    maven: str = typer.Argument(..., help="MAVEN folder (dev.json, train-extra.json, event_types.txt)."),
    geneva: Optional[str] = typer.Option(None, "--geneva", help="GENEVA folder (train-lr-union.json, val.json)."),
    out: Optional[str] = typer.Option(None, "--out", help="Write the model here (default: the packaged model)."),
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds on MAVEN dev."),
    measure: bool = typer.Option(True, "--measure/--no-measure", help="Also cross-validate and score GENEVA val."),
) -> None:
    """Train the sense model that types triggers by their sense in context; print its figures (JSON)."""
    from ..eval import train

    report = call(train.events, maven, geneva=geneva, out=out, folds=folds, measure=measure)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
