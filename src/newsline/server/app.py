"""The FastAPI application: routes, one error shape, security headers, per-thread read stores.

Errors are ``{"error": {"code", "message"}}`` with the status that says what went wrong: 400 a
filter, cursor or query that cannot be understood, 401 no token, 403 a wrong token, 404 an
unknown id or page, 413 an upload over a size limit, 422 a request body that is not valid.
HTML pages answer errors with the same code and message in a page.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConfigError, StoreError
from ..store import SQLiteStore

__all__ = ["create_app", "ApiError", "Stores", "CSP"]

#: No inline script or style, no plugin, nothing from another origin: article text is untrusted.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large", 422: "invalid_body", 500: "internal_error",
                 503: "unavailable"}


class ApiError(Exception):
    """An error answered in the one error shape."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or _STATUS_CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


class Stores:
    """One read-only connection per worker thread, plus one writable connection held for the
    server's life (it applies pending migrations at start and keeps the WAL files in place)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.exists():
            raise ConfigError(f"no store at {self.path}: run `newsline --db {self.path} ingest PATH` first")
        self.keeper = SQLiteStore(self.path)
        _analyze(self.keeper)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[SQLiteStore] = []

    def get(self) -> SQLiteStore:
        """This thread's read connection (call it in the endpoint body, which runs in the thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.path, readonly=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def dedicated(self) -> SQLiteStore:
        """A read connection of its own (for a streamed response, which may hop threads)."""
        return SQLiteStore(self.path, readonly=True)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
        self.keeper.close()


def _analyze(store: SQLiteStore) -> None:
    """Give SQLite's planner table statistics (once per store; refreshed when stale), so a filter
    on a rare type uses the type index rather than scanning the time order."""
    import sqlite3

    try:
        known = store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
        store.db.execute("PRAGMA optimize" if known else "ANALYZE")
    except sqlite3.OperationalError:    # a busy writer: serve without fresh statistics
        pass


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code or _STATUS_CODES.get(status, "error"), "message": message}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json")) and "text/html" in request.headers.get("accept", "")


def _answer(request: Request, status: int, message: str, code: str | None = None,
            headers: dict[str, str] | None = None):
    if _wants_html(request):
        from .ui import error_page

        return error_page(request, status, message)
    return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _answer(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(ConfigError)        # QueryError and any other bad option value
    async def _query_error(request: Request, exc: ConfigError):
        return _answer(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return _answer(request, 503, f"the store cannot be read right now: {exc}")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = {404: f"no page at {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
        return _answer(request, exc.status_code, message.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return _answer(request, 500, f"internal error ({type(exc).__name__}); the server goes on")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        in_body = any(e.get("loc", ("",))[0] == "body" for e in errors)
        where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path', 'body'))}: "
                          f"{e.get('msg')}" for e in errors[:5])
        return _answer(request, 422 if in_body else 400, f"invalid {'body' if in_body else 'parameter'}: {where}")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (a plain ASGI middleware: the
    ``@app.middleware`` kind costs milliseconds per request)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, *, token: str, max_file_bytes: int = 10 * 1024 * 1024,
               max_request_bytes: int = 50 * 1024 * 1024) -> FastAPI:
    """The application over the store at ``db_path`` (which must exist). ``token`` guards
    ``POST /api/v1/ingest``; the two limits bound one uploaded file and one request body."""
    from . import api_routes, jobs, ui

    stores = Stores(Path(db_path))
    app = FastAPI(title="newsline", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="A deduplicated, source-attributed timeline of events over one newsline store. "
                              "Every payload is the CLI's `--format json` / the export schema's.")
    app.state.db_path = stores.path
    app.state.stores = stores
    app.state.token = token
    app.state.limits = {"file": max_file_bytes, "request": max_request_bytes}
    app.state.jobs = jobs.JobRunner(stores.path)

    def shutdown() -> None:
        app.state.jobs.close()
        stores.close()

    app.state.shutdown = shutdown

    app.add_middleware(SecurityHeaders)

    _install_errors(app)
    app.include_router(api_routes.router)
    app.include_router(jobs.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(packages=[("newsline", "data/serve")]), name="static")   # app.js, style.css
    return app
