"""The slide master: found on the template search path, required layouts, bad masters rejected through the CLI."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from fixtures_slides import DATA
from pptx import Presentation

from handouts.cli import main
from handouts.errors import TemplateError
from handouts.render.deck.master import REQUIRED_LAYOUTS, load_master
from handouts.theme import BUILTIN

MASTER = BUILTIN / "slides" / "master.pptx"


def project_with_master(make_project: Callable[..., Path], data: bytes) -> Path:
    """The minimal project with templates/slides/master.pptx holding data."""
    root = make_project("minimal")
    (root / "templates" / "slides").mkdir(parents=True)
    (root / "templates" / "slides" / "master.pptx").write_bytes(data)
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:
        f.write("templates_dir: templates\n")
    return root


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


def test_builtin_master_has_the_named_16_9_layouts() -> None:
    prs = load_master(MASTER)
    names = [layout.name for layout in prs.slide_layouts]
    assert set(REQUIRED_LAYOUTS) <= set(names) and {"Warning", "Important"} <= set(names)
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_master_missing_layouts_named_in_the_message(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(make_project, without_layouts(("Closing", "Two Content"), tmp_path))
    stderr = refused(root)
    assert "'Two Content'" in stderr and "'Closing'" in stderr
    assert str(root / "templates" / "slides" / "master.pptx") in stderr


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


def test_master_with_slides_rejected(tmp_path: Path) -> None:
    prs = Presentation(str(MASTER))
    prs.slides.add_slide(prs.slide_layouts[0])
    path = tmp_path / "with-slides.pptx"
    prs.save(str(path))
    with pytest.raises(TemplateError, match="contains slides"):
        load_master(path)


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


def test_master_missing_placeholders_named_in_the_message(make_project: Callable[..., Path], tmp_path: Path) -> None:
    prs = Presentation(str(MASTER))
    for name, idx in (("Closing", 14), ("Title and Content", 1)):
        ph = next(p for p in prs.slide_layouts.get_by_name(name).placeholders if p.placeholder_format.idx == idx)
        ph._element.getparent().remove(ph._element)
    path = tmp_path / "no-placeholders.pptx"
    prs.save(str(path))
    root = project_with_master(make_project, path.read_bytes())
    stderr = refused(root)
    assert "'Closing' idx 14 (QR code picture)" in stderr and "'Title and Content' idx 1 (bullets)" in stderr
    assert str(root / "templates" / "slides" / "master.pptx") in stderr
