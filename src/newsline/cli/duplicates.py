"""newsline duplicates: the duplicate clusters, their canonical copy and origin."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from .. import api
from ..config import Format
from ._app import app, console, fail, format_option, id_column, state
from ._terminal import plain


def _match_text(match: dict[str, Any] | None, canonical: bool) -> str:
    if canonical:
        return "canonical"
    if match is None:
        return ""
    return f"{match['kind']} J={match['jaccard']:.2f} C={match['containment']:.2f} · {match['with']}"


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"{len(report['clusters'])} duplicate clusters · {report['articles']} articles"
                        f" · {report['origins']} independent origins")
    id_column(table, "cluster", 16)
    table.add_column("origin", overflow="fold")
    id_column(table, "article", 16)
    for column in ("file", "published", "match"):
        table.add_column(column, overflow="fold")
    for cluster in report["clusters"]:
        for i, m in enumerate(cluster["members"]):
            date = m["published"] or "—"
            if m["published_from"] and m["published"]:
                date += f" ({m['published_from']})"
            table.add_row(cluster["id"] if i == 0 else "", plain(cluster["origin"] or "") if i == 0 else "",
                          m["id"], escape(Path(m["source"] or "-").name), escape(date), _match_text(m["match"], m["canonical"]))
        table.add_section()
    return table


def _article_table(info: dict[str, Any], article_id: str) -> Table:
    table = Table(title=f"origin of {article_id}", show_header=False)
    for key in ("origin", "cluster", "canonical", "wire"):
        table.add_row(key, plain(info[key]) if info[key] is not None else "—")
    table.add_row("copies", plain(", ".join(info["copies"])) or "—")
    return table


@app.command("duplicates")
def duplicates_command(
    article: str = typer.Option(None, "--article", "-a", help="Only this article (id or unique prefix): its origin and copies."),
    format: str = format_option(Format.TEXT, Format.TEXT, Format.JSON, help="text (a table) or json."),
) -> None:
    """List duplicate clusters: copies of one text, their canonical copy and their origin."""
    report = api.duplicates(db=state.db, article=article)
    if report is None:
        fail(f"no article {article!r} in the store (`newsline articles` lists the ids)")
    if format is Format.JSON:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif article is not None:
        console.print(_article_table(report, report["id"]))
    else:
        console.print(_table(report))
