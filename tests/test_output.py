"""Writing artifacts: atomic, confined to the output folder, once per path; the manifest merges."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from handouts.errors import HandoutsError
from handouts.output import Artifact, Writer, atomic_write, sha256


def artifact(path: str, data: bytes = b"x") -> Artifact:
    return Artifact("doc", "en", "pdf", "standard", path, sha256(data), 1, "1.0")


def test_refuses_paths_outside_output(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "out")
    for bad in ("../escape.pdf", "/etc/passwd", "a/../../b.pdf"):
        with pytest.raises(HandoutsError, match="outside the output folder"):
            writer.write(artifact(bad), b"x")
    assert not (tmp_path / "escape.pdf").exists()


def test_refuses_same_path_twice(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write(artifact("d/en/d.en.pdf"), b"1")
    with pytest.raises(HandoutsError, match="two artifacts"):
        writer.write(artifact("d/en/d.en.pdf"), b"2")


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "leaflet.pdf"
    atomic_write(target, b"good old bytes")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new bytes that never land")
    assert target.read_bytes() == b"good old bytes"
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_manifest_merges_and_drops_missing(tmp_path: Path) -> None:
    first = Writer(tmp_path)
    first.write(artifact("a/en/a.en.pdf", b"a"), b"a")
    first.write(artifact("b/en/b.en.pdf", b"b"), b"b")
    first.write_manifest()
    (tmp_path / "b/en/b.en.pdf").unlink()
    second = Writer(tmp_path)
    second.write(artifact("c/en/c.en.pdf", b"c"), b"c")
    manifest = json.loads(second.write_manifest().read_text())
    paths = [e["path"] for e in manifest["artifacts"]]
    assert paths == ["a/en/a.en.pdf", "c/en/c.en.pdf"]
    entry = manifest["artifacts"][0]
    assert set(entry) >= {"document", "locale", "format", "variant", "path", "sha256", "pages", "source_version"}
    assert entry["sha256"] == sha256((tmp_path / "a/en/a.en.pdf").read_bytes())
