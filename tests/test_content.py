"""Bad input in documents and config: every case exits 1 with where and what, and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts.cli import main


def run(root: Path, *args: str) -> tuple[int, str]:
    """Run the CLI in-process for a project; return (exit code, stderr+stdout)."""
    import contextlib
    import io

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main([*args, "--project", str(root)])
    return code, err.getvalue() + out.getvalue()


def doc_path(root: Path, name: str = "minimal") -> Path:
    return root / "content" / name / "document.yml"


def test_minimal_project_checks_clean(make_project: Callable[..., Path]) -> None:
    code, text = run(make_project(), "check")
    assert code == 0, text


def test_malformed_yaml_has_line_and_column(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = doc_path(root)
    lines = path.read_text().splitlines()
    lines[5] = "  version: [unclosed"
    path.write_text("\n".join(lines) + "\n")
    code, text = run(root, "check")
    assert code == 1
    assert f"{path}:6:" in text or f"{path}:7:" in text, text
    assert "malformed YAML" in text
    assert "Traceback" not in text


def test_wrong_type_and_missing_field_reported_together(make_project: Callable[..., Path]) -> None:
    def edit(d: dict) -> None:
        d["meta"]["published"] = "not a date"
        del d["meta"]["version"]

    root = make_project(edit=edit)
    code, text = run(root, "check")
    assert code == 1
    assert "published" in text and "version" in text
    assert "required field 'version' is missing" in text
    lines = doc_path(root).read_text().splitlines()
    published_line = next(i for i, line in enumerate(lines, 1) if "published:" in line)
    assert f"{doc_path(root)}:{published_line}:" in text


def test_unknown_key_is_reported_with_its_line(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][0].update(colour="red"))
    code, text = run(root, "check")
    assert code == 1
    assert "unknown key 'colour'" in text
    line = next(i for i, l in enumerate(doc_path(root).read_text().splitlines(), 1) if "colour:" in l)
    assert f":{line}:" in text


def test_unknown_config_key(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "handouts.yml").write_text("source_locale: en\nlocales: [en]\npaper_size: A4\n")
    code, text = run(root, "check")
    assert code == 1
    assert f"{root / 'handouts.yml'}:3:" in text and "paper_size" in text


def test_duplicate_section_id(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][1].update(id="first"))
    code, text = run(root, "check")
    assert code == 1
    assert "section id 'first' is used twice" in text


def test_missing_image(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"image": {"src": "nothere.png", "alt": "A picture"}}))
    code, text = run(root, "check")
    assert code == 1
    assert "image 'nothere.png' does not exist" in text


def test_image_without_alt(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][1]["body"].append({"image": {"src": "x.png"}}))
    code, text = run(root, "check")
    assert code == 1
    assert "required field 'alt' is missing" in text and "sections.1.body.5.image.alt" in text


@pytest.mark.parametrize("src", ["file:///etc/passwd", "../../secret.png", "/etc/passwd", "http://127.0.0.1:9/x.png"])
def test_image_outside_project_refused(make_project: Callable[..., Path], src: str) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"image": {"src": src, "alt": "x"}}))
    code, text = run(root, "check")
    assert code == 1
    assert f"image '{src}'" in text
    line = next(i for i, l in enumerate(doc_path(root).read_text().splitlines(), 1) if "src:" in l)
    assert f"{doc_path(root)}:{line}:" in text


def test_review_before_publication(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["meta"].update(review="2025-01-01"))
    code, text = run(root, "check")
    assert code == 1
    assert "is not after the publication date" in text


def test_empty_document(make_project: Callable[..., Path]) -> None:
    root = make_project()
    doc_path(root).write_text("# nothing yet\n")
    code, text = run(root, "check")
    assert code == 1
    assert "the document is empty" in text


def test_no_sections(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d.update(sections=[]))
    code, text = run(root, "check")
    line = next(i for i, t in enumerate(doc_path(root).read_text().splitlines(), 1) if t.startswith("sections:"))
    assert code == 1
    assert f"{doc_path(root)}:{line}: 'sections' needs at least one item: add one" in text, text


def test_empty_title(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["meta"].update(title=""))
    code, text = run(root, "check")
    line = next(i for i, t in enumerate(doc_path(root).read_text().splitlines(), 1) if "title:" in t)
    assert code == 1
    assert f"{doc_path(root)}:{line}: 'title' is empty: write it [key meta.title]" in text, text


def test_block_with_two_kinds(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"text": "a", "bullets": ["b"]}))
    code, text = run(root, "check")
    assert code == 1
    assert "each block needs exactly one of" in text


def test_problems_in_two_documents_reported_at_once(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["meta"].update(review="2020-01-01"))
    other = root / "content" / "other"
    other.mkdir()
    (other / "document.yml").write_text(doc_path(root).read_text().replace("id: minimal", "id: other").replace("version: '2.1'", "version: [x"))
    code, text = run(root, "check")
    assert code == 1
    assert "minimal/document.yml" in text and "other/document.yml" in text


def test_markdown_image_and_file_link_in_text(make_project: Callable[..., Path]) -> None:
    def edit(d: dict) -> None:
        d["sections"][0]["body"].append({"text": "See ![x](file:///etc/passwd)"})
        d["sections"][0]["body"].append({"text": "See [the notes](../../secret)"})

    code, text = run(make_project(edit=edit), "check")
    assert code == 1
    assert "Markdown image in text" in text
    assert "link '../../secret'" in text


def test_failed_build_writes_nothing(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["meta"].update(review="2020-01-01"))
    code, text = run(root, "build", "--format", "pptx")
    assert code == 1
    assert "nothing was written" in text
    assert not (root / "output").exists()


def test_user_error_has_no_traceback_in_a_real_process(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][0].update(colour="red"))
    proc = subprocess.run([sys.executable, "-m", "handouts", "check", "--project", str(root)], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "unknown key 'colour'" in proc.stderr


def test_usage_error_exits_2(make_project: Callable[..., Path]) -> None:
    proc = subprocess.run([sys.executable, "-m", "handouts", "build", "--nonsense"], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


def test_unknown_format_is_usage_error(make_project: Callable[..., Path]) -> None:
    code, text = run(make_project(), "build", "--format", "docx")
    assert code == 2 and "unknown format" in text


def test_unconfigured_locale(make_project: Callable[..., Path]) -> None:
    code, text = run(make_project(), "check", "--locale", "de")
    assert code == 1
    assert "de" in text and "handouts.yml" in text


def test_bad_check_setting_fails_even_without_checks(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "handouts.yml").write_text("source_locale: en\nlocales: [en]\nchecks:\n  readabilty: false\n")
    code, text = run(root, "build", "--no-check", "--format", "pptx")
    assert code == 1
    assert f"{root / 'handouts.yml'}:4:" in text and "unknown check 'readabilty'" in text
    assert not (root / "output").exists()


def test_key_given_twice_is_an_error_not_a_silent_drop(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = doc_path(root)
    lines = path.read_text().splitlines()
    body = next(i for i, line in enumerate(lines) if line.strip() == "body:")
    indent = lines[body][: len(lines[body]) - len(lines[body].lstrip())]
    lines[body:body] = [f"{indent}body:", f"{indent}- text: A paragraph YAML would have dropped without a word."]
    path.write_text("\n".join(lines) + "\n")
    code, text = run(root, "check")
    assert code == 1
    assert f"{path}:{body + 3}:" in text and f"key 'body' appears twice (first on line {body + 1})" in text, text


def test_file_that_is_not_utf8_is_reported_with_its_line(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = doc_path(root)
    lines = path.read_bytes().split(b"\n")
    lines[3] += " caf\xe9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    code, text = run(root, "check")
    assert code == 1 and "Traceback" not in text
    assert f"{path}:4: the file is not UTF-8 text" in text, text


def test_document_folders_given_on_the_command_line(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project()
    code, text = run(root, "check", str(doc_path(root)))  # the document.yml itself names its folder
    assert code == 0, text
    for folder in (root / "content", root):  # a folder of documents, or the project: all of them
        code, text = run(root, "check", str(folder))
        assert code == 0 and "checked 1 document(s)" in text, text
    elsewhere = tmp_path / "elsewhere" / "minimal"
    elsewhere.mkdir(parents=True)
    (elsewhere / "document.yml").write_text(doc_path(root).read_text())
    code, text = run(root, "check", str(root / "content" / "nothere"), str(elsewhere))
    assert code == 1 and "Traceback" not in text
    assert f"{root / 'content' / 'nothere'}: no such document folder" in text
    assert f"{elsewhere}: not inside the project's content folder {root / 'content'}" in text


def test_relative_document_folder_from_inside_a_project_without_config(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    # Without handouts.yml the project is the folder holding content/, not wherever the command runs.
    root = make_project()
    (root / "handouts.yml").unlink()
    monkeypatch.chdir(root / "content" / "minimal")
    code = main(["build", ".", "--format", "pptx", "--no-check"])
    assert code == 0
    assert (root / "output" / "minimal" / "en" / "minimal.en.pptx").is_file()
    assert not (root / "content" / "minimal" / "output").exists()


def test_brand_contact_is_checked_like_a_document_contact(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "handouts.yml").write_text("source_locale: en\nlocales: [en]\nbrand:\n  contact:\n    phone: '0100 111111'\n    emial: desk@example.org\n")
    code, text = run(root, "check")
    assert code == 1
    config = root / "handouts.yml"
    assert f"{config}:6: unknown key 'emial'" in text and f"{config}:4: required field 'name' is missing" in text, text


def test_common_value_mistakes_say_how_to_write_the_value(make_project: Callable[..., Path]) -> None:
    def edit(d: dict) -> None:
        d["meta"]["version"] = 2.1  # unquoted: YAML reads a number
        d["meta"]["published"] = "1st March 2026"
        d["sections"][0]["id"] = "How To"
        d["meta"]["url"] = "leaflets.example.org/minimal"

    root = make_project(edit=edit)
    (root / "handouts.yml").write_text("source_locale: en\nlocales: [en]\nbrand:\n  primary: blue\n")
    code, text = run(root, "check")
    assert code == 1
    assert f"{root / 'handouts.yml'}:4: 'blue' is not a colour: write it as #RRGGBB" in text, text
    (root / "handouts.yml").write_text("source_locale: en\nlocales: [en]\n")
    code, text = run(root, "check")
    assert code == 1
    assert 'write it in quotes so that YAML keeps it as text, e.g. version: "2.1"' in text, text
    assert "write the date as YYYY-MM-DD" in text
    assert "'How To' is not an id: use lowercase letters, digits and hyphens" in text
    assert "'leaflets.example.org/minimal' is not a secure web address: write it in full with https://, e.g. https://" in text


def test_catalog_for_a_document_that_does_not_exist(make_project: Callable[..., Path]) -> None:
    root = make_project()
    stray = root / "content" / "minimall" / "locales"
    stray.mkdir(parents=True)
    (stray / "es.po").write_text('msgid ""\nmsgstr ""\n')
    for command in ("check", "build"):
        code, text = run(root, command)
        assert code == 1
        assert "minimall" in text and "belong to no document" in text
    assert not (root / "output").exists()


def test_only_the_reserved_pseudo_locales_bypass_the_config(make_project: Callable[..., Path]) -> None:
    root = make_project()
    assert run(root, "check", "--locale", "x-pseudo")[0] == 0
    code, text = run(root, "check", "--locale", "x-klingon")
    assert code == 1 and "x-klingon" in text and "handouts.yml" in text
