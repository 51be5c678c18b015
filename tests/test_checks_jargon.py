"""Jargon: lists for every shipped language with the plain alternative; defined here, in brackets, or in the next sentence."""

from __future__ import annotations

from fixtures_checks import only, para  # noqa: F401 -- shared helpers

import pytest

from handouts.checks import Finding
from handouts.checks.context import Unit, View
from handouts.checks.jargon import check
from handouts.checks.settings import load_settings
from handouts.checks.text import data_file


def judge(texts: list[str], locale: str) -> list[Finding]:
    """The jargon rule on a few paragraphs of one locale (a view of a minimal document)."""
    from types import SimpleNamespace

    units = [Unit(f"s.body.{i}.text", "s", "text", t, t, "doc.yml", i + 1) for i, t in enumerate(texts)]
    doc = SimpleNamespace(meta=SimpleNamespace(id="d"))
    view = View("d", None, "doc.yml", locale, True, doc, units)  # type: ignore[arg-type]
    return list(check(view, load_settings({}, None)))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang, text, plain", [
    ("en", "It can make you photosensitive.", "your skin burns more easily in the sun"),
    ("es", "Puede producir fotosensibilidad.", "la piel se quema con el sol más fácilmente"),
    ("pl", "Lek jest teratogenny.", "może zaszkodzić nienarodzonemu dziecku"),
    ("ar", "قد يسبب حساسية ضوئية.", "تحترق البشرة بسهولة في الشمس"),
    ("fr", "Elle peut provoquer une photosensibilité.", "la peau brûle plus vite au soleil"),
    ("de", "Das Arzneimittel ist teratogen.", "kann dem ungeborenen Kind schaden"),
    ("uk", "Препарат може спричинити фоточутливість.", "шкіра легше обгорає на сонці"),
])
def test_every_shipped_language_has_a_list_with_plain_alternatives(lang: str, text: str, plain: str) -> None:
    found = judge([text], lang)
    assert len(found) == 1 and found[0].rule == "jargon" and f'say "{plain}"' in found[0].message


def test_every_list_gives_a_different_plain_word() -> None:
    data = data_file("jargon")
    assert {"en", "es", "pl", "ar", "fr", "de", "uk"} <= set(data)
    for lang, spec in data.items():
        assert len(spec["terms"]) >= 10, lang
        assert all(plain and plain.lower() != term.lower() for term, plain in spec["terms"].items()), lang


@pytest.mark.parametrize("lang, texts", [
    ("en", ["It acts on the sebaceous glands.", "These are the oil glands in your skin."]),
    ("en", ["Your skin may become photosensitive. This means it burns more easily in the sun."]),
    ("en", ["It lowers sebum.", "Sebum is the oil that your skin makes."]),
    ("es", ["Puede causar fotosensibilidad. Esto significa que la piel se quema con más facilidad."]),
    ("pl", ["Lek jest teratogenny. To znaczy, że może zaszkodzić dziecku."]),
    ("fr", ["Elle provoque une photosensibilité. Cela veut dire que la peau brûle plus vite."]),
    ("de", ["Das Mittel ist teratogen. Das heißt, es kann dem ungeborenen Kind schaden."]),
    ("uk", ["Препарат тератогенний. Це означає, що він може зашкодити дитині."]),
    ("ar", ["قد يسبب حساسية ضوئية. هذا يعني أن البشرة تحترق بسهولة."]),
])
def test_defined_in_the_next_sentence_is_fine(lang: str, texts: list[str]) -> None:
    assert judge(texts, lang) == []


def test_a_next_sentence_that_does_not_explain_still_flags() -> None:
    found = judge(["Your skin may become photosensitive.", "Use sun cream every day."], "en")
    assert len(found) == 1 and '"photosensitive"' in found[0].message


def test_jargon_flagged_unless_explained(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(0, "It acts on the sebaceous glands."))
    found = only(checks_run(root, ["en"]), "jargon")
    assert len(found) == 1 and "oil glands" in found[0].message
    for explained in ["It acts on the sebaceous glands (oil glands).", "It acts on small glands called sebaceous glands."]:
        ok = checks_copy(para(0, explained))
        assert only(checks_run(ok, ["en"]), "jargon") == []


def test_jargon_defined_in_a_glossary_is_fine(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def edit(doc: dict) -> None:
        doc["sections"][3]["body"][0]["terms"].append({"term": "Photosensitivity", "text": "Your skin burns more easily in the sun."})
        doc["sections"][3]["body"].append({"text": "Photosensitivity goes away after treatment."})

    assert only(checks_run(checks_copy(edit), ["en"]), "jargon") == []


def test_a_language_without_a_list_is_an_info() -> None:
    found = judge(["Pode causar fotossensibilidade."], "pt")
    assert [(f.rule, f.severity) for f in found] == [("jargon.unsupported", "info")]
