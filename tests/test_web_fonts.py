"""The web page of a CJK locale: regular and bold faces, cut to the page's characters, built in seconds (session 11, M1)."""

from __future__ import annotations

import re
import shutil
import time
from html import unescape
from pathlib import Path

import polib
import pytest
from conftest import DATA
from fontTools.ttLib import TTFont

from handouts.cli import main

CJK = Path("/usr/share/fonts/opentype/noto")
ZH = "请按时服用药片。"
pytestmark = pytest.mark.skipif(not (CJK / "NotoSansCJK-Regular.ttc").is_file(), reason="fonts-noto-cjk is not installed")


@pytest.fixture(scope="module")
def zh_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """i18n-mini with zh-Hans added and translated (bold kept), its web page built alone; (page folder, seconds)."""
    root = tmp_path_factory.mktemp("zh") / "mini"
    shutil.copytree(DATA / "i18n-mini", root)
    assert main(["i18n", "add", "zh-Hans", "--project", str(root)]) == 0
    for path, text in ((root / "content/i18n-mini/locales/zh-Hans.po", lambda e: ZH.replace("服用", "**服用**") if "**" in e.msgid else ZH),
                       (root / "templates/locales/zh-Hans.po", lambda e: "中文 " + e.msgid)):  # -- keeps every %(name)s --
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = text(entry)
        po.save()
    out = root / "out"
    start = time.perf_counter()
    assert main(["build", "--project", str(root), "--locale", "zh-Hans", "--format", "html", "--out", str(out), "--no-cache", "--jobs", "1"]) == 0
    return out / "i18n-mini" / "zh-Hans", time.perf_counter() - start


def faces(page: Path) -> list[dict[str, str]]:
    css = (page / "index.html").read_text(encoding="utf-8")
    rules = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    return [dict(re.findall(r'(font-family|src|font-weight|font-style):\s*(?:url\()?"?([^";)]+)', rule)) for rule in rules]


def test_regular_and_bold_cjk_faces_of_the_page_size(zh_page: tuple[Path, float]) -> None:
    page, _ = zh_page
    cjk = [f for f in faces(page) if f["font-family"] == "Noto Sans CJK SC"]
    assert sorted((f["font-weight"], f["font-style"]) for f in cjk) == [("400", "normal"), ("700", "normal")]
    for face in cjk:
        size = (page / face["src"]).stat().st_size
        assert face["src"].endswith(".woff2") and 10_000 < size < 300_000, (face["src"], size)  # the whole bold face was 12 MB


def test_the_faces_draw_every_character_of_the_page_in_simplified_chinese_forms(zh_page: tuple[Path, float]) -> None:
    page, _ = zh_page
    html = (page / "index.html").read_text(encoding="utf-8")
    body = unescape(re.sub(r"<[^>]*>", " ", html.split("<body", 1)[1]))
    visible = {ch for ch in body if not ch.isspace()}
    assert {"请", "药", "T", "e"} <= visible  # Chinese and Latin (the template words keep their English after "中文")
    for face in (f for f in faces(page) if f["font-family"] == "Noto Sans CJK SC"):
        with TTFont(page / face["src"]) as font:
            assert font["name"].getDebugName(1) == "Noto Sans CJK SC"  # the SC face of the collection, not the JP one at index 0
            cmap = font.getBestCmap()
        assert sorted(ch for ch in visible if ord(ch) not in cmap) == []


def test_bold_text_is_drawn_with_the_bold_face_only(zh_page: tuple[Path, float]) -> None:
    page, _ = zh_page
    html = (page / "index.html").read_text(encoding="utf-8")
    assert "<strong>服用</strong>" in html
    weights = {}
    for face in (f for f in faces(page) if f["font-family"] == "Noto Sans CJK SC"):
        with TTFont(page / face["src"]) as font:
            weights[face["font-weight"]] = font["OS/2"].usWeightClass
    assert weights == {"400": 400, "700": 700}


def test_the_page_builds_in_seconds(zh_page: tuple[Path, float]) -> None:
    _, seconds = zh_page
    assert seconds < 30, f"{seconds:.1f} s (converting the whole collection took 67 s)"


def test_changing_the_regular_face_beside_a_configured_bold_font_rebuilds_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serif = Path("/usr/share/fonts/truetype/noto")
    root = tmp_path / "mini"
    shutil.copytree(DATA / "i18n-mini", root)
    (root / "fonts").mkdir()
    shutil.copy(serif / "NotoSerif-Bold.ttf", root / "fonts" / "Serif-Bold.ttf")
    shutil.copy(serif / "NotoSerif-Regular.ttf", root / "fonts" / "Serif-Regular.ttf")  # -- not listed: the page takes it from beside the bold --
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "fonts:\n  Latn: [fonts/Serif-Bold.ttf]\n", encoding="utf-8")
    build = ["build", "--project", str(root), "--locale", "en", "--format", "html", "--jobs", "1"]
    assert main(build) == 0
    page = root / "output" / "i18n-mini" / "en"
    regular = [f["src"] for f in faces(page) if f["font-family"] == "Noto Serif" and f["font-weight"] == "400"]
    assert regular, faces(page)
    before = (page / regular[0]).read_bytes()
    capsys.readouterr()
    shutil.copy(serif / "NotoSerif-Italic.ttf", root / "fonts" / "Serif-Regular.ttf")  # -- the clinic replaces its regular face --
    assert main(build) == 0
    assert "built 1, cached 0" in capsys.readouterr().err
    assert (page / regular[0]).read_bytes() != before
