"""The web edition in a real browser (Debian's chromium driven by Playwright): axe-core WCAG 2.2 AA, requests, reflow, zoom, focus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, SAMPLE_SOURCE

DOC = "isotretinoin-40mg"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCALES = (SAMPLE_SOURCE, "es", "pl", "ar")
PSEUDO = ("x-pseudo", "x-pseudo-rtl")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium for the module (the system's; Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: run bash scripts/setup.sh (it installs Debian's chromium)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, from npm (package-lock.json)."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in {REPO} (bash scripts/setup.sh does)"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(sample_out: Path, pseudo_out) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Every page to check: the sample in each locale, the pseudo-locales, the library."""
    found = {loc: sample_out / DOC / loc / "index.html" for loc in LOCALES}
    found |= {loc: pseudo_out[0] / DOC / loc / "index.html" for loc in PSEUDO}
    found["library"] = sample_out / "index.html"
    return found


def open_page(browser: object, path: Path, width: int, height: int = 900) -> tuple[object, list[str]]:
    """A new tab at a width, every request it makes recorded."""
    tab = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(path.as_uri())
    tab.wait_for_load_state("load")
    tab.evaluate("document.fonts.ready.then(() => true)")
    return tab, requests


def horizontal_overflow(tab: object) -> int:
    """How many CSS pixels the page is wider than its window (0 when nothing scrolls sideways)."""
    return int(tab.evaluate("document.documentElement.scrollWidth - window.innerWidth"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [*LOCALES, *PSEUDO, "library"])
def test_no_wcag_violations_and_no_request_outside_the_files(browser: object, axe_source: str, pages: dict[str, Path], name: str) -> None:
    tab, requests = open_page(browser, pages[name], 1280)
    tab.add_script_tag(content=axe_source)  # type: ignore[attr-defined]
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)  # type: ignore[attr-defined]
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
    assert found == [], "\n".join(found)
    assert result["testEngine"]["name"] == "axe-core" and result["toolOptions"]["runOnly"]["values"] == TAGS
    outside = [url for url in requests if not url.startswith("file:")]
    assert outside == [], outside
    assert len(requests) >= 1 + (name != "library")  # the page, and at least one font file beside it
    tab.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [SAMPLE_SOURCE, "ar", "x-pseudo", "library"])
@pytest.mark.parametrize("width", [320, 1280])
def test_no_horizontal_scroll(browser: object, pages: dict[str, Path], name: str, width: int) -> None:
    tab, _ = open_page(browser, pages[name], width)
    assert horizontal_overflow(tab) <= 0, f"{name} at {width} px scrolls sideways"
    tab.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [SAMPLE_SOURCE, "ar", "x-pseudo"])
def test_text_at_200_percent_still_reflows_at_640_px(browser: object, pages: dict[str, Path], name: str) -> None:
    tab, _ = open_page(browser, pages[name], 640)
    before = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")  # type: ignore[attr-defined]
    tab.evaluate("document.documentElement.style.fontSize = '200%'")  # type: ignore[attr-defined]  # the browser's text-size setting
    after = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")  # type: ignore[attr-defined]
    assert after == pytest.approx(2 * before)  # every size is in rem/em: text follows the reader's setting
    assert horizontal_overflow(tab) <= 0
    tab.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", [SAMPLE_SOURCE, "ar"])
def test_skip_link_is_the_first_stop_and_visibly_focused(browser: object, pages: dict[str, Path], name: str) -> None:
    tab, _ = open_page(browser, pages[name], 1280)
    box = {"x": 0, "y": 0, "width": 1280, "height": 120}
    unfocused = tab.screenshot(clip=box)  # type: ignore[attr-defined]
    tab.keyboard.press("Tab")  # type: ignore[attr-defined]
    focused = tab.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {cls: e.className, href: e.getAttribute('href'), bg: s.backgroundColor, color: s.color, top: r.top, bottom: r.bottom,
                left: r.left, right: r.right}; }""")  # type: ignore[attr-defined]
    assert focused["cls"] == "skip-link" and focused["href"] == "#main"
    assert 0 <= focused["top"] < focused["bottom"] <= 120 and 0 <= focused["left"] < focused["right"] <= 1280  # on screen, not off-screen
    assert (focused["bg"], focused["color"]) == ("rgb(255, 235, 59)", "rgb(33, 43, 50)")  # yellow with dark text: 13.6:1
    assert tab.screenshot(clip=box) != unfocused  # type: ignore[attr-defined]
    tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert tab.evaluate("document.activeElement.id") == "main"  # type: ignore[attr-defined]
    tab.close()  # type: ignore[attr-defined]


def test_download_and_language_links_open_files_that_exist(browser: object, pages: dict[str, Path]) -> None:
    for name in LOCALES:
        tab, _ = open_page(browser, pages[name], 1280)
        hrefs = tab.evaluate("[...document.querySelectorAll('.downloads a, .languages a')].map(a => a.href)")  # type: ignore[attr-defined]
        assert len(hrefs) == 3 + len(LOCALES)
        for href in hrefs:
            parts = urlsplit(href)
            assert parts.scheme == "file" and Path(unquote(parts.path)).is_file(), href
        tab.close()  # type: ignore[attr-defined]
