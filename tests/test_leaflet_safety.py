"""Safe rendering: content and templates never make the build read outside the project or touch the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import copy_project
from fixtures_leaflet import Recorder, build_pdfs, flat, page_texts

from handouts.build import BuildOptions, build
from handouts.errors import HandoutsError
from handouts.fetcher import Refused, RestrictedFetcher
from handouts.theme import BUILTIN


def set_image(src: str):
    def edit(doc: dict) -> None:
        doc["sections"][1]["body"][3]["image"]["src"] = src

    return edit


def image_line(root: Path) -> int:
    lines = (root / "content" / "leaflet-basic" / "document.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if "src:" in text)


def with_template(tmp_path: Path, name: str, text: str) -> Path:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(templates_dir="my-templates"))
    folder = root / "my-templates" / "leaflet"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    return root


# -- the fetcher itself ----------------------------------------------------------------------------


def test_fetcher_serves_files_under_its_roots_only(tmp_path: Path, http_server: Recorder) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "ok.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "content" / "link.png").symlink_to(tmp_path / "secret.txt")
    fetcher = RestrictedFetcher([root / "content"])

    assert fetcher.fetch((root / "content" / "ok.png").as_uri()).read() == b"png"
    for url in (
        f"{http_server.url}/x.png",
        "file:///etc/passwd",
        (root / "content").as_uri() + "/../../secret.txt",
        (root / "content" / "link.png").as_uri(),
        "file://otherhost/etc/passwd",
        "data:text/plain,hello",
    ):
        with pytest.raises(Refused):
            fetcher.fetch(url)
    assert http_server.requests == []
    assert len(fetcher.refused) == 6


def test_fetcher_never_opens_what_it_refuses(tmp_path: Path) -> None:
    # A FIFO blocks whoever opens it for reading: if the fetcher read it, this test would hang.
    root = tmp_path / "content"
    root.mkdir()
    os.mkfifo(tmp_path / "outside.fifo")
    os.mkfifo(root / "inside.fifo")
    (root / "escape.png").symlink_to(tmp_path / "outside.fifo")
    fetcher = RestrictedFetcher([root])
    for path in (tmp_path / "outside.fifo", root / "inside.fifo", root / "escape.png"):
        with pytest.raises(Refused):
            fetcher.fetch(path.as_uri())


# -- content references, end to end through the build (content.py is the first wall) --------------


@pytest.mark.parametrize("src", ["http", "file:///etc/passwd", "../../secret.png", "symlink"])
def test_unsafe_image_in_content_stops_the_build_at_file_and_line(tmp_path: Path, http_server: Recorder, src: str) -> None:
    (tmp_path / "secret.png").write_bytes(b"not for the leaflet")
    if src == "http":
        src = f"{http_server.url}/x.png"
    root = copy_project("leaflet-basic", tmp_path / "p", document=set_image("link.png" if src == "symlink" else src))
    if src == "symlink":
        (root / "content" / "leaflet-basic" / "link.png").symlink_to(tmp_path / "secret.png")
    out = tmp_path / "out"
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=out, formats=["pdf"], check=False))
    message = str(caught.value)
    if src == "symlink":  # -- refused at the link itself, before the document is read --
        assert "link.png is a link to" in message and "outside the project" in message, message
    else:
        assert f"document.yml:{image_line(root)}:" in message, message
    assert http_server.requests == []
    assert not out.exists() or not list(out.rglob("*.pdf"))


def test_raw_html_in_content_is_printed_as_text_and_fetches_nothing(tmp_path: Path, http_server: Recorder) -> None:
    raw = f'Before <img src="{http_server.url}/raw.png"> <link rel="stylesheet" href="{http_server.url}/x.css"> after.'

    def edit(doc: dict) -> None:
        doc["sections"][0]["body"].append({"text": raw})

    root = copy_project("leaflet-basic", tmp_path, document=edit)
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    assert http_server.requests == []
    assert f'<img src="{http_server.url}/raw.png">' in " ".join(flat(t) for t in page_texts(pdf))


# -- template references: the fetcher is the wall ----------------------------------------------------


@pytest.mark.parametrize("kind", ["http", "passwd", "escape"])
def test_unsafe_reference_in_a_template_gives_template_file_and_line(tmp_path: Path, http_server: Recorder, kind: str) -> None:
    (tmp_path / "secret.png").write_bytes(b"not for the leaflet")
    src = {"http": f"{http_server.url}/logo.png", "passwd": "file:///etc/passwd", "escape": "../../../../secret.png"}[kind]
    masthead = f'<header>\n  <h1>{{{{ meta.title }}}}</h1>\n  <img src="{src}" alt="Logo">\n</header>\n'
    root = with_template(tmp_path / "p", "_masthead.html", masthead)
    out = tmp_path / "out"
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=out, formats=["pdf"], check=False))
    message = str(caught.value)
    assert "_masthead.html:3:" in message and "unsafe reference" in message, message
    assert http_server.requests == []
    assert not out.exists() or not list(out.rglob("*.pdf"))


def test_unsafe_url_in_user_css_is_refused_before_any_request(tmp_path: Path, http_server: Recorder) -> None:
    builtin = (BUILTIN / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    css = f'@import url("{http_server.url}/extra.css");\n' + builtin + f'\nh1 {{ background: url("{http_server.url}/bg.png"); }}\n'
    root = with_template(tmp_path, "leaflet.css", css)
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    assert "leaflet.css:1:" in str(caught.value)
    assert http_server.requests == []


def test_every_unsafe_reference_of_a_user_stylesheet_is_reported_at_once(tmp_path: Path, http_server: Recorder) -> None:
    builtin = (BUILTIN / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    n = builtin.count("\n")
    css = builtin + (f'\nbody {{ background: url(file:///etc/passwd); }}\n@import url("{http_server.url}/x.css");\n'
                     'h1 { background: url(../../../../etc/hostname) }\nh2 { background: url("#grad") }\n')
    root = with_template(tmp_path, "leaflet.css", css)
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    lines = [str(p) for p in caught.value.problems]
    assert [ln.split(": unsafe reference", 1)[0].rsplit(":", 1)[1] for ln in lines] == [str(n + 2), str(n + 3), str(n + 4)], lines
    assert "'/etc/passwd'" in lines[0] and "network" in lines[1] and "etc/hostname" in lines[2]
    assert http_server.requests == [] and not (tmp_path / "out").exists()


def test_unsafe_template_reference_via_cli_exits_1_without_traceback(tmp_path: Path, http_server: Recorder) -> None:
    root = with_template(tmp_path, "_masthead.html", f'<header>\n  <img src="{http_server.url}/logo.png" alt="Logo">\n</header>\n')
    run = subprocess.run([sys.executable, "-m", "handouts", "build", "--no-check", "--format", "pdf", "--out", str(tmp_path / "out")],
                         cwd=root, capture_output=True, text=True, timeout=120, check=False)
    message = run.stdout + run.stderr
    assert run.returncode == 1, message
    assert "_masthead.html:2:" in message and "network" in message
    assert "Traceback" not in message
    assert http_server.requests == []


def test_a_template_cannot_reach_python_internals_to_read_files(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    grab = "{{ cycler.__init__.__globals__.os.popen('cat " + str(tmp_path / "secret.txt") + "').read() }}"
    root = with_template(tmp_path / "p", "_masthead.html", f"<header>\n  <h1>{{{{ meta.title }}}}</h1>\n  <p>{grab}</p>\n</header>\n")
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    message = str(caught.value)
    assert "_masthead.html:3:" in message and "unsafe" in message, message
    assert "TOP SECRET" not in message
    assert not (tmp_path / "out").exists()


def test_a_template_including_a_file_outside_the_templates_is_refused_in_words(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    root = with_template(tmp_path / "p", "_masthead.html", "<header>\n  {% include '../../../secret.txt' %}\n</header>\n")
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    message = str(caught.value)
    assert "_masthead.html:2: the template includes or extends '../../../secret.txt', which is not a template" in message, message
    assert "TOP SECRET" not in message and not (tmp_path / "out").exists()


def test_a_missing_file_inside_the_project_is_reported_as_missing_not_unsafe(tmp_path: Path) -> None:
    root = with_template(tmp_path, "_masthead.html", '<header>\n  <h1>{{ meta.title }}</h1>\n  <img src="badge.png" alt="Badge">\n</header>\n')
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    missing = root / "content" / "leaflet-basic" / "badge.png"
    assert str(caught.value) == f"{root / 'my-templates' / 'leaflet' / '_masthead.html'}:3: '{missing}' does not exist or is not a file: add the file or fix the reference"


def test_an_svg_image_linking_outside_is_refused_at_the_image_line(tmp_path: Path, http_server: Recorder) -> None:
    # WeasyPrint fetches an SVG's own links while drawing, and only logs a failure: the image would vanish.
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'
           f'<image xlink:href="{http_server.url}/inner.png" width="40" height="40"/></svg>')
    root = copy_project("leaflet-basic", tmp_path / "p", document=set_image("drawing.svg"))
    (root / "content" / "leaflet-basic" / "drawing.svg").write_text(svg, encoding="utf-8")
    with pytest.raises(HandoutsError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    message = str(caught.value)
    # -- refused when the document loads (check says the same), before the leaflet's fetcher would refuse it --
    assert message.startswith(f"{root / 'content' / 'leaflet-basic' / 'document.yml'}:{image_line(root)}: image 'drawing.svg' cannot be printed: "
                              f"the SVG refers to {http_server.url}/inner.png on the network"), message
    assert http_server.requests == []
    assert not (tmp_path / "out").exists()


def test_an_svg_image_using_a_file_beside_it_renders(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path / "p", document=set_image("drawing.svg"))
    folder = root / "content" / "leaflet-basic"
    (folder / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'
                                        '<image xlink:href="pill.png" width="40" height="40"/></svg>', encoding="utf-8")
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    with pdfplumber.open(pdf) as reader:
        assert sum(len(page.images) for page in reader.pages) == 1  # the PNG the SVG draws
