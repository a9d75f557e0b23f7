"""Writing a command's output file (``-o FILE``): atomically, or refused with what to do.

The text goes to a temporary file in the target's folder, is flushed to disk, then renamed over
the target: a reader (or a kill mid-write) never sees half a file, and an existing file is kept
until the new one is complete. A missing folder, a folder given as the file, or no permission
raises :class:`~newsline.errors.OutputError` (exit code 4), not a traceback.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist (create it first "
                          "or give another -o path)")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name with -o")
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp, 0o666 & ~_umask())         # mkstemp makes 0600; keep the usual file mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc} (check the folder's permissions "
                          "and free space)") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
