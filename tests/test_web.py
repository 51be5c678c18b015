"""The web edition as a reader and a web team would check it: the HTML's structure, links, assets, manifest, library page, bad input."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import SAMPLE_SOURCE, copy_project
from test_content import run

from handouts.build import BuildOptions, build

DOC = "isotretinoin-40mg"
LOCALES = (SAMPLE_SOURCE, "es", "pl", "ar")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    """An element of a parsed page: tag, attributes, children (nodes and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and every element under it (of one tag), in document order."""
        if tag in (None, self.tag):
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def text(self) -> str:
        """The element's text, whitespace collapsed."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(path: Path) -> Node:
    """A page parsed with the standard library's HTML parser; every element must be closed."""
    tree = _Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    tree.close()
    assert tree.current is tree.root, f"unclosed <{tree.current.tag}> in {path}"
    return tree.root


def page(out: Path, locale: str, doc: str = DOC) -> Path:
    return out / doc / locale / "index.html"


def one(root: Node, tag: str, **attrs: str) -> Node:
    found = [n for n in root.iter(tag) if all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]
    assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
    return found[0]


def manifest(out: Path) -> dict[str, dict]:
    return {a["path"]: a for a in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}


# -- a mini-project with every block, a table with a header column, an image and a name in another language --

def _every_block(doc: dict) -> None:
    doc["sections"][2]["body"].append({"table": {"caption": "Papa doses by weight", "columns": ["Weight", "Morning", "Evening"],
                                                 "rows": [["Under 50 kg", "10 mg", "none"], ["50 kg or more", "10 mg", "10 mg"]], "header_column": True}})
    doc["sections"][2]["body"].append({"text": "Ask for Testamolum forte at the pharmacy."})


def _names(config: dict) -> None:
    config["formats"] = ["html", "pdf"]
    config["leaflet"]["names"] = {"la": ["Testamolum forte"]}


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """leaflet-basic with a table and a Latin name, built once as web page and leaflet."""
    root = copy_project("leaflet-basic", tmp_path_factory.mktemp("web-basic"), config=_names, document=_every_block)
    code, text = run(root, "build", "--jobs", "1")
    assert code == 0, text
    return root / "output"


# -- structure --------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_page_is_one_document_with_landmarks_one_h1_and_headings_in_order(sample_out: Path, locale: str) -> None:
    root = parse(page(sample_out, locale))
    html = one(root, "html")
    assert html.attrs["lang"] == locale and html.attrs["dir"] == ("rtl" if locale == "ar" else "ltr")
    body = one(root, "body")
    first_link = next(body.iter("a"))
    main = one(root, "main")
    assert first_link.attrs["href"] == "#" + main.attrs["id"] and "skip-link" in first_link.attrs["class"]
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))  # a section id never collides with the page's own ids
    for landmark in ("header", "footer"):
        assert [n for n in root.iter(landmark) if not any(a.tag in ("main", "section", "aside") for a in n.ancestors())], landmark
    assert any(n.attrs.get("aria-label") for n in root.iter("nav"))  # the language switcher is named
    levels = [int(n.tag[1]) for n in root.iter() if n.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert one(root, "h1").text().replace("\u200f", "").strip()


def test_blocks_are_semantic_lists_terms_callouts_tables_and_figures(basic: Path) -> None:
    root = parse(page(basic, "en", "leaflet-basic"))
    steps = [n for n in root.iter("ol") if "steps" in n.attrs.get("class", "")]
    assert [li.text() for li in steps[0].iter("li")] == ["Echo step one", "Echo step two", "Echo step three"]
    terms = one(root, "dl", class_="terms")
    assert [n.text() for n in terms.iter("dt")] == ["Kilo term", "Lima term"]
    assert [n.text() for n in terms.iter("dd")] == ["Kilo explanation of the term.", "Lima explanation of the term."]
    callouts = [n for n in root.iter("div") if "callout" in n.attrs.get("class", "").split()]
    assert all(c.attrs["role"] == "note" and c.attrs["aria-labelledby"] for c in callouts)
    assert [c.attrs["class"].split()[1] for c in callouts] == ["callout-warning", "callout-important", "callout-tip"]
    assert "Bravo warning title" in callouts[0].text()
    table = one(root, "table")
    assert next(table.iter("caption")).text() == "Papa doses by weight"
    assert [(th.attrs.get("scope"), th.text()) for th in table.iter("th")] == [
        ("col", "Weight"), ("col", "Morning"), ("col", "Evening"), ("row", "Under 50 kg"), ("row", "50 kg or more")]
    figure = one(root, "figure")
    img = next(figure.iter("img"))
    assert img.attrs["alt"] == "Hotel alt text for a white round tablet"
    assert next(figure.iter("figcaption")).text() == "India caption of the tablet."
    assert (basic / "leaflet-basic" / "en" / img.attrs["src"]).read_bytes() == (basic.parent / "content" / "leaflet-basic" / "pill.png").read_bytes()
    text = root.text()
    assert "Mike leaflet only paragraph." in text and "November slides only paragraph." not in text


def test_a_name_in_another_language_is_marked_with_its_lang(basic: Path) -> None:
    root = parse(page(basic, "en", "leaflet-basic"))
    spans = [n for n in root.iter("span") if n.attrs.get("lang") == "la"]
    assert [s.text() for s in spans] == ["Testamolum forte"]


def test_contact_links_call_and_mail_and_the_document_control_facts_are_shown(basic: Path) -> None:
    root = parse(page(basic, "en", "leaflet-basic"))
    hrefs = {a.attrs["href"]: a.text() for a in root.iter("a")}
    assert hrefs["tel:0100222222"] == "0100 222222"
    assert hrefs["mailto:advice@example.org"] == "advice@example.org"
    assert hrefs["https://leaflets.example.org/testamol"] == "https://leaflets.example.org/testamol"  # the QR code's address, as a link
    control = one(root, "section", class_="document-control").text()
    for fact in ("TST-001", "3.2", "March 1, 2026", "March 1, 2029", "Patient Information Team", "Consultant Tester"):  # en: US dates
        assert fact in control
    refs = one(root, "section", class_="references")
    assert [li.text() for li in refs.iter("li")] == ["Reference one for the tests.", "Reference two for the tests."]
    assert "Out of review" not in root.text() and "DRAFT" not in root.text()


def test_language_switcher_links_every_built_locale_by_its_own_name(sample_out: Path) -> None:
    names = {SAMPLE_SOURCE: "English (United Kingdom)", "es": "Español", "pl": "Polski", "ar": "العربية"}
    for locale in LOCALES:
        nav = one(parse(page(sample_out, locale)), "nav", class_="languages")
        links = list(nav.iter("a"))
        assert [(a.text(), a.attrs["lang"]) for a in links] == [(names[loc], loc) for loc in LOCALES]
        assert [a.attrs.get("aria-current") for a in links] == ["page" if loc == locale else None for loc in LOCALES]
        assert [a.attrs["dir"] for a in links] == ["rtl" if loc == "ar" else "ltr" for loc in LOCALES]
        for a in links:
            assert (page(sample_out, locale).parent / a.attrs["href"]).resolve() == page(sample_out, a.attrs["lang"]).resolve()


def test_downloads_are_the_leaflets_and_deck_of_the_same_build(sample_out: Path) -> None:
    for locale in LOCALES:
        section = one(parse(page(sample_out, locale)), "section", class_="downloads")
        hrefs = [a.attrs["href"] for a in section.iter("a")]
        assert hrefs == [f"{DOC}.{locale}.pdf", f"{DOC}.{locale}.large-print.pdf", f"{DOC}.{locale}.pptx"]
        for href in hrefs:
            assert (page(sample_out, locale).parent / href).is_file()


def test_only_the_built_formats_are_offered(basic: Path) -> None:
    section = one(parse(page(basic, "en", "leaflet-basic")), "section", class_="downloads")
    assert [a.attrs["href"] for a in section.iter("a")] == ["leaflet-basic.en.pdf"]  # no large print, no deck in this build
    assert "A4" in section.text()


def test_a_booklet_build_offers_its_leaflet_and_handout_but_not_the_imposed_sheets(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html", "pdf", "pptx"]))
    code, text = run(root, "build", "--jobs", "1", "--no-check", "--paper", "A5", "--booklet", "--handout")
    assert code == 0, text
    section = one(parse(page(root / "output", "en", "leaflet-basic")), "section", class_="downloads")
    links = [(a.attrs["href"], a.text()) for a in section.iter("a")]
    assert [href for href, _ in links] == ["leaflet-basic.en.a5.pdf", "leaflet-basic.en.pptx", "leaflet-basic.en.handout.pdf"]
    assert "A5" in links[0][1] and "speaker notes" in links[2][1]
    assert (root / "output/leaflet-basic/en/leaflet-basic.en.a5.booklet.pdf").is_file()  # built, but for the print room


def test_every_reference_is_a_file_beside_the_page(sample_out: Path, basic: Path) -> None:
    pages = [page(sample_out, loc) for loc in LOCALES] + [page(basic, "en", "leaflet-basic"), sample_out / "index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        root = parse(path)
        refs = [(n.tag, n.attrs.get("rel", ""), n.attrs.get("src") or n.attrs.get("href") or "") for n in root.iter() if n.tag in ("img", "link", "a", "source")]
        refs += [("css", "", part.split(")")[0].strip("\"'")) for part in html.split("url(")[1:]]
        assert "<script" not in html  # no JavaScript needed to read it
        for tag, rel, ref in refs:
            if ref.startswith(("#", "tel:", "mailto:")):
                continue
            parts = urlsplit(ref)
            if parts.scheme:  # only links a reader follows may leave the folder, never a resource the page loads
                assert parts.scheme == "https" and (tag == "a" or rel == "canonical"), f"{path}: {tag} {ref}"
                continue
            assert ref and (path.parent / unquote(parts.path)).is_file(), f"{path}: {ref} does not exist"


def test_fonts_are_woff2_files_the_page_needs(sample_out: Path) -> None:
    for locale in ("es", "ar"):
        folder = page(sample_out, locale).parent / "assets" / "fonts"
        names = sorted(p.name for p in folder.iterdir())
        assert all(name.endswith(".woff2") and (folder / name).read_bytes()[:4] == b"wOF2" for name in names)
        assert "NotoSans-Regular.woff2" in names and "NotoSansArabic-Regular.woff2" in names  # ar text; es: the switcher's العربية
        assert "NotoSans-Italic.woff2" not in names  # the sample has no italic text


# -- pipeline: manifest, cache, bytes -------------------------------------------------------------

def test_every_file_of_the_web_edition_is_in_the_manifest_with_its_sha256(sample_out: Path) -> None:
    entries = manifest(sample_out)
    for locale in LOCALES:
        folder = page(sample_out, locale).parent
        files = [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".pdf", ".pptx")]
        assert len(files) >= 3
        for path in files:
            rel = path.relative_to(sample_out).as_posix()
            assert entries[rel]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), rel
            assert entries[rel]["format"] == "html" and entries[rel]["locale"] == locale
            assert entries[rel]["variant"] == ("standard" if path.name == "index.html" else "asset")
    library = entries["index.html"]
    assert library["variant"] == "library" and library["sha256"] == hashlib.sha256((sample_out / "index.html").read_bytes()).hexdigest()


def test_library_page_lists_documents_by_locale_with_review_state(sample_out: Path) -> None:
    root = parse(sample_out / "index.html")
    rows = [tr for tr in one(root, "table").iter("tr")][1:]
    assert [next(tr.iter("a")).attrs["href"] for tr in rows] == [f"{DOC}/{loc}/index.html" for loc in LOCALES]
    en = [c.text() for c in rows[0].children if isinstance(c, Node)]
    assert en == ["English (United Kingdom)", "Isotretinoin 40 mg", "1.0", "1 November 2029", "Current"]
    assert next(rows[3].iter("a")).attrs["lang"] == "ar"


def test_rebuild_takes_pages_from_the_cache_and_the_key_follows_what_the_page_links_to(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html"]))
    first = build(root, BuildOptions(out=root / "out"))
    again = build(root, BuildOptions(out=root / "out"))
    assert (first.built, again.built, again.cached) == (1, 0, 1)
    before = page(root / "out", "en", "leaflet-basic").read_bytes()
    with_pdf = build(root, BuildOptions(out=root / "out", formats=["html", "pdf"]))
    assert with_pdf.built == 2  # the page now offers the leaflet: a new key, a new page
    after = page(root / "out", "en", "leaflet-basic").read_bytes()
    assert b"leaflet-basic.en.pdf" in after and b"leaflet-basic.en.pdf" not in before


def test_same_bytes_serial_and_parallel(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html"]))
    (root / "content" / "second").mkdir()
    text = (root / "content" / "leaflet-basic" / "document.yml").read_text().replace("id: leaflet-basic", "id: second")
    (root / "content" / "second" / "document.yml").write_text(text)
    (root / "content" / "second" / "pill.png").write_bytes((root / "content" / "leaflet-basic" / "pill.png").read_bytes())
    serial = build(root, BuildOptions(out=root / "serial", jobs=1, use_cache=False))
    parallel = build(root, BuildOptions(out=root / "parallel", jobs=2, use_cache=False))
    assert serial.built == parallel.built == 2
    assert manifest(root / "serial") == manifest(root / "parallel")
    for rel in manifest(root / "serial"):
        assert (root / "serial" / rel).read_bytes() == (root / "parallel" / rel).read_bytes()


def test_a_build_of_one_locale_keeps_the_library_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Path(__file__).resolve().parents[1], BuildOptions(out=out, formats=["html"], check=False))
    build(Path(__file__).resolve().parents[1], BuildOptions(out=out, formats=["html"], check=False, locales=["es"]))
    rows = list(one(parse(out / "index.html"), "table").iter("tr"))[1:]
    assert len(rows) == len(LOCALES)
    es = (out / "isotretinoin-40mg" / "es" / "index.html").read_bytes()
    build(Path(__file__).resolve().parents[1], BuildOptions(out=tmp_path / "whole", formats=["html"], check=False))
    assert es == (tmp_path / "whole" / "isotretinoin-40mg" / "es" / "index.html").read_bytes()  # built alone, it still links every language the folder holds


# -- review state and drafts -------------------------------------------------------------------------

def test_out_of_review_page_and_library_say_so(tmp_path: Path) -> None:
    import datetime as dt

    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html"]))
    build(root, BuildOptions(out=root / "out", check=False, today=dt.date(2029, 3, 2)))
    root_page = parse(page(root / "out", "en", "leaflet-basic"))
    banner = one(root_page, "div", class_="banner banner-review").text()
    assert "Out of review" in banner and "March 1, 2029" in banner
    status = [c.text() for c in list(one(parse(root / "out" / "index.html"), "table").iter("tr"))[1].children if isinstance(c, Node)][-1]
    assert status == "Out of review"


def test_pseudo_locale_pages_are_marked_draft(pseudo_out) -> None:  # type: ignore[no-untyped-def]
    out, _ = pseudo_out
    for locale, lang, direction in (("x-pseudo", "en-x-pseudo", "ltr"), ("x-pseudo-rtl", "ar-x-pseudo", "rtl")):
        root = parse(page(out, locale))
        html = one(root, "html")
        assert (html.attrs["lang"], html.attrs["dir"]) == (lang, direction)
        assert one(root, "div", class_="banner banner-draft").text()
        assert one(root, "title").text().startswith(next(one(root, "div", class_="banner banner-draft").iter("strong")).text())


# -- bad input -------------------------------------------------------------------------------------

def test_template_syntax_error_in_a_web_override_is_reported_at_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html"], templates_dir="theme"))
    (root / "theme" / "web").mkdir(parents=True)
    (root / "theme" / "web" / "_section.html").write_text("<section>\n{{ section.heading|inline }\n</section>\n")
    code, text = run(root, "build", "--jobs", "1")
    assert code == 1 and "Traceback" not in text
    assert f"{root / 'theme' / 'web' / '_section.html'}:2: template syntax error" in text, text
    assert "nothing was written" in text and not (root / "output").exists()


def test_an_image_outside_the_project_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")

    def outside(doc: dict) -> None:
        doc["sections"][1]["body"][3]["image"]["src"] = "../../../secret.png"

    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(formats=["html"]), document=outside)
    code, text = run(root, "build", "--jobs", "1")
    assert code == 1 and "Traceback" not in text
    line = next(i for i, t in enumerate((root / "content" / "leaflet-basic" / "document.yml").read_text().splitlines(), 1) if "secret.png" in t)
    assert f"document.yml:{line}: image '../../../secret.png' points outside the document folder" in text, text
    assert not (root / "output" / "leaflet-basic").exists()


def test_vendored_woff2_fonts_are_the_vendored_truetype_fonts() -> None:
    from fontTools.ttLib import TTFont

    from handouts.theme import BUILTIN

    for ttf in sorted((BUILTIN / "fonts").glob("*.ttf")):
        woff2 = TTFont(ttf.with_suffix(".woff2"))
        original = TTFont(ttf)
        assert woff2.flavor == "woff2"
        assert woff2.getGlyphOrder() == original.getGlyphOrder() and woff2.getBestCmap() == original.getBestCmap(), ttf.name
        assert woff2["head"].fontRevision == original["head"].fontRevision and woff2["name"].getDebugName(5) == original["name"].getDebugName(5)
