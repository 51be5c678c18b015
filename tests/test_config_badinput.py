"""Bad input in document.yml and handouts.yml as a careless user writes it (session 12 bad-input report):
each case says file:line and what to write, exits 1 and never shows a traceback."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts.cli import main

MakeProject = Callable[..., Path]


def run(root: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in-process for a project: (exit code, stdout, stderr)."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main([*args, "--project", str(root)])
    return code, out.getvalue(), err.getvalue()


def replace_line(path: Path, start: str, new: str) -> int:
    """Replace the line that starts (after indentation) with `start` by `new` (same indentation); its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.lstrip().startswith(start))
    lines[i] = lines[i][: len(lines[i]) - len(lines[i].lstrip())] + new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 1


def refused(root: Path, *args: str) -> str:
    """stderr of a command that must refuse the input: exit 1, no traceback."""
    code, out, err = run(root, *args)
    assert code == 1, out + err
    assert "Traceback" not in out + err
    return err


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    return make_project()


def doc(root: Path) -> Path:
    return root / "content" / "minimal" / "document.yml"


def config(root: Path, text: str) -> Path:
    path = root / "handouts.yml"
    path.write_text("source_locale: en\nlocales: [en]\n" + text, encoding="utf-8")
    return path


# -- 3: a date that does not exist --

@pytest.mark.parametrize("verb", [["check"], ["build", "--format", "pdf"]])
def test_thirtieth_of_february_is_not_a_date(project: Path, verb: list[str]) -> None:
    line = replace_line(doc(project), "published:", "published: 2026-02-30")
    err = refused(project, *verb)
    assert f"{doc(project)}:{line}:14: 'published' 2026-02-30 is not a real date (February has 28 days in 2026): write a real date as YYYY-MM-DD" in err, err
    assert not (project / "output").exists()


def test_leap_year_february_and_month_thirteen(project: Path) -> None:
    line = replace_line(doc(project), "published:", "published: 2028-02-30")
    assert f":{line}:14: 'published' 2028-02-30 is not a real date (February has 29 days in 2028)" in refused(project, "check")
    replace_line(doc(project), "published:", "published: 2026-01-15")
    line = replace_line(doc(project), "review:", "review: 2029-13-03")
    err = refused(project, "check")
    assert f":{line}:11: 'review' 2029-13-03 is not a real date (there is no month 13: months go from 01 to 12; if you meant 3 March, write 2029-03-13)" in err, err
    replace_line(doc(project), "review:", "review: 2029-04-31")
    assert "'review' 2029-04-31 is not a real date (April has 30 days)" in refused(project, "check")


def test_quoted_impossible_date_gets_the_same_message(project: Path) -> None:
    line = replace_line(doc(project), "published:", "published: '2026-02-30'")
    assert f":{line}: 'published' 2026-02-30 is not a real date (February has 28 days in 2026)" in refused(project, "check")


def test_values_yaml_cannot_build_in_handouts_yml(project: Path) -> None:
    path = config(project, "brand:\n  organisation: 2026-02-29\n")
    assert f"{path}:4:17: 'organisation' 2026-02-29 is not a real date (February has 28 days in 2026)" in refused(project, "check")
    config(project, "brand:\n  organisation: !!int Test Clinic\n")
    assert f"{path}:4:17: 'organisation' 'Test Clinic' cannot be read as a whole number as its tag !!int asks: remove the tag" in refused(project, "check")
    config(project, "limits:\n  sections: " + "9" * 5000 + "\n")
    assert f"{path}:4:13: 'sections' is a number of 5,000 digits" in refused(project, "check")


def test_check_json_with_an_impossible_date(project: Path) -> None:
    line = replace_line(doc(project), "published:", "published: 2026-02-30")
    code, out, _ = run(project, "check", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["findings"] == []
    assert report["errors"] == [{
        "message": "'published' 2026-02-30 is not a real date (February has 28 days in 2026): write a real date as YYYY-MM-DD",
        "path": "content/minimal/document.yml", "line": line, "column": 14, "locale": None, "key": "meta.published",
    }]


# -- 7: where a quote or bracket opens --

def test_unclosed_quote_is_reported_where_it_opens(project: Path) -> None:
    line = replace_line(doc(project), "subtitle:", "subtitle: 'For tests")  # -- no other ' in the file: YAML reads to its end --
    err = refused(project, "check")
    last = len(doc(project).read_text().splitlines()) + 1
    assert f"{doc(project)}:{line}:13: malformed YAML: the quote ' opened here is never closed (YAML read on to the end of the file, line {last}): close the quote" in err, err


def test_unclosed_quote_closed_by_a_later_quote(project: Path) -> None:
    # -- version: "2.1" further down closes the subtitle's quote: YAML fails on that later line --
    line = replace_line(doc(project), "subtitle:", 'subtitle: "For tests')
    err = refused(project, "check")
    version = next(i for i, text in enumerate(doc(project).read_text().splitlines(), 1) if "version:" in text)
    assert f"{doc(project)}:{line}:13: malformed YAML: the quote \" opened here is closed only on line {version}" in err, err
    assert "close the quote on this line" in err


def test_unclosed_bracket_is_reported_where_it_opens(project: Path) -> None:
    line = replace_line(doc(project), "references:", "references: [Test reference")
    err = refused(project, "check")
    assert f"{doc(project)}:{line}:15: malformed YAML: the [ opened here is not closed before line {line + 1}: add the closing ]" in err, err


def test_text_after_a_closing_quote(project: Path) -> None:
    line = replace_line(doc(project), "subtitle:", 'subtitle: "For" tests')
    assert f"{doc(project)}:{line}:19: malformed YAML: text after a closing quote: put the whole value in single quotes" in refused(project, "check")


def test_tab_says_spaces(project: Path) -> None:
    text = doc(project).read_text().replace("  subtitle:", "\tsubtitle:")
    doc(project).write_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "subtitle" in t)
    assert f"{doc(project)}:{line}:1: malformed YAML: a tab character: YAML indents with spaces only; replace the tab with spaces" in refused(project, "check")


# -- 9: type mistakes explained --

def test_list_where_a_mapping_belongs(project: Path) -> None:
    text = doc(project).read_text().replace("    name: Test Clinic reception", "    - name: Test Clinic reception").replace('    phone: "0100', '      phone: "0100')
    doc(project).write_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "contact:")
    assert f"{doc(project)}:{line}: 'contact' must be a mapping (`name: ...`, `phone: ...`), not a list: remove the '- ' in front of its keys [key meta.contact]" in refused(project, "check")


def test_empty_body_and_empty_brand(project: Path) -> None:
    text = doc(project).read_text()
    doc(project).write_text(text.replace("    body:\n      - text: Alpha paragraph with **bold** text.\n      - bullets: [Bravo item one, Bravo item two]\n", "    body:\n"))
    line = next(i for i, t in enumerate(doc(project).read_text().splitlines(), 1) if t.strip() == "body:")
    assert f":{line}: 'body' is empty: write its items on the lines below it, each starting with '- ', or remove the line 'body:' [key sections.0.body]" in refused(project, "check")
    doc(project).write_text(text)
    path = config(project, "brand:\n")
    assert f"{path}:3: 'brand' is empty: write its keys under it, indented (`organisation: ...`, `logo: ...`), or remove the line 'brand:' to keep the defaults" in refused(project, "check")


def test_comma_separated_locales_become_a_list(project: Path) -> None:
    path = project / "handouts.yml"
    path.write_text("source_locale: en\nlocales: en, es\n")
    assert f"{path}:2: 'locales' must be a list, not 'en, es': write a list: `locales: [en, es]` [key locales]" in refused(project, "check")


def test_unquoted_hash_colour(project: Path) -> None:
    path = config(project, "brand:\n  primary: #005EB8  # bands and headings\n")
    assert f"{path}:4: 'primary' is empty because YAML reads ' #' as the start of a comment: quote it: primary: '#005EB8' [key brand.primary]" in refused(project, "check")


def test_text_where_a_number_belongs(project: Path) -> None:
    path = config(project, "leaflet:\n  body_pt: big\nslides:\n  max_bullets: six\n")
    err = refused(project, "check")
    assert f"{path}:4: 'body_pt' must be a number, not 'big': write digits, e.g. body_pt: 12.5" in err, err
    assert f"{path}:6: 'max_bullets' must be a whole number, not 'six': write digits, e.g. max_bullets: 6" in err


def test_number_where_text_belongs_keeps_its_digits(project: Path) -> None:
    line = replace_line(doc(project), "version:", "version: 1.10")
    assert f":{line}: 'version' must be text, but YAML reads 1.10 as a number: write it in quotes so that YAML keeps it as text, e.g. version: \"1.10\"" in refused(project, "check")


def test_check_option_in_words(project: Path) -> None:
    path = config(project, "checks:\n  control.review-soon: {days: soon}\n")
    assert f"{path}:4: option 'days' of check 'control.review-soon' must be a whole number, not 'soon': e.g. days: 90" in refused(project, "check")


# -- 10: sizes a designer would not use --

@pytest.mark.parametrize(("setting", "message"), [
    ("leaflet:\n  body_pt: 400\n", "body_pt 400 pt is outside 8-24 pt, the plausible range for leaflet body text (12 pt minimum, 14 recommended): write a size in points, e.g. body_pt: 12.5"),
    ("leaflet:\n  body_pt: 125\n", "body_pt 125 pt is outside 8-24 pt, the plausible range for leaflet body text (12 pt minimum, 14 recommended): did you mean 12.5 (a dropped decimal point)?"),
    ("leaflet:\n  large_print_pt: 5\n", "large_print_pt 5 pt is outside 12-36 pt"),
    ("slides:\n  body_min_pt: 999\n", "body_min_pt 999 pt is outside 12-44 pt"),
    ("slides:\n  title_min_pt: 200\n", "title_min_pt 200 pt is outside 18-60 pt"),
    ("slides:\n  max_bullets: 0\n", "'max_bullets' is 0: it must be at least 1, e.g. max_bullets: 6"),
])
def test_sizes_out_of_range_blame_handouts_yml(project: Path, setting: str, message: str) -> None:
    path = config(project, setting)
    err = refused(project, "build", "--format", "pptx" if "slides" in setting else "pdf")
    assert f"{path}:4: {message}" in err, err
    assert "master.pptx" not in err
    assert not (project / "output").exists()


def test_sizes_at_the_ends_of_the_range_are_accepted(project: Path) -> None:
    config(project, "leaflet: {body_pt: 24, large_print_pt: 36}\nslides: {body_min_pt: 44, title_min_pt: 60, max_bullets: 1}\n")
    code, out, err = run(project, "check")
    assert code == 0, out + err


# -- 14: --json when the project does not load --

def test_check_json_when_handouts_yml_is_broken(project: Path) -> None:
    (project / "handouts.yml").write_text("source_locale: en\nlocales: [en]\nbrand:\n\torganisation: X\n")
    code, out, err = run(project, "check", "--json")
    assert code == 1
    assert json.loads(out) == {"findings": [], "errors": [{
        "message": "malformed YAML: a tab character: YAML indents with spaces only; replace the tab with spaces",
        "path": "handouts.yml", "line": 4, "column": 1, "locale": None, "key": None,
    }]}
    assert "handouts.yml:4:1: malformed YAML" in err


def test_check_json_lists_every_problem_of_every_document(make_project: MakeProject) -> None:
    root = make_project(edit=lambda d: d["meta"].update(aprover="x", version=None))
    code, out, _ = run(root, "check", "--json")
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["key"], e["message"]) for e in errors] == [
        ("meta.version", "'version' is empty: write it after 'version:'"),
        ("meta.aprover", "unknown key 'aprover': did you mean 'approver'? Correct it or remove it"),
    ]


# -- 16: suggestions, an empty config, a missing content folder --

def test_unknown_keys_get_a_suggestion(project: Path) -> None:
    line = replace_line(doc(project), "organisation:", "organisaton: Test Clinic")
    assert f"{doc(project)}:{line}: unknown key 'organisaton': did you mean 'organisation'? Correct it or remove it [key meta.organisaton]" in refused(project, "check")
    path = config(project, "leaflet:\n  body_ptt: 12\nchecks:\n  control.review-son: {days: 30}\n")
    err = refused(project, "check")
    assert f"{path}:4: unknown key 'body_ptt': did you mean 'body_pt'?" in err, err


def test_unknown_check_gets_a_suggestion(project: Path) -> None:
    path = config(project, "checks:\n  control.review-son: {days: 30}\n")
    assert f"{path}:4: unknown check 'control.review-son': did you mean 'control.review-soon'?" in refused(project, "check")


def test_block_kind_typo_gets_a_suggestion(project: Path) -> None:
    line = replace_line(doc(project), "- text: Alpha", "- txt: Alpha paragraph.")
    assert f":{line}: each block needs exactly one of: text, bullets, steps, terms, callout, image, table: did you mean 'text'?" in refused(project, "check")


def test_empty_handouts_yml(project: Path) -> None:
    (project / "handouts.yml").write_text("# settings to come\n")
    err = refused(project, "check")
    assert f"{project / 'handouts.yml'}:1: handouts.yml is empty: write the project's settings, at least source_locale and locales" in err, err
    assert "source_locale 'en'" not in err


def test_missing_content_dir_names_its_line(project: Path) -> None:
    path = config(project, "content_dir: contents\n")
    err = refused(project, "check")
    assert f"{path}:3: content_dir 'contents' does not exist (no folder at {project.resolve() / 'contents'}): fix content_dir" in err, err
