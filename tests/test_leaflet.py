"""The PDF leaflet as a reader sees it: text in order, footer on every page, fonts, tags, sizes, paper, brand, templates."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLE_SOURCE, copy_project
from fixtures_leaflet import build_pdfs, flat, page_texts
from PIL import Image
from pypdf import PdfReader

from handouts.build import load_project
from handouts.errors import HandoutsError
from handouts.markdown import plain
from handouts.model import Bullets, Callout, Document, Paragraph, Steps, Terms
from handouts.model import Image as ImageBlock
from handouts.render import Provenance, RenderJob
from handouts.render.stamp import source_date
from handouts.render.leaflet.html import render_html
from handouts.render.leaflet.pdf import render
from handouts.theme import BUILTIN, Theme

MM = 72 / 25.4
SAMPLE = f"isotretinoin-40mg/{SAMPLE_SOURCE}/isotretinoin-40mg.{SAMPLE_SOURCE}.pdf"
SAMPLE_LARGE = f"isotretinoin-40mg/{SAMPLE_SOURCE}/isotretinoin-40mg.{SAMPLE_SOURCE}.large-print.pdf"


def content_box(page: pdfplumber.page.Page) -> tuple[float, float]:
    """Top and bottom of the page's content area: below the running header, above the footer's rule."""
    # The footer's margin boxes are drawn (with their top rule) from the rule down to the page's bottom edge.
    footer = [r["top"] for r in page.rects if abs(r["bottom"] - page.height) < 1 and r["top"] > page.height / 2]
    # The running header sits at least 3 mm above the top margin (13 mm on A5, 18 mm otherwise).
    header = ((13 if page.width < 500 else 18) - 1.5) * MM
    return header, min(footer, default=page.height - 22 * MM)


def body_chars(path: Path) -> list[dict]:
    """Characters inside the page's content area (running header and footer left out)."""
    chars = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top, bottom = content_box(page)
            chars += [c for c in page.chars if top < c["bottom"] and c["bottom"] < bottom]
    return chars


def body_text(path: Path) -> str:
    """The leaflet's text without running headers and footers, pages joined, whitespace collapsed."""
    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top, bottom = content_box(page)
            texts.append(page.crop((0, top, page.width, bottom)).extract_text() or "")
    return flat(" ".join(texts))


def leaflet_snippets(doc: Document) -> list[str]:
    """What a reader must find, in order: each heading and the start of each leaflet block."""
    out = [doc.meta.title, plain(doc.meta.purpose)[:40]]
    for section in doc.sections:
        out.append(section.heading)
        out += [plain(p) for p in section.key_points]
        for block in section.body:
            if block.only == "slides":
                continue
            if isinstance(block, Paragraph):
                out.append(plain(block.text)[:40])
            elif isinstance(block, Bullets):
                out += [plain(b) for b in block.bullets]
            elif isinstance(block, Steps):
                out += [plain(s) for s in block.steps]
            elif isinstance(block, Terms):
                out += [x for t in block.terms for x in (plain(t.term), plain(t.text)[:40])]
            elif isinstance(block, Callout):
                out += [plain(block.callout.title or ""), plain(block.callout.text)[:40]]
            elif isinstance(block, ImageBlock) and block.image.caption:
                out.append(plain(block.image.caption))
    return [flat(s) for s in out if s]


def assert_in_order(text: str, snippets: list[str]) -> None:
    position = 0
    for snippet in snippets:
        found = text.find(snippet, position)
        assert found >= 0, f"{snippet!r} missing (or out of order) after position {position}"
        position = found + len(snippet)


def job_for(root: Path, **changes: object) -> RenderJob:
    """A render job for a mini-project's only document, with fields replaced (locale, provenance, ...)."""
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    job = RenderJob(doc, "en", project.config, Theme(project.config), folder)
    return replace(job, **changes)


# -- the sample, as built once for the whole session --------------------------------------------


def test_sample_has_every_section_in_order(sample_out: Path, repo: Path) -> None:
    doc = next(iter(load_project(repo).documents.values()))
    for name in (SAMPLE, SAMPLE_LARGE):
        assert_in_order(body_text(sample_out / name), leaflet_snippets(doc))


def test_sample_page_count_matches_manifest_and_every_page_says_page_x_of_y(sample_out: Path) -> None:
    manifest = json.loads((sample_out / "manifest.json").read_text(encoding="utf-8"))
    entries = {a["path"]: a for a in manifest["artifacts"]}
    for name in (SAMPLE, SAMPLE_LARGE):
        texts = page_texts(sample_out / name)
        assert entries[name]["pages"] == len(texts) >= 2
        for number, text in enumerate(texts, 1):
            assert f"Page {number} of {len(texts)}" in text
            assert "DERM-ISO-040" in text and "Version 1.0" in text
            assert "Published 1 November 2026" in flat(text) and "Review date 1 November 2029" in flat(text)  # en-GB dates


def test_sample_fonts_are_embedded_subsets(sample_out: Path) -> None:
    for name in (SAMPLE, SAMPLE_LARGE):
        fonts = pdf_fonts(sample_out / name)
        assert fonts, "no fonts found"
        for font_name, embedded in fonts.items():
            assert embedded, f"{font_name} is not embedded"
            assert re.match(r"^[A-Z]{6}\+", font_name), f"{font_name} is not a subset"
        assert any("Noto" in f for f in fonts)


def test_sample_is_tagged_with_language_and_title(sample_out: Path) -> None:
    reader = PdfReader(sample_out / SAMPLE)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == SAMPLE_SOURCE
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith("Isotretinoin 40 mg")
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_sample_body_text_is_at_least_12pt_and_16pt_in_large_print(sample_out: Path) -> None:
    standard, large = body_chars(sample_out / SAMPLE), body_chars(sample_out / SAMPLE_LARGE)
    assert len(standard) > 2000
    assert min(c["size"] for c in standard) >= 12
    assert min(c["size"] for c in large) >= 16
    assert all("Noto" in c["fontname"] for c in standard)


def test_sample_build_is_reproducible(sample_out: Path, repo: Path, tmp_path: Path) -> None:
    again = build_pdfs(repo, tmp_path / "again", locales=[SAMPLE_SOURCE])
    assert again["standard"].read_bytes() == (sample_out / SAMPLE).read_bytes()


def test_sample_first_page_and_end_matter(sample_out: Path) -> None:
    texts = [flat(t) for t in page_texts(sample_out / SAMPLE)]
    first, last = texts[0], " ".join(texts[-2:])
    for words in ("Sample Hospital NHS Trust", "Isotretinoin 40 mg", "A medicine for severe acne", "What this leaflet is for", "Sample document"):
        assert words in first
    for words in ("Questions? Contact us", "01234 567890", "https://leaflets.example.org/isotretinoin-40mg",
                  "This leaflet is available in large print and other languages on request.",
                  "References", "Document control", "Consultant Dermatologist (sample approver)"):
        assert words in last


# -- a mini-project with every block kind --------------------------------------------------------


def test_every_block_kind_is_shown_and_slides_only_blocks_are_left_out(basic_pdfs: dict[str, Path], make_project) -> None:
    doc = next(iter(load_project(make_project("leaflet-basic")).documents.values()))
    text = body_text(basic_pdfs["standard"])
    assert_in_order(text, leaflet_snippets(doc))
    assert "Mike leaflet only paragraph." in text
    assert "November slides only" not in text
    for label in ("Key points", "Warning", "Important", "Tip"):
        assert label in text


def test_steps_are_numbered_and_image_has_alt_text(basic_pdfs: dict[str, Path], make_project) -> None:
    text = body_text(basic_pdfs["standard"])
    assert re.search(r"1 Echo step one 2 Echo step two 3 Echo step three", text)
    html = render_html(job_for(make_project("leaflet-basic"))).html
    assert '<img src="pill.png" alt="Hotel alt text for a white round tablet">' in html
    with pdfplumber.open(basic_pdfs["standard"]) as pdf:
        assert sum(len(p.images) for p in pdf.pages) == 1


def test_large_print_is_at_least_16pt_with_larger_headings(basic_pdfs: dict[str, Path]) -> None:
    standard, large = body_chars(basic_pdfs["standard"]), body_chars(basic_pdfs["large-print"])
    assert min(c["size"] for c in standard) >= 12
    assert min(c["size"] for c in large) >= 16
    assert max(c["size"] for c in large) > max(c["size"] for c in standard)
    assert len(page_texts(basic_pdfs["large-print"])) > len(page_texts(basic_pdfs["standard"]))


def test_footer_names_reference_version_and_dates_on_every_page(basic_pdfs: dict[str, Path]) -> None:
    texts = page_texts(basic_pdfs["standard"])
    for number, text in enumerate(texts, 1):
        text = flat(text)
        for part in ("TST-001 · Version 3.2 · Published March 1, 2026 ·", "Review date", "March 1, 2029"):
            assert part in text
        assert f"Page {number} of {len(texts)}" in text


def test_heading_levels_are_never_skipped(make_project) -> None:
    html = render_html(job_for(make_project("leaflet-basic"))).html
    levels = [int(tag[1]) for tag in re.findall(r"<(h[1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels


@pytest.mark.parametrize(("paper", "size"), [("A5", (419.5, 595.3)), ("Letter", (612.0, 792.0)), ("A4", (595.3, 841.9))])
def test_paper_size_comes_from_config(tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["leaflet"].update(paper=paper))
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    reader = PdfReader(pdf)
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == size
    assert min(c["size"] for c in body_chars(pdf)) >= 12


def test_brand_colour_is_used_without_editing_templates(tmp_path: Path) -> None:
    purple = (0x7B, 0x1F, 0xA2)
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["brand"].update(primary="#7B1FA2"))
    branded = build_pdfs(root, tmp_path / "out")["standard"]
    default = build_pdfs(copy_project("leaflet-basic", tmp_path / "default"), tmp_path / "default-out")["standard"]
    assert colour_share(branded, purple) > 0.01
    assert colour_share(default, purple) == 0


def test_user_template_overrides_by_file_name(tmp_path: Path) -> None:
    def use_templates(config: dict) -> None:
        config["templates_dir"] = "my-templates"

    root = copy_project("leaflet-basic", tmp_path, config=use_templates)
    folder = root / "my-templates" / "leaflet"
    folder.mkdir(parents=True)
    (folder / "_masthead.html").write_text(
        '<header><p>Custom clinic masthead</p><h1>{{ meta.title }}</h1></header>\n', encoding="utf-8")
    builtin_css = (BUILTIN / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    (folder / "leaflet.css").write_text(builtin_css + "\nh1 { font-size: 40pt; }\n", encoding="utf-8")
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    text = body_text(pdf)
    assert "Custom clinic masthead" in text
    assert "What this leaflet is for" not in text  # the built-in masthead was replaced
    assert "Alpha warning heading" in text  # the other built-in templates still apply
    title = [c for c in body_chars(pdf) if c["text"] == "T" and c["size"] > 30]
    assert title and round(title[0]["size"]) == 40


@pytest.mark.parametrize(("source", "line", "what"), [
    ("<section>\n  <h2>{{ section.heading }}</h2>\n  {% if %}\n</section>\n", 3, "syntax error"),
    ("<section>\n  <h2>{{ section.heading }}</h2>\n  <p>{{ section.no_such_field }}</p>\n</section>\n", 3, "no_such_field"),
])
def test_template_mistake_gives_file_and_line_via_cli(tmp_path: Path, source: str, line: int, what: str) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(templates_dir="my-templates"))
    folder = root / "my-templates" / "leaflet"
    folder.mkdir(parents=True)
    (folder / "_section.html").write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "handouts", "build", "--no-check", "--format", "pdf", "--out", str(out)],
                         cwd=root, capture_output=True, text=True, timeout=120, check=False)
    message = run.stdout + run.stderr
    assert run.returncode == 1, message
    assert f"_section.html:{line}:" in message and what in message
    assert "Traceback" not in message
    assert not list(out.rglob("*.pdf"))


def test_fifty_sections_break_pages_sensibly(tmp_path: Path) -> None:
    def fifty(doc: dict) -> None:
        doc["sections"] = [{
            "id": f"s{i}",
            "heading": f"Topic {i} heading",
            "key_points": [f"Point {i} first.", f"Point {i} second."] if i % 3 == 0 else [],
            "body": [{"text": " ".join(["Plain words fill this paragraph."] * (1 + i % 7))},
                     {"bullets": [f"Item {i} a", f"Item {i} b"]}],
        } for i in range(50)]

    root = copy_project("leaflet-basic", tmp_path, document=fifty)
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    with pdfplumber.open(pdf) as reader:
        assert len(reader.pages) >= 8
        for page in reader.pages:
            body = page.crop((0, content_box(page)[0], page.width, content_box(page)[1]))
            lines = (body.extract_text() or "").strip().splitlines()
            assert lines and not lines[-1].startswith("Topic "), f"heading alone at the bottom of page {page.page_number}"
            text = flat(body.extract_text() or "")
            for i in range(0, 50, 3):  # a key-points box is never split over two pages
                assert (f"Point {i} first." in text) == (f"Point {i} second." in text)
    assert_in_order(body_text(pdf), [f"Topic {i} heading" for i in range(50)])


# -- jobs rendered directly: right-to-left, draft, provenance, translated template words ---------


def test_right_to_left_locale_sets_dir_and_aligns_lines_right(make_project, tmp_path: Path) -> None:
    job = job_for(make_project("leaflet-basic"), locale="ar")
    html = render_html(job).html
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert "margin-left" not in html and "padding-left" not in html
    assert '<h1><bdi dir="ltr">Testamol 10 mg</bdi></h1>' in html  # Latin name + number keep their order
    assert "<bdi" not in render_html(replace(job, locale="en")).html
    result = render(job)
    path = tmp_path / "ar.pdf"
    path.write_bytes(result.data)
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "ar"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        right = page.width - 18 * MM
        lines = [ln for ln in page.extract_text_lines() if "Charlie bullet" in ln["text"] or "Bravo warning text" in ln["text"]]
        assert lines and all(ln["x1"] > right - 40 for ln in lines), [(ln["text"], ln["x1"]) for ln in lines]


def test_draft_translation_is_marked_on_every_page(make_project, tmp_path: Path) -> None:
    provenance = Provenance(status="draft", source_version="3.1", reviewed=False)
    job = job_for(make_project("leaflet-basic"), provenance=provenance, variant="large-print")
    path = tmp_path / "draft.pdf"
    path.write_bytes(render(job).data)
    texts = [flat(t) for t in page_texts(path)]
    assert len(texts) >= 2
    for text in texts:
        assert "DRAFT TRANSLATION — not for use with patients" in text
        assert "Translated from source version 3.1" in text
        assert "Translation not yet reviewed" in text


def test_reviewed_translation_names_its_source_version_without_draft_mark(make_project, tmp_path: Path) -> None:
    provenance = Provenance(status="current", source_version="3.0", reviewed=True)
    job = job_for(make_project("leaflet-basic"), provenance=provenance)
    path = tmp_path / "current.pdf"
    path.write_bytes(render(job).data)
    for text in map(flat, page_texts(path)):
        assert "Translated from source version 3.0" in text
        assert "DRAFT" not in text and "not yet reviewed" not in text


def test_template_words_go_through_gettext(make_project, tmp_path: Path) -> None:
    from handouts.i18n.pseudo import PseudoTranslations

    translations = PseudoTranslations("x-pseudo")
    job = job_for(make_project("leaflet-basic"), translations=translations)
    path = tmp_path / "pseudo.pdf"
    path.write_bytes(render(job).data)
    text = " ".join(map(flat, page_texts(path)))
    for words in ("Key points", "What this leaflet is for", "Document control", "Warning"):
        assert words not in text
        assert flat(translations.gettext(words)) in text
    page = flat(translations.gettext("Page %(page)s of %(pages)s"))
    assert page.split("%(page)s")[0].strip() in text


# -- helpers -----------------------------------------------------------------------------------


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page -> whether its program is embedded (pypdf)."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            target = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            fonts[str(font["/BaseFont"]).lstrip("/")] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def colour_share(pdf: Path, rgb: tuple[int, int, int]) -> float:
    """Share of page-1 pixels (rendered at 30 dpi) within a small tolerance of a colour."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png").convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    close = sum(count for count, p in colours if all(abs(a - b) <= 8 for a, b in zip(p, rgb)))
    return close / (image.width * image.height)


def test_same_source_in_another_folder_gives_identical_bytes(basic_pdfs: dict[str, Path], tmp_path: Path) -> None:
    elsewhere = build_pdfs(copy_project("leaflet-basic", tmp_path / "elsewhere"), tmp_path / "out", large_print=True)
    for variant in ("standard", "large-print"):
        assert elsewhere[variant].read_bytes() == basic_pdfs[variant].read_bytes()


def test_dates_in_pdf_metadata_come_from_publication_or_source_date_epoch(make_project, tmp_path: Path, monkeypatch) -> None:
    job = job_for(make_project("leaflet-basic"))
    (tmp_path / "a.pdf").write_bytes(render(job).data)
    assert PdfReader(tmp_path / "a.pdf").metadata["/CreationDate"] == "D:20260301000000Z"
    # -- the epoch is read once when a build is planned (render.stamp) and travels in the job --
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "b.pdf").write_bytes(render(replace(job, built=source_date())).data)
    assert PdfReader(tmp_path / "b.pdf").metadata["/ModDate"] == "D:20231114221320Z"


def test_qr_code_encodes_the_online_address(sample_out: Path, tmp_path: Path) -> None:
    import segno

    pdf_path = sample_out / SAMPLE
    url, text = "https://leaflets.example.org/isotretinoin-40mg", (0x21 / 255, 0x2B / 255, 0x32 / 255)
    with pdfplumber.open(pdf_path) as pdf:
        number = next(i for i, p in enumerate(pdf.pages, 1) if url in (p.extract_text() or ""))
        strokes = [ln for ln in pdf.pages[number - 1].lines
                   if ln.get("stroking_color") and all(abs(a - b) < 0.01 for a, b in zip(ln["stroking_color"], text))]
    matrix = segno.make(url, error="m").matrix
    size = len(matrix)
    x0, x1, top = min(s["x0"] for s in strokes), max(s["x1"] for s in strokes), min(s["top"] for s in strokes)
    module = (x1 - x0) / size
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", str(number), "-l", str(number), "-singlefile", str(pdf_path), str(tmp_path / "qr")], check=True)
    image, scale = Image.open(tmp_path / "qr.png").convert("L"), 300 / 72
    printed = [[image.getpixel((int((x0 + (j + 0.5) * module) * scale), int((top - module / 2 + (i + 0.5) * module) * scale))) < 128
                for j in range(size)] for i in range(size)]
    assert printed == [[bool(v) for v in row] for row in matrix]  # what a scanner reads is the leaflet's URL


def test_brand_logo_is_shown_on_the_first_page(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["brand"].update(logo="branding/logo.png"))
    (root / "branding").mkdir()
    Image.new("RGB", (120, 40), (0, 94, 184)).save(root / "branding" / "logo.png")
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    with pdfplumber.open(pdf) as reader:
        logo = [im for im in reader.pages[0].images if (im["srcsize"]) == (120, 40)]
        assert logo and logo[0]["top"] < 40 * MM
    html = render_html(job_for(root)).html
    assert 'class="logo" src="file:///handouts-project/branding/logo.png" alt="Leaflet Test Clinic"' in html


def test_missing_logo_is_a_config_error(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["brand"].update(logo="nowhere/logo.png"))
    with pytest.raises(HandoutsError, match=r"handouts.yml.*brand logo 'nowhere/logo.png' not found"):
        build_pdfs(root, tmp_path / "out")
    line = next(i for i, text in enumerate((root / "handouts.yml").read_text().splitlines(), 1) if "logo:" in text)
    with pytest.raises(HandoutsError) as caught:  # found by loading the project, so `handouts check` reports it too
        load_project(root)
    assert str(caught.value).startswith(f"{root / 'handouts.yml'}:{line}: brand logo"), str(caught.value)


def test_rendering_logs_no_warnings(make_project, caplog) -> None:
    job = job_for(make_project("leaflet-basic"))
    draft = Provenance(status="draft", source_version="3.1", reviewed=False)
    with caplog.at_level("WARNING", logger="weasyprint"):
        for variant in (job, replace(job, locale="ar", provenance=draft), replace(job, variant="large-print")):
            render(variant)
    assert [r.getMessage() for r in caplog.records] == []


def test_structure_tree_has_one_title_and_every_figure_has_alt_text(basic_pdfs: dict[str, Path]) -> None:
    tags: list[str] = []
    alts: list[str | None] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                tags.append(str(node["/S"]))
                if node["/S"] == "/Figure":
                    alts.append(node.get("/Alt"))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(basic_pdfs["standard"]).trailer["/Root"]["/StructTreeRoot"])
    assert tags.count("/H1") == 1 and tags.count("/H2") >= 3 and "/H3" in tags
    assert "/Table" in tags and "/L" in tags and "/Caption" in tags
    assert alts == ["Hotel alt text for a white round tablet", "QR code for the online version of this leaflet"]


def test_installed_font_configured_by_family_name_is_used_and_embedded(tmp_path: Path) -> None:
    if "Noto Sans Devanagari" not in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout:
        pytest.skip("fonts-noto-core (Noto Sans Devanagari) is not installed")
    hindi = "नमस्ते, यह एक परीक्षण है।"
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(fonts={"Deva": ["Noto Sans Devanagari"]}),
                        document=lambda d: d["sections"][0]["body"].append({"text": hindi}))
    path = tmp_path / "hi.pdf"
    path.write_bytes(render(job_for(root, locale="hi")).data)
    assert hindi in " ".join(page_texts(path))
    fonts = pdf_fonts(path)
    assert any("Devanagari" in name for name in fonts) and all(fonts.values())


def test_body_size_comes_from_config_and_text_is_ragged_right(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["leaflet"].update(body_pt=14),
                        document=lambda d: d["sections"][0]["body"].append({"text": " ".join(["Ragged lines are easier to read than justified ones."] * 8)}))
    pdf = build_pdfs(root, tmp_path / "out")["standard"]
    sizes = [round(c["size"], 1) for c in body_chars(pdf)]
    assert min(sizes) == 14 and max(set(sizes), key=sizes.count) == 14
    with pdfplumber.open(pdf) as reader:
        lines = [ln for p in reader.pages for ln in p.extract_text_lines() if ln["text"].startswith(("Ragged", "read", "justified", "easier", "are", "lines", "than", "ones"))]
    ends = [ln["x1"] for ln in lines]
    assert len(ends) >= 4 and max(ends) - min(ends) > 20  # not justified
    assert not any(ln["text"].endswith("-") for ln in lines)  # no hyphenation


def test_long_footer_of_a_translation_fits_on_a5_large_print(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["leaflet"].update(paper="A5"))
    provenance = Provenance(status="current", source_version="3.1", reviewed=False)
    path = tmp_path / "a5.pdf"
    path.write_bytes(render(job_for(root, variant="large-print", provenance=provenance)).data)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = flat(page.extract_text() or "")
            for part in ("TST-001", "Review date March 1, 2029", "Translated from source version 3.1", "Translation not yet reviewed",
                         f"Page {page.page_number} of {len(pdf.pages)}"):
                assert part in text, (page.page_number, part)
            assert max(c["bottom"] for c in page.chars) < page.height - 5 * MM
            assert min(c["size"] for c in page.chars) >= 12  # footer too, in large print


def test_document_without_contact_shows_the_brand_contact(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, document=lambda d: d["meta"].pop("contact"))
    html = render_html(job_for(root)).html
    contact = html[html.index('<section class="contact">'):html.index("</section>", html.index('<section class="contact">'))]
    assert "Brand contact desk" in contact and "0100 111111" in contact
    assert "None" not in contact and "Email" not in contact


def test_css_that_weasyprint_ignores_in_a_user_stylesheet_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c.update(templates_dir="my-templates"))
    folder = root / "my-templates" / "leaflet"
    folder.mkdir(parents=True)
    builtin = (BUILTIN / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    (folder / "leaflet.css").write_text(builtin + "h1 {\n  colr: #7B1FA2;\n}\n@pag { margin: 1cm }\n", encoding="utf-8")
    page = (folder / "_page.html")
    page.write_text((BUILTIN / "leaflet" / "_page.html").read_text(encoding="utf-8")
                    + "h2 { font-weight: heavy; }\n", encoding="utf-8")
    first = builtin.count("\n") + 1
    with pytest.raises(HandoutsError) as caught:
        render(job_for(root))
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{folder / 'leaflet.css'}:{first + 1}: CSS that WeasyPrint cannot use: Ignored `colr: #7B1FA2`"), lines
    assert lines[1].startswith(f"{folder / 'leaflet.css'}:{first + 3}: CSS that WeasyPrint cannot use: Unknown rule"), lines
    page_line = page.read_text(encoding="utf-8").count("\n")
    assert lines[2].startswith(f"{page}:{page_line}: CSS that WeasyPrint cannot use: Ignored `font-weight: heavy`"), lines


def test_an_image_that_is_not_a_picture_is_an_error_not_a_gap(tmp_path: Path) -> None:
    # WeasyPrint alone would print the alt text in its place and carry on.
    root = copy_project("leaflet-basic", tmp_path)
    folder = root / "content" / "leaflet-basic"
    (folder / "pill.png").write_text("this is not a PNG", encoding="utf-8")
    line = next(i for i, text in enumerate((folder / "document.yml").read_text(encoding="utf-8").splitlines(), 1) if "pill.png" in text)
    with pytest.raises(HandoutsError) as caught:
        render(job_for(root))
    assert str(caught.value).startswith(f"{folder / 'document.yml'}:{line}: image 'pill.png' is not a complete picture (")
    assert "): export it again as PNG or JPEG" in str(caught.value)


def test_a_word_longer_than_the_line_wraps_inside_the_margins(tmp_path: Path) -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    root = copy_project("leaflet-basic", tmp_path, config=lambda c: c["leaflet"].update(paper="A5"),
                        document=lambda d: d["sections"][0]["body"].append({"text": f"Before {word} after."}))
    path = tmp_path / "long.pdf"
    path.write_bytes(render(job_for(root, variant="large-print")).data)
    assert word in body_text(path).replace(" ", "")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert max(c["x1"] for c in page.chars) <= page.width - 13 * MM + 0.5, page.page_number
