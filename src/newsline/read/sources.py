"""Where input comes from: files, folders, globs, stdin and (later) URLs.

:func:`expand_path` turns one user argument into :class:`Source` objects (or a Reject when it
names nothing); :meth:`Source.load` returns the bytes, refusing anything larger than
``max_bytes`` before reading it (files are checked with ``stat``, stdin is read in chunks).

URLs go through a :class:`Fetcher`. The only fetcher today is :class:`OfflineFetcher`, which
refuses with "fetching URLs is not enabled offline": a real one (httpx, with a size cap and a
content-type check) can be passed to ``iter_documents(fetcher=...)`` later without touching the
readers, since a fetched page is just bytes plus a name to detect the format from.
"""
from __future__ import annotations

import errno
import fnmatch
import glob
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import InputError, TooLargeError
from ..records import Reject
from ._data import load_formats

__all__ = ["Source", "Loaded", "Fetcher", "OfflineFetcher", "expand_path", "human_size", "PathFilter",
           "special_file", "display_name"]

_CHUNK = 1 << 20
_GLOB_CHARS = frozenset("*?[")
URL_SCHEMES = ("http://", "https://")


@dataclass(slots=True, frozen=True)
class Loaded:
    """The bytes of one source and what is known about them before sniffing."""

    data: bytes
    name: str                   # file name (or URL path) used for format detection by extension
    content_type: str | None = None


class Fetcher(Protocol):
    """Fetches a URL's bytes (at most ``max_bytes``); raises InputError when it cannot."""

    def fetch(self, url: str, *, max_bytes: int) -> Loaded: ...


class OfflineFetcher:
    """The fetcher used today: newsline runs offline, so every URL is refused with a reason."""

    def fetch(self, url: str, *, max_bytes: int) -> Loaded:
        raise InputError(f"fetching URLs is not enabled offline: save the page and pass the file ({url})")


@dataclass(slots=True, frozen=True)
class Source:
    """One input: a file path, stdin (``-``) or a URL, named as the user gave it."""

    name: str
    kind: str                   # "file", "stdin", "url"
    path: Path | None = None

    @property
    def key(self) -> str:
        """Identity used to read a file only once when several arguments name it."""
        return os.path.realpath(self.path) if self.path else f"{self.kind}:{self.name}"

    def load(self, *, max_bytes: int, fetcher: Fetcher | None = None) -> Loaded:
        if self.kind == "url":
            return (fetcher or OfflineFetcher()).fetch(self.name, max_bytes=max_bytes)
        if self.kind == "stdin":
            return Loaded(_read_limited(sys.stdin.buffer, max_bytes, "stdin"), name="")
        return Loaded(_read_file(self.path, max_bytes), name=self.path.name)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        problem = special_file(path)
        if problem:
            raise InputError(problem)
        # O_NONBLOCK: a FIFO swapped in after the check must not block the run; regular files ignore it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"not a regular file ({_file_kind(info.st_mode)}): skipped")
            if info.st_size > max_bytes:
                raise TooLargeError(f"file is {human_size(info.st_size)}, larger than the {human_size(max_bytes)} "
                                    "input limit (raise it with NEWSLINE_MAX_BYTES)")
            return _read_limited(handle, max_bytes, "file")
    except PermissionError:
        raise InputError("cannot read the file: permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file or directory (it disappeared while reading)") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except OSError as exc:          # ELOOP, ENAMETOOLONG, EIO …
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from None


def special_file(path: Path | str) -> str | None:
    """Why ``path`` is not a file to read (a FIFO, device, socket, symlink loop), or None.

    Never opens the path: opening a FIFO blocks until a writer comes.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: the link points back to itself"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "broken symlink: its target does not exist"
        return None                 # reading reports other errors with their own reason
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"not a regular file ({_file_kind(mode)}): skipped"


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO / named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def display_name(name: str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 (kept by Python as
    lone surrogates) are shown as ``\\xff`` escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_limited(handle, max_bytes: int, what: str) -> bytes:
    """Read at most ``max_bytes`` (a file can grow after stat; stdin has no size)."""
    chunks, total = [], 0
    while True:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(f"{what} holds more than the {human_size(max_bytes)} input limit "
                                "(raise it with NEWSLINE_MAX_BYTES)")


def human_size(size: int) -> str:
    """``1536`` -> ``1.5 KB``; exact bytes below 1 KB."""
    if size < 1024:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        size /= 1024
        if size < 1024 or unit == "TB":
            return f"{size:.1f} {unit}"
    raise AssertionError("unreachable")


@dataclass(slots=True, frozen=True)
class PathFilter:
    """``--include`` / ``--exclude`` globs for folder walks and glob arguments.

    A pattern is matched against a file's path relative to the folder walked (``2016/nyt_x.txt``)
    and against its bare name, so ``--exclude '*.conll'`` and ``--exclude 'raw/*'`` both work; an
    excluded folder is not entered. With include patterns, only files matching one are read.
    A file named explicitly on the command line is always read.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def _matches(self, patterns: tuple[str, ...], rel: str) -> bool:
        name = rel.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
                   for p in patterns)

    def keeps_file(self, rel: str) -> bool:
        return not self._matches(self.exclude, rel) and (not self.include or self._matches(self.include, rel))

    def keeps_folder(self, rel: str) -> bool:
        return not self._matches(self.exclude, rel)


_ALL = PathFilter()


def expand_path(arg: str, paths: PathFilter = _ALL) -> Iterator[Source | Reject]:
    """Sources named by one argument: a file, a folder (recursive), a glob, ``-`` or a URL."""
    if arg == "-":
        yield Source("-", "stdin")
        return
    if arg.lower().startswith(URL_SCHEMES):
        yield Source(arg, "url")
        return
    path = Path(arg).expanduser()
    shown = display_name(arg)
    problem = special_file(path)
    if problem and not (_GLOB_CHARS & set(arg)):
        yield Reject(shown, "read", problem)
    elif path.is_dir():
        yield from _walk(arg, path, paths)
    elif path.exists():
        yield Source(shown, "file", path)
    elif _GLOB_CHARS & set(arg):
        yield from _glob(arg, paths)
    else:
        yield Reject(shown, "read", f"no such file or directory: {shown}")


def _walk(arg: str, root: Path, paths: PathFilter = _ALL) -> Iterator[Source | Reject]:
    """Files under a folder in sorted order, skipping hidden entries, known non-article files and
    what ``paths`` leaves out."""
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and paths.keeps_folder(prefix + d))
        for name in sorted(filenames):
            if name.startswith(".") or _skipped(name) or not paths.keeps_file(prefix + name):
                continue
            shown = display_name(os.path.join(arg, os.path.relpath(os.path.join(dirpath, name), root)))
            problem = special_file(os.path.join(dirpath, name))
            if problem:                                 # FIFOs, devices, loops: never opened
                yield Reject(shown, "read", problem)
                continue
            found = True
            yield Source(shown, "file", Path(dirpath) / name)
    if not found:
        yield Reject(arg, "read", "folder holds no article files")


def _glob(pattern: str, paths: PathFilter = _ALL) -> Iterator[Source | Reject]:
    """Matches of a glob (``**`` recursive) in sorted order; folders are walked, junk skipped."""
    matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        yield Reject(pattern, "read", f"no such file or directory: no path matches the pattern {pattern}")
        return
    found = 0
    for match in matches:
        if os.path.isdir(match):
            for source in _walk(match, Path(match), paths):
                if isinstance(source, Source):
                    found += 1
                    yield source
        elif _skipped(os.path.basename(match)) or not paths.keeps_file(match.replace(os.sep, "/")):
            continue
        elif special_file(match):
            yield Reject(display_name(match), "read", special_file(match))
        elif os.path.isfile(match):
            found += 1
            yield Source(display_name(match), "file", Path(match))
    if not found:
        yield Reject(pattern, "read", f"no article files match the pattern {pattern}")


def _skipped(name: str) -> bool:
    lower = name.lower()
    formats = load_formats()
    return (any(lower.endswith(ext) for ext in formats["skip_in_folders"] + formats["data_extensions"])
            or any(fnmatch.fnmatch(lower, pattern.lower()) for pattern in formats["skip_names_in_folders"]))
