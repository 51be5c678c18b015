"""Catalogs a careless edit breaks (session 12 bad-input report, items 1, 8, 13, 16): refused with file:line and what to do, never rewritten."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts.cli import main

DOC = "i18n-mini"
# the mini project's es.po, as committed (tests/data/i18n-mini): the lines the edits below change
DOSE = 'msgstr "El primer punto clave."'  # line 63
CONTINUED = 'msgstr "Párrafo alfa con texto en **negrita**."'  # line 77
UNCLOSED = "PO syntax error: the string has no closing quote: close the quote at the end of the line"
NOT_UTF8 = "the file is not UTF-8 text: save it as UTF-8 in your editor"


def catalog(root: Path) -> Path:
    return root / "content" / DOC / "locales" / "es.po"


def digest(root: Path) -> dict[str, str]:
    """sha256 of every file of the project (content, config and any output; not the build cache, which a refused build may fill)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
            if p.is_file() and ".handouts-cache" not in p.parts}


def run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main([*argv, "--project", str(root)])
    return code, capsys.readouterr().err


def replace_line(root: Path, old: str, new: str) -> int:
    """Replace one whole line of es.po; its 1-based number."""
    lines = catalog(root).read_text(encoding="utf-8").split("\n")
    at = lines.index(old)
    lines[at:at + 1] = new.split("\n")
    catalog(root).write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def refused_everywhere(root: Path, capsys: pytest.CaptureFixture[str], line: int, says: str) -> None:
    """build, check, i18n update and i18n add es all exit 1 with `es.po:LINE: ... says`; nothing is written and the catalog is byte-identical."""
    before = digest(root)
    where = f"content/{DOC}/locales/es.po:{line}: "
    for argv, shown in ((["build", "--locale", "es", "--format", "pdf"], f"{where}[translation.unavailable] {says}"),
                        (["check"], f"{where}error [translation.unavailable] {says}"),
                        (["i18n", "update", "--locale", "es"], f"{catalog(root)}:{line}: {says}"),
                        (["i18n", "add", "es"], f"{catalog(root)}:{line}: {says}")):
        code, err = run(root, capsys, *argv)
        assert code == 1, (argv, err)
        assert shown in err and "Traceback" not in err, (argv, err)
        assert digest(root) == before, argv
    assert not (root / "output").exists()


def test_an_unclosed_msgstr_is_refused_at_its_line_not_built_without_its_last_letter(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    line = replace_line(root, DOSE, 'msgstr "El primer punto clave')
    assert line == 63
    refused_everywhere(root, capsys, 63, UNCLOSED)
    _, err = run(root, capsys, "build", "--locale", "es")
    assert "[locale es, key first.key_points.0]" in err  # the segment whose string is broken


def test_an_unclosed_continuation_line_is_refused_and_update_does_not_rewrite_it(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    # the tester's case: `"... de` losing its quote printed "dregla" and `i18n update` made it permanent
    root = make_project(DOC)
    line = replace_line(root, CONTINUED, 'msgstr ""\n"Párrafo alfa con texto en **negrita**. Dice de\n"regla."')
    assert line == 77
    refused_everywhere(root, capsys, 78, UNCLOSED)


@pytest.mark.parametrize(("new", "line", "says"), [
    ('msgstr "El "primer" punto clave."', 63, "PO syntax error: text after the closing quote ('primer\" punto clave.'): write a quote inside the text as \\\""),
    ('msgstr "El primer punto clave.\\q"', 63, "PO syntax error: \\q is not an escape sequence: write \\\\ for a backslash"),
    # msgfmt reads \101 as "A"; Babel would print the backslash: refused rather than read differently
    ('msgstr "El primer punto clave \\101."', 63, "PO syntax error: \\101 writes a character by its number, which handouts does not read: write the character itself"),
    # Babel kept the first msgstr and dropped the second one's text without a word
    ('msgstr "El primer punto clave."\nmsgstr "Otro texto."', 64, "PO syntax error: a second msgstr for the same msgid: keep one translation"),
    ("msgstr", 63, 'PO syntax error: msgstr has no string: write msgstr "..."'),
])
def test_strings_msgfmt_rejects_are_refused_with_their_line(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], new: str, line: int, says: str) -> None:
    root = make_project(DOC)
    replace_line(root, DOSE, new)
    refused_everywhere(root, capsys, line, says)


def test_utf16_catalog_is_not_utf8_at_line_1(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    catalog(root).write_bytes(catalog(root).read_text(encoding="utf-8").encode("utf-16"))
    refused_everywhere(root, capsys, 1, NOT_UTF8)


def test_undeclared_latin1_catalog_is_refused_at_the_line_of_its_first_accent(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    text = catalog(root).read_text(encoding="utf-8")
    catalog(root).write_bytes(text.encode("latin-1"))
    # "Un folleto mínimo" is the first text with a letter outside ASCII (line 27 of the committed file)
    assert text.split("\n")[26] == 'msgstr "Un folleto mínimo"'
    refused_everywhere(root, capsys, 27, NOT_UTF8)
    _, err = run(root, capsys, "build")
    assert "position" not in err and "Language" not in err


def test_a_byte_order_mark_is_refused_with_how_to_remove_it(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    catalog(root).write_bytes(b"\xef\xbb\xbf" + catalog(root).read_bytes())
    refused_everywhere(root, capsys, 1, "PO syntax error: the file starts with a byte order mark (BOM), which gettext tools reject: remove the byte order mark")


def test_an_empty_catalog_is_one_message_and_update_fills_it(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    catalog(root).write_bytes(b"")
    says = "the catalog is empty: run `handouts i18n update --locale es`"
    before = digest(root)
    for argv in (["build", "--locale", "es", "--format", "pdf"], ["check"], ["i18n", "status"]):
        code, err = run(root, capsys, *argv)
        assert code == 1 and says in err, (argv, err)
        assert err.count("es.po") == 1 and "untranslated" not in err, (argv, err)  # one message, not one per segment (21)
        assert digest(root) == before
    code, err = run(root, capsys, "i18n", "update", "--locale", "es")
    assert code == 0, err
    text = catalog(root).read_text(encoding="utf-8")
    assert text.count("\nmsgctxt ") == 21 and text.count('msgstr ""\n\n') == 21  # the 21 segments of document.yml, each empty
    assert '"Project-Id-Version: i18n-mini 2.1\\n"' in text and '"X-Review-Date: \\n"' in text  # the header a new catalog gets


@pytest.mark.parametrize(("date", "says"), [
    ("2026-02-30", "X-Review-Date '2026-02-30' is not a real date"),
    ("2099-01-01", "X-Review-Date '2099-01-01' lies in the future"),
    ("20/01/2026", "X-Review-Date '20/01/2026' is not a date written as YYYY-MM-DD"),
])
def test_a_review_date_that_cannot_be_true_is_a_warning_at_its_line(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], date: str, says: str) -> None:
    root = make_project(DOC)
    line = replace_line(root, '"X-Review-Date: 2026-01-20\\n"', f'"X-Review-Date: {date}\\n"')
    assert line == 19
    shown = f"content/{DOC}/locales/es.po:19: warning [translation.review-date] {says}"
    code, err = run(root, capsys, "check", "--today", "2026-06-01")
    assert code == 0 and shown in err and "write the day the translation was reviewed as YYYY-MM-DD" in err, err
    code, err = run(root, capsys, "build", "--locale", "es", "--format", "pdf", "--today", "2026-06-01")
    assert code == 0 and shown in err, err


def test_a_real_past_review_date_gets_no_warning(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(DOC)
    code, err = run(root, capsys, "check", "--today", "2026-01-20")  # reviewed that very day
    assert code == 0 and "review-date" not in err, err
