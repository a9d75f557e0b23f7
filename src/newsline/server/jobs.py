"""``POST /api/v1/ingest`` (bearer token; multipart files or a JSON body of records) and
``GET /api/v1/jobs/{id}``: each upload becomes a background job run by one writer thread.

Uploads are kept beside the store, in ``<store>.uploads/<job id>/``: they are the sources the
articles were read from (their ``source`` points there), as with any ``newsline ingest PATH``.
The request body is read with a running count, so an oversized upload is refused (413) without
being held whole; each file has its own limit too.
"""
from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request

from .app import ApiError

__all__ = ["router", "JobRunner"]

router = APIRouter(prefix="/api/v1", tags=["ingest"])
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class JobRunner:
    """Runs ingest jobs one at a time (the store has one writer) and keeps their progress."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.uploads = self.db_path.with_name(self.db_path.name + ".uploads")
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsline-ingest")
        self._jobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        job_id = "job-" + secrets.token_hex(6)
        folder = self.uploads / job_id
        folder.mkdir(parents=True)
        return job_id, folder

    def submit(self, job_id: str, folder: Path, files: list[str], json_fields: dict[str, str] | None) -> dict[str, Any]:
        job = {"id": job_id, "status": "queued", "files": files, "created_at": _now(), "progress": {},
               "report": None, "rejects": [], "error": None}
        with self._lock:
            self._jobs[job_id] = job
        self._pool.submit(self._run, job_id, [str(folder / f) for f in files], json_fields)
        return self.get(job_id)

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return json.loads(json.dumps(job)) if job else None

    def _update(self, job_id: str, **fields: Any) -> None:
        with self._lock:
            self._jobs[job_id].update(fields)

    def _run(self, job_id: str, paths: list[str], json_fields: dict[str, str] | None) -> None:
        from .. import api
        from ..records import to_dict

        self._update(job_id, status="running", started_at=_now())

        def progress(step: str, done: int, total: int | None) -> None:
            self._update(job_id, progress={"step": step, "done": done, "total": total})

        try:
            report = api.ingest(paths, db=self.db_path, json_fields=json_fields, progress=progress)
        except Exception as exc:  # the job reports any failure; the server goes on
            self._update(job_id, status="failed", error=f"{type(exc).__name__}: {exc}", finished_at=_now())
            return
        self._update(job_id, status="done", report=report.summary(), rejects=to_dict(report.rejects),
                     new_ids=report.new_ids, finished_at=_now())

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def check_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one."""
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "ingesting needs `Authorization: Bearer <token>` (the token `newsline serve` printed "
                            "at start or read from --token-file)", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), request.app.state.token.encode()):
        raise ApiError(403, "that token is not this server's ingest token")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the request body ({int(declared)} bytes) is over the limit of {limit} bytes per request")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the request body is over the limit of {limit} bytes per request")
        chunks.append(chunk)
    return b"".join(chunks)


def _file_name(name: str | None, k: int, used: set[str]) -> str:
    base = _SAFE_NAME.sub("_", Path(name or "").name).strip("._") or f"upload-{k}"
    stem, dot, ext = base.partition(".")
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}{dot}{ext}"
    used.add(candidate)
    return candidate


async def _save_files(request: Request, body: bytes, folder: Path, file_limit: int) -> list[str]:
    request._body = body      # Starlette reads the cached body when it parses the form
    form = await request.form(max_files=1000, max_fields=1000)
    saved: list[str] = []
    used: set[str] = set()
    for k, (_, value) in enumerate(form.multi_items()):
        if isinstance(value, str):
            continue
        data = await value.read()
        if len(data) > file_limit:
            raise ApiError(413, f"file {value.filename!r} ({len(data)} bytes) is over the limit of {file_limit} bytes per file")
        name = _file_name(value.filename, k, used)
        (folder / name).write_bytes(data)
        saved.append(name)
    if not saved:
        raise ApiError(422, "the multipart body holds no file: send each file as a form part with a filename")
    return saved


def _save_records(body: bytes, folder: Path, file_limit: int) -> tuple[list[str], dict[str, str] | None]:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, f"the body is not JSON: {exc}") from exc
    records = doc.get("records") if isinstance(doc, dict) else doc
    fields = doc.get("json_fields") if isinstance(doc, dict) else None
    if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
        raise ApiError(422, 'the JSON body must be {"records": [{...}, ...]} (or a list of objects), at least one record')
    if fields is not None and not (isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values())):
        raise ApiError(422, '"json_fields" must map newsline field names to the records\' field names')
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    if len(lines) > file_limit:
        raise ApiError(413, f"the records ({len(lines)} bytes) are over the limit of {file_limit} bytes per file")
    (folder / "records.jsonl").write_bytes(lines)
    return ["records.jsonl"], fields


@router.post("/ingest", status_code=202, summary="Ingest uploaded files or JSON records (token required)")
async def ingest(request: Request) -> dict[str, Any]:
    """Multipart files (each part a file) or a JSON body `{"records": [...], "json_fields": {...}}`.
    Answers 202 with the job (`GET /api/v1/jobs/{id}` follows it); 401/403 without the right
    bearer token, 413 over a size limit, 422 for a body that is neither."""
    check_token(request)
    limits = request.app.state.limits
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("multipart/form-data", "application/json"):
        raise ApiError(422, f"send multipart/form-data files or an application/json body, not {kind or 'no content type'}")
    body = await _read_body(request, limits["request"])
    runner: JobRunner = request.app.state.jobs
    job_id, folder = runner.new_folder()
    try:
        if kind == "application/json":
            files, fields = _save_records(body, folder, limits["file"])
        else:
            files, fields = await _save_files(request, body, folder, limits["file"]), None
    except ApiError:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        raise
    return runner.submit(job_id, folder, files, fields)


@router.get("/jobs/{job_id}", summary="An ingest job's status and progress")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    """`status`: queued, running, done or failed; `progress`: the step and counts; `report` and
    `rejects` once done. Needs the same bearer token as the upload."""
    check_token(request)
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise ApiError(404, f"no job with id {job_id!r} (jobs are kept while the server runs)")
    return job
