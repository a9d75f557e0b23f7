"""The CLI reference (docs/cli-reference.md), generated from the commands themselves.

``python -m newsline.cli.reference > docs/cli-reference.md`` rewrites it; a test fails when the
file is stale, so the reference always says what ``--help`` says.
"""
from __future__ import annotations

import re

from typing import Any

import typer

from . import app

HEADER = """# CLI reference

Generated from the commands' own help by `python -m newsline.cli.reference > docs/cli-reference.md`
(a test fails when this file is stale). The guide with examples is [cli.md](cli.md); every command
mirrors a function of the Python API ([python-api.md](python-api.md)).
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _name(text: str) -> str:
    """"-f, --format <str>" -> "-f, --format"; "{paths}..." -> "PATHS..."."""
    text = re.sub(r"\s*<[^>]*>", "", text)
    return re.sub(r"\{(\w+)\}", lambda m: m.group(1).upper(), text)


def _command_section(path: str, command: Any, parent: Any) -> list[str]:
    ctx = typer.Context(command, info_name=path.split()[-1], parent=parent)
    usage = _name(" ".join(command.collect_usage_pieces(ctx)))
    lines = [f"## `{path}`", "", f"```\n{path} {usage}\n```", ""]
    if command.help:
        lines += [" ".join(command.help.split()), ""]
    rows = []
    for param in command.get_params(ctx):
        if param.name == "help":
            continue
        record = param.get_help_record(ctx)
        if record is None:
            continue
        default = param.default
        shown = "" if default in (None, False, ()) or callable(default) else f"`{_default(default)}`"
        name = _name(record[0])
        if param.param_type_name == "argument":
            shown, name = "argument", (param.metavar or param.name.upper()) + ("..." if param.nargs == -1 else "")
        rows.append((f"`{name}`", shown, _cell(getattr(param, "help", "") or "")))
    if rows:
        lines += ["| option | default | what it does |", "|---|---|---|"]
        lines += [f"| {name} | {default} | {text} |" for name, default, text in rows]
        lines.append("")
    return lines


def _default(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(getattr(value, "value", value))


def _walk(group: Any, prefix: str, parent: Any) -> list[str]:
    lines: list[str] = []
    ctx = typer.Context(group, info_name=prefix.split()[-1], parent=parent)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        path = f"{prefix} {name}"
        if hasattr(command, "list_commands"):
            lines += _walk(command, path, ctx)
        else:
            lines += _command_section(path, command, ctx)
    return lines


def render_reference() -> str:
    """The whole reference as Markdown: the global options, then every command in --help order."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="newsline")
    lines = [HEADER, "## `newsline`", "", " ".join((root.help or "").split()), "",
             "| option | default | what it does |", "|---|---|---|"]
    for param in root.get_params(ctx):
        record = param.get_help_record(ctx)
        if record and param.name != "help":
            lines.append(f"| `{_name(record[0])}` | | {_cell(getattr(param, 'help', '') or '')} |")
    lines.append("")
    lines += _walk(root, "newsline", None)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render_reference(), end="")
