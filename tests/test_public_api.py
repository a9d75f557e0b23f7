"""The public Python API is small and pinned: a change here is a deliberate, documented one."""
from __future__ import annotations

import inspect

from newsline import api
from newsline.cli import app


def test_api_surface_is_pinned():
    assert sorted(api.__all__) == sorted(
        ["open_store", "ingest", "articles", "article", "rejects", "export", "IngestReport",
         "events", "event", "search", "facets", "serve"])


def test_api_options_are_keyword_only():
    for name in ("ingest", "articles", "article", "rejects", "export", "events", "event", "search", "facets", "serve"):
        params = inspect.signature(getattr(api, name)).parameters.values()
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional in ([], ["paths"], ["article_id"], ["event_id"], ["q"], ["field"]), (name, positional)


def test_cli_mirrors_the_api():
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert {"ingest", "articles", "show", "rejects", "export", "timeline", "annotate", "duplicates",
            "serve", "search", "facets"} <= commands
    groups = {g.name for g in app.registered_groups}
    assert "eval" in groups
