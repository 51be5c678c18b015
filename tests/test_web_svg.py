"""SVG pictures and logos on the web edition: the page is built, the <img> gets the picture's size; a packaged template's failure is called a handouts bug."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from test_content import run
from test_web import parse

from handouts.errors import TemplateError
from handouts.render.templating import fill
from handouts.render.web.page import environment
from handouts.theme import BUILTIN

SVG = '<svg xmlns="http://www.w3.org/2000/svg" {size}><rect width="10" height="10" fill="#005EB8"/></svg>'


def svg_project(checks_copy: Callable[..., Path], size: str, logo: bool = False) -> Path:
    """checks-basic with its picture replaced by an SVG (kept out of the slides) and only the web edition built."""
    def edit(doc: dict) -> None:
        picture = doc["sections"][2]["body"][1]
        picture["image"]["src"] = "pack.svg"
        picture["only"] = "leaflet"

    root = checks_copy(edit)
    (root / "content" / "testamol" / "pack.svg").write_text(SVG.format(size=size), encoding="utf-8")
    config = root / "handouts.yml"
    text = config.read_text(encoding="utf-8").replace("formats: [pdf]", "formats: [html]")
    if logo:
        # -- in the project, outside content/ and templates: where Theme.logo finds it and the leaflet reads it --
        (root / "brand").mkdir()
        (root / "brand" / "logo.svg").write_text(SVG.format(size='viewBox="0 0 120 40"'), encoding="utf-8")
        text = text.replace("brand:\n", "brand:\n  logo: brand/logo.svg\n")
    config.write_text(text, encoding="utf-8")
    return root


def built_img(root: Path, cls: str | None = None) -> dict[str, str]:
    code, said = run(root, "build", "--locale", "en", "--today", "2026-06-01")
    assert code == 0, said
    html = parse(root / "output" / "testamol" / "en" / "index.html")
    if cls:
        return next(n.attrs for n in html.iter("img") if n.attrs.get("class") == cls)
    return next(n.attrs for n in html.iter("img") if n.attrs.get("alt") == "A small round white tablet")


@pytest.mark.parametrize("size, width, height", [
    ('width="400" height="200"', "400", "200"),
    ('width="100%" viewBox="0 0 300 150"', "300", "150"),       # a percentage: the viewBox gives the size
    ('width="10cm" height="5cm"', "378", "189"),                 # 10 cm = 377.95 CSS px, 5 cm = 188.98
    ('width="240" viewBox="0 0 120 40"', "240", "80"),           # the height from the viewBox's proportions
])
def test_svg_picture_gets_its_size_on_the_web_page(checks_copy: Callable[..., Path], size: str, width: str, height: str) -> None:
    img = built_img(svg_project(checks_copy, size))
    assert img["src"].startswith("assets/pack-") and img["src"].endswith(".svg")
    assert (img["width"], img["height"]) == (width, height)


def test_svg_without_a_size_is_shown_without_one(checks_copy: Callable[..., Path]) -> None:
    img = built_img(svg_project(checks_copy, ""))
    assert "width" not in img and "height" not in img and img["src"].endswith(".svg")


def test_svg_logo_outside_content_is_on_the_web_page(checks_copy: Callable[..., Path]) -> None:
    img = built_img(svg_project(checks_copy, 'width="400" height="200"', logo=True), cls="logo")
    assert img["src"].startswith("assets/logo-") and (img["width"], img["height"]) == ("120", "40")


def test_a_packaged_template_failing_is_reported_as_a_handouts_bug() -> None:
    with pytest.raises(TemplateError) as exc:
        fill(environment((BUILTIN / "web",)), "page.html", {})
    [problem] = exc.value.problems
    assert "this is a bug in handouts, not in your files" in problem.message and "(built-in templates)/web/" in problem.message
    assert "fix the template" not in problem.message


def test_a_users_own_template_failing_is_theirs_to_fix(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ picture.width }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        fill(environment((tmp_path, BUILTIN / "web")), "page.html", {"picture": {}})
    [problem] = exc.value.problems
    assert Path(str(problem.path)) == tmp_path / "page.html" and problem.line == 1 and "fix the template" in problem.message
