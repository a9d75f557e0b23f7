"""The public Python API is small and pinned, and the CLI mirrors it command for command.

Every ``newsline`` command is a thin wrapper over the ``newsline.api`` function of the same name
(``show-event`` -> ``show_event``; ``newsline eval X`` -> ``newsline.eval.X``), and each of its
options is a keyword parameter of that function with the same name and default. The few options
that only shape the terminal output are listed in ``CLI_ONLY``.
"""
from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

import pytest
import typer
from typer.models import ArgumentInfo, OptionInfo

from newsline import api
from newsline.cli import app
from newsline.cli._app import format_option
from newsline.config import Format

#: Options that shape how the CLI shows what the API returned, never what is computed.
CLI_ONLY = {
    "output": "writes the returned text to a file instead of stdout",
    "quiet": "hides the progress bar",
    "timings": "prints the report's per-stage timings (the API report always carries them)",
    "removed": "the text view lists removed blocks (the API item always has them)",
}
#: ``--format`` values that are two views of the same API value (a table for people, JSON).
VIEWS = {Format.TEXT, Format.JSON}
#: Where the functions behind a command group live.
GROUP_MODULES = {"eval": "newsline.eval"}


def _cli_params(callback: Callable[..., Any]) -> tuple[list[str], dict[str, Any]]:
    """(argument names, {option name: its OptionInfo}) of a Typer command callback."""
    arguments, options = [], {}
    for name, param in inspect.signature(callback).parameters.items():
        if isinstance(param.default, ArgumentInfo):
            arguments.append(name)
        elif isinstance(param.default, OptionInfo):
            options[name] = param.default
    return arguments, options


def _formats(info: OptionInfo) -> set[Format]:
    return set(getattr(info, "formats", ()))


def pairing_problems(command: str, callback: Callable[..., Any], function: Callable[..., Any] | None) -> list[str]:
    """Every way ``callback`` (a CLI command) drifts from ``function`` (its API twin)."""
    if function is None:
        return [f"{command}: no API function of that name"]
    params = inspect.signature(function).parameters
    positional = [p for p in params.values() if p.kind is p.POSITIONAL_OR_KEYWORD]
    keywords = {n: p for n, p in params.items() if p.kind is p.KEYWORD_ONLY}
    arguments, options = _cli_params(callback)
    problems = []
    if len(arguments) != len(positional):
        problems.append(f"{command}: {len(arguments)} CLI arguments, {len(positional)} positional API parameters")
    for name, info in options.items():
        if name in CLI_ONLY or (name == "format" and _formats(info) <= VIEWS):
            continue
        if name not in keywords:
            problems.append(f"{command}: option {name!r} is no keyword parameter of {function.__name__}()")
        elif keywords[name].default is not inspect.Parameter.empty and info.default is not None \
                and info.default != keywords[name].default:
            problems.append(f"{command}: {name} defaults to {info.default!r} in the CLI, "
                            f"{keywords[name].default!r} in the API")
    return problems


def _commands() -> list[tuple[str, Callable[..., Any], Callable[..., Any] | None]]:
    out = []
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__.replace("_", "-")
        out.append((name, cmd.callback, getattr(api, name.replace("-", "_"), None)))
    for group in app.registered_groups:
        assert group.name in GROUP_MODULES, f"command group {group.name!r}: say in GROUP_MODULES where its API lives"
        module = importlib.import_module(GROUP_MODULES[group.name])
        for cmd in group.typer_instance.registered_commands:
            name = cmd.name or cmd.callback.__name__.replace("_", "-")
            out.append((f"{group.name} {name}", cmd.callback, getattr(module, name.replace("-", "_"), None)))
    return out


def test_api_surface_is_pinned():
    assert sorted(api.__all__) == sorted(
        ["open_store", "Format", "IngestReport", "ingest", "resume", "status", "articles", "article", "show",
         "rejects", "duplicates", "timeline", "show_event", "report", "export", "export_document", "annotate",
         "events", "event", "search", "facets", "serve"])
    assert all(hasattr(api, name) for name in api.__all__)


def test_api_options_are_keyword_only():
    for name in api.__all__:
        fn = getattr(api, name)
        if not inspect.isfunction(fn) or name == "open_store":
            continue
        params = inspect.signature(fn).parameters.values()
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional in ([], ["paths"], ["article_id"], ["item_id"], ["event_id"], ["text"], ["q"], ["field"]), (name, positional)


def test_the_expected_commands_exist():
    names = {name for name, _, _ in _commands()}
    assert {"ingest", "resume", "status", "articles", "show", "rejects", "export", "timeline", "show-event", "report",
            "annotate", "duplicates", "eval tempeval", "eval ecbplus", "serve", "search", "facets"} <= names


@pytest.mark.parametrize("command, callback, function", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_pairs_with_its_api_function(command, callback, function):
    assert pairing_problems(command, callback, function) == []


# -- the pairing test can fail: deliberately drifted pairs ---------------------------------------
def _cli(item_id: str = typer.Argument(...), since: str = typer.Option(None, "--since"),
         context: str = typer.Option("default", "--context"),
         format: str = format_option(Format.MD, Format.MD, Format.JSON),
         output: str = typer.Option(None, "-o")) -> None:
    """A command with an argument, two filters, a real format choice and a CLI-only option."""


def _twin(item_id: str, *, db: Any = None, since: str | None = None, context: str = "default",
          format: Format = Format.MD) -> None:
    """Its faithful API twin."""


def _renamed(item_id: str, *, db: Any = None, start: str | None = None, context: str = "default",
             format: Format = Format.MD) -> None:
    """--since became ``start`` in the API."""


def _other_default(item_id: str, *, db: Any = None, since: str | None = None, context: str = "all",
                   format: Format = Format.MD) -> None:
    """The API's default context differs from the CLI's."""


def _no_format(item_id: str, *, db: Any = None, since: str | None = None, context: str = "default") -> None:
    """md is a renderer of the product, not a view of the same value: the API must take format."""


def _no_argument(*, db: Any = None, since: str | None = None, context: str = "default",
                 format: Format = Format.MD) -> None:
    """The CLI takes an ID; the API none."""


@pytest.mark.parametrize("function, expected", [
    (_twin, []),
    (_renamed, ["option 'since' is no keyword parameter"]),
    (_other_default, ["context defaults to 'default' in the CLI, 'all' in the API"]),
    (_no_format, ["option 'format' is no keyword parameter"]),
    (_no_argument, ["1 CLI arguments, 0 positional API parameters"]),
    (None, ["no API function of that name"]),
])
def test_pairing_detects_drift(function, expected):
    problems = pairing_problems("fake", _cli, function)
    assert len(problems) == len(expected) and all(e in p for e, p in zip(expected, problems)), problems


def test_a_text_or_json_format_needs_no_api_parameter():
    def cli(format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON)) -> None: ...
    def fn(*, db: Any = None) -> None: ...
    assert pairing_problems("fake", cli, fn) == []
