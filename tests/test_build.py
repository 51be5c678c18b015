"""End to end through the CLI: what a build writes, the manifest, reproducibility, output folders that cannot take it, Ctrl-C."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from conftest import copy_project
from conftest import SAMPLE_SOURCE
from test_content import run


@pytest.fixture(scope="module")
def minimal_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project built twice into two output folders (pdf, large print, pptx)."""
    root = copy_project("minimal", tmp_path_factory.mktemp("min"))
    for out in ("out1", "out2"):
        code, text = run(root, "build", "--large-print", "--out", str(root / out))
        assert code == 0, text
    return root


def test_build_writes_every_artifact_and_manifest(minimal_build: Path) -> None:
    out = minimal_build / "out1"
    manifest = json.loads((out / "manifest.json").read_text())
    by_path = {a["path"]: a for a in manifest["artifacts"] if a["variant"] not in ("asset", "library")}  # web assets: tests/test_web.py
    assert set(by_path) == {
        "minimal/en/minimal.en.pdf",
        "minimal/en/minimal.en.large-print.pdf",
        "minimal/en/minimal.en.pptx",
        "minimal/en/index.html",
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
    assert by_locale[(SAMPLE_SOURCE, "pdf", "standard")]["translation"] == "source"
    assert by_locale[(SAMPLE_SOURCE, "pdf", "standard")]["reviewed"] is True
    for locale in ("es", "pl", "ar"):
        entry = by_locale[(locale, "pptx", "standard")]
        assert entry["translation"] == "current"
        assert entry["reviewed"] is False  # the sample catalogs are sample translations, not clinically reviewed


def test_out_pointing_at_a_file_is_an_error_before_rendering(make_project: Callable[..., Path]) -> None:
    root = make_project()
    target = root / "leaflets.pdf"
    target.write_bytes(b"keep me")
    for out in (target, target / "sub"):
        code, text = run(root, "build", "--no-check", "--out", str(out))
        assert code == 1 and "Traceback" not in text
        assert f"{target}: is a file, not a folder" in text and "nothing was written" in text, text
    assert target.read_bytes() == b"keep me"


@pytest.fixture
def read_only(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Make a folder read-only for everyone, root included (chattr +i), or skip where that is impossible."""
    import os
    import subprocess

    made: list[Path] = []

    def make(folder: Path) -> Path:
        if os.geteuid() != 0:
            folder.chmod(0o555)
        elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here (chattr +i)")
        made.append(folder)
        return folder

    yield make
    for folder in made:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


def test_read_only_output_folder_is_an_error_and_keeps_the_previous_build(make_project: Callable[..., Path], read_only) -> None:  # type: ignore[no-untyped-def]
    root = make_project()
    code, text = run(root, "build", "--format", "pptx", "--no-check")
    assert code == 0, text
    deck = root / "output" / "minimal" / "en" / "minimal.en.pptx"
    before = deck.read_bytes(), (root / "output" / "manifest.json").read_bytes()
    read_only(deck.parent)
    code, text = run(root, "build", "--format", "pptx,pdf", "--no-check")
    assert code == 1 and "Traceback" not in text
    assert f"{deck.with_suffix('.pdf')}: cannot write this file: " in text, text  # the deck is unchanged: only the leaflet must go there
    assert (deck.read_bytes(), (root / "output" / "manifest.json").read_bytes()) == before
    assert sorted(p.name for p in deck.parent.iterdir()) == ["minimal.en.pptx"]


def test_ctrl_c_in_a_real_build_writes_nothing_and_prints_no_traceback(make_project: Callable[..., Path]) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    def long(d: dict) -> None:  # several seconds of rendering, so that Ctrl-C lands in it
        d["sections"] = [{"id": f"s{i}", "heading": f"Part {i}", "body": [{"text": "Plain words. " * 60}]} for i in range(80)]

    root = make_project(edit=long)
    proc = subprocess.Popen([sys.executable, "-m", "handouts", "build", "--no-check", "--large-print", "--jobs", "1", "--project", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    # -- wait until the child has spent real CPU time (past start-up and imports, into rendering),
    #    so the signal lands in the build however loaded the machine is --
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / ticks > 2.0:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted: no file was left half-written" in err and "Traceback" not in err
    assert not (root / "output").exists()


def test_contact_name_is_translated_in_leaflet_and_deck(sample_out: Path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    base = sample_out / "isotretinoin-40mg" / "es" / "isotretinoin-40mg.es"
    pdf_text = " ".join(page.extract_text() for page in PdfReader(f"{base}.pdf").pages)
    assert "Línea de asesoramiento de enfermería de dermatología" in " ".join(pdf_text.split())
    assert "Dermatology Nurse Advice Line" not in pdf_text
    deck = Presentation(f"{base}.pptx")
    closing = " ".join(shape.text_frame.text for shape in deck.slides[-1].shapes if shape.has_text_frame)
    assert "Línea de asesoramiento" in closing.replace("\u200b", "")
