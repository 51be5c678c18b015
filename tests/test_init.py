"""`handouts init` and `handouts new` end to end in a temporary folder: what they write, what they refuse,
and that `check` reports every placeholder until the author writes the text, after which it builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from handouts.config import Brand, Config, load_config
from test_cli import run_cli

TODAY = "2026-12-01"
MEDICINE = ["purpose", "before", "how-to-take", "side-effects", "storage", "contact"]  # structure.yml, by hand


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def started(tmp_path: Path, *init_args: str, doc: str = "ibuprofen-200mg", kind: str = "medicine") -> Path:
    """A project made by `init` with one document made by `new`."""
    root = tmp_path / "leaflets"
    assert run_cli("init", str(root), *init_args)[0] == 0
    code, text = run_cli("new", doc, "--kind", kind, "--today", TODAY, cwd=root)
    assert code == 0, text
    return root


def placeholder_lines(path: Path) -> set[int]:
    return {i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "TODO:" in line and not line.startswith("#")}


def test_init_writes_a_commented_config_that_loads(tmp_path: Path) -> None:
    root = tmp_path / "leaflets"
    code, text = run_cli("init", str(root), "--source-locale", "en_gb", "--locale", "es,PL", "--organisation", "St Elsewhere: Trust")
    assert code == 0, text
    assert files(root) == [".gitignore", "content", "handouts.yml"]
    assert list((root / "content").iterdir()) == []
    assert (root / ".gitignore").read_text(encoding="utf-8").split() == ["output/", ".handouts-cache/"]
    config = load_config(root)
    assert (config.source_locale, config.locales) == ("en-GB", ["en-GB", "es", "pl"])
    assert config.brand.organisation == "St Elsewhere: Trust"
    text = (root / "handouts.yml").read_text(encoding="utf-8")
    # every setting is written (or shown commented out) with a comment above it or beside it
    lines = text.splitlines()
    for indent, names in (("", Config.model_fields), ("  ", Brand.model_fields)):
        for name in names:
            at = next((i for i, ln in enumerate(lines) if re.match(rf"{indent}(# )?{name}:", ln)), None)
            assert at is not None, f"{name} is not in the init template"
            assert lines[at - 1].lstrip().startswith("#") or "  # " in lines[at], f"{name} has no comment"


def test_init_defaults_and_the_checks_accept_the_config(tmp_path: Path) -> None:
    code, _ = run_cli("init", cwd=tmp_path)
    assert code == 0
    config = load_config(tmp_path)
    assert (config.source_locale, config.locales, config.brand.organisation) == ("en", ["en"], None)
    code, text = run_cli("check", cwd=tmp_path)  # no document yet: says so, not a config problem
    assert code == 1 and "no documents found" in text and "handouts.yml" not in text


def test_init_keeps_an_existing_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("secrets/\n", encoding="utf-8")
    assert run_cli("init", cwd=tmp_path)[0] == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "secrets/\n"


def test_init_refuses_an_existing_config_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "handouts.yml").write_text("source_locale: fr\nlocales: [fr]\n", encoding="utf-8")
    code, text = run_cli("init", cwd=tmp_path)
    assert code == 1
    first = text.splitlines()[0]
    assert first.startswith("handouts.yml: already exists") and "already exists" in first  # -- relative to the folder the command ran in --
    assert "Traceback" not in text
    assert files(tmp_path) == ["handouts.yml"]
    assert (tmp_path / "handouts.yml").read_text(encoding="utf-8") == "source_locale: fr\nlocales: [fr]\n"


def test_init_with_an_unknown_locale_writes_nothing(tmp_path: Path) -> None:
    code, text = run_cli("init", str(tmp_path / "p"), "--locale", "es,klingon")
    assert code == 1 and "'klingon' is not a locale" in text.splitlines()[0]
    assert not (tmp_path / "p").exists()


def test_new_writes_the_parts_of_the_kind_with_dates(tmp_path: Path) -> None:
    root = started(tmp_path, "--source-locale", "en-GB")
    path = root / "content" / "ibuprofen-200mg" / "document.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["sections"]] == MEDICINE
    meta = doc["meta"]
    assert (meta["id"], meta["kind"], meta["locale"]) == ("ibuprofen-200mg", "medicine", "en-GB")
    assert (str(meta["published"]), str(meta["review"])) == ("2026-12-01", "2029-12-01")
    assert "organisation" in meta  # no brand organisation in handouts.yml: the document must name one


def test_new_fills_in_what_the_project_already_says(tmp_path: Path) -> None:
    root = started(tmp_path, "--organisation", "St Elsewhere")
    meta = yaml.safe_load((root / "content" / "ibuprofen-200mg" / "document.yml").read_text(encoding="utf-8"))["meta"]
    assert "organisation" not in meta  # brand.organisation covers it


@pytest.mark.parametrize(("today", "max_years", "review"), [("2028-02-29", None, "2031-02-28"), ("2026-12-01", 2, "2028-12-01")])
def test_review_date_is_the_latest_the_control_check_allows(tmp_path: Path, today: str, max_years: int | None, review: str) -> None:
    root = tmp_path / "p"
    run_cli("init", str(root))
    if max_years:  # a stricter trust
        text = (root / "handouts.yml").read_text(encoding="utf-8").replace("checks: {}", f"checks: {{control.review-cycle: {{max_years: {max_years}}}}}")
        (root / "handouts.yml").write_text(text, encoding="utf-8")
    assert run_cli("new", "x", "--today", today, cwd=root)[0] == 0
    meta = yaml.safe_load((root / "content" / "x" / "document.yml").read_text(encoding="utf-8"))["meta"]
    assert str(meta["review"]) == review
    code, text = run_cli("check", "--today", today, cwd=root)
    assert "control.review-cycle" not in text and "control.out-of-review" not in text


@pytest.mark.parametrize("kind", ["medicine", "condition", "procedure"])
def test_check_reports_every_placeholder_and_nothing_else_as_an_error(tmp_path: Path, kind: str) -> None:
    root = started(tmp_path, kind=kind)
    path = root / "content" / "ibuprofen-200mg" / "document.yml"
    code, text = run_cli("check", "--today", TODAY, cwd=root)
    assert code == 1
    errors = [ln for ln in text.splitlines() if " error [" in ln]
    assert errors and all(" error [placeholder] unfinished:" in ln for ln in errors)
    reported = {int(ln.split(":")[1]) for ln in errors}
    assert reported == placeholder_lines(path)
    assert "structure.parts" not in text  # every part the kind needs has its section


def test_build_refuses_placeholders_then_builds_once_they_are_written(tmp_path: Path) -> None:
    root = started(tmp_path, "--source-locale", "en-GB", "--organisation", "St Elsewhere")
    path = root / "content" / "ibuprofen-200mg" / "document.yml"
    code, text = run_cli("build", "--today", TODAY, cwd=root)
    assert code == 1 and "[placeholder]" in text and "nothing was written" in text
    assert not (root / "output").exists()
    # the author writes every text (here: keeps the hint, drops the marker)
    path.write_text(path.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")
    code, text = run_cli("check", "--today", TODAY, cwd=root)
    assert code == 0, text
    code, text = run_cli("build", "--today", TODAY, cwd=root)
    assert code == 0, text
    out = root / "output" / "ibuprofen-200mg" / "en-GB"
    assert sorted(p.name for p in out.iterdir()) == ["assets", "ibuprofen-200mg.en-GB.pdf", "ibuprofen-200mg.en-GB.pptx", "index.html"]
    page_text = " ".join(page.extract_text() for page in PdfReader(out / "ibuprofen-200mg.en-GB.pdf").pages)
    assert "heading about how to store it" in " ".join(page_text.split())
    assert "1 December 2026" in page_text  # today's publication date, in the source locale's format


def test_new_works_from_any_folder_under_the_project(tmp_path: Path) -> None:
    root = started(tmp_path)
    deep = root / "content" / "ibuprofen-200mg"
    code, text = run_cli("new", "paracetamol-500mg", "--kind", "medicine", cwd=deep)
    assert code == 0, text
    assert (root / "content" / "paracetamol-500mg" / "document.yml").is_file()
    assert not (deep / "content").exists()


def test_new_for_a_kind_of_the_project_uses_its_parts(tmp_path: Path) -> None:
    root = tmp_path / "p"
    run_cli("init", str(root))
    text = (root / "handouts.yml").read_text(encoding="utf-8").replace("checks: {}", "checks: {structure.parts: {kinds: {vaccine: [purpose, side-effects, contact]}}}")
    (root / "handouts.yml").write_text(text, encoding="utf-8")
    assert run_cli("new", "flu-vaccine", "--kind", "vaccine", cwd=root)[0] == 0
    doc = yaml.safe_load((root / "content" / "flu-vaccine" / "document.yml").read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["sections"]] == ["purpose", "side-effects", "contact"]


def test_new_in_another_source_language_loads(tmp_path: Path) -> None:
    root = started(tmp_path, "--source-locale", "es", doc="ibuprofeno")
    code, text = run_cli("check", "--today", TODAY, cwd=root)
    assert code == 1 and all("[placeholder]" in ln for ln in text.splitlines() if " error [" in ln)


def test_new_refuses_an_existing_id_and_keeps_the_document(tmp_path: Path) -> None:
    root = started(tmp_path)
    path = root / "content" / "ibuprofen-200mg" / "document.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    code, text = run_cli("new", "ibuprofen-200mg", "--kind", "condition", cwd=root)
    assert code == 1
    first = text.splitlines()[0]
    assert "content/ibuprofen-200mg: already exists" in first
    assert "Traceback" not in text and path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("bad", ["Ibuprofen", "ibuprofen_200mg", ".", "", "two words", "../escape", "ibuprofène"])
def test_new_refuses_an_invalid_id_and_writes_nothing(tmp_path: Path, bad: str) -> None:
    root = tmp_path / "p"
    run_cli("init", str(root))
    code, text = run_cli("new", bad, cwd=root)
    assert code == 1
    first = text.splitlines()[0]
    assert first.startswith(f"content: '{bad}' is not an id") and "lowercase letters, digits and hyphens" in first
    assert "Traceback" not in text
    assert files(root / "content") == [] and not (root / "escape").exists()


def test_new_refuses_an_unknown_kind_with_a_suggestion(tmp_path: Path) -> None:
    root = tmp_path / "p"
    run_cli("init", str(root))
    code, text = run_cli("new", "x", "--kind", "Medecine", cwd=root)
    assert code == 1 and "did you mean medicine?" in text
    assert files(root / "content") == []


def test_new_outside_a_project_says_run_init(tmp_path: Path) -> None:
    code, text = run_cli("new", "x", cwd=tmp_path)
    assert code == 1 and "handouts init" in text
    assert files(tmp_path) == []


def test_the_placeholder_marker_is_not_the_word_todo(tmp_path: Path) -> None:
    from conftest import copy_project

    def edit(doc: dict) -> None:
        doc["sections"][0]["heading"] = "TODO LO QUE DEBE SABER"
        doc["sections"][0]["body"].append({"text": "Tome todo el medicamento. Lo necesita todo: agua y descanso. Keep a todo list."})
        doc["sections"][1]["body"].append({"bullets": ["Take one tablet.", "TODO: the dose for children"]})

    root = copy_project("minimal", tmp_path, document=edit)
    code, text = run_cli("check", "--today", "2026-06-01", "--project", str(root))
    found = [ln for ln in text.splitlines() if "[placeholder]" in ln]
    assert code == 1 and len(found) == 1
    assert '"TODO: the dose for children"' in found[0] and "segment second.body." in found[0]


def test_the_placeholder_rule_is_configured_like_any_rule(tmp_path: Path) -> None:
    root = started(tmp_path)
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("checks: {}", "checks: {placeholder: {severity: warning}}"), encoding="utf-8")
    code, text = run_cli("check", "--today", TODAY, cwd=root)
    assert code == 0 and " warning [placeholder] " in text and " error [" not in text
