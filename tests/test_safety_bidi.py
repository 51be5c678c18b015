"""Invisible direction controls: refused in document.yml (any field, at its line), an error finding in a translation, allowed where a language needs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import polib
import pytest
from fixtures_checks import findings_of, only

from handouts.bidi import refused_controls
from handouts.build import load_project
from handouts.errors import ContentError

RLO, PDF, LRI, RLI, PDI = "\u202e", "\u202c", "\u2066", "\u2067", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
DOC = "content/testamol/document.yml"
ES = "content/testamol/locales/es.po"


def handouts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handouts", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "error"})


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_with(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# -- the source document -------------------------------------------------------------------------


def test_override_in_a_source_text_is_refused_at_its_line_naming_the_character(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    doc = root / DOC
    replace_in(doc, "Each tablet has 10 mg of Testamol.", f"The dose is {RLO}01 tablets{PDF} a day.")
    result = handouts("check", "--today", "2026-06-01", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_with(doc, "The dose is")
    [message] = [ln for ln in result.stderr.splitlines() if "invisible" in ln]
    assert message.startswith(f"{DOC}:{line}: the text contains an invisible right-to-left override (U+202E) before \"01 tablets\"")
    assert "as \"stelbat 10\"" in message and ": delete them" in message and "key sections.2.body.0.steps.1" in message


def test_override_in_any_field_and_in_a_block_scalar_points_at_its_own_line(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    doc = root / DOC
    replace_in(doc, "  approver: Test pharmacist", f"  approver: Test {RLO}pharmacist")
    replace_in(doc, "      - text: Testamol is a medicine for mild pain. You take it by mouth.",
               f"      - text: |\n          Testamol is a medicine for mild pain.\n          You take it {LRI}by mouth{PDI}.")
    with pytest.raises(ContentError) as exc:
        load_project(root)
    found = {(p.key, p.line) for p in exc.value.problems}
    assert found == {("meta.approver", line_with(doc, "approver:")), ("sections.0.body.0.text", line_with(doc, "You take it"))}
    isolate = next(p for p in exc.value.problems if p.key == "sections.0.body.0.text")
    assert "an invisible left-to-right isolate (U+2066) before \"by mouth\"" in isolate.message
    assert "an invisible pop directional isolate (U+2069) before \".\"" in isolate.message


def test_an_escaped_override_is_found_too(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    doc = root / DOC
    replace_in(doc, "  subtitle: A medicine for tests", '  subtitle: "A medicine \\u202efor tests"')
    with pytest.raises(ContentError) as exc:
        load_project(root)
    [problem] = exc.value.problems
    assert problem.line == line_with(doc, "subtitle:") and "right-to-left override (U+202E) before \"for tests\"" in problem.message


def test_marks_and_joiners_that_reorder_nothing_are_accepted_in_the_source(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    # -- LRM in left-to-right text, zero-width space, ZWNJ, ZWJ, soft hyphen, word joiner --
    replace_in(root / DOC, "You take it by mouth.", f"You take it{LRM} by mouth. Pain\u00adkiller, 2\u200btablets, \u200cx\u200dy\u2060z.")
    load_project(root)


# -- the rule on one text ------------------------------------------------------------------------


@pytest.mark.parametrize("text, rtl, refused", [
    (f"Dose: {RLO}01 tablets{PDF}", False, [RLO, PDF]),
    (f"الجرعة {RLO}40{PDF} ملغ", True, [RLO, PDF]),          # overrides are never needed
    (f"Take {RLM}1 {RLM}2 tablets", False, [RLM, RLM]),      # in English an RLM can swap the numbers
    (f"Take {ALM}1 tablet", False, [ALM]),
    (f"Take{LRM} 1 tablet", False, []),
    (f"Say {RLI}01 tablets{PDI}", False, [RLI, PDI]),        # prints "tablets 01"
    (f"تناول {LRI}Accutane 20{PDI} مرة", True, []),          # balanced isolate in Arabic: allowed
    (f"تناول {LRI}Accutane 20 مرة", True, [LRI]),            # never closed: reaches the end of the paragraph
    (f"تناول Accutane{PDI} 20", True, [PDI]),                # closes nothing
    (f"اتصل بنا{RLM}. {LRM}0100 000000{ALM}", True, []),     # marks are Arabic punctuation practice
    ("می\u200cخواهم \u0915\u094d\u200d\u0937", False, []),     # ZWNJ (Persian), ZWJ (Devanagari)
])
def test_which_controls_are_refused(text: str, rtl: bool, refused: list[str]) -> None:
    assert [c.char for c in refused_controls(text, rtl)] == refused


# -- translations --------------------------------------------------------------------------------


def set_msgstr(po_path: Path, context: str, text: str) -> None:
    po = polib.pofile(str(po_path), wrapwidth=78)
    next(e for e in po if e.msgctxt == context).msgstr = text
    po.save()


def test_override_in_a_translation_is_an_error_at_the_entry(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    po = root / ES
    set_msgstr(po, "how-to-take.body.0.steps.1", f"Cada comprimido tiene {RLO}10{PDF} mg de Testamol.")
    found = findings_of(root, ["en", "es"])
    [hidden] = only(found, "translation.invisible")
    lines = po.read_text(encoding="utf-8").splitlines()
    assert hidden.severity == "error" and hidden.locale == "es" and hidden.segment == "how-to-take.body.0.steps.1"
    assert hidden.path == ES and lines[hidden.line - 1] == 'msgid "Each tablet has 10 mg of Testamol."'
    assert "right-to-left override (U+202E) before \"10\"" in hidden.message and "as \"01\"" in hidden.message
    # -- the numbers check no longer adds its puzzling "missing 10 mg" about the same entry --
    assert [f for f in found if f.rule.startswith("translation.numbers") and f.segment == hidden.segment] == []


def test_build_refuses_the_translation(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    set_msgstr(root / ES, "how-to-take.body.0.steps.1", f"Cada comprimido tiene {RLO}10{PDF} mg de Testamol.")
    result = handouts("build", "--locale", "es", "--format", "pdf", cwd=root)
    assert result.returncode == 1 and "[translation.invisible]" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "output" / "testamol" / "es").exists()


def test_build_refuses_the_translation_without_checks_and_as_a_draft(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    set_msgstr(root / ES, "how-to-take.body.0.steps.1", f"Cada comprimido tiene {RLO}10{PDF} mg de Testamol.")
    result = handouts("build", "--locale", "es", "--format", "pdf", "--no-check", "--draft", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "right-to-left override (U+202E)" in result.stderr and "es.po:" in result.stderr
    assert not (root / "output" / "testamol" / "es").exists()


def test_arabic_translation_may_keep_marks_and_balanced_isolates(tmp_path: Path) -> None:
    import shutil

    from conftest import DATA
    from handouts.cli import main

    root = tmp_path / "mini"
    shutil.copytree(DATA / "i18n-mini", root)
    assert main(["i18n", "add", "ar", "--project", str(root)]) == 0
    po_path = root / "content" / "i18n-mini" / "locales" / "ar.po"
    po = polib.pofile(str(po_path), wrapwidth=78)
    good, bad = po[0], po[1]
    good.msgstr = f"اتصل {LRI}Test Clinic{PDI} بنا{RLM}."
    bad.msgstr = f"اتصل {LRI}Test Clinic بنا."
    po.save()
    hidden = [f for f in findings_of(root, ["en", "ar"]) if f.rule == "translation.invisible"]
    assert [(f.segment, f.locale) for f in hidden] == [(bad.msgctxt, "ar")]
    assert "left-to-right isolate (U+2066) which is never closed by a pop directional isolate (U+2069)" in hidden[0].message
