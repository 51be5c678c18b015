"""Hostile input from the hardening issue: each case a located message, exit 1, no traceback, quickly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi")
)


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process (a hang or a traceback shows as it would to a user)."""
    return subprocess.run([sys.executable, "-m", "handouts", *args, "--project", str(root)],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def doc(root: Path) -> Path:
    return root / "content" / "minimal" / "document.yml"


@pytest.mark.parametrize("where", ["document", "config"])
def test_yaml_alias_bomb_is_refused_at_its_line_without_expanding(make_project: Callable[..., Path], where: str) -> None:
    root = make_project()
    target = doc(root) if where == "document" else root / "handouts.yml"
    target.write_text(target.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    bomb_line = len(target.read_text(encoding="utf-8").splitlines()) - 8  # the first anchor, "a: &a [...]"
    started = time.monotonic()
    result = cli(root, "check")
    assert time.monotonic() - started < 20
    assert result.returncode == 1, result.stderr
    assert f"{target}:{bomb_line}:4: YAML anchors and aliases are not allowed" in result.stderr
    assert "Traceback" not in result.stderr


def test_yaml_merge_key_is_refused(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = doc(root)
    path.write_text(path.read_text(encoding="utf-8").replace("  subtitle: For tests\n", "  <<: {subtitle: For tests}\n"), encoding="utf-8")
    result = cli(root, "check")
    assert result.returncode == 1
    assert f"{path}:5:3: YAML merge keys (<<:) are not allowed" in result.stderr
    assert "Traceback" not in result.stderr


def test_control_character_in_yaml_has_line_and_column(make_project: Callable[..., Path]) -> None:
    root = make_project()
    path = doc(root)
    path.write_text(path.read_text(encoding="utf-8").replace("title: A minimal", "title: A mini\x07mal"), encoding="utf-8")
    result = cli(root, "check")
    assert result.returncode == 1
    # line 4 is "  title: A mini\amal": the bell is the 16th character of the line
    assert f"{path}:4:16: the file contains a control character (U+0007)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("href", "says"), [
    ("javascript:alert(1)", "is not a web (https://), mailto: or tel: address; links to files, scripts or data are not allowed"),
    ("JavaScript:alert(1)", "is not a web (https://), mailto: or tel: address; links to files, scripts or data are not allowed"),
    ("data:text/html;base64,PHNjcmlwdD4=", "is not a web (https://), mailto: or tel: address; links to files, scripts or data are not allowed"),
    ("vbscript:msgbox", "is not a web (https://), mailto: or tel: address; links to files, scripts or data are not allowed"),
    ("http://leaflets.example.org/x", "is not secure (http://): write https://"),
    ("tel:javascript:alert(1)", "is not a phone number"),
    ("mailto:nobody", "is not an e-mail address"),
])
def test_link_schemes_other_than_https_mailto_tel_are_errors(make_project: Callable[..., Path], href: str, says: str) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"text": f"Read [the notes]({href}) now."}))
    result = cli(root, "check")
    assert result.returncode == 1, result.stderr
    line = next(i for i, text in enumerate(doc(root).read_text(encoding="utf-8").splitlines(), 1) if "the notes" in text)
    assert f"{doc(root)}:{line}: link '{href}' {says}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("href", ["https://leaflets.example.org/x", "mailto:clinic@example.org", "tel:+441234567890", "tel:01234-567890"])
def test_allowed_links_pass(make_project: Callable[..., Path], href: str) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"text": f"Read [the notes]({href}) now."}))
    result = cli(root, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("url", "says"), [
    ("https://leaflets.example.org/" + "x" * 3000, "the web address is 3029 characters; a QR code a phone can read from paper holds at most 500"),
    ("https://leaflets.example.org/" + "y" * 100_000, "the web address is 100029 characters"),
    ("http://leaflets.example.org/minimal", "'http://leaflets.example.org/minimal' is not a secure web address: write it in full with https://"),
])
def test_meta_url_too_long_or_insecure_is_refused_quickly(make_project: Callable[..., Path], url: str, says: str) -> None:
    root = make_project(edit=lambda d: d["meta"].update(url=url))
    started = time.monotonic()
    result = cli(root, "build", "--format", "pdf")
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    line = next(i for i, text in enumerate(doc(root).read_text(encoding="utf-8").splitlines(), 1) if text.lstrip().startswith("url:"))
    assert f"{doc(root)}:{line}: {says}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (root / "output").exists()


@pytest.mark.parametrize(("setting", "says"), [
    ("output_dir: /etc", "output_dir '/etc' is outside the project or is the project itself"),
    ("output_dir: ../..", "output_dir '../..' is outside the project or is the project itself"),
    ("output_dir: .", "output_dir '.' is outside the project or is the project itself"),
    ("output_dir: content/minimal", "output_dir 'content/minimal' overlaps content_dir 'content'"),
    ("output_dir: content", "output_dir 'content' overlaps content_dir 'content'"),
    ("locales: [en, es, en]", "'en' is listed twice in locales: remove one"),
    ("formats: [pdf, pdf]", "'pdf' is listed twice in formats: remove one"),
    ("formats: []", "'formats' needs at least one item: add one"),
    ("locales: [en, " + "x" * 256 + "]", "is not a locale code: write a BCP 47 code such as en-GB"),
])
def test_bad_project_settings_are_located_and_nothing_is_written(make_project: Callable[..., Path], setting: str, says: str) -> None:
    root = make_project()
    config = root / "handouts.yml"
    key = setting.split(":")[0]
    kept = [text for text in config.read_text(encoding="utf-8").splitlines() if not text.startswith(f"{key}:")]
    config.write_text("\n".join([*kept, setting]) + "\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = cli(root, "build")
    assert result.returncode == 1
    assert f"{config}:{line}: " in result.stderr and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels, with one tiny data chunk (what an attacker sends)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def _truncated_png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(buf, format="PNG")
    return buf.getvalue()[: len(buf.getvalue()) * 2 // 3]


@pytest.mark.parametrize(("data", "says"), [
    (_png_header(50_000, 50_000), "image 'picture.png' is 50000 x 50000 pixels (2500 Mpx); the limit is 40 Mpx: scale it down"),
    (_png_header(9_500, 9_500), "image 'picture.png' is 9500 x 9500 pixels (90 Mpx); the limit is 40 Mpx"),
    (_truncated_png(), "image 'picture.png' is not a complete picture ("),
])
@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_bomb_and_truncated_images_are_refused_before_rendering(make_project: Callable[..., Path], data: bytes, says: str, fmt: str) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"image": {"src": "picture.png", "alt": "A picture"}}))
    (root / "content" / "minimal" / "picture.png").write_bytes(data)
    line = next(i for i, text in enumerate(doc(root).read_text(encoding="utf-8").splitlines(), 1) if "picture.png" in text)
    result = cli(root, "build", "--format", fmt)
    assert result.returncode == 1
    assert f"{doc(root)}:{line}: {says}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    assert not (root / "output").exists()


def test_a_truncated_logo_is_refused_at_its_config_line(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "logo.png").write_bytes(_truncated_png())
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("brand:\n", "brand:\n  logo: logo.png\n"), encoding="utf-8")
    result = cli(root, "build", "--format", "pptx")
    assert result.returncode == 1
    assert f"{config}:4: image 'logo.png' is not a complete picture (" in result.stderr, result.stderr
    assert not (root / "output").exists()


def test_a_document_linked_from_outside_the_project_is_never_opened(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project()
    # -- a FIFO blocks whoever opens it for reading: if handouts opened the file, the command would hang --
    outside = tmp_path / "outside.yml"
    os.mkfifo(outside)
    doc(root).unlink()
    doc(root).symlink_to(outside)
    result = cli(root, "check")
    assert result.returncode == 1
    assert f"{doc(root)}: document.yml is a link to {outside}, outside the project" in result.stderr, result.stderr


def test_a_document_over_the_size_limit_is_refused_before_parsing(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with doc(root).open("a", encoding="utf-8") as f:
        f.write("# padding\n" * 110_000)  # 1,100,000 bytes of comments on top of the document
    size = doc(root).stat().st_size
    result = cli(root, "check")
    assert result.returncode == 1
    assert f"{doc(root)}: the file is {size:,} bytes, over the limit of 1,000,000: split the document, or raise limits.document_bytes" in result.stderr


@pytest.mark.parametrize(("edit", "says"), [
    (lambda d: d["sections"].extend({"id": f"extra-{i}", "heading": f"Extra {i}", "body": [{"text": "More text."}]} for i in range(99)),
     "101 sections, over the limit of 100: split the document, or raise limits.sections in handouts.yml"),
    (lambda d: d["sections"][0]["body"].append({"text": "Words and more words. " * 300}),
     "this text is 6,600 characters, over the limit of 5,000: split it into paragraphs, or raise limits.segment_characters"),
    (lambda d: d["sections"][0]["body"].append({"text": "Before " + "x" * 1_000 + " after."}),
     "a word of 1,000 characters ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'), over the limit of 200: add spaces, or raise limits.word_characters"),
])
def test_runaway_content_is_refused_at_load_time(make_project: Callable[..., Path], edit: Callable[[dict], None], says: str) -> None:
    root = make_project(edit=edit)
    started = time.monotonic()
    result = cli(root, "build")
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert says in result.stderr and f"{doc(root)}:" in result.stderr, result.stderr
    assert not (root / "output").exists()


def test_limits_can_be_raised_in_the_config(make_project: Callable[..., Path]) -> None:
    root = make_project(edit=lambda d: d["sections"][0]["body"].append({"text": "Before " + "x" * 300 + " after."}))
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  word_characters: 400\n", encoding="utf-8")
    result = cli(root, "check")
    assert "limits.word_characters" not in result.stderr, result.stderr


def test_a_template_that_is_not_utf8_is_located(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "theme" / "leaflet").mkdir(parents=True)
    template = root / "theme" / "leaflet" / "_masthead.html"
    template.write_bytes(b"<header>\n<p>Caf\xe9</p>\n</header>\n")  # Latin-1 from an old editor
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "templates_dir: theme\n", encoding="utf-8")
    for command in (("build", "--format", "pdf"), ("i18n", "extract", "--templates")):
        result = cli(root, *command)
        assert result.returncode == 1, command
        assert f"{template}:2: the template is not UTF-8 text: save it as UTF-8 in your editor" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("old", "new", "says"), [
    ("charset=utf-8", "charset=latin-1", "the catalog declares charset=latin-1: handouts reads catalogs as UTF-8 only"),
    ("Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);", "Plural-Forms: garbage", "the Plural-Forms header 'garbage' is not a gettext plural rule"),
    ("Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);", "Plural-Forms: nplurals=999999999; plural=(n != 1);", "is not a gettext plural rule with 1 to 6 forms"),
])
def test_catalog_headers_that_would_damage_text_are_refused(make_project: Callable[..., Path], old: str, new: str, says: str) -> None:
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")
    line = next(i for i, t in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if new in t)
    result = cli(root, "build", "--locale", "es", "--format", "pdf")
    assert result.returncode == 1
    assert f"content/i18n-mini/locales/es.po:{line}: " in result.stderr and says in result.stderr, result.stderr
    assert not (root / "output").exists()


def test_a_draft_whose_catalog_lost_its_source_version_says_unknown(make_project: Callable[..., Path]) -> None:
    import json

    from fixtures_leaflet import flat, page_texts

    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"X-Source-Version: 2.1\\n"\n', ""), encoding="utf-8")
    assert cli(root, "build", "--locale", "es").returncode == 1  # lost provenance: never printed as current
    result = cli(root, "build", "--locale", "es", "--format", "pdf", "--draft", "--no-check")
    assert result.returncode == 0, result.stderr
    text = flat(" ".join(page_texts(root / "output" / "i18n-mini" / "es" / "i18n-mini.es.pdf")))
    assert "Traducción: versión original desconocida" in text  # the running footer
    assert "Traducción versión original desconocida" in text  # the document-control table: heading, then value
    assert "versión original 2.1" not in text  # 2.1 is the document's version, not what the catalog was made from
    entry = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))["artifacts"][0]
    assert (entry["translation"], entry["source_version"]) == ("draft", "")
