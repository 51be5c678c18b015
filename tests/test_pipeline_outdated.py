"""A locale not rebuilt after its document's source changed is never listed as current; a one-locale rebuild keeps the web links."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import copy_project

from handouts.build import BuildOptions, build

TODAY = __import__("datetime").date(2026, 6, 1)


def entries(out: Path) -> dict[str, dict]:
    return {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}


def library_row(out: Path, locale_dir: str) -> str:
    """The library page's table row of the locale whose page is at i18n-mini/<locale_dir>/."""
    html = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    return next(r for r in rows if f"i18n-mini/{locale_dir}/" in r or (f'lang="{locale_dir}"' in r and "<th scope=\"row\">" in r))


def run(root: Path, out: Path, warnings: list[str], **options: object) -> None:
    build(root, BuildOptions(out=out, check=False, today=TODAY, use_cache=False, warn=warnings.append, **options))  # type: ignore[arg-type]


def test_a_translation_left_from_an_earlier_source_is_flagged_outdated_unlinked_and_said_until_the_source_matches_again(tmp_path: Path) -> None:
    root = copy_project("i18n-mini", tmp_path)
    out = tmp_path / "out"
    warnings: list[str] = []
    run(root, out, warnings, formats=["pdf", "html"])
    es = "i18n-mini/es/i18n-mini.es.pdf"
    assert entries(out)[es]["translation"] == "current" and not entries(out)[es]["outdated"]
    assert 'href="i18n-mini/es/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    document = root / "content" / "i18n-mini" / "document.yml"
    original = document.read_text(encoding="utf-8")
    document.write_text(original.replace("Alpha paragraph with", "Alpha paragraph, changed, with"), encoding="utf-8")

    run(root, out, warnings, formats=["pdf", "html"], locales=["en"])  # -- the usual fix of the English text alone --
    now = entries(out)
    assert {p for p, e in now.items() if e.get("outdated")} == {es, "i18n-mini/es/index.html"} | {p for p in now if p.startswith("i18n-mini/es/assets/")}
    assert not now["i18n-mini/en/i18n-mini.en.pdf"]["outdated"]
    row = library_row(out, "es")
    assert "Out of date" in row and "href=" not in row and "Current" not in row  # -- listed, never linked or called current --
    assert 'hreflang="es"' not in (out / "i18n-mini/en/index.html").read_text(encoding="utf-8")  # -- the English page does not offer it --
    assert [w for w in warnings if "[es]" in w and "outdated" in w and "--locale es" in w]

    document.write_text(original, encoding="utf-8")  # -- the source the Spanish files were made from, again --
    warnings.clear()
    run(root, out, warnings, formats=["pdf", "html"], locales=["en"])
    assert not entries(out)[es]["outdated"]
    assert 'href="i18n-mini/es/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' in (out / "i18n-mini/en/index.html").read_text(encoding="utf-8")
    assert not [w for w in warnings if "outdated" in w]


def test_a_change_to_a_catalog_alone_leaves_the_other_locales_current(tmp_path: Path) -> None:
    root = copy_project("i18n-mini", tmp_path)
    out = tmp_path / "out"
    warnings: list[str] = []
    run(root, out, warnings, formats=["pdf"])
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n# a translator's note\n", encoding="utf-8")
    run(root, out, warnings, formats=["pdf"], locales=["en"])
    assert not any(e.get("outdated") for e in entries(out).values()) and not warnings


def test_rebuilding_one_locale_keeps_its_language_links_and_the_downloads_the_folder_holds(tmp_path: Path) -> None:
    root = copy_project("i18n-mini", tmp_path)
    out = tmp_path / "out"
    warnings: list[str] = []
    run(root, out, warnings, formats=["pdf", "pptx", "html"], large_print=True)
    page = out / "i18n-mini/en/index.html"
    whole = page.read_bytes()
    assert b'hreflang="es"' in whole and b'href="i18n-mini.en.large-print.pdf"' in whole
    run(root, out, warnings, formats=["html"], locales=["en"])  # -- only the English web page --
    assert page.read_bytes() == whole
