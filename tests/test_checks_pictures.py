"""`handouts check` says what the build refuses in pictures and logos; the emoji advice; Markdown printed as typed (report items 6, 12, 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from fixtures_checks import findings_of, only

from handouts.fonts import fix_hint

DOC = "content/testamol/document.yml"
PICTURE = 'src: tablet.png'


def handouts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handouts", *args, "--today", "2026-06-01"], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONWARNINGS": "error"})


def use_picture(root: Path, name: str, data: bytes | str) -> int:
    """Put a picture file in the document folder and point the document's image block at it; returns the src line."""
    folder = root / "content" / "testamol"
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    doc = folder / "document.yml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace(PICTURE, f"src: {name}"), encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if PICTURE in line)


def svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">{body}</svg>'


def cmyk_tiff() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("CMYK", (20, 10), (0, 90, 200, 0)).save(buf, format="TIFF")
    return buf.getvalue()


# -- item 6: pictures the build refuses --------------------------------------------------------


def test_cmyk_tiff_is_refused_by_check_and_by_build_alike(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    line = use_picture(root, "pack.tif", cmyk_tiff())
    checked, built = handouts("check", cwd=root), handouts("build", "--format", "pdf", cwd=root)
    expected = f"{DOC}:{line}: image 'pack.tif' is a CMYK TIFF picture, which the leaflet cannot print"
    for result in (checked, built):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert any(expected in ln and "save it as an RGB PNG or JPEG" in ln for ln in result.stderr.splitlines()), result.stderr
    assert not (root / "output" / "testamol").exists()


@pytest.mark.parametrize("body, words", [
    ('<image xlink:href="file:///etc/passwd" width="10" height="10"/>',
     "the SVG reads file:///etc/passwd from the computer; a picture may only use files beside it in the document folder: remove the reference"),
    ('<image href="https://example.com/x.png" width="10" height="10"/>',
     "the SVG refers to https://example.com/x.png on the network; the leaflet never fetches from the network"),
    ("<style>@import url(https://example.com/a.css);</style><rect width='4' height='4'/>",
     "the SVG imports a stylesheet from https://example.com/a.css; remove the @import"),
    ("<style>rect { fill: url(http://example.com/p.svg#g) }</style><rect width='4' height='4'/>",
     "the SVG refers to http://example.com/p.svg#g on the network"),
    ("<script>alert(1)</script>", "the SVG contains a script (<script>): a picture must not run code; remove it"),
    ('<image href="../../secret.png" width="10" height="10"/>', "the SVG refers to '../../secret.png', outside the document folder"),
])
def test_svg_references_are_refused_when_the_document_loads(checks_copy: Callable[..., Path], body: str, words: str) -> None:
    root = checks_copy()
    line = use_picture(root, "pack.svg", svg(body))
    result = handouts("check", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [message] = [ln for ln in result.stderr.splitlines() if "pack.svg" in ln]
    assert f"{DOC}:{line}: image 'pack.svg' cannot be printed: " in message and words in message
    assert message.count("example.com/a.css") <= 1  # -- an @import is said once, not also as a url() --


def test_svg_with_fragments_and_a_file_beside_it_passes(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    body = ('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>'
            '<image href="tablet.png" width="10" height="10"/><use xlink:href="#g"/>')
    use_picture(root, "pack.svg", svg(body))
    # -- the deck cannot show an SVG: only slides are refused, and only while decks are built --
    assert only(findings_of(root, ["en"]), "pictures.slides") == []


def set_formats(root: Path, formats: str) -> None:
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("formats: [pdf]", f"formats: [{formats}]"), encoding="utf-8")


def test_svg_picture_on_slides_is_a_check_error(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    line = use_picture(root, "pack.svg", svg("<rect width='4' height='4'/>"))
    set_formats(root, "pdf, pptx")
    [finding] = only(findings_of(root, ["en"]), "pictures.slides")
    assert (finding.path, finding.line, finding.severity) == (DOC, line, "error")
    assert "image 'pack.svg' cannot be shown on a slide" in finding.message and "`only: leaflet`" in finding.message


def test_svg_logo_where_slides_are_built(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    (root / "logo.svg").write_text(svg("<rect width='4' height='4'/>"), encoding="utf-8")
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("brand:\n", "brand:\n  logo: logo.svg\n"), encoding="utf-8")
    assert only(findings_of(root, ["en"]), "pictures.slides") == []  # -- pdf only: the leaflet prints an SVG logo --
    set_formats(root, "pdf, pptx, html")
    [finding] = only(findings_of(root, ["en"]), "pictures.slides")
    assert (finding.path, finding.line) == ("handouts.yml", 6) and "brand logo 'logo.svg' cannot be shown on a slide" in finding.message
    built = handouts("build", "--no-check", "--locale", "en", "--format", "pptx,html", cwd=root)
    assert built.returncode == 1 and "cannot be shown on a slide" in built.stderr
    assert "unsafe reference ''" not in built.stderr and "web edition only reads" not in built.stderr


# -- item 12: the emoji advice -----------------------------------------------------------------


def test_emoji_advice_names_the_emoji_font_or_words() -> None:
    hint = fix_hint("\U0001F48A\U0001F95B")  # pill, glass of milk
    assert hint.startswith("they are emoji, which the leaflet's fonts cannot print: replace them with words")
    assert "fonts-noto-color-emoji" in hint and "Zyyy" not in hint and "Common" not in hint and "fonts-noto-extra" not in hint
    mixed = fix_hint("\U0001F48A\u0915")  # an emoji and a Devanagari letter
    assert mixed.startswith("\U0001F48A is an emoji") and "install fonts-noto-core (a Noto font for Devanagari)" in mixed


def test_build_refuses_emoji_with_the_advice(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    doc = root / DOC
    doc.write_text(doc.read_text(encoding="utf-8").replace("You take it by mouth.", "You take it by mouth \U0001F48A."), encoding="utf-8")
    result = handouts("build", "--format", "pdf", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no font covers '\U0001F48A' U+1F48A" in result.stderr and "fonts-noto-color-emoji" in result.stderr and "Zyyy" not in result.stderr


# -- item 15: Markdown printed as typed --------------------------------------------------------


def markdown_findings(checks_copy: Callable[..., Path], text: str) -> list:  # type: ignore[type-arg]
    root = checks_copy(lambda d: d["sections"][0]["body"].append({"text": text}))
    return [f for f in findings_of(root, ["en"]) if f.rule.startswith("markup.")]


@pytest.mark.parametrize("text, rule, shown", [
    ("Take **two tablets with water.", "markup.emphasis", '"**" is printed as it is, in "Take **two tablets with water."'),
    ("Take _two tablets with water.", "markup.emphasis", '"_" is printed as it is, in "Take _two tablets with water."'),
    ("Take two** tablets.", "markup.emphasis", '"**" is printed as it is'),
    ("Take <b>two</b> tablets.", "markup.html", "HTML '<b>' is printed as code"),
    ("Take two tablets <script>alert(1)</script>.", "markup.html", "HTML '<script>' is printed as code"),
    ("Take two tablets. <!-- note -->", "markup.html", "HTML '<!--' is printed as code"),
])
def test_markdown_that_prints_as_typed_is_a_warning_at_its_line(checks_copy: Callable[..., Path], text: str, rule: str, shown: str) -> None:
    [finding] = markdown_findings(checks_copy, text)
    assert (finding.rule, finding.severity, finding.segment, finding.path) == (rule, "warning", "what-it-is.body.1.text", DOC)
    assert finding.line is not None and shown in finding.message


@pytest.mark.parametrize("text", [
    "Take **two** tablets, *slowly*, with _water_.",
    "Use 5 * 3 ml, or ask: a_b and snake_case are words.",
    r"Write \*\* to print two stars.",
    "The code `**` is shown as code.",
    "Less than 5 mg (< 5 mg) is a low dose; more than 2 > 1.",
])
def test_markdown_that_prints_as_meant_passes(checks_copy: Callable[..., Path], text: str) -> None:
    assert markdown_findings(checks_copy, text) == []
