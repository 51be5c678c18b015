"""A locale's script from CLDR's likely subtags (language and region, not the language alone), and the CJK face it gets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import copy_project

from handouts.build import BuildOptions, build
from handouts.config import load_config
from handouts.fonts import locale_script, stack

# -- reference values from CLDR's likelySubtags (zh-TW and zh-HK are written in Traditional characters) --
SCRIPTS = {
    "zh-TW": "Hant", "zh-HK": "Hant", "zh-MO": "Hant", "zh": "Hans", "zh-CN": "Hans", "zh-SG": "Hans",
    "zh-Hant": "Hant", "zh-Hans-HK": "Hans", "zh_TW": "Hant", "yue": "Hant", "yue-CN": "Hans",
    "sr": "Cyrl", "sr-Latn": "Latn", "sr-ME": "Latn", "pa": "Guru", "pa-PK": "Arab", "az-IR": "Arab",
    "ar": "Arab", "ja": "Jpan", "ko": "Kore", "en-GB": "Latn", "es-419": "Latn", "en-u-ca-gregory": "Latn",
}


@pytest.mark.parametrize(("locale", "script"), SCRIPTS.items())
def test_locale_script_uses_likely_subtags(locale: str, script: str) -> None:
    assert locale_script(locale) == script


@pytest.mark.parametrize(("locale", "face"), [("zh-TW", "Noto Sans CJK TC"), ("zh-HK", "Noto Sans CJK TC"), ("zh-Hant", "Noto Sans CJK TC"),
                                              ("zh", "Noto Sans CJK SC"), ("zh-CN", "Noto Sans CJK SC"), ("ja", "Noto Sans CJK JP")])
def test_the_font_stack_starts_with_the_regional_cjk_face(make_project, locale: str, face: str) -> None:  # type: ignore[no-untyped-def]
    assert stack(locale, load_config(make_project()))[0].family == face


def test_a_taiwanese_leaflet_embeds_the_traditional_chinese_face(tmp_path: Path) -> None:
    def source(config: dict) -> None:
        config.update(source_locale="zh-TW", locales=["zh-TW"])

    def traditional(doc: dict) -> None:
        doc["meta"].update(locale="zh-TW", title="簡單的說明書")

    root = copy_project("minimal", tmp_path, config=source, document=traditional)
    report = build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False, warn=lambda _: None))
    fonts = subprocess.run(["pdffonts", str(tmp_path / "out" / report.artifacts[0].path)], check=True, capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-TC" in fonts and "CJK-SC" not in fonts and "CJK-JP" not in fonts
