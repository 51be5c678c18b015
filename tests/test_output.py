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
            writer.add(artifact(bad), b"x")
    assert not (tmp_path / "escape.pdf").exists()


def test_refuses_same_path_twice(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.add(artifact("d/en/d.en.pdf"), b"1")
    with pytest.raises(HandoutsError, match="two artifacts"):
        writer.add(artifact("d/en/d.en.pdf"), b"2")


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
    first.add(artifact("a/en/a.en.pdf", b"a"), b"a")
    first.add(artifact("b/en/b.en.pdf", b"b"), b"b")
    first.commit()
    (tmp_path / "b/en/b.en.pdf").unlink()
    second = Writer(tmp_path)
    second.add(artifact("c/en/c.en.pdf", b"c"), b"c")
    manifest = json.loads(second.commit().read_text())
    paths = [e["path"] for e in manifest["artifacts"]]
    assert paths == ["a/en/a.en.pdf", "c/en/c.en.pdf"]
    entry = manifest["artifacts"][0]
    assert set(entry) >= {"document", "locale", "format", "variant", "path", "sha256", "pages", "source_version"}
    assert entry["sha256"] == sha256((tmp_path / "a/en/a.en.pdf").read_bytes())


def test_a_failed_commit_writes_nothing_and_keeps_the_previous_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = Writer(out)
    first.add(artifact("a/en/a.en.pdf", b"old"), b"old")
    first.commit()
    before = (out / "manifest.json").read_bytes()
    (out / "b").write_bytes(b"a file where the folder b/ must go")
    second = Writer(out)
    second.add(artifact("a/en/a.en.pdf", b"new"), b"new")
    second.add(artifact("c/en/c.en.pdf", b"c"), b"c")
    second.add(artifact("b/en/b.en.pdf", b"b"), b"b")
    with pytest.raises(HandoutsError, match="is a file, not a folder") as caught:
        second.commit()
    assert str(caught.value) == f"{out / 'b'}: is a file, not a folder: delete or rename it, then build again", str(caught.value)
    assert (out / "a/en/a.en.pdf").read_bytes() == b"old"
    assert (out / "manifest.json").read_bytes() == before
    assert not (out / "c").exists(), "a folder made for the failed build was left behind"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["a", "a/en", "a/en/a.en.pdf", "b", "manifest.json"]


def test_ctrl_c_while_writing_lets_the_whole_build_land_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    replace = os.replace
    sent: list[str] = []

    def replace_then_interrupt(src: str, dst: str) -> None:
        replace(src, dst)
        if not sent:  # Ctrl-C right after the first file is in place
            sent.append(dst)
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    writer = Writer(tmp_path)
    for name in ("a", "b", "c"):
        writer.add(artifact(f"{name}/en/{name}.en.pdf", name.encode()), name.encode())
    with pytest.raises(KeyboardInterrupt):
        writer.commit()
    assert sent
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [e["path"] for e in manifest["artifacts"]] == ["a/en/a.en.pdf", "b/en/b.en.pdf", "c/en/c.en.pdf"]
    for entry in manifest["artifacts"]:
        assert sha256((tmp_path / entry["path"]).read_bytes()) == entry["sha256"]
    assert not list(tmp_path.rglob("*.tmp"))
