"""handouts serve: a running preview seen from a real browser (Debian's chromium via Playwright) and from raw HTTP requests."""

from __future__ import annotations

import http.client
import io
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from fixtures_i18n import SAMPLE_DOC, copy_sample
from pptx import Presentation
from pypdf import PdfReader

from handouts.build import BuildOptions
from handouts.cli import main
from handouts.serve import Preview
from handouts.serve.library import read_library
from handouts.theme import BUILTIN

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
HEADING = "Important warning about pregnancy"  # a section heading of the sample, edited by the tests
WAIT_MS = 10_000  # the issue: the open page changes within 10 s of the save
RENDER_WAIT_MS = 120_000  # anything else (leaflets after the web edition, overlays): bounded, not timed


def project(tmp: Path, locales: list[str], templates: bool = False) -> Path:
    """A copy of the sample in these locales (and, with templates, a templates_dir holding a copy of the leaflet and web templates)."""
    root = copy_sample(tmp / "project")
    config_path = root / "handouts.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["locales"] = locales
    if templates:
        for kind in ("leaflet", "web"):
            shutil.copytree(BUILTIN / kind, root / "theme" / kind)
        config["templates_dir"] = "theme"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@contextmanager
def running(root: Path, formats: list[str], lines: list[str] | None = None) -> Iterator[tuple[Preview, str]]:
    """A preview of root on a free port, its first build done: (preview, base URL); stopped afterwards."""
    preview = Preview(root, BuildOptions(jobs=1, draft=True), formats=formats, log=(lines if lines is not None else []).append)
    url = preview.bind("127.0.0.1", 0)
    try:
        preview.start()
        preview.serve_in_thread()
        assert preview.rebuilder.idle.wait(120), "the first build did not finish"
        yield preview, url.removesuffix("/_handouts/")
    finally:
        preview.close()


def source(root: Path) -> Path:
    return root / "content" / SAMPLE_DOC / "document.yml"


def replace(path: Path, old: str, new: str) -> None:
    """Edit a file as an editor saves it: the whole text written back, old (once) replaced by new."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def get(base: str, raw_path: str, method: str = "GET", host: str | None = None) -> tuple[int, bytes]:
    """One request with the path sent exactly as given (no client-side normalising)."""
    address = base.removeprefix("http://")
    conn = http.client.HTTPConnection(address, timeout=30)
    try:
        conn.putrequest(method, raw_path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or address)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_a_saved_edit_reaches_the_open_pages_without_a_reload(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = project(tmp_path, ["en-GB", "es"])
    edited = "Pregnancy warning, edited while serving"
    with running(root, ["html", "pdf"]) as (preview, base):
        web = browser.new_page()  # type: ignore[attr-defined]
        web.goto(f"{base}/{SAMPLE_DOC}/en-GB/index.html")
        assert web.get_by_role("heading", name=HEADING).count() == 1
        overview = browser.new_page()  # type: ignore[attr-defined]
        overview.goto(f"{base}/_handouts/{SAMPLE_DOC}/en-GB/")
        assert HEADING in overview.frame_locator("iframe.web").locator("main").inner_text()
        first = overview.locator(".pages img").first.get_attribute("src")
        old_image = get(base, first)[1]
        for page in (web, overview):
            page.evaluate("window.notReloaded = true")
        replace(source(root), f"heading: {HEADING}", f"heading: {edited}")
        web.wait_for_function("text => !window.notReloaded && document.querySelector('main').innerText.includes(text)", arg=edited, timeout=WAIT_MS)
        assert web.get_by_role("heading", name=HEADING).count() == 0
        overview.wait_for_function("old => !window.notReloaded && document.querySelector('.pages img').getAttribute('src') !== old", arg=first, timeout=RENDER_WAIT_MS)
        assert edited in overview.frame_locator("iframe.web").locator("main").inner_text()
        pdf = overview.locator("a", has_text="PDF").first.get_attribute("href")
        status, data = get(base, pdf)
        assert status == 200 and edited in PdfReader(io.BytesIO(data)).pages[0].extract_text()
        status, new_image = get(base, overview.locator(".pages img").first.get_attribute("src"))
        assert status == 200 and new_image.startswith(b"\x89PNG") and new_image != old_image
        status, spanish = get(base, f"/_handouts/{SAMPLE_DOC}/es/")  # its source changed: the translation is stale, built as a draft
        assert status == 200 and b"DRAFT translation: not for use with patients" in spanish
        assert b'<body class="draft">' in get(base, f"/{SAMPLE_DOC}/es/index.html")[1]  # the web edition's own draft mark
        web.close()
        overview.close()


@pytest.mark.parametrize(("name", "line_text"), [(f"content/{SAMPLE_DOC}/document.yml", "  kind: medicine"), ("handouts.yml", "formats:")])
def test_a_yaml_mistake_shows_on_the_page_and_fixing_it_clears_it(browser, tmp_path: Path, name: str, line_text: str) -> None:  # type: ignore[no-untyped-def]
    root = project(tmp_path, ["en-GB"])
    path = root / name
    line = path.read_text(encoding="utf-8").splitlines().index(line_text) + 1
    with running(root, ["pdf"]) as (preview, base):
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{base}/_handouts/")
        replace(path, f"\n{line_text}", f"\n\t{line_text.lstrip()}")  # a tab: malformed YAML on that line
        overlay = page.locator("#handouts-overlay")
        overlay.wait_for(timeout=RENDER_WAIT_MS)
        assert f"{name}:{line}:" in overlay.inner_text() and "malformed YAML" in overlay.inner_text()
        assert "Traceback" not in overlay.inner_text()
        assert get(base, "/manifest.json")[0] == 200  # still serving the last good build
        replace(path, f"\n\t{line_text.lstrip()}", f"\n{line_text}")
        overlay.wait_for(state="detached", timeout=RENDER_WAIT_MS)
        assert preview.state.snapshot.note.startswith("built 0, cached 1 ")  # back to the last good input: nothing re-rendered
        page.close()


def test_a_problem_is_shown_as_text_never_as_markup(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = project(tmp_path, ["en-GB"])
    with running(root, ["pdf"]) as (preview, base):
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{base}/_handouts/")
        replace(source(root), "  kind: medicine\n", '  kind: medicine\n  "<img src=x onerror=window.pwned=1>": 1\n')
        overlay = page.locator("#handouts-overlay")
        overlay.wait_for(timeout=RENDER_WAIT_MS)
        assert "unknown key '<img src=x onerror=window.pwned=1>'" in overlay.inner_text()
        assert overlay.locator("img").count() == 0
        assert page.evaluate("window.pwned") is None
        page.close()


@pytest.mark.parametrize(("template", "fmt"), [("web/page.html", "html"), ("leaflet/leaflet.html", "pdf")])
def test_a_template_mistake_shows_its_file_and_line(browser, tmp_path: Path, template: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    root = project(tmp_path, ["en-GB"], templates=True)
    path = root / "theme" / template
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with running(root, [fmt]) as (preview, base):
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{base}/_handouts/")
        good = next(a for a in read_library(root / "output").entries(SAMPLE_DOC, "en-GB") if a.format == fmt).path
        path.write_text("".join([*lines[:2], "{% if %}\n", *lines[2:]]), encoding="utf-8")  # line 3: an if without a condition
        overlay = page.locator("#handouts-overlay")
        overlay.wait_for(timeout=RENDER_WAIT_MS)
        assert f"theme/{template}:3: template syntax error" in overlay.inner_text()
        status, data = get(base, f"/{good}")
        served_bytes = re.sub(rb'<script src="/_handouts/live.js" data-generation="\d+"></script>', b"", data)
        assert status == 200 and served_bytes == (root / "output" / good).read_bytes()  # the last good build stays served
        page.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """One built preview whose output folder holds links out of it and a hidden file: (project, base URL)."""
    root = project(tmp_path_factory.mktemp("served"), ["en-GB", "es"])
    (root / "secret.txt").write_text("PATIENT-SECRET", encoding="utf-8")
    with running(root, ["html", "pdf", "pptx"]) as (preview, base):
        out = root / "output"
        (out / "link-out.txt").symlink_to(root / "secret.txt")
        (out / "dir-out").symlink_to(root)
        (out / ".hidden.txt").write_text("PATIENT-SECRET", encoding="utf-8")
        yield root, base


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
    "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%255csecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
    "/%c0%ae%c0%ae/secret.txt", f"/{SAMPLE_DOC}/../../secret.txt", f"/{SAMPLE_DOC}/%2e%2e/%2e%2e/secret.txt", "/./../secret.txt",
    "//secret.txt", "/%2f%2e%2e/secret.txt", "/%00../secret.txt", "/manifest.json%00.html", "http://127.0.0.1/../secret.txt",
    "/link-out.txt", "/dir-out/secret.txt", "/dir-out/handouts.yml", "/.hidden.txt", "/%2ehidden.txt", "secret.txt",
]


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_a_path_out_of_the_output_folder_is_not_found(served: tuple[Path, str], raw: str) -> None:
    status, body = get(served[1], raw)
    assert status == 404 and b"PATIENT-SECRET" not in body and b"source_locale" not in body


def test_files_of_the_output_folder_are_served_and_only_read(served: tuple[Path, str]) -> None:
    root, base = served
    status, pdf = get(base, f"/{SAMPLE_DOC}/en-GB/{SAMPLE_DOC}.en-GB.pdf")
    assert status == 200 and pdf.startswith(b"%PDF")
    assert get(base, f"/{SAMPLE_DOC}/en-GB/{SAMPLE_DOC}.en-GB.pdf", method="HEAD") == (200, b"")
    for method in ("POST", "PUT", "DELETE"):
        assert get(base, "/manifest.json", method=method)[0] == 405
    assert get(base, "/manifest.json", host="attacker.example")[0] == 403  # DNS rebinding: only this machine's names
    web = f"{SAMPLE_DOC}/en-GB/index.html"
    for raw in (f"/{web}", f"/{SAMPLE_DOC}/en-GB/"):
        status, html = get(base, raw)
        assert status == 200 and b'<script src="/_handouts/live.js"' in html and html.index(b"live.js") < html.rindex(b"</body>")
    assert "_handouts" not in (root / "output" / web).read_text(encoding="utf-8")  # injected when served, not on disk
    assert get(base, f"/{SAMPLE_DOC}/en-GB")[0] == 302  # to the folder with its slash, so the page's relative links work


def test_the_preview_shows_leaflet_pages_and_slides_as_images(served: tuple[Path, str]) -> None:
    _, base = served
    status, library = get(base, "/_handouts/")
    assert status == 200 and f'href="/_handouts/{SAMPLE_DOC}/en-GB/"'.encode() in library
    assert get(base, f"/_handouts/{SAMPLE_DOC}/")[0] == 302
    assert get(base, f"/_handouts/{SAMPLE_DOC}/xx/")[0] == 404
    status, page = get(base, f"/_handouts/{SAMPLE_DOC}/en-GB/")
    images = re.findall(r'<img src="(/_handouts/pages/[0-9a-f]{64}/\d+\.png)" alt="(Page|Slide) ', page.decode())
    kinds = {kind for _, kind in images}
    assert kinds == {"Page", "Slide"}
    shapes = {}
    for kind in kinds:
        status, png = get(base, next(s for s, k in images if k == kind))
        assert status == 200 and png.startswith(b"\x89PNG"), kind
        shapes[kind] = struct.unpack(">II", png[16:24])  # IHDR width, height
    assert shapes["Page"][0] < shapes["Page"][1] and shapes["Slide"][0] > shapes["Slide"][1]  # a portrait leaflet page, a landscape slide
    deck = next(a for a in read_library(served[0] / "output").entries(SAMPLE_DOC, "en-GB") if a.format == "pptx")
    assert len([s for s, k in images if k == "Slide"]) == len(Presentation(str(served[0] / "output" / deck.path)).slides)
    assert get(base, f"/_handouts/pages/{'0' * 64}/1.png")[0] == 404
    assert f'<iframe class="web" src="/{SAMPLE_DOC}/en-GB/index.html"'.encode() in page
    assert b'href="/index.html"' in library  # the web edition's library page
    leaflet_pages = [src for src, kind in images if kind == "Page"]
    pdf = next(a for a in read_library(served[0] / "output").entries(SAMPLE_DOC, "en-GB") if a.format == "pdf")
    assert len(leaflet_pages) == pdf.pages == len(PdfReader(served[0] / "output" / pdf.path).pages)
    assert get(base, leaflet_pages[0].rsplit("/", 1)[0] + f"/{pdf.pages + 1}.png")[0] == 404  # no page after the last


def test_the_locale_switcher_links_every_built_locale(served: tuple[Path, str]) -> None:
    status, page = get(served[1], f"/_handouts/{SAMPLE_DOC}/es/")
    switcher = page.decode().split('<nav aria-label="Locales"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="/_handouts/[^/]+/([^/]+)/"( aria-current="page")?', switcher) == [("en-GB", ""), ("es", ' aria-current="page"')]
    assert f'src="/{SAMPLE_DOC}/es/index.html"'.encode() in page


def test_without_libreoffice_the_preview_says_slides_are_not_shown(served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "soffice" else which(name, *a, **k))
    status, page = get(served[1], f"/_handouts/{SAMPLE_DOC}/en-GB/")
    assert status == 200 and b"LibreOffice is not installed, so slides are not shown" in page
    assert b'alt="Slide ' not in page and b'alt="Page ' in page


def test_a_port_in_use_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, ["en-GB"])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--project", str(root), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"port {port} on 127.0.0.1 is in use" in err and "--port 0" in err
    assert not (root / "output").exists()


@pytest.mark.parametrize(("args", "says"), [
    (["--port", "70000"], "--port must be 0-65535"),
    (["--port", "eighty"], "not a port number"),
    (["--host", "192.0.2.1"], "is not an address of this machine"),  # TEST-NET-1: never assigned to a machine
])
def test_a_wrong_address_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str) -> None:
    root = project(tmp_path, ["en-GB"])
    assert main(["serve", "--project", str(root), *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_listening_on_the_network_warns_and_sigterm_stops_cleanly(tmp_path: Path) -> None:
    root = project(tmp_path, ["en-GB"])
    command = [sys.executable, "-m", "handouts", "serve", "--project", str(root), "--host", "0.0.0.0", "--port", "0", "--format", "pdf"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as server:
        assert server.stderr is not None
        lines = [server.stderr.readline(), server.stderr.readline()]
        time.sleep(1)
        server.send_signal(signal.SIGTERM)
        rest = server.stderr.read()
        code = server.wait(120)
    assert "warning: listening on 0.0.0.0" in lines[0] and "unreviewed" in lines[0]
    assert "http://0.0.0.0:" in lines[1]
    assert code == 0
    assert "stopped" in rest and "Traceback" not in rest


def test_a_bug_in_a_rebuild_is_one_line_and_the_server_keeps_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, ["en-GB"])
    lines: list[str] = []

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("renderer exploded\nsecond line")

    monkeypatch.setattr("handouts.serve.rebuild.build", broken)
    with running(root, ["pdf"], lines) as (preview, base):
        problems = preview.state.snapshot.problems
        assert len(problems) == 1 and "internal error while rebuilding (RuntimeError: renderer exploded second line)" in problems[0]
        assert all("\n" not in line and "Traceback" not in line for line in lines)
        assert get(base, "/_handouts/")[0] == 200
