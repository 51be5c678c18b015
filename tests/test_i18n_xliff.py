"""XLIFF 1.2 for translation agencies: export keeps ids, notes, lines and states; import merges, or refuses a stale or foreign file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import DATA
from fixtures_checks import findings_of
from handouts.cli import main
from handouts.i18n import catalog as cat

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
DOC = "numbers-mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / DOC
    shutil.copytree(DATA / DOC, root)
    return root


def po(root: Path, locale: str = "es") -> Path:
    return root / "content" / DOC / "locales" / f"{locale}.po"


def entries(path: Path, locale: str = "es") -> list[tuple[object, ...]]:
    """What a translator sees in a catalog: context, source, translation, fuzzy, translator comments."""
    catalog = cat.read_document_catalog(path, locale)
    return sorted((m.context, m.id, m.string, m.fuzzy, tuple(m.user_comments)) for m in catalog if m.id)


def edit_catalog(path: Path, changes: dict[str, str | None], fuzzy: set[str] = frozenset(), locale: str = "es") -> None:  # type: ignore[assignment]
    """Edit a PO as a translator's tool does: new msgstr (None: empty), fuzzy flags."""
    catalog = cat.read_document_catalog(path, locale)
    for m in catalog:
        if m.context in changes:
            m.string = changes[m.context] or ""
        if m.context in fuzzy:
            m.flags.add("fuzzy")
        elif m.context in changes:
            m.flags.discard("fuzzy")
    cat.write(path, catalog)


def export(root: Path, locale: str = "es") -> Path:
    assert main(["i18n", "export", "--xliff", "--project", str(root), "--locale", locale]) == 0
    return root / "xliff" / f"{DOC}.{locale}.xlf"


def units(path: Path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {u.get("id"): u for u in tree.iterfind(".//x:trans-unit", NS)}


def test_export_keeps_ids_source_lines_notes_and_states(project: Path) -> None:
    edit_catalog(po(project), {"before.body.1.text": None}, fuzzy={"how-to-take.body.0.steps.1"})
    xlf = export(project)
    found = units(xlf)
    assert len(found) == 28
    dose = found["how-to-take.body.0.steps.0"]
    assert dose.get("resname") == "how-to-take.body.0.steps.0"
    assert dose.findtext("x:source", namespaces=NS) == "Take 2.5 mg once a week."
    assert dose.findtext("x:target", namespaces=NS) == "Tome 2,5 mg una vez a la semana."
    assert dose.find("x:target", NS).get("state") == "translated"
    assert [n.text for n in dose.iterfind("x:note", NS)] == ["kind: item"]
    line = (project / "content" / DOC / "document.yml").read_text(encoding="utf-8").splitlines().index("          - Take 2.5 mg once a week.") + 1
    assert dose.findtext("x:context-group/x:context[@context-type='linenumber']", namespaces=NS) == str(line)
    assert found["how-to-take.body.0.steps.1"].find("x:target", NS).get("state") == "needs-review-translation"
    assert found["before.body.1.text"].find("x:target", NS).get("state") == "new"
    root = etree.parse(str(xlf)).getroot()
    assert root.get("version") == "1.2" and root.find("x:file", NS).get("target-language") == "es"


def test_a_reviewed_catalog_exports_signed_off_units(project: Path) -> None:
    path = po(project)
    path.write_text(path.read_text(encoding="utf-8").replace('"X-Reviewer: \\n"', '"X-Reviewer: A. Reviser\\n"').replace('"X-Review-Date: \\n"', '"X-Review-Date: 2026-02-01\\n"'), encoding="utf-8")
    assert cat.read_document_catalog(path, "es").extra[cat.REVIEWER] == "A. Reviser"
    dose = units(export(project))["how-to-take.body.0.steps.0"]
    assert dose.find("x:target", NS).get("state") == "signed-off" and dose.get("approved") == "yes"


def test_round_trip_gives_the_catalog_that_editing_the_po_gives(project: Path, tmp_path: Path) -> None:
    edit_catalog(po(project), {"before.body.1.text": None, "contact.body.1.text": None}, fuzzy={"how-to-take.body.0.steps.1"})
    by_hand = tmp_path / "by-hand.po"
    shutil.copy(po(project), by_hand)
    new = {"before.body.1.text": "Alrededor de 1 de cada 10 personas tiene dolor de cabeza.",
           "contact.body.1.text": "En caso de urgencia, llame al 111 o al 999.",
           "how-to-take.body.0.steps.1": "El tratamiento suele durar entre 16 y 20 semanas."}
    edit_catalog(by_hand, new)
    xlf = export(project)
    tree = etree.parse(str(xlf))
    for unit in tree.iterfind(".//x:trans-unit", NS):  # the agency's tool fills the targets and marks them translated
        if unit.get("id") in new:
            target = unit.find("x:target", NS)
            target.text, target.attrib["state"] = new[unit.get("id")], "translated"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert main(["i18n", "import", "--project", str(project), str(xlf)]) == 0
    assert entries(po(project)) == entries(by_hand)
    assert cat.read_document_catalog(po(project), "es").extra[cat.SOURCE_VERSION] == "1.0"


def test_a_waiver_written_as_a_translator_note_reaches_the_check(project: Path) -> None:
    xlf = export(project)
    tree = etree.parse(str(xlf))
    unit = next(u for u in tree.iterfind(".//x:trans-unit", NS) if u.get("id") == "contact.body.1.text")
    unit.find("x:target", NS).text = "En caso de urgencia, llame al 112."
    import hashlib

    fp = hashlib.sha256(unit.findtext("x:source", namespaces=NS).encode()).hexdigest()[:8]
    note = etree.SubElement(unit, "{urn:oasis:names:tc:xliff:document:1.2}note", attrib={"from": "translator"})
    note.text = f"handouts: numbers-ok {fp} — número de urgencias europeo"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert main(["i18n", "import", "--project", str(project), str(xlf)]) == 0
    found = findings_of(project, ["en", "es"])
    assert [f.rule for f in found if f.segment == "contact.body.1.text"] == ["translation.numbers-waived"]


def test_a_file_made_from_another_source_version_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project)
    doc = project / "content" / DOC / "document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("Take 2.5 mg once a week.", "Take 5 mg once a week."), encoding="utf-8")
    before = po(project).read_bytes()
    assert main(["i18n", "import", "--project", str(project), str(xlf)]) == 1
    err = capsys.readouterr().err
    assert f"{xlf.name}:3:" in err and "source version 1.0" in err and "export again" in err and "Traceback" not in err
    assert po(project).read_bytes() == before


def test_a_file_for_another_document_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project)
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('<prop prop-type="document">numbers-mini</prop>', '<prop prop-type="document">other-leaflet</prop>'), encoding="utf-8")
    before = po(project).read_bytes()
    assert main(["i18n", "import", "--project", str(project), str(xlf)]) == 1
    err = capsys.readouterr().err
    assert "document 'other-leaflet', which is not in this project" in err and "Traceback" not in err
    assert po(project).read_bytes() == before


def test_a_broken_xliff_file_names_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlf = export(project)
    text = xlf.read_text(encoding="utf-8")
    line = text[: text.index("</target>")].count("\n") + 1
    xlf.write_text(text.replace("</target>", "", 1), encoding="utf-8")
    assert main(["i18n", "import", "--project", str(project), str(xlf)]) == 1
    err = capsys.readouterr().err
    assert "not a readable XLIFF file" in err and "Traceback" not in err
    assert f"{xlf.name}:" in err and f"target line {line}" in err  # libxml2 names the unclosed tag's line


def test_export_without_the_format_is_a_usage_error(project: Path) -> None:
    assert main(["i18n", "export", "--project", str(project)]) == 2
