"""The deck's fast slide, notes-page and package writing give exactly what python-pptx's own calls give."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fixtures_slides import MASTERS
from lxml import etree
from pptx import Presentation

from handouts.render.deck.clone import Cloner
from handouts.render.deck.package import reproducible_zip, saved
from handouts.theme import BUILTIN

MASTER_PATHS = [BUILTIN / "slides" / "master.pptx", MASTERS / "python-pptx-default.pptx", MASTERS / "blueprint-de.pptx"]


def xml(element: etree._Element) -> bytes:
    return etree.tostring(element)


@pytest.mark.parametrize("path", MASTER_PATHS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_copied_slides_and_notes_pages_are_python_pptx_clones(path: Path) -> None:
    ours, theirs = Presentation(str(path)), Presentation(str(path))
    cloner = Cloner(ours)
    count = len(ours.slide_layouts)
    # -- layouts again and again, as a deck uses them; a slide without notes in between --
    for n, index in enumerate([0, 1, 1, 2, 1, 0, 2, 2]):
        index %= count
        mine, reference = cloner.slide(ours.slide_layouts[index]), theirs.slides.add_slide(theirs.slide_layouts[index])
        assert xml(mine._element) == xml(reference._element), f"slide {n + 1} on layout {index}"
        if n == 3:
            continue
        assert xml(cloner.notes(mine)._element) == xml(reference.notes_slide._element), f"notes of slide {n + 1}"
        assert mine.has_notes_slide and mine.notes_slide.notes_text_frame is not None
    package, expected = ours.part.package, theirs.part.package
    assert [str(p.partname) for p in package.iter_parts()] == [str(p.partname) for p in expected.iter_parts()]
    assert [(r.reltype, str(r.target_part.partname)) for s in ours.slides for r in s.part.rels.values()] == \
        [(r.reltype, str(r.target_part.partname)) for s in theirs.slides for r in s.part.rels.values()]


def test_saved_package_is_python_pptx_save_with_fixed_dates() -> None:
    prs = Presentation(str(BUILTIN / "slides" / "master.pptx"))
    cloner = Cloner(prs)
    for index in (0, 1, 1):
        cloner.notes(cloner.slide(prs.slide_layouts[index])).notes_text_frame.text = "Say this."
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as z:
        members = [(info.filename, z.read(info)) for info in z.infolist()]
    data = saved(prs)
    assert data == reproducible_zip(members)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.testzip() is None
    reopened = Presentation(io.BytesIO(data))
    assert [s.notes_slide.notes_text_frame.text for s in reopened.slides] == ["Say this."] * 3
