"""Session fixtures for the deck: the stress build, draft and right-to-left decks, and ONE LibreOffice run for all decks."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest

from handouts.build import BuildOptions, build, load_project
from handouts.render import Provenance, RenderJob
from handouts.render.deck import render
from slides_verify import to_pdf
from handouts.theme import Theme

DATA = Path(__file__).resolve().parent / "data"
ARABIC = "يجب أن تتناول الدواء مع الطعام وأن تخبر طبيبك عن أي تغيير في مزاجك أثناء العلاج"
JAPANESE = "食事と一緒にこの薬を飲み、気分の変化があれば医師に伝えてください。治療中は定期的に血液検査を受けてください。"
MASTERS = DATA / "masters"
# -- every master the tests build decks on: the built-in one, python-pptx's default and three real-world templates --
MASTER_FILES = {"builtin": None, **{p.stem: p for p in sorted(MASTERS.glob("*.pptx"))}}
DECK_LOCALES = ("en", "ar", "ja")
NARROW = ("builtin", "python-pptx-default")  # masters whose decks are also rendered with every text frame at 97% width
# -- the LibreOffice master names DejaVu Sans for East Asian text, which has no kanji: fonts: says which font does --
SUBSTITUTES = "slides:\n  font_substitutes: {Calibri Light: Carlito, Arial: Noto Sans}\nfonts:\n  Hani: [Noto Sans CJK JP]\n"


class Words(gettext.NullTranslations):
    """Template strings in a made-up language, to see that the deck asks for every word."""

    def gettext(self, message: str) -> str:
        return {"(continued)": "(Fortsetzung)", "(continued %(number)s)": "(Fortsetzung %(number)s)", "Agenda": "Tagesordnung",
                "Questions?": "Fragen?", "DRAFT TRANSLATION — not for use with patients": "ENTWURF — nicht für Patienten"}.get(message, message)


def job_for(name: str, locale: str = "en", texts: dict[str, str] | None = None, **kwargs: object) -> RenderJob:
    """A RenderJob for the single document of tests/data/<name>, optionally translated segment by segment."""
    project = load_project(DATA / name)
    folder, doc = next(iter(project.documents.items()))
    if texts is not None:
        doc = doc.translated(texts, locale)
    return RenderJob(doc, locale, project.config, Theme(project.config), folder, "pptx", **kwargs)  # type: ignore[arg-type]


def arabic_texts(name: str, sentence: str = ARABIC, density: float = 1.0) -> dict[str, str]:
    """Every segment of a document replaced by Arabic (or another language's) text about as long, numbered so they stay distinct.

    density: characters of the language per English character (about 0.5 for Japanese, whose characters are twice as wide).
    """
    project = load_project(DATA / name)
    doc = next(iter(project.documents.values()))
    out = {}
    for i, seg in enumerate(doc.segments()):
        repeat = max(1, round(len(seg.text) * density / len(sentence)))
        out[seg.context] = " ".join([sentence] * repeat) + f" {i}"
    return out


def master_project(root: Path, master: Path | None) -> Path:
    """The stress project copied to root, on a master file (None: the built-in one)."""
    shutil.copytree(DATA / "slides-stress", root)
    extra = SUBSTITUTES
    if master is not None:
        (root / "clinic" / "slides").mkdir(parents=True)
        shutil.copy(master, root / "clinic" / "slides" / "master.pptx")
        extra += "templates_dir: clinic\n"
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:
        f.write(extra)
    return root


def narrowed(deck: Path, out: Path, share: float = 0.97) -> Path:
    """A copy of a deck whose every text frame is share as wide, on the same centre line."""
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.util import Emu

    prs = Presentation(str(deck))
    for slide in prs.slides:
        for shape in slide.shapes:
            number = shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER  # a field, not measured text
            if shape.has_text_frame and shape.text_frame.text.strip() and not number:
                x, y, cx, cy = int(shape.left), int(shape.top), int(shape.width), int(shape.height)  # inherited ones too
                shape.left, shape.top, shape.width, shape.height = Emu(x + int(cx * (1 - share) / 2)), Emu(y), Emu(int(cx * share)), Emu(cy)
    prs.save(str(out))
    return out


@pytest.fixture(scope="session")
def master_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The stress document in en, ar and ja on every master ("<master>-<locale>"), and 97%-wide copies ("<...>-narrow")."""
    out = tmp_path_factory.mktemp("slides-masters")
    decks: dict[str, Path] = {}
    for name, master in MASTER_FILES.items():
        project = load_project(master_project(out / name, master))
        folder, doc = next(iter(project.documents.items()))
        for locale in DECK_LOCALES:
            texts = {"ar": (ARABIC, 1.0), "ja": (JAPANESE, 0.5)}.get(locale)
            localized = doc.translated(arabic_texts("slides-stress", *texts), locale) if texts else doc
            job = RenderJob(localized, locale, project.config, Theme(project.config), folder, "pptx")
            path = out / f"{name}-{locale}.pptx"
            path.write_bytes(render(job).data)
            decks[f"{name}-{locale}"] = path
            if name in NARROW:
                decks[f"{name}-{locale}-narrow"] = narrowed(path, out / f"{name}-{locale}-narrow.pptx")
    return decks


@pytest.fixture(scope="session")
def stress_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stress mini-project's deck (long and many bullets, a very long word and URL), built once."""
    out = tmp_path_factory.mktemp("slides-stress")
    build(DATA / "slides-stress", BuildOptions(out=out, check=False))
    return out / "slides-stress" / "en" / "slides-stress.en.pptx"


@pytest.fixture(scope="session")
def special_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Decks rendered straight from RenderJobs: a draft with foreign template words, and an Arabic (RTL) one."""
    out = tmp_path_factory.mktemp("slides-special")
    jobs = {
        "draft": job_for("slides-stress", provenance=Provenance(status="draft", source_version="0.1"), translations=Words()),
        "arabic": job_for("slides-stress", "ar", arabic_texts("slides-stress"), provenance=Provenance(status="draft")),
    }
    decks = {}
    for name, job in jobs.items():
        path = out / f"{name}.pptx"
        path.write_bytes(render(job).data)
        decks[name] = path
    return decks


def spaced_master(path: Path) -> None:
    """The built-in master with a designer's generous spacing: body lines 150%, half a line before and 12 pt after each
    paragraph, titles at 130%."""
    from lxml import etree
    from pptx import Presentation

    from handouts.render.deck.master import NS
    from handouts.theme import BUILTIN

    prs = Presentation(str(BUILTIN / "slides" / "master.pptx"))
    styles = prs.slide_master._element.find("p:txStyles", NS)
    for name, share in (("p:bodyStyle", "150000"), ("p:titleStyle", "130000")):
        lvl = styles.find(f"{name}/a:lvl1pPr", NS)
        lvl.find("a:lnSpc/a:spcPct", NS).set("val", share)
    body = styles.find("p:bodyStyle/a:lvl1pPr", NS)
    before = body.find("a:spcBef", NS)
    before.clear()
    etree.SubElement(before, f"{{{NS['a']}}}spcPct", val="50000")
    after = etree.Element(f"{{{NS['a']}}}spcAft")
    etree.SubElement(after, f"{{{NS['a']}}}spcPts", val="1200")
    before.addnext(after)
    prs.save(str(path))


@pytest.fixture(scope="session")
def spaced_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stress deck built with a clinic master whose paragraph and line spacing are generous."""
    root = tmp_path_factory.mktemp("slides-spaced") / "slides-spaced"
    shutil.copytree(DATA / "slides-stress", root)
    (root / "clinic" / "slides").mkdir(parents=True)
    spaced_master(root / "clinic" / "slides" / "master.pptx")
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:
        f.write("templates_dir: clinic\n")
    build(root, BuildOptions(out=root / "out", check=False))
    deck = root / "out" / "slides-stress" / "en" / "slides-stress.en.pptx"
    spaced = deck.with_name("slides-spaced.en.pptx")  # a file name of its own for the one conversion run
    deck.rename(spaced)
    return spaced


SHORT_ARABIC = "تناول الدواء مع الطعام"


@pytest.fixture(scope="session")
def table_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The print-room leaflet's deck (a short, a long and an eight-column table) in Spanish and in short Arabic text."""
    out = tmp_path_factory.mktemp("slides-tables")
    decks = {}
    for locale, texts in (("es", None), ("ar", arabic_texts("leaflet-print", SHORT_ARABIC))):
        path = out / f"tables-{locale}.pptx"
        path.write_bytes(render(job_for("leaflet-print", locale, texts)).data)
        decks[locale] = path
    return decks


@pytest.fixture(scope="session")
def sample_decks(sample_out: Path) -> list[Path]:
    """Every deck of the shared sample build (all configured locales)."""
    decks = sorted(sample_out.rglob("*.pptx"))
    assert decks, "the sample build wrote no deck"
    return decks


@pytest.fixture(scope="session")
def deck_pdfs(tmp_path_factory: pytest.TempPathFactory, sample_decks: list[Path], stress_deck: Path, special_decks: dict[str, Path],
              spaced_deck: Path, overflow_deck: Path, master_decks: dict[str, Path], table_decks: dict[str, Path]) -> dict[Path, Path]:
    """Every deck of the session converted by one LibreOffice run: deck -> PDF."""
    decks = [*sample_decks, stress_deck, *special_decks.values(), spaced_deck, overflow_deck, *master_decks.values(), *table_decks.values()]
    names = [d.stem for d in decks]
    assert len(set(names)) == len(names), "deck file names must differ for one conversion run"
    return to_pdf(decks, tmp_path_factory.mktemp("slides-pdf"))


@pytest.fixture(scope="session")
def overflow_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deck made to fail: one text box runs off the bottom of the slide, another out of its own box."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    low = slide.shapes.add_textbox(Inches(0.5), Inches(6.5), Inches(9), Inches(0.8))
    low.text_frame.text = " ".join(f"bottom{n}" for n in range(120))
    small = slide.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(9), Inches(0.6))
    small.text_frame.text = " ".join(f"boxed{n}" for n in range(60))
    for box in (low, small):
        box.text_frame.word_wrap = True
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        for p in box.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(28)
    path = tmp_path_factory.mktemp("slides-overflow") / "overflow.pptx"
    prs.save(str(path))
    return path
