"""Rebuilds take check results, loaded documents and the library page from the cache, and say exactly what a fresh run says."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import copy_project
from test_content import run
from test_pipeline import edit, truthful

import handouts.checks
import handouts.pipeline.loaded
from handouts.build import BuildOptions, build
from handouts.errors import CheckFailed

TODAY = dt.date(2027, 6, 1)  # the document's review is 2028-01-15: in review


def project(tmp: Path, n: int = 2) -> Path:
    """The i18n-mini project (en + es catalog) with n documents doc-1..doc-n."""
    root = copy_project("i18n-mini", tmp)
    source = root / "content" / "i18n-mini"
    for i in range(1, n + 1):
        folder = root / "content" / f"doc-{i}"
        shutil.copytree(source, folder)
        edit(folder, lambda d, i=i: d["meta"].update(id=f"doc-{i}"))
    shutil.rmtree(source)
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents the content checks actually ran on (not taken from the cache), in order."""
    seen: list[str] = []
    real = handouts.checks.run_checks

    def counted(project: object, *args: object, **kwargs: object) -> object:
        seen.extend(folder.name for folder in project.documents)  # type: ignore[attr-defined]
        return real(project, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(handouts.checks, "run_checks", counted)
    return seen


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose document.yml was parsed (not read back from the cache)."""
    seen: list[str] = []
    real = handouts.pipeline.loaded.load_document

    def counted(folder: Path, config: object) -> object:
        seen.append(folder.name)
        return real(folder, config)  # type: ignore[arg-type]

    monkeypatch.setattr(handouts.pipeline.loaded, "load_document", counted)
    return seen


def options(**more: object) -> BuildOptions:
    return BuildOptions(**{"jobs": 1, "formats": ["pptx"], "today": TODAY, **more})  # type: ignore[arg-type]


def test_a_rebuild_that_changed_nothing_checks_and_parses_no_document(tmp_path: Path, checked: list[str], parsed: list[str]) -> None:
    root = project(tmp_path)
    first = build(root, options())
    assert sorted(checked) == ["doc-1", "doc-2"] and sorted(parsed) == ["doc-1", "doc-2"]
    checked.clear(), parsed.clear()
    again = build(root, options())
    assert checked == [] and parsed == [] and (again.built, again.cached) == (0, 4)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    assert first.findings  # the sample has findings (warnings, infos): the comparison above compares something


def test_changing_a_document_or_its_catalog_checks_that_document_again(tmp_path: Path, checked: list[str], parsed: list[str]) -> None:
    root = project(tmp_path)
    build(root, options())
    checked.clear(), parsed.clear()
    edit(root / "content" / "doc-2", lambda d: d["sections"][0].update(heading="A new heading"))
    build(root, options(draft=True))  # -- the new heading has no translation yet: a draft build --
    assert checked == ["doc-2"] and parsed == ["doc-2"]
    checked.clear(), parsed.clear()
    po = root / "content" / "doc-1" / "locales" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(root, options(draft=True))
    assert checked == ["doc-1"] and parsed == ["doc-1"]  # -- a catalog is part of the folder the key holds --


def test_changing_the_config_or_the_date_checks_every_document_again(tmp_path: Path, checked: list[str]) -> None:
    root = project(tmp_path)
    build(root, options())
    checked.clear()
    build(root, options(today=TODAY + dt.timedelta(days=1)))  # -- review dates are compared with the day of the build --
    assert sorted(checked) == ["doc-1", "doc-2"]
    checked.clear()
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "checks:\n  readability.ease: false\n", encoding="utf-8")
    build(root, options(today=TODAY + dt.timedelta(days=1)))
    assert sorted(checked) == ["doc-1", "doc-2"]


def test_the_day_the_review_date_passes_the_cached_result_is_not_used(tmp_path: Path) -> None:
    root = project(tmp_path, 1)
    build(root, options())
    with pytest.raises(CheckFailed) as late:
        build(root, options(today=dt.date(2028, 1, 16)))  # -- the day after the review date: overdue, an error --
    assert any("review" in p.message for p in late.value.problems), late.value.problems


def test_a_cached_error_still_fails_the_build_with_the_same_message(tmp_path: Path, checked: list[str]) -> None:
    root = project(tmp_path)
    edit(root / "content" / "doc-2", lambda d: d["sections"][0]["body"].insert(0, {"text": "TODO: write this paragraph."}))
    code, first = run(root, "build", "--format", "pptx", "--draft")
    assert code == 1 and "TODO" in first, first
    assert sorted(checked) == ["doc-1", "doc-2"]
    checked.clear()
    code, again = run(root, "build", "--format", "pptx", "--draft")
    assert checked == [] and code == 1 and again == first
    assert not (root / "output").exists()  # -- nothing written, as on the first run --
    code, fresh = run(root, "build", "--format", "pptx", "--draft", "--no-cache")
    assert code == 1 and fresh == first


def test_cached_findings_print_as_fresh_ones_in_text_and_json(tmp_path: Path) -> None:
    root = project(tmp_path)
    _, fresh = run(root, "build", "--format", "pptx", "--no-cache", "--out", str(tmp_path / "a"))
    assert run(root, "build", "--format", "pptx", "--out", str(tmp_path / "b"))[0] == 0  # fills the cache
    _, cached = run(root, "build", "--format", "pptx", "--out", str(tmp_path / "c"))
    findings = lambda text: text.split("\nbuilt ")[0]  # noqa: E731 -- what follows is the build's own report (built / cached, paths)
    assert findings(cached) == findings(fresh) and "warning [" in findings(fresh), fresh
    code, text = run(root, "check", "--json")
    assert code == 0 and json.loads(text)


def test_a_corrupt_check_entry_is_detected_and_the_checks_run_again(tmp_path: Path, checked: list[str]) -> None:
    root = project(tmp_path, 1)
    first = build(root, options())
    entries = [p for p in (root / ".handouts-cache").rglob("*") if p.is_file() and b'"rule": ' in p.read_bytes()]
    assert len(entries) == 1, entries  # the document's findings
    data = bytearray(entries[0].read_bytes())
    data[data.index(b'"rule": ') + 10] ^= 0x01  # one changed letter in a rule name
    entries[0].write_bytes(bytes(data))
    checked.clear()
    again = build(root, options())
    assert checked == ["doc-1"]
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]


def test_a_cached_document_that_now_links_out_of_the_project_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, 1)
    build(root, options())
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not a picture")
    (root / "content" / "doc-1" / "picture.png").symlink_to(outside)
    code, text = run(root, "build", "--format", "pptx")
    assert code == 1 and "picture.png" in text and "outside" in text, text


def test_a_document_with_a_problem_is_parsed_every_time_and_says_the_same(tmp_path: Path, parsed: list[str]) -> None:
    root = project(tmp_path)
    edit(root / "content" / "doc-2", lambda d: d["meta"].update(review="2020-01-01"))
    said = [run(root, "build", "--format", "pptx")[1] for _ in range(2)]
    assert said[0] == said[1] and "review date 2020-01-01 is not after the publication date" in said[0], said[0]
    assert parsed.count("doc-2") == 2


def test_the_library_page_from_the_cache_is_the_fresh_one_and_follows_a_changed_page(tmp_path: Path) -> None:
    root = project(tmp_path)
    web = BuildOptions(jobs=1, formats=["html"], today=TODAY)
    build(root, web)
    build(root, web)
    cached = (root / "output" / "index.html").read_bytes()
    build(root, BuildOptions(jobs=1, formats=["html"], today=TODAY, use_cache=False, out=tmp_path / "fresh"))
    assert cached == (tmp_path / "fresh" / "index.html").read_bytes()
    edit(root / "content" / "doc-1", lambda d: d["meta"].update(title="A title never seen before"))
    build(root, BuildOptions(jobs=1, formats=["html"], today=TODAY, draft=True))
    assert "A title never seen before" in (root / "output" / "index.html").read_text(encoding="utf-8")
    truthful(root / "output")


def test_the_manifest_is_the_indented_json_of_its_entries(tmp_path: Path) -> None:
    root = project(tmp_path)
    build(root, options())
    text = (root / "output" / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
