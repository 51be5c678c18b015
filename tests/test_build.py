"""End to end through the CLI: what a build writes, the manifest, reproducibility, long documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pdfplumber
import pytest

from test_content import run


@pytest.fixture(scope="module")
def minimal_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project built twice into two output folders (pdf, large print, pptx)."""
    import shutil

    from conftest import DATA

    root = tmp_path_factory.mktemp("min") / "minimal"
    shutil.copytree(DATA / "minimal", root)
    for out in ("out1", "out2"):
        code, text = run(root, "build", "--large-print", "--out", str(root / out))
        assert code == 0, text
    return root


def test_build_writes_every_artifact_and_manifest(minimal_build: Path) -> None:
    out = minimal_build / "out1"
    manifest = json.loads((out / "manifest.json").read_text())
    by_path = {a["path"]: a for a in manifest["artifacts"]}
    assert set(by_path) == {
        "minimal/en/minimal.en.pdf",
        "minimal/en/minimal.en.large-print.pdf",
        "minimal/en/minimal.en.pptx",
    }
    for path, entry in by_path.items():
        assert (out / path).is_file()
        assert entry["source_version"] == "2.1"
        assert entry["document"] == "minimal" and entry["locale"] == "en"
        assert entry["pages"] >= 1
        assert entry["checks"] == "passed"
    pdf = by_path["minimal/en/minimal.en.pdf"]
    with pdfplumber.open(out / pdf["path"]) as doc:
        assert len(doc.pages) == pdf["pages"]
    assert not list(out.rglob("*.tmp")), "temp files left behind"


def test_two_builds_are_byte_identical(minimal_build: Path) -> None:
    one = json.loads((minimal_build / "out1" / "manifest.json").read_text())
    two = json.loads((minimal_build / "out2" / "manifest.json").read_text())
    assert one == two
    for entry in one["artifacts"]:
        assert (minimal_build / "out1" / entry["path"]).read_bytes() == (minimal_build / "out2" / entry["path"]).read_bytes()


def test_format_option_builds_only_that_format(make_project: Callable[..., Path]) -> None:
    root = make_project()
    code, text = run(root, "build", "--format", "pptx")
    assert code == 0, text
    files = sorted(p.name for p in (root / "output").rglob("*.*") if p.name != "manifest.json")
    assert files == ["minimal.en.pptx"]


def test_no_check_is_recorded(make_project: Callable[..., Path]) -> None:
    root = make_project()
    code, text = run(root, "build", "--format", "pptx", "--no-check")
    assert code == 0, text
    manifest = json.loads((root / "output" / "manifest.json").read_text())
    assert [a["checks"] for a in manifest["artifacts"]] == ["skipped"]


def test_fifty_sections_paginate_without_orphan_headings(make_project: Callable[..., Path]) -> None:
    def edit(d: dict) -> None:
        base = d["sections"][0]
        d["sections"] = [
            {
                "id": f"part-{i}",
                "heading": f"Heading number {i}",
                "key_points": [f"Key point for part {i}."],
                "body": [
                    {"text": " ".join(["This is a plain sentence about the topic."] * (3 + i % 5))},
                    {"bullets": [f"Item {i}.{j}" for j in range(1 + i % 4)]},
                ],
            }
            for i in range(1, 51)
        ]
        assert base

    root = make_project(edit=edit)
    code, text = run(root, "build", "--format", "pdf", "--no-check")
    assert code == 0, text
    pdf = root / "output/minimal/en/minimal.en.pdf"
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 8
        text_all = "\n".join(page.extract_text() or "" for page in doc.pages)
        for i in range(1, 51):
            assert f"Heading number {i}" in text_all
        body_size = 12
        for page in doc.pages[:-1]:
            lines = page.extract_text_lines()
            footer_top = page.height * 0.88
            body = [line for line in lines if line["top"] < footer_top]
            last = body[-1]
            sizes = {round(c["size"]) for c in last["chars"]}
            assert not last["text"].startswith("Heading number") and max(sizes) <= body_size + 3, (
                f"page {page.page_number} ends with a heading: {last['text']!r}"
            )


def test_template_error_is_reported_once_not_per_artifact(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "theme" / "leaflet").mkdir(parents=True)
    (root / "theme" / "leaflet" / "_section.html").write_text("<section>\n{% if %}\n</section>\n")
    (root / "handouts.yml").write_text((root / "handouts.yml").read_text() + "templates_dir: theme\n")
    code, text = run(root, "build", "--format", "pdf", "--large-print")
    assert code == 1
    assert text.count("_section.html:2:") == 1, text
    assert not (root / "output").exists()


def test_manifest_records_translation_status_and_review(sample_out: Path) -> None:
    manifest = json.loads((sample_out / "manifest.json").read_text())
    by_locale = {(a["locale"], a["format"], a["variant"]): a for a in manifest["artifacts"]}
    assert by_locale[("en", "pdf", "standard")]["translation"] == "source"
    assert by_locale[("en", "pdf", "standard")]["reviewed"] is True
    for locale in ("es", "pl", "ar"):
        entry = by_locale[(locale, "pptx", "standard")]
        assert entry["translation"] == "current"
        assert entry["reviewed"] is False  # the sample catalogs are sample translations, not clinically reviewed
