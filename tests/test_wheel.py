"""The built wheel, installed in a fresh venv outside the checkout with only its locked runtime dependencies:
it holds the packaged look and data, runs init -> new -> check -> build from an empty folder, and builds
the sample to the same bytes as the editable install."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pptx import Presentation

from conftest import REPO
from handouts import __version__

PACKAGE = REPO / "src" / "handouts"
DATA_FOLDERS = ("templates", "checks/data", "scaffold")


def runtime_names(dist: str = "handouts") -> set[str]:
    """Every distribution dist needs at run time (no extras of its own), following extras it asks of others."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(dist, frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if (canonicalize_name(name), extras) in seen:
            continue
        seen.add((canonicalize_name(name), extras))
        for line in metadata.requires(name) or []:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in {"", *extras}):
                todo.append((req.name, frozenset(req.extras)))
    return {name for name, _ in seen} - {canonicalize_name(dist)}


def runtime_lock(dest: Path) -> Path:
    """requirements.lock cut to the runtime dependencies (pins and hashes as they are): what a user's install gets."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (REPO / "requirements.lock").read_text(encoding="utf-8"))
    names = runtime_names()
    kept = [b for b in blocks if canonicalize_name(re.match(r"[A-Za-z0-9._-]+", b).group()) in names]  # type: ignore[union-attr]
    assert {canonicalize_name(re.match(r"[A-Za-z0-9._-]+", b).group()) for b in kept} == names  # type: ignore[union-attr]
    dest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dest


def clean_env(venv: Path | None = None, warnings_fail: bool = True) -> dict[str, str]:
    """The environment a user's shell has: no PYTHONPATH, no active venv but the one given (handouts' warnings fail)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONWARNINGS")}
    if warnings_fail:
        env["PYTHONWARNINGS"] = "error"
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env or clean_env(warnings_fail=False), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, a fresh venv outside the checkout with the locked runtime dependencies and the wheel installed)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # -- a copy, so that building leaves no build/ or egg-info in the checkout --
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = sh(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--no-build-isolation", "-q", "-w", base / "dist", cwd=base)
    assert built.returncode == 0, built.stderr
    wheel = next((base / "dist").glob("handouts-*.whl"))
    venv = base / "venv"
    steps = [
        [sys.executable, "-m", "venv", venv],
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--require-hashes", "--no-deps", "-r", runtime_lock(base / "runtime.lock")],
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", wheel],
    ]
    for step in steps:
        done = sh(*step, cwd=base)
        assert done.returncode == 0, done.stderr
    return wheel, venv


def test_wheel_holds_templates_fonts_master_catalogs_and_check_data(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    assert wheel.name == f"handouts-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for must in ("templates/fonts/OFL.txt", "templates/fonts/NotoSans-Regular.ttf", "templates/fonts/NotoSansArabic-Regular.ttf",
                 "templates/slides/master.pptx", "templates/leaflet/leaflet.html", "templates/leaflet/leaflet.css",
                 "templates/locales/messages.pot", "templates/locales/es.po", "checks/data/structure.yml", "scaffold/handouts.yml"):
        assert f"handouts/{must}" in names, must
    shipped = [p for folder in DATA_FOLDERS for p in (PACKAGE / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = [p.relative_to(PACKAGE).as_posix() for p in shipped if f"handouts/{p.relative_to(PACKAGE).as_posix()}" not in names]
    assert shipped and missing == []


def test_installed_wheel_inits_news_checks_and_builds_from_an_empty_folder(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    env = clean_env(venv)
    handouts = venv / "bin" / "handouts"
    where = sh(venv / "bin" / "python", "-c", "import handouts; print(handouts.__file__)", cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr  # the wheel's code, not the checkout's
    version = sh(handouts, "--version", cwd=tmp_path, env=env)
    assert version.returncode == 0 and version.stdout.strip() == f"handouts {__version__}"

    assert sh(handouts, "init", "--source-locale", "en-GB", "--organisation", "St Elsewhere", cwd=tmp_path, env=env).returncode == 0
    made = sh(handouts, "new", "paracetamol-500mg", "--kind", "medicine", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    checked = sh(handouts, "check", cwd=tmp_path, env=env)
    errors = [ln for ln in checked.stderr.splitlines() if " error [" in ln]
    assert checked.returncode == 1 and errors and all("[placeholder]" in ln for ln in errors), checked.stderr
    refused = sh(handouts, "build", cwd=tmp_path, env=env)
    assert refused.returncode == 1 and not (tmp_path / "output").exists()

    doc = tmp_path / "content" / "paracetamol-500mg" / "document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")
    assert sh(handouts, "check", cwd=tmp_path, env=env).returncode == 0
    built = sh(handouts, "build", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    out = tmp_path / "output" / "paracetamol-500mg" / "en-GB"
    assert (out / "paracetamol-500mg.en-GB.pdf").read_bytes().startswith(b"%PDF-")
    assert len(Presentation(str(out / "paracetamol-500mg.en-GB.pptx")).slides) > 3
    assert "Traceback" not in built.stderr + checked.stderr + refused.stderr


def test_wheel_and_editable_install_build_the_sample_to_the_same_bytes(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    project = tmp_path / "sample"
    project.mkdir()
    shutil.copy2(REPO / "handouts.yml", project / "handouts.yml")
    shutil.copytree(REPO / "content", project / "content")
    commands = {
        "wheel": ([str(venv / "bin" / "handouts")], clean_env(venv)),
        "editable": ([sys.executable, "-m", "handouts"], clean_env()),
    }
    runs = {name: subprocess.Popen([*cmd, "build", "--out", str(tmp_path / name)], cwd=project, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
            for name, (cmd, env) in commands.items()}
    for name, proc in runs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name}: {err}"
    manifests = {name: json.loads((tmp_path / name / "manifest.json").read_text(encoding="utf-8"))["artifacts"] for name in runs}
    assert manifests["wheel"] == manifests["editable"]
    artifacts = manifests["wheel"]
    import yaml

    locales = yaml.safe_load((project / "handouts.yml").read_text(encoding="utf-8"))["locales"]
    assert {(a["locale"], a["format"]) for a in artifacts} == {(loc, fmt) for loc in locales for fmt in ("pdf", "pptx", "html")}
    for artifact in artifacts:
        assert (tmp_path / "wheel" / artifact["path"]).read_bytes() == (tmp_path / "editable" / artifact["path"]).read_bytes(), artifact["path"]
