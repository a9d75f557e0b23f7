"""``newsline serve``: the JSON API (``/api/v1/``, OpenAPI at ``/openapi.json``) and the web UI
(``/``) over one store, on uvicorn.

* :mod:`.app` builds the FastAPI application: one error shape, security headers, a read
  connection per worker thread (WAL: it serves while ``ingest`` writes).
* :mod:`.api_routes` the JSON endpoints, each a thin call to a :mod:`newsline.api` /
  :mod:`newsline.browse` function; :mod:`.jobs` the authenticated ``POST /api/v1/ingest``.
* :mod:`.ui` the HTML pages (Jinja2, autoescaped) rendering the same payloads.

FastAPI, uvicorn and Jinja2 are imported here only, so the rest of newsline runs without them.
"""
from __future__ import annotations

from .run import LOOPBACK, run_server

__all__ = ["run_server", "create_app", "LOOPBACK"]


def create_app(*args, **kwargs):
    """See :func:`newsline.server.app.create_app`."""
    from .app import create_app as _create

    return _create(*args, **kwargs)
