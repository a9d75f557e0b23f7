"""newsline duplicates: the duplicate clusters, their canonical copy and origin."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ._app import EXIT_USAGE, app, console, err_console, state
from ._terminal import plain


def _pair_json(p: Any) -> dict[str, Any]:
    return {"a": p.a, "b": p.b, "kind": p.kind, "jaccard": p.jaccard, "containment": p.containment}


def member_match(member: str, canonical: str, pairs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Why ``member`` is in its cluster: its pair with the canonical copy when it has one, else
    its most similar judged pair (a member can join through another copy). None for the
    canonical itself."""
    if member == canonical:
        return None
    mine = [p for p in pairs if member in (p["a"], p["b"])]
    if not mine:
        return None
    best = max(mine, key=lambda p: (canonical in (p["a"], p["b"]), p["jaccard"], p["containment"]))
    other = best["b"] if best["a"] == member else best["a"]
    return {"with": other, "kind": best["kind"], "jaccard": best["jaccard"], "containment": best["containment"]}


def _member_json(article: Any, canonical: str, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": article.id, "source": article.source, "title": article.title,
            "outlet": article.outlet, "published": article.published,
            "published_from": article.published_from, "canonical": article.id == canonical,
            "match": member_match(article.id, canonical, pairs)}


def duplicates_report(store: Any) -> dict[str, Any]:
    """The duplicates stage's result as JSON: clusters (origin, canonical copy, each member with
    its date, the reason for it and the pair that put it there), every judged pair, and the
    number of independent origins among all stored articles."""
    pairs = [_pair_json(p) for p in store.duplicate_pairs()]
    by_article: dict[str, list[dict[str, Any]]] = {}
    for p in pairs:
        by_article.setdefault(p["a"], []).append(p)
        by_article.setdefault(p["b"], []).append(p)
    clusters = []
    for cluster in store.iter_clusters():
        members = [_member_json(a, cluster.canonical, by_article.get(a.id, []))
                   for a in store.iter_articles(cluster.members)]
        wire = cluster.origin.split(":", 1)[1] if cluster.origin.startswith("wire:") else None
        clusters.append({"id": cluster.id, "origin": cluster.origin, "wire": wire,
                         "canonical": cluster.canonical, "size": len(cluster.members), "members": members})
    ids = store.article_ids()
    return {"articles": len(ids), "origins": store.count_origins(ids), "clusters": clusters, "pairs": pairs}


def _match_text(match: dict[str, Any] | None, canonical: bool) -> str:
    if canonical:
        return "canonical"
    if match is None:
        return ""
    return f"{match['kind']} J={match['jaccard']:.2f} C={match['containment']:.2f} · {match['with']}"


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"{len(report['clusters'])} duplicate clusters · {report['articles']} articles"
                        f" · {report['origins']} independent origins")
    for column in ("cluster", "origin", "article", "file", "published", "match"):
        table.add_column(column, overflow="fold")
    for cluster in report["clusters"]:
        for i, m in enumerate(cluster["members"]):
            date = m["published"] or "—"
            if m["published_from"] and m["published"]:
                date += f" ({m['published_from']})"
            table.add_row(cluster["id"] if i == 0 else "", plain(cluster["origin"] or "") if i == 0 else "",
                          m["id"], plain(Path(m["source"] or "-").name), plain(date),
                          plain(_match_text(m["match"], m["canonical"])))
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
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List duplicate clusters: copies of one text, their canonical copy and their origin."""
    from ..store import open_store

    if fmt not in ("table", "json"):
        err_console.print(f"[red]error:[/red] unknown --format {plain(repr(fmt))}: use table or json")
        raise typer.Exit(EXIT_USAGE)
    with open_store(state.db) as store:
        if article is not None:
            found = store.get_article(article)  # a unique id prefix is enough
            report = store.origin_of(found.id) if found is not None else None
            if report is None:
                err_console.print(f"[red]error:[/red] no article {plain(repr(article))} in the store "
                                  "(`newsline articles` lists the ids)")
                raise typer.Exit(EXIT_USAGE)
        else:
            report = duplicates_report(store)
    if fmt == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif article is not None:
        console.print(_article_table(report, found.id))
    else:
        console.print(_table(report))
