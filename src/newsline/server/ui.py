"""The web UI: HTML pages rendering the same payloads as the JSON API (Jinja2, autoescaped)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["router", "error_page"]

router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    from html import escape

    return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>", status_code=status)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI document (no third-party script)."""
    from html import escape

    spec = request.app.openapi()
    rows = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            params = ", ".join(escape(p["name"]) for p in op.get("parameters", []))
            rows.append(f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>"
                        f"<p>{escape(op.get('summary', ''))}</p><p>{escape(op.get('description', ''))}</p>"
                        f"<p>Parameters: {params or 'none'}</p></section>")
    return HTMLResponse("<!doctype html><html><head><meta charset='utf-8'><title>newsline API</title></head>"
                        f"<body><h1>newsline API</h1><p><a href='/openapi.json'>openapi.json</a></p>{''.join(rows)}"
                        "</body></html>")
