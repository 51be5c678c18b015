"""A disk that fills, or a manifest that cannot be replaced, while a commit writes: one message, exit 1, the output folder as before."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from test_content import run
from test_pipeline import edit, leftovers, multi, truthful
from test_pipeline_faults import pieces, versions

from handouts.pipeline import write
from handouts.pipeline.faults import CommitFailed
from handouts.pipeline.write import OutputFolder

FULL = "No space left on device"
AS_BEFORE = "the output folder is as it was before this commit (its previous files and manifest are kept)"


def snapshot(out: Path) -> dict[str, str]:
    """Every file under the output folder (hidden ones too) -> its sha256: what "exactly as before" compares."""
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.rglob("*")) if p.is_file()}


def commit(out: Path, version: str, *docs: str) -> None:
    """One commit of these documents by a build that then ends."""
    folder = OutputFolder(out)
    folder.commit([pieces(d, version) for d in docs])
    folder.close()


def fd_name(fd: int) -> str:
    return os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))


def full_disk(monkeypatch: pytest.MonkeyPatch, when: Callable[[str], bool]) -> list[str]:
    """os.fsync fails with ENOSPC (as a full disk reports it) for files whose name `when` accepts; returns the names it failed."""
    real, failed = os.fsync, []

    def fsync(fd: int) -> None:
        name = fd_name(fd)
        if when(name):
            failed.append(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return failed


def nth(n: int, prefix: str, stays: bool) -> Callable[[str], bool]:
    """True for the n-th file (1-based) whose name starts with prefix (and, if the disk stays full, for every file after it)."""
    seen = [0]

    def when(name: str) -> bool:
        seen[0] += name.startswith(prefix)
        return seen[0] >= n if stays else (name.startswith(prefix) and seen[0] == n)
    return when


def built(root: Path, *formats: str) -> tuple[Path, dict[str, str]]:
    """The project built once, then its documents' text changed: the next build replaces every file."""
    code, text = run(root, "build", "--no-check", "--jobs", "1", "--no-cache", "--format", ",".join(formats))
    assert code == 0, text
    for folder in (root / "content").iterdir():
        edit(folder, lambda d: d["sections"][0]["body"].__setitem__(0, {"text": "A paragraph that changed."}))
    return root / "output", snapshot(root / "output")


# -- the commit itself: every file it fsyncs may meet a full disk --------------------------------------------------------

def test_a_full_disk_at_any_write_of_a_commit_leaves_the_folder_exactly_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    commit(out, "v0", "a", "b")
    before = snapshot(out)
    names: list[str] = []
    commit(tmp_path / "probe", "v0", "a", "b")
    probe = OutputFolder(tmp_path / "probe")
    with monkeypatch.context() as m:
        real = os.fsync
        m.setattr(os, "fsync", lambda fd: (names.append(fd_name(fd)), real(fd))[1])
        probe.commit([pieces(d, "v1") for d in ("a", "b")])
    # -- four staged files, the journal, the manifest without the changing entries, the manifest with the new ones --
    assert len(names) == 7 and sum(n.startswith(".manifest.json.") for n in names) == 2 and sum(n.startswith("..handouts-journal.json.") for n in names) == 1
    for k in range(1, len(names) + 1):
        with monkeypatch.context() as m:
            calls = [0]
            real = os.fsync

            def fsync(fd: int, k: int = k) -> None:
                calls[0] += 1
                if calls[0] >= k:  # -- the disk stays full from the k-th write on --
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                real(fd)
            m.setattr(os, "fsync", fsync)
            folder = OutputFolder(out)
            with pytest.raises(CommitFailed) as caught:
                folder.commit([pieces(d, f"v{k}") for d in ("a", "b")])
            folder.close()
        message = str(caught.value)
        assert FULL in message and f"a, b were not written: {AS_BEFORE}; free some space" in message, (k, message)
        assert snapshot(out) == before and leftovers(out) == [], k  # -- put back at once, the manifest too, with no space to spare --
        assert versions(out) == {"a": {"v0"}, "b": {"v0"}}, k


def test_a_manifest_the_system_will_not_replace_leaves_no_journal_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    commit(out, "v0", "a")
    before = snapshot(out)
    real = os.replace

    def replace(src: object, dst: object) -> None:
        if os.path.basename(str(dst)) == "manifest.json":  # -- chattr +i, or a read-only bind mount of the file --
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(src), None, str(dst))
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    folder = OutputFolder(out)
    with pytest.raises(CommitFailed) as caught:
        folder.commit([pieces("a", "v1")])
    folder.close()
    assert str(caught.value) == (f"{out / 'manifest.json'}: cannot update this file: Operation not permitted; a was not written: {AS_BEFORE}; "
                                 "make the output folder writable (a read-only mount, its permissions, or a file made immutable with chattr +i: "
                                 "lsattr shows it) and run the build again")
    assert snapshot(out) == before and leftovers(out) == []


def test_the_next_build_rolls_back_a_journal_without_replacing_a_manifest_that_needs_no_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    commit(out, "v0", "a")
    before = snapshot(out)
    pid = os.fork()
    if pid == 0:  # -- a build killed (kill -9) just as it writes the manifest: the journal is written, the manifest is not touched --
        os.fsync = lambda fd: os._exit(9) if fd_name(fd).startswith(".manifest.json.") else None  # type: ignore[assignment]
        OutputFolder(out).commit([pieces("a", "v1")])
        os._exit(0)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 9 and (out / write.JOURNAL).is_file()
    full_disk(monkeypatch, lambda name: name.startswith(".manifest.json."))  # -- the manifest cannot be replaced now; it need not be --
    assert write.recover(out) and snapshot(out) == before and leftovers(out) == []


# -- what the user sees -------------------------------------------------------------------------------------------------

def test_build_with_a_full_disk_while_the_journal_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before = built(multi(tmp_path, 2), "pptx")
    failed = full_disk(monkeypatch, lambda name: name.startswith("..handouts-journal.json."))
    code, text = run(out.parent, "build", "--no-check", "--jobs", "1", "--no-cache", "--format", "pptx")
    assert failed and code == 1 and "Traceback" not in text, text
    assert f"{out / write.JOURNAL}: cannot write this file: {FULL}; doc-1, doc-2 were not written: {AS_BEFORE}; free some space" in text, text
    assert "wrote " not in text and "handouts: 1 problem(s); nothing was written" in text, text
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.parametrize(("step", "stays"), [(1, False), (2, False), (2, True)],
                         ids=["manifest-before-the-files", "manifest-after-the-files", "manifest-after-the-files-disk-stays-full"])
def test_build_with_a_full_disk_while_the_manifest_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int, stays: bool) -> None:
    out, before = built(multi(tmp_path, 2), "pptx")
    failed = full_disk(monkeypatch, nth(step, ".manifest.json.", stays))
    code, text = run(out.parent, "build", "--no-check", "--jobs", "1", "--no-cache", "--format", "pptx")
    assert failed and code == 1 and "Traceback" not in text, text
    assert f"{out / 'manifest.json'}: cannot update this file: {FULL}; doc-1, doc-2 were not written: {AS_BEFORE}; free some space" in text, text
    assert "wrote " not in text, text  # -- the files that were renamed in were put back: not one "wrote" line --
    assert snapshot(out) == before and leftovers(out) == []


def test_build_whose_library_page_meets_a_full_disk_says_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = multi(tmp_path, 1)
    out = root / "output"
    commits = [0]
    real = write.OutputFolder.commit

    def commit(self: OutputFolder, documents: list) -> list:
        commits[0] += 1
        if commits[0] == 2:  # -- the library page's commit: the disk is full from its first staged file on --
            full_disk(monkeypatch, lambda name: True)
        return real(self, documents)
    monkeypatch.setattr(write.OutputFolder, "commit", commit)
    code, text = run(root, "build", "--no-check", "--jobs", "1", "--no-cache", "--format", "html")
    assert code == 1 and "Traceback" not in text, text
    assert f"{out}: cannot stage the new files in this folder: {FULL}; the library page (index.html) was not written: {AS_BEFORE}" in text, text
    assert f"wrote {out / 'doc-1' / 'en' / 'index.html'}" in text, text  # -- its document was committed before --
    assert "built 1, cached 0, failed 1 artifact(s)" in text, text
    assert not (out / "index.html").exists() and "index.html" not in truthful(out) and "doc-1/en/index.html" in truthful(out)
    assert leftovers(out) == []


# -- a file where a folder goes (report item 11) ------------------------------------------------------------------------

def test_a_file_where_a_locale_folder_goes_is_named_once_and_counted_as_failed(tmp_path: Path) -> None:
    root = multi(tmp_path, 2)
    out = root / "output"
    (out / "doc-1").mkdir(parents=True)
    (out / "doc-1" / "en").write_text("hi\n")
    code, text = run(root, "build", "--no-check", "--jobs", "1", "--no-cache", "--format", "pdf,pptx")
    assert code == 1 and "Traceback" not in text, text
    assert text.count("is a file, not a folder") == 1, text
    assert f"{out / 'doc-1' / 'en'}: is a file, not a folder: delete or rename it, then build again" in text, text
    assert "File exists" not in text and "cannot write this file" not in text, text
    assert "built 2, cached 0, failed 2 artifact(s)" in text and "handouts: 1 problem(s); 2 artifact(s)" in text, text
    assert sorted(truthful(out)) == ["doc-2/en/doc-2.en.pdf", "doc-2/en/doc-2.en.pptx"]
    assert (out / "doc-1" / "en").read_text() == "hi\n" and leftovers(out) == []
