"""Command-line habits as a user meets them: suggestions for typos, no prefix abbreviations, any-case formats,
--out kept away from the sources, the document of the folder you are in; exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from handouts import __version__
from handouts.cli import main


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    """Run `handouts ARGS` in-process (in cwd when given); return (exit code, stderr + stdout)."""
    err, out = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main(list(args))
    finally:
        os.chdir(previous)
    return code, err.getvalue() + out.getvalue()


def two_documents(tmp_path: Path) -> Path:
    """The minimal project with a second document, 'second', beside 'minimal'."""
    root = copy_project("minimal", tmp_path)
    second = root / "content" / "second"
    shutil.copytree(root / "content" / "minimal", second)
    doc = yaml.safe_load((second / "document.yml").read_text(encoding="utf-8"))
    doc["meta"]["id"] = "second"
    (second / "document.yml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    (second / "notes" / "deeper").mkdir(parents=True)
    return root


@pytest.mark.parametrize(("argv", "hint"), [
    (["biuld"], "did you mean build?"),
    (["chekc"], "did you mean check?"),
    (["i18n", "stauts"], "did you mean status?"),
    (["build", "--large"], "did you mean --large-print?"),
    (["build", "--no-chek"], "did you mean --no-check?"),
    (["check", "--jsn"], "did you mean --json?"),
    (["new", "x", "--knd", "medicine"], "did you mean --kind?"),
    (["build", "--format", "pfd"], "did you mean pdf?"),
])
def test_a_typo_is_a_usage_error_with_a_suggestion(tmp_path: Path, argv: list[str], hint: str) -> None:
    root = copy_project("minimal", tmp_path)
    code, text = run_cli(*argv, "--project", str(root)) if argv[0] not in ("biuld", "chekc") else run_cli(*argv, cwd=root)
    assert code == 2, text
    assert hint in text and "usage:" in text
    assert not (root / "output").exists()


def test_no_silent_prefix_abbreviation(tmp_path: Path) -> None:
    # --large is not --large-print, --out-dir is not --out, --loc is not --locale
    root = copy_project("minimal", tmp_path)
    for option in (["--large"], ["--loc", "en"], ["--no-ch"]):
        code, text = run_cli("build", *option, "--project", str(root))
        assert code == 2 and "unrecognized arguments" in text, text
    assert not (root / "output").exists()


def test_format_in_capitals_builds_that_format(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path)
    code, text = run_cli("build", "--format", "PDF", "--no-check", "--project", str(root))
    assert code == 0, text
    written = sorted(p.name for p in (root / "output").rglob("*.*") if p.name != "manifest.json")
    assert written == ["minimal.en.pdf"]


def test_unknown_format_names_the_choices(tmp_path: Path) -> None:
    code, text = run_cli("build", "--format", "docx", "--project", str(copy_project("minimal", tmp_path)))
    assert code == 2 and "unknown format 'docx'" in text and "pdf, pptx" in text


@pytest.mark.parametrize("option", ["--locale", "--format"])
def test_an_empty_list_option_is_refused_not_read_as_all(tmp_path: Path, option: str) -> None:
    root = copy_project("minimal", tmp_path)
    code, text = run_cli("build", option, " , ", "--no-check", "--project", str(root))
    assert code == 2 and f"argument {option}: the value is empty" in text
    assert not (root / "output").exists()


@pytest.mark.parametrize(("typed", "meant"), [("en_gb", "en-GB"), ("EN-GB", "en-GB"), ("en-bg", "en-GB"), ("ES", "es")])
def test_a_mistyped_locale_gets_the_configured_one_suggested(tmp_path: Path, typed: str, meant: str) -> None:
    root = copy_project("minimal", tmp_path, config=lambda c: c.update(source_locale="en-GB", locales=["en-GB", "es"]),
                        document=lambda d: d["meta"].update(locale="en-GB"))
    code, text = run_cli("check", "--locale", typed, "--project", str(root))
    assert code == 1
    assert f"did you mean {meant}?" in text
    assert "handouts.yml:2:" in text  # the line of 'locales', where a new locale would go


def test_a_locale_nothing_like_the_configured_ones_gets_no_guess(tmp_path: Path) -> None:
    code, text = run_cli("check", "--locale", "zh", "--project", str(copy_project("minimal", tmp_path)))
    assert code == 1 and "'zh' is not in 'locales'" in text and "did you mean" not in text


@pytest.mark.parametrize("out", [".", "..", "content", "content/minimal", "content/minimal/images", "my-theme", "my-theme/leaflet"])
def test_out_among_the_sources_is_refused(tmp_path: Path, out: str) -> None:
    root = copy_project("minimal", tmp_path, config=lambda c: c.update(templates_dir="my-theme"))
    (root / "my-theme" / "leaflet").mkdir(parents=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, text = run_cli("build", "--no-check", "--out", out, cwd=root)
    assert code == 2, text
    assert f"--out {out} " in text and "Traceback" not in text
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_out_inside_the_installed_templates_is_refused(tmp_path: Path) -> None:
    from handouts.theme import BUILTIN

    root = copy_project("minimal", tmp_path)
    code, text = run_cli("build", "--no-check", "--out", str(BUILTIN / "leaflet"), "--project", str(root))
    assert code == 2 and "templates folder" in text
    assert not (BUILTIN / "leaflet" / "manifest.json").exists()


def test_output_dir_in_the_config_among_the_sources_is_refused_with_its_file(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path, config=lambda c: c.update(output_dir="content"))
    code, text = run_cli("build", "--no-check", "--project", str(root))
    assert code == 1
    assert "handouts.yml" in text and "output_dir 'content'" in text
    assert not (root / "content" / "manifest.json").exists()


def test_out_beside_the_project_is_fine(tmp_path: Path) -> None:
    root = copy_project("minimal", tmp_path)
    code, text = run_cli("build", "--no-check", "--format", "pdf", "--out", str(tmp_path / "elsewhere"), cwd=root)
    assert code == 0, text
    assert (tmp_path / "elsewhere" / "minimal" / "en" / "minimal.en.pdf").is_file()


@pytest.mark.parametrize("inside", ["content/second", "content/second/notes/deeper"])
def test_build_inside_a_document_folder_builds_only_that_document(tmp_path: Path, inside: str) -> None:
    root = two_documents(tmp_path)
    code, text = run_cli("build", "--no-check", "--format", "pdf", cwd=root / inside)
    assert code == 0, text
    assert "only content/second" in text
    built = sorted(p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*.pdf"))
    assert built == ["second/en/second.en.pdf"]


def test_check_inside_a_document_folder_checks_only_that_document(tmp_path: Path) -> None:
    root = two_documents(tmp_path)
    code, text = run_cli("check", "--today", "2026-06-01", cwd=root / "content" / "second")
    assert code == 0, text
    assert "checked 1 document(s)" in text
    code, text = run_cli("check", "--today", "2026-06-01", cwd=root / "content")
    assert code == 0 and "checked 2 document(s)" in text


def test_version_names_the_package_version(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "handouts", "--version"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == f"handouts {__version__}"


@pytest.mark.parametrize("argv", [["biuld"], ["build", "--large"], ["build", "--format", "PDFX"]])
def test_usage_errors_from_the_real_command_exit_2_without_traceback(tmp_path: Path, argv: list[str]) -> None:
    root = copy_project("minimal", tmp_path)
    proc = subprocess.run([sys.executable, "-m", "handouts", *argv], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 2
    assert "did you mean" in proc.stderr or "unknown format" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("words", "expected"), [(["bu"], ["build"]), (["build", "--lar"], ["--large-print"]), (["i18n", "st"], ["status"]), (["new", "x", "--ki"], ["--kind"])])
def test_bash_completion_completes_commands_and_options(tmp_path: Path, words: list[str], expected: list[str]) -> None:
    code, script = run_cli("completion", "bash")
    assert code == 0
    (tmp_path / "handouts.bash").write_text(script, encoding="utf-8")
    line = " ".join(["handouts", *words])
    probe = (f'source "{tmp_path / "handouts.bash"}"; COMP_WORDS=(handouts {" ".join(words)}); COMP_CWORD={len(words)}; '
             f'COMP_LINE="{line}"; COMP_POINT={len(line)}; _shtab_handouts; printf "%s\\n" "${{COMPREPLY[@]}}"')
    proc = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == expected
