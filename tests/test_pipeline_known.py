"""Known files: a rebuild trusts an output file's recorded sha256 only while its stat identity is unchanged and not racy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_pipeline import multi, truthful

from handouts.build import BuildOptions, build
from handouts.output import file_sha256
from handouts.pipeline import known as known_module
from handouts.pipeline.known import KNOWN, Known

A = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"  # sha256 of b"a", by hand: hashlib.sha256(b"a")
B = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"  # sha256 of b"b"


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file Known hashed, in order."""
    seen: list[str] = []

    def counted(path: Path) -> str:
        seen.append(str(path))
        return file_sha256(path)

    monkeypatch.setattr(known_module, "file_sha256", counted)
    return seen


def later(monkeypatch: pytest.MonkeyPatch, seconds: float = 10.0) -> None:
    """Digests are recorded as if taken `seconds` after now: the files hashed are no longer racy."""
    real = time.time_ns
    monkeypatch.setattr(known_module.time, "time_ns", lambda: real() + int(seconds * 1e9))


def test_a_known_file_is_not_hashed_again_until_its_bytes_change(tmp_path: Path, hashed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    file, table = tmp_path / "x.pdf", tmp_path / KNOWN
    file.write_bytes(b"a")
    first = Known(table)
    assert first.sha256(file) == A and len(hashed) == 1
    first.save()
    again = Known(table)
    assert again.holds(file, A) and len(hashed) == 1  # from the table
    time.sleep(0.05)  # -- past the filesystem's timestamp tick: the rewrite gets a new ctime --
    file.write_bytes(b"b")  # same size, other bytes
    assert not again.holds(file, A) and again.sha256(file) == B and len(hashed) == 2


def test_a_digest_taken_just_after_the_file_changed_is_not_trusted(tmp_path: Path, hashed: list[str]) -> None:
    file, table = tmp_path / "x.pdf", tmp_path / KNOWN
    file.write_bytes(b"a")
    first = Known(table)
    assert first.sha256(file) == A
    first.save()
    assert Known(table).sha256(file) == A and len(hashed) == 2  # racy: the file changed less than RACY_NS before it was hashed


def test_without_a_table_every_file_is_hashed_and_a_wrong_size_is_not_hashed(tmp_path: Path, hashed: list[str]) -> None:
    file = tmp_path / "x.pdf"
    file.write_bytes(b"a")
    nothing = Known(None)
    assert nothing.holds(file, A) and nothing.holds(file, A) and len(hashed) == 2
    assert not nothing.holds(file, A, size=2) and len(hashed) == 2
    assert nothing.sha256(tmp_path) is None and nothing.sha256(tmp_path / "gone") is None
    nothing.save()
    assert not (tmp_path / KNOWN).exists()


def test_a_garbled_table_is_ignored(tmp_path: Path, hashed: list[str]) -> None:
    file, table = tmp_path / "x.pdf", tmp_path / KNOWN
    file.write_bytes(b"a")
    table.write_text("[not a table", encoding="utf-8")
    assert Known(table).sha256(file) == A and len(hashed) == 1


def test_a_rebuild_hashes_no_unchanged_output_and_repairs_one_changed_behind_its_back(tmp_path: Path, hashed: list[str],
                                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    root = multi(tmp_path, 2)
    options = BuildOptions(jobs=1, check=False)
    build(root, options)
    build(root, options)  # -- the no-op rebuild hashes each output file once and keeps the digests --
    assert (root / ".handouts-cache" / KNOWN).is_file()
    hashed.clear()
    quiet = build(root, options)
    assert (quiet.built, quiet.cached, quiet.written) == (0, 6, 0) and hashed == []
    before = truthful(root / "output")
    pdf = root / "output" / "doc-1" / "en" / "doc-1.en.pdf"
    data = bytearray(pdf.read_bytes())
    time.sleep(0.05)
    data[-20] ^= 0x01  # -- one bit, same size: only the bytes say it changed --
    pdf.write_bytes(bytes(data))
    repaired = build(root, options)
    assert repaired.written == 1 and str(pdf) in hashed
    assert truthful(root / "output") == before  # the file holds its manifest entry's bytes again


def test_no_cache_keeps_no_table(tmp_path: Path) -> None:
    root = multi(tmp_path, 1)
    build(root, BuildOptions(jobs=1, check=False, use_cache=False))
    build(root, BuildOptions(jobs=1, check=False, use_cache=False))
    assert not (root / ".handouts-cache").exists()


def _deck_entry(root: Path) -> Path:
    (entry,) = [p for p in (root / ".handouts-cache").rglob("*") if p.is_file() and b"ppt/slides/" in p.read_bytes()]
    return entry


def test_a_rebuild_reads_no_entry_body_whose_output_file_holds_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    root = multi(tmp_path, 1)
    options = BuildOptions(jobs=1, check=False, formats=["pptx"])
    build(root, options)
    build(root, options)
    entry = _deck_entry(root)
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF  # -- a flipped byte in the body: get() would find it and render again; head() never reads it --
    entry.write_bytes(bytes(data))
    report = build(root, options)
    assert (report.built, report.cached, report.written) == (0, 1, 0)
    truthful(root / "output")


@pytest.mark.parametrize("entry_gone", [False, True])
def test_an_output_file_changed_between_the_take_and_the_commit_is_written_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry_gone: bool) -> None:
    from handouts.cli import main
    from handouts.pipeline.write import OutputFolder

    later(monkeypatch)
    root = multi(tmp_path, 1)
    options = BuildOptions(jobs=1, check=False, formats=["pptx"])
    build(root, options)
    build(root, options)
    before = truthful(root / "output")
    deck = root / "output" / "doc-1" / "en" / "doc-1.en.pptx"
    commit = OutputFolder.commit

    def meddled(self: OutputFolder, documents: list) -> list:
        if any(p.load for pieces in documents for p in pieces):  # -- taken from its header: the file changes behind the build's back --
            time.sleep(0.05)
            deck.write_bytes(b"x" * deck.stat().st_size)
            if entry_gone:
                _deck_entry(root).unlink()
        return commit(self, documents)

    monkeypatch.setattr(OutputFolder, "commit", meddled)
    monkeypatch.chdir(root)
    code = main(["build", "--format", "pptx", "--no-check", "--jobs", "1"])
    if entry_gone:
        assert code != 0  # -- "changed while the build ran and its cache entry is gone: build again" --
        monkeypatch.setattr(OutputFolder, "commit", commit)
        assert main(["build", "--format", "pptx", "--no-check", "--jobs", "1"]) == 0  # -- renders it again --
        assert truthful(root / "output") == before
    else:
        assert code == 0 and truthful(root / "output") == before and deck.read_bytes()[:2] == b"PK"
