"""Slide masters: the built-in one, ordinary and real-world ones (layouts by role, placeholders by type), bad masters through the CLI."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from fixtures_slides import DATA
from pptx import Presentation

from handouts.build import load_project
from handouts.cli import main
from handouts.config import load_config
from handouts.render import RenderJob
from handouts.render.deck import render
from handouts.render.deck.layouts import Layouts
from handouts.render.deck.master import load_master
from handouts.theme import BUILTIN, Theme

MASTER = BUILTIN / "slides" / "master.pptx"
MASTERS = DATA / "masters"
SUBSTITUTES = "slides:\n  font_substitutes: {Calibri Light: Carlito, Arial: Noto Sans}\n"


def project_with_master(make_project: Callable[..., Path], data: bytes, extra: str = "", name: str = "minimal") -> Path:
    """A mini-project (default: minimal) with templates/slides/master.pptx holding data, and extra lines in handouts.yml."""
    root = make_project(name)
    (root / "templates" / "slides").mkdir(parents=True)
    (root / "templates" / "slides" / "master.pptx").write_bytes(data)
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:
        f.write("templates_dir: templates\n" + extra)
    return root


def rendered(root: Path, locale: str = "en"):  # type: ignore[no-untyped-def]
    """Render a project's one document to a deck in memory: (Presentation, notices as 'severity: message' strings)."""
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    result = render(RenderJob(doc, locale, project.config, Theme(project.config), folder, "pptx"))
    return Presentation(io.BytesIO(result.data)), [f"{n.severity}: {n.problem.message}" for n in result.notices]


def without_layouts(names: tuple[str, ...], tmp_path: Path) -> bytes:
    """The built-in master with some layouts removed."""
    prs = Presentation(str(MASTER))
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name in names:
            master.slide_layouts.remove(layout)
    path = tmp_path / "partial.pptx"
    prs.save(str(path))
    return path.read_bytes()


def build_cli(root: Path) -> subprocess.CompletedProcess[str]:
    """`handouts build --format pptx` on a project, in this process (a bug raises here instead of printing a traceback)."""
    args = ["build", "--format", "pptx", "--no-check", "--project", str(root), "--out", str(root / "out")]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def refused(root: Path) -> str:
    """Build a project that must fail: exit 1, no traceback, nothing written; returns what it printed."""
    result = build_cli(root)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "out").exists()
    return result.stderr


def test_builtin_master_plays_every_part_by_name(tmp_path: Path) -> None:
    prs = load_master(MASTER)
    assert prs.slide_width * 9 == prs.slide_height * 16
    layouts = Layouts(prs, load_config(tmp_path), MASTER)
    for role in ("title", "content", "section", "two", "closing", "warning", "important", "tip"):
        part = layouts.part(role)
        assert part.via == "name" and part.title is not None, role
    assert layouts.part("closing").picture is not None and layouts.part("title").picture is not None


def test_master_missing_layouts_falls_back_and_says_so(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(make_project, without_layouts(("Closing", "Two Content"), tmp_path), name="slides-stress")
    prs, notices = rendered(root)
    last = prs.slides[-1]
    assert last.slide_layout.name == "Title and Content" and [sh.name for sh in last.shapes if sh.name == "QR code"] == ["QR code"]
    assert any("closing = 'Title and Content' (fallback:content)" in n for n in notices), notices
    assert any("no picture placeholder for the QR code: placed right of the contact details" in n for n in notices), notices


@pytest.mark.parametrize("data", [b"this is not a presentation", b"PK\x03\x04broken zip"])
def test_corrupt_master_is_a_clear_error(make_project: Callable[..., Path], data: bytes) -> None:
    root = project_with_master(make_project, data)
    stderr = refused(root)
    assert "slide master is not a readable .pptx file" in stderr
    assert str(root / "templates" / "slides" / "master.pptx") in stderr


def test_clinic_master_overrides_the_builtin(make_project: Callable[..., Path], tmp_path: Path) -> None:
    clinic = Presentation(str(MASTER))
    title = clinic.slide_layouts.get_by_name("Title").placeholders[0]._element
    title.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr").set("sz", "6000")  # the clinic's title size
    path = tmp_path / "clinic.pptx"
    clinic.save(str(path))
    root = project_with_master(make_project, path.read_bytes())
    result = build_cli(root)
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(root / "out" / "minimal" / "en" / "minimal.en.pptx"))
    assert deck.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt == 60


def test_master_with_slides_leaves_them_out(tmp_path: Path) -> None:
    """A template's example slides are not part of the deck (and an info line says so)."""
    prs = Presentation(str(MASTER))
    prs.slides.add_slide(prs.slide_layouts[0])
    path = tmp_path / "with-slides.pptx"
    prs.save(str(path))
    infos: list = []  # type: ignore[type-arg]
    assert len(load_master(path, infos).slides) == 0
    assert "holds 1 slide(s)" in infos[0].message


@pytest.mark.parametrize("where", ["outside", "absolute"])
def test_logo_outside_the_project_is_refused(make_project: Callable[..., Path], tmp_path: Path, where: str) -> None:
    """brand.logo is looked up like the leaflet's: inside the project or template folders, never elsewhere."""
    root = make_project("minimal")
    secret = tmp_path / "secret.png"
    secret.write_bytes((DATA / "slides-stress" / "content" / "slides-stress" / "diagram.png").read_bytes())
    logo = str(secret) if where == "absolute" else "../secret.png"
    text = (root / "handouts.yml").read_text(encoding="utf-8").replace("brand:\n", f"brand:\n  logo: {logo}\n", 1)
    assert f"logo: {logo}" in text
    (root / "handouts.yml").write_text(text, encoding="utf-8")
    stderr = refused(root)
    assert "handouts.yml" in stderr and "brand logo" in stderr


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_svg_image_is_a_content_error_at_its_line(make_project: Callable[..., Path]) -> None:
    """A slide cannot show SVG: the deck build names the document line and the fix, and writes nothing."""
    root = make_project("minimal", lambda d: d["sections"][0]["body"].append({"image": {"src": "shape.svg", "alt": "A square"}}))
    (root / "content" / "minimal" / "shape.svg").write_bytes(SVG)
    lines = (root / "content" / "minimal" / "document.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "src: shape.svg" in text)
    result = build_cli(root)
    assert result.returncode == 1, result.stderr
    assert f"document.yml:{line}: image 'shape.svg' cannot be shown on a slide" in result.stderr
    assert "only: leaflet" in result.stderr and "Traceback" not in result.stderr and "0x" not in result.stderr
    assert not (root / "out").exists()


def test_svg_logo_is_a_config_error(make_project: Callable[..., Path]) -> None:
    root = make_project("minimal")
    (root / "logo.svg").write_bytes(SVG)
    text = (root / "handouts.yml").read_text(encoding="utf-8").replace("brand:\n", "brand:\n  logo: logo.svg\n", 1)
    (root / "handouts.yml").write_text(text, encoding="utf-8")
    stderr = refused(root)
    assert "handouts.yml" in stderr and "brand logo 'logo.svg' cannot be shown on a slide" in stderr


def _long_heading(d: dict) -> None:  # type: ignore[type-arg]
    d["sections"][0]["heading"] = " ".join(["Extraordinarily"] * 40)


def _long_heading_no_points(d: dict) -> None:  # type: ignore[type-arg]
    _long_heading(d)
    d["sections"][0]["key_points"] = []


def _long_callout_title(d: dict) -> None:  # type: ignore[type-arg]
    d["sections"][1]["body"][0]["callout"]["title"] = " ".join(["Extraordinarily"] * 40)


@pytest.mark.parametrize("edit", [_long_heading, _long_heading_no_points, _long_callout_title])
def test_title_too_long_for_any_slide_is_a_content_error(make_project: Callable[..., Path], edit: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    """A title that leaves no room on its slide (or runs off it) is named at its line instead of hanging or overflowing."""
    root = make_project("minimal", edit)
    lines = (root / "content" / "minimal" / "document.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Extraordinarily" in text)
    stderr = refused(root)
    assert f"document.yml:{line}: 'Extraordinarily Extraordinarily" in stderr and "too long for a slide title" in stderr


def test_layout_without_title_placeholder_is_named(make_project: Callable[..., Path], tmp_path: Path) -> None:
    prs = Presentation(str(MASTER))
    title = placeholders_of(prs, "Title and Content", "title")
    title._element.getparent().remove(title._element)
    path = tmp_path / "no-title.pptx"
    prs.save(str(path))
    stderr = refused(project_with_master(make_project, path.read_bytes()))
    assert "layout 'Title and Content' (used for the content slides) has no title placeholder" in stderr
    assert "slides: layouts:" in stderr and "master.pptx" in stderr


def placeholders_of(prs, layout: str, kind: str):  # type: ignore[no-untyped-def]
    """The first placeholder of a type (title, body, pic) on a named layout."""
    from handouts.render.deck.styles import _ph_type

    lay = prs.slide_layouts.get_by_name(layout)
    return next(p for p in lay.placeholders if _ph_type(p._element) in ((kind, "ctrTitle") if kind == "title" else (kind,)))


def test_master_of_blank_layouts_is_refused(make_project: Callable[..., Path], tmp_path: Path) -> None:
    prs = Presentation(str(MASTERS / "python-pptx-default.pptx"))
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    path = tmp_path / "blank.pptx"
    prs.save(str(path))
    stderr = refused(project_with_master(make_project, path.read_bytes()))
    assert "no layout of the slide master has a title placeholder (all are blank)" in stderr


def with_theme_font(path: Path, family: str, out: Path) -> bytes:
    """A copy of a master whose theme's latin fonts (major and minor) are family."""
    import zipfile

    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("ppt/theme/"):
                data = data.replace(b'<a:latin typeface="Noto Sans"', f'<a:latin typeface="{family}"'.encode())
            dst.writestr(item, data)
    return out.read_bytes()


def test_theme_font_not_installed_is_named_with_the_fix(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(make_project, with_theme_font(MASTER, "Frutiger Next Pro", tmp_path / "frutiger.pptx"))
    stderr = refused(root)
    assert "theme font 'Frutiger Next Pro' (" in stderr and " latin) is not installed" in stderr
    assert "fc-list" in stderr and "font_substitutes" in stderr and "fonts:" in stderr


def test_font_substitute_is_written_into_the_deck(make_project: Callable[..., Path], tmp_path: Path) -> None:
    data = with_theme_font(MASTER, "Frutiger Next Pro", tmp_path / "frutiger.pptx")
    root = project_with_master(make_project, data, "slides:\n  font_substitutes: {Frutiger Next Pro: Noto Sans}\n")
    prs, _ = rendered(root)
    theme = prs.slide_master.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b"Frutiger" not in theme and b'<a:latin typeface="Noto Sans"' in theme


EXPECTED = {  # master -> (title slide layout, content layout, 4:3)
    "python-pptx-default.pptx": ("Title Slide", "Title and Content", True),
    "blueprint-de.pptx": ("Titelfolie", "Titel und Inhalt", False),
    "coreoz-fr-4x3.pptx": ("Diapositive de titre", "Titre et contenu", True),
    "blueprint-libreoffice.pptx": ("Title Slide", "Title, Content", False),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ordinary_master_builds_a_whole_deck(make_project: Callable[..., Path], name: str) -> None:
    """python-pptx's default master and real-world templates: layouts by their (localized) names, logo and QR code placed."""
    root = project_with_master(make_project, (MASTERS / name).read_bytes(), SUBSTITUTES, name="slides-stress")
    result = build_cli(root)
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(root / "out" / "slides-stress" / "en" / "slides-stress.en.pptx"))
    title_layout, content_layout, four_three = EXPECTED[name]
    assert prs.slides[0].slide_layout.name == title_layout
    assert prs.slides[2].slide_layout.name == content_layout
    assert (prs.slide_width * 3 == prs.slide_height * 4) is four_three
    assert all(s.shapes.title is not None and s.shapes.title.text_frame.text.strip() for s in prs.slides)
    assert len([sh for sh in prs.slides[0].shapes if sh.name == "Logo"]) == 1
    assert len([sh for sh in prs.slides[-1].shapes if sh.name == "QR code"]) == 1
    _, notices = rendered(root)
    assert any("no picture placeholder for the logo" in n for n in notices) and any("the QR code: placed" in n for n in notices)
    assert not any(n.startswith("warning") for n in notices), notices


def test_four_three_master_keeps_its_size_and_says_so(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, (MASTERS / "coreoz-fr-4x3.pptx").read_bytes())
    prs, notices = rendered(root)
    assert prs.slide_width * 3 == prs.slide_height * 4
    assert any("the slide master is 4:3, not 16:9" in n for n in notices)
    assert b"<PresentationFormat>On-screen Show (4:3)</PresentationFormat>" in app_xml(prs)


def app_xml(prs) -> bytes:  # type: ignore[no-untyped-def]
    return next(p.blob for p in prs.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")


def test_layouts_map_in_handouts_yml(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, (MASTERS / "python-pptx-default.pptx").read_bytes(),
                               "slides:\n  layouts: {closing: Section Header, agenda: Two Content}\n")
    prs, _ = rendered(root)
    assert prs.slides[-1].slide_layout.name == "Section Header" and prs.slides[1].slide_layout.name == "Two Content"


def test_layouts_map_naming_a_missing_layout_is_refused(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, MASTER.read_bytes(), "slides:\n  layouts: {closing: Goodbye}\n")
    stderr = refused(root)
    assert "handouts.yml" in stderr and "closing: 'Goodbye'" in stderr and "'Title and Content'" in stderr


def test_image_too_small_for_a_full_width_slide_warns(make_project: Callable[..., Path]) -> None:
    from PIL import Image

    root = make_project("minimal", lambda d: d["sections"][0]["body"].append({"image": {"src": "tiny.png", "alt": "A tiny square"}}))
    Image.new("RGB", (40, 30), "#005EB8").save(root / "content" / "minimal" / "tiny.png")
    lines = (root / "content" / "minimal" / "document.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "src: tiny.png" in text)
    prs, notices = rendered(root)
    (warning,) = [n for n in notices if n.startswith("warning")]
    assert "image is 40 px wide but shown" in warning and "will look blurred" in warning
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    result = render(RenderJob(doc, "en", project.config, Theme(project.config), folder, "pptx"))
    assert [n.problem.line for n in result.notices if n.severity == "warning"] == [line]


