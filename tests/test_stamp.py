"""SOURCE_DATE_EPOCH: the PDF's /CreationDate and /ModDate and the deck's docProps/core.xml dates follow it alike; same input, same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fixtures_leaflet import flat

from handouts.build import BuildOptions, build
from handouts.cli import main


def _build(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, epoch: str | None) -> dict[str, bytes]:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    report = build(root, BuildOptions(out=out, formats=["pdf", "pptx"], check=False, use_cache=False))
    return {a.format: (out / a.path).read_bytes() for a in report.artifacts if a.variant == "standard"}


def dates(files: dict[str, bytes]) -> dict[str, str]:
    """The dates a user sees in the file properties: PDF info dictionary and OOXML core properties."""
    with pikepdf.open(io.BytesIO(files["pdf"])) as pdf:
        found = {"pdf created": str(pdf.docinfo["/CreationDate"]), "pdf modified": str(pdf.docinfo["/ModDate"])}
    core = zipfile.ZipFile(io.BytesIO(files["pptx"])).read("docProps/core.xml").decode()
    for name in ("created", "modified"):
        found[f"pptx {name}"] = re.search(rf"<dcterms:{name}[^>]*>([^<]+)</dcterms:{name}>", core).group(1)  # type: ignore[union-attr]
    found["pptx printed"] = re.search(r"<cp:lastPrinted>([^<]+)</cp:lastPrinted>", core).group(1)  # type: ignore[union-attr]
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The minimal project built with two epochs (one twice, in another folder) and with none."""
    from conftest import copy_project

    base = tmp_path_factory.mktemp("stamp")
    root = copy_project("minimal", base)
    with pytest.MonkeyPatch.context() as mp:
        return {
            "A": _build(root, base / "a", mp, "1700000000"),
            "A again": _build(root, base / "a2", mp, "1700000000"),
            "B": _build(root, base / "b", mp, "1234567890"),
            "none": _build(root, base / "none", mp, None),
            "none again": _build(root, base / "none2", mp, None),
        }


def test_both_formats_carry_the_epoch_as_their_file_dates(builds: dict[str, dict[str, bytes]]) -> None:
    # 1700000000 s = 2023-11-14 22:13:20 UTC; 1234567890 s = 2009-02-13 23:31:30 UTC
    assert dates(builds["A"]) == {"pdf created": "D:20231114221320Z", "pdf modified": "D:20231114221320Z",
                                  "pptx created": "2023-11-14T22:13:20Z", "pptx modified": "2023-11-14T22:13:20Z", "pptx printed": "2023-11-14T22:13:20Z"}
    assert dates(builds["B"]) == {"pdf created": "D:20090213233130Z", "pdf modified": "D:20090213233130Z",
                                  "pptx created": "2009-02-13T23:31:30Z", "pptx modified": "2009-02-13T23:31:30Z", "pptx printed": "2009-02-13T23:31:30Z"}


def test_without_an_epoch_the_file_dates_are_the_publication_date(builds: dict[str, dict[str, bytes]]) -> None:
    # the minimal document is published 2026-01-15
    assert set(dates(builds["none"]).values()) == {"D:20260115000000Z", "2026-01-15T00:00:00Z"}


@pytest.mark.parametrize(("first", "second"), [("A", "A again"), ("none", "none again")])
def test_same_epoch_same_bytes(builds: dict[str, dict[str, bytes]], first: str, second: str) -> None:
    assert builds[first] == builds[second]
    assert builds[first]["pdf"] != builds["B"]["pdf"] and builds[first]["pptx"] != builds["B"]["pptx"]


def test_the_printed_dates_stay_the_documents_own(builds: dict[str, dict[str, bytes]]) -> None:
    with pdfplumber.open(io.BytesIO(builds["B"]["pdf"])) as pdf:
        text = flat(" ".join(page.extract_text() or "" for page in pdf.pages))
    assert "Published January 15, 2026" in text and "2009" not in text  # locale en: US dates


@pytest.mark.parametrize("value", ["yesterday", "17e8", "-5", "99999999999999"])
def test_a_malformed_epoch_stops_the_build(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str) -> None:
    root = make_project()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["build", "--no-check", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970-01-01 UTC" in err, err
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))
