"""A project written in Spanish (or any non-English source) prints its template words in that language, or says which stay English."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_project
from fixtures_leaflet import flat, page_texts
from pptx import Presentation

from handouts.cli import main

SPANISH = {
    "title": "Un folleto mínimo", "subtitle": "Para pruebas", "purpose": "Este folleto es un pequeño documento de prueba.",
}


def _source(locale: str) -> Callable[[dict], None]:
    def edit(config: dict) -> None:
        config.update(source_locale=locale, locales=[locale])
    return edit


def _document(locale: str) -> Callable[[dict], None]:
    def edit(doc: dict) -> None:
        doc["meta"].update(locale=locale, **SPANISH)
        doc["sections"][0]["heading"] = "Primera sección"
        doc["sections"][1]["heading"] = "Segunda sección"
    return edit


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project written in Spanish (source_locale es), built as PDF and PPTX."""
    root = copy_project("minimal", tmp_path_factory.mktemp("es-source"), config=_source("es"), document=_document("es"))
    assert main(["build", "--no-check", "--format", "pdf,pptx", "--project", str(root)]) == 0
    return root / "output" / "minimal" / "es"


def test_the_leaflet_of_a_spanish_source_has_no_english_template_words(spanish: Path) -> None:
    text = flat(" ".join(page_texts(spanish / "minimal.es.pdf")))
    for english in ("Page", "Key points", "Contact", "Document control", "What this leaflet is for", "Published", "Review date", "Warning", "Phone"):
        assert not re.search(rf"\b{english}\b", text), english  # whole words: "Contacte" is Spanish
    for spanish_word in ("Página 1 de 2", "Puntos clave", "Control del documento", "Para qué sirve este folleto", "Advertencia"):
        assert spanish_word in text, spanish_word


def test_the_deck_of_a_spanish_source_has_no_english_template_words(spanish: Path) -> None:
    prs = Presentation(io.BytesIO((spanish / "minimal.es.pptx").read_bytes()))
    text = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Agenda" not in text and "Questions?" not in text and "(continued)" not in text
    assert "Orden del día" in text and "¿Preguntas?" in text and "(continuación)" in text


def test_a_source_locale_without_template_words_warns_which_stay_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project("minimal", tmp_path, config=_source("de"), document=_document("de"))
    assert main(["build", "--no-check", "--format", "pdf", "--project", str(root)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {root / 'handouts.yml'}:1: source_locale 'de' has no template-word catalog: its leaflets and decks print 'Warning', 'Important'" in err, err
    assert "in English; translate them with `handouts i18n update --templates --locale de`" in err
    # the advice works: it writes the project's catalog of German template words, ready to translate
    assert main(["i18n", "update", "--templates", "--locale", "de", "--project", str(root)]) == 0
    written = (root / "templates" / "locales" / "de.po").read_text(encoding="utf-8")
    assert 'msgid "Page %(page)s of %(pages)s"' in written and 'msgid "Key points"' in written
    assert not (root / "content" / "minimal" / "locales" / "de.po").exists()  # the source has no document catalog


def test_an_english_source_gives_no_warning(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project()
    assert main(["check", "--project", str(root)]) in (0, 1)
    assert "template-word catalog" not in capsys.readouterr().err
