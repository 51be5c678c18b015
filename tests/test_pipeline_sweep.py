"""Recovery's sweep of stale staging and stray temp files, while another build into the same folder removes its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handouts.pipeline import write
from handouts.pipeline.write import STAGING, recover


def test_a_folder_that_vanishes_mid_sweep_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # -- another build removes a folder of its own after this build listed the folder holding it (seen once in CI) --
    gone = tmp_path / "other" / STAGING
    gone.mkdir(parents=True)
    (tmp_path / "doc" / "en").mkdir(parents=True)
    stray = tmp_path / "doc" / "en" / ".leaflet.pdf.tmp"
    stray.write_bytes(b"half")
    kept = tmp_path / "doc" / "en" / "leaflet.pdf"
    kept.write_bytes(b"%PDF")
    real = os.scandir

    class Listed:
        """A directory listing taken before the folder went, as os.scandir's iterator."""

        def __init__(self, entries: list[os.DirEntry[str]]) -> None:
            self.entries = iter(entries)

        def __iter__(self) -> Listed:
            return self

        def __next__(self) -> os.DirEntry[str]:
            return next(self.entries)

        def __enter__(self) -> Listed:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def close(self) -> None:
            return None

    def racing(path: object = ".") -> object:
        if isinstance(path, int) or Path(os.fsdecode(path)) != gone.parent:  # type: ignore[arg-type]  # -- rmtree scans by fd --
            return real(path)  # type: ignore[arg-type]
        with real(path) as it:  # type: ignore[arg-type]
            entries = Listed(list(it))
        shutil.rmtree(gone)  # -- listed, then gone before it is scanned --
        return entries

    monkeypatch.setattr(write.os, "scandir", racing)
    assert recover(tmp_path) is False
    assert not stray.exists() and kept.read_bytes() == b"%PDF"


def test_a_staging_folder_removed_between_listing_and_locking_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / STAGING / "build-b"
    gone.mkdir(parents=True)
    real = os.open

    def racing(path: object, flags: int, *args: object) -> int:
        if not isinstance(path, int) and Path(os.fsdecode(path)) == gone:  # type: ignore[arg-type]
            gone.rmdir()
        return real(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(write.os, "open", racing)
    recover(tmp_path)
    assert not (tmp_path / STAGING).exists()
