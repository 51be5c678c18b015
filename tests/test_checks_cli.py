"""`handouts check` and `handouts build` as a user runs them: text and JSON output, exit codes, build stops on errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

FINDING_KEYS = ["rule", "severity", "message", "document", "path", "line", "locale", "segment", "data"]


def handouts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run([sys.executable, "-m", "handouts", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def spam(doc: dict) -> None:
    doc["sections"][0]["body"].append({"text": "Buy Testamol online makes the pain go away."})


def long_sentence(doc: dict) -> None:
    doc["sections"][0]["body"].append({"text": "You should " + "really " * 20 + "take this medicine with water."})


def test_clean_project_exit_0(checks_copy: Callable[..., Path]) -> None:
    result = handouts("check", "--today", "2026-06-01", cwd=checks_copy())
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "Traceback" not in result.stderr


def test_error_exit_1_and_printed_with_location(checks_copy: Callable[..., Path]) -> None:
    result = handouts("check", "--today", "2026-06-01", cwd=checks_copy(spam))
    assert result.returncode == 1
    line = next(ln for ln in result.stderr.splitlines() if "[promotion]" in ln)
    assert line.startswith("content/testamol/document.yml:") and " error [promotion] " in line and "(locale en, segment what-it-is.body.1.text)" in line


def test_warnings_pass_unless_strict(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy(long_sentence)
    plain = handouts("check", "--today", "2026-06-01", cwd=root)
    assert plain.returncode == 0 and "warning [readability.sentence-length]" in plain.stderr
    strict = handouts("check", "--strict", "--today", "2026-06-01", cwd=root)
    assert strict.returncode == 1


def test_out_of_review_via_cli_clock(checks_copy: Callable[..., Path]) -> None:
    result = handouts("check", "--today", "2028-02-01", cwd=checks_copy())
    assert result.returncode == 1 and "out of review: do not print" in result.stderr


def test_json_is_stable_and_documented_shape(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy(spam)
    first = handouts("check", "--json", "--today", "2026-06-01", cwd=root)
    second = handouts("check", "--json", "--today", "2026-06-01", cwd=root)
    assert first.returncode == 1 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert list(data) == ["findings"]
    assert data["findings"] and all(list(f) == FINDING_KEYS for f in data["findings"])
    promo = next(f for f in data["findings"] if f["rule"] == "promotion")
    assert promo["severity"] == "error" and promo["path"] == "content/testamol/document.yml" and isinstance(promo["line"], int)
    assert promo["locale"] == "en" and promo["segment"] == "what-it-is.body.1.text" and promo["document"] == "testamol"
    order = [(f["document"] or "", f["path"] or "", f["line"] or 0) for f in data["findings"]]
    assert order == sorted(order)


def test_bad_setting_exit_1_with_config_line(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy()
    (root / "handouts.yml").write_text((root / "handouts.yml").read_text(encoding="utf-8") + "checks:\n  readability.grde: {max: 6}\n", encoding="utf-8")
    result = handouts("check", cwd=root)
    assert result.returncode == 1 and "handouts.yml:11:" in result.stderr and "unknown check 'readability.grde'" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_stops_on_check_errors_and_writes_nothing(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy(spam)
    result = handouts("build", "--locale", "en", "--format", "pdf", "--today", "2026-06-01", cwd=root)
    assert result.returncode == 1
    assert "[promotion]" in result.stderr and "content/testamol/document.yml:" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (root / "output").exists()


def test_no_check_builds_and_manifest_says_skipped(checks_copy: Callable[..., Path]) -> None:
    root = checks_copy(spam)
    result = handouts("build", "--no-check", "--locale", "en", "--format", "pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["artifacts"] and {a["checks"] for a in manifest["artifacts"]} == {"skipped"}
