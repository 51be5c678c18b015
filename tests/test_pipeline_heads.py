"""The cache's header index: a rebuild takes cached artifacts' headers from one file, and never a header its entry no longer has."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_pipeline import multi, truthful

from handouts.build import BuildOptions, build
from handouts.pipeline.cache import HEADS, Cache, Entry

KEY = "ab" + "0" * 62


def stored(folder: Path, entry: Entry) -> Cache:
    """A cache in `folder` holding `entry` under KEY, its index saved."""
    cache = Cache(folder)
    cache.put(KEY, entry)
    cache.save()
    return cache


def test_a_saved_header_is_taken_from_the_index_without_opening_the_entry(tmp_path: Path) -> None:
    stored(tmp_path, Entry(b"%PDF-bytes", 3, {"source_version": "1.0"}))
    again = Cache(tmp_path)
    head = again.head(KEY)
    assert head is not None and again.head_reads == 0
    assert (head.pages, head.facts, head.sizes) == (3, {"source_version": "1.0"}, (10,))
    assert head.sums == ("4451e99c1dd5674e480dda9955aae2cf265f41976007b9a0e45d75e99d0dad3c",)  # printf %%PDF-bytes | sha256sum


def test_an_entry_changed_after_the_index_was_saved_is_read_from_its_file(tmp_path: Path) -> None:
    stored(tmp_path, Entry(b"one", 1))
    path = tmp_path / KEY[:2] / KEY
    raw = path.read_bytes()
    # -- the same size, another page count: only the file's identity (its ctime, mtime) tells --
    path.write_bytes(raw.replace(b'"pages": 1', b'"pages": 7'))
    again = Cache(tmp_path)
    head = again.head(KEY)
    assert head is not None and head.pages == 7 and again.head_reads == 1


def test_an_entry_replaced_by_another_file_is_read_from_it(tmp_path: Path) -> None:
    stored(tmp_path, Entry(b"one", 1))
    Cache(tmp_path).put(KEY, Entry(b"two", 2))  # -- a rename: a new inode; this cache never saves its index --
    again = Cache(tmp_path)
    head = again.head(KEY)
    assert head is not None and head.pages == 2 and again.head_reads == 1


def test_a_removed_entry_has_no_header_whatever_the_index_says(tmp_path: Path) -> None:
    stored(tmp_path, Entry(b"one", 1))
    (tmp_path / KEY[:2] / KEY).unlink()
    assert Cache(tmp_path).head(KEY) is None


@pytest.mark.parametrize("index", [b"not json", b"[1, 2]", b'{"' + KEY.encode() + b'": "no row"}'])
def test_an_unreadable_index_only_costs_the_reads(tmp_path: Path, index: bytes) -> None:
    stored(tmp_path, Entry(b"one", 1))
    (tmp_path / HEADS).write_bytes(index)
    again = Cache(tmp_path)
    head = again.head(KEY)
    assert head is not None and head.pages == 1 and again.head_reads == 1
    again.save()
    assert json.loads((tmp_path / HEADS).read_text())[KEY][4].startswith('{"facts"')


def test_the_index_keeps_rows_only_of_entries_that_are_still_there(tmp_path: Path) -> None:
    other = "cd" + "1" * 62
    cache = Cache(tmp_path)
    cache.put(KEY, Entry(b"one", 1))
    cache.put(other, Entry(b"two", 1))
    cache.save()
    (tmp_path / other[:2] / other).unlink()
    later = Cache(tmp_path)
    later.head(KEY)
    later.save()
    assert set(json.loads((tmp_path / HEADS).read_text())) == {KEY}


def test_a_no_op_rebuild_opens_no_cache_entry_and_a_changed_one_is_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    caches: list[Cache] = []
    real = Cache.__init__

    def kept(self: Cache, *args: object, **kwargs: object) -> None:
        real(self, *args, **kwargs)  # type: ignore[arg-type]
        caches.append(self)

    monkeypatch.setattr(Cache, "__init__", kept)
    root = multi(tmp_path, 2)
    build(root, BuildOptions(jobs=1, check=False))
    before = truthful(root / "output")
    again = build(root, BuildOptions(jobs=1, check=False))
    assert (again.built, again.cached, again.written) == (0, 6, 0)
    assert caches[-1].head_reads == 0  # -- no artifact's entry opened: its header from the index (loaded documents are still got whole) --
    # -- entries corrupted in place after they were indexed: their headers are read from the files again, and the artifact
    #    whose output file is gone is rendered again (its entry no longer verifies), the others left as they are --
    for entry in (root / ".handouts-cache").glob("*/*"):
        if entry.is_file():
            raw = entry.read_bytes()
            entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
    os.remove(root / "output" / "doc-1" / "en" / "doc-1.en.pdf")
    third = build(root, BuildOptions(jobs=1, check=False))
    assert (third.built, third.cached) == (1, 5)
    assert caches[-1].head_reads >= 5 and caches[-1].corrupt >= 1
    assert truthful(root / "output") == before
