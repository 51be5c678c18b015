"""The manifest is parsed once per build, and still merges what another build wrote in between; its bytes are indented JSON."""

from __future__ import annotations

import json
from pathlib import Path

from test_pipeline import truthful

from handouts.output import Artifact, sha256
from handouts.pipeline.write import OutputFolder, Piece


def piece(doc: str, text: str) -> Piece:
    data = f"{doc}: {text}".encode()
    return Piece(Artifact(doc, "en", "pptx", "standard", f"{doc}/en/{doc}.en.pptx", sha256(data), 1, "1.0"), data)


def listed(out: Path) -> list[str]:
    return [e["path"] for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]]


def test_a_commit_keeps_the_entries_another_build_wrote_since_this_one_last_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    mine, theirs = OutputFolder(out), OutputFolder(out)
    mine.commit([[piece("a", "one")]])
    theirs.commit([[piece("b", "one")]])  # -- between two commits of `mine`: its remembered manifest is now stale --
    mine.commit([[piece("c", "one")]])
    assert listed(out) == ["a/en/a.en.pptx", "b/en/b.en.pptx", "c/en/c.en.pptx"]
    theirs.commit([[piece("b", "two")]])
    mine.commit([[piece("a", "two")]])
    assert listed(out) == ["a/en/a.en.pptx", "b/en/b.en.pptx", "c/en/c.en.pptx"]
    assert (out / "b" / "en" / "b.en.pptx").read_text() == "b: two" and (out / "a" / "en" / "a.en.pptx").read_text() == "a: two"
    truthful(out)


def test_a_file_removed_during_the_build_leaves_the_manifest_at_the_next_commit(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = OutputFolder(out)
    folder.commit([[piece("a", "one")], [piece("b", "one")]])
    (out / "a" / "en" / "a.en.pptx").unlink()  # -- by hand, while the build goes on --
    folder.commit([[piece("c", "one")]])
    assert listed(out) == ["b/en/b.en.pptx", "c/en/c.en.pptx"]
    truthful(out)
    text = (out / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
