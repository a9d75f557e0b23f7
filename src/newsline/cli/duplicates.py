"""newsline duplicates: the duplicate clusters, their canonical copy and origin."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ._app import EXIT_USAGE, app, console, err_console, state


def duplicates_report(store: Any) -> dict[str, Any]:
    """Clusters with members (id, source, title, date and why) and the judged pairs, as JSON."""
    pairs = [{"a": p.a, "b": p.b, "kind": p.kind, "jaccard": p.jaccard, "containment": p.containment}
             for p in store.duplicate_pairs()]
    clusters = []
    for cluster in store.iter_clusters():
        members = []
        for article in store.iter_articles(cluster.members):
            members.append({"id": article.id, "source": article.source, "title": article.title,
                            "outlet": article.outlet, "published": article.published,
                            "published_from": article.published_from,
                            "canonical": article.id == cluster.canonical})
        clusters.append({"id": cluster.id, "origin": cluster.origin, "canonical": cluster.canonical,
                         "size": len(cluster.members), "members": members})
    ids = store.article_ids()
    return {"articles": len(ids), "clusters": clusters, "pairs": pairs,
            "origins": store.count_origins(ids)}


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"{len(report['clusters'])} duplicate clusters · {report['articles']} articles"
                        f" · {report['origins']} independent origins")
    for column in ("cluster", "origin", "article", "file", "published", "match"):
        table.add_column(column, overflow="fold")
    similarity = {}
    for p in report["pairs"]:
        for x, y in ((p["a"], p["b"]), (p["b"], p["a"])):
            similarity.setdefault(x, f"{p['kind']} J={p['jaccard']:.2f} C={p['containment']:.2f}")
    for cluster in report["clusters"]:
        for i, m in enumerate(cluster["members"]):
            mark = " [bold]*canonical[/bold]" if m["canonical"] else ""
            date = m["published"] or "—"
            if m["published_from"] and m["published"]:
                date += f" ({m['published_from']})"
            table.add_row(cluster["id"] if i == 0 else "", cluster["origin"] if i == 0 else "",
                          m["id"] + mark, Path(m["source"]).name, date, similarity.get(m["id"], ""))
        table.add_section()
    return table


@app.command("duplicates")
def duplicates_command(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List duplicate clusters: copies of one text, their canonical copy and their origin."""
    from ..store import open_store

    if fmt not in ("table", "json"):
        err_console.print(f"[red]error:[/red] unknown --format {fmt!r}: use table or json")
        raise typer.Exit(EXIT_USAGE)
    with open_store(state.db) as store:
        report = duplicates_report(store)
    if fmt == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        console.print(_table(report))
