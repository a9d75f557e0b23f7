"""Special entries in a folder are skipped with a reason and never opened blocking; names that
are not UTF-8 are shown with escapes (regressions from the fuzz run of issue 14)."""
from __future__ import annotations

import os

import pytest

from newsline.records import Reject

TEXT = "A plain text article about the council budget vote, with enough words to read."


def _reasons(items):
    return {os.path.basename(i.source): i.reason for i in items if isinstance(i, Reject)}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_in_a_folder_is_skipped_not_opened(tmp_path, read_all):
    (tmp_path / "real.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")                 # opening it would block until a writer comes
    items = read_all(tmp_path)
    assert "FIFO" in _reasons(items)["pipe.txt"]
    assert [i.text for i in items if not isinstance(i, Reject)] == [TEXT]


def test_fifo_named_directly_is_skipped(tmp_path, read_all):
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in _reasons(read_all(tmp_path / "pipe.txt"))["pipe.txt"]


def test_device_behind_a_symlink_is_skipped(tmp_path, read_all):
    (tmp_path / "real.txt").write_text(TEXT)
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    assert "character device" in _reasons(read_all(tmp_path))["zero.txt"]


def test_symlink_loop_is_a_reject(tmp_path, read_all):
    (tmp_path / "real.txt").write_text(TEXT)
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    os.symlink("..", tmp_path / "up")                # a loop through a folder is not followed
    reasons = _reasons(read_all(tmp_path))
    assert "symlink loop" in reasons["a.txt"] and "symlink loop" in reasons["b.txt"]


def test_file_name_that_is_not_utf8_is_read_and_storable(tmp_path, read_all, store):
    from newsline.clean import Cleaner

    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text(TEXT)
    [doc] = read_all(tmp_path)
    assert doc.source.endswith("bad\\xffname.txt")
    store.put_article(Cleaner(store).clean(doc))
