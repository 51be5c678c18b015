"""Links out of the project: every input a build reads is refused at its path, before anything opens the target; links inside work."""

from __future__ import annotations

import builtins
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_leaflet import page_texts

from handouts.cli import main

SECRET = "KESTREL-7741-NOT-FOR-PRINT"


def _outside_catalog(root: Path, away: Path) -> Path:
    """A copy of the project's Spanish catalog outside the project, one translation replaced by the secret."""
    text = (root / "content" / "i18n-mini" / "locales" / "es.po").read_text(encoding="utf-8")
    target = away / "es.po"
    target.write_text(text.replace('msgstr "', f'msgstr "{SECRET} ', 1), encoding="utf-8")
    return target


def _relink(link: Path, target: Path) -> None:
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _set(root: Path, line: str) -> int:
    """Append a setting to handouts.yml; its line number."""
    config = root / "handouts.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def _secret_file(away: Path, name: str) -> Path:
    path = away / name
    path.write_bytes(f"{SECRET}\n".encode() * 4)
    return path


def catalog(root: Path, away: Path) -> tuple[Path, Path, str]:
    link = root / "content" / "i18n-mini" / "locales" / "es.po"
    target = _outside_catalog(root, away)
    _relink(link, target)
    return link, target, f"{link}: es.po is a link to {target}"


def locales_folder(root: Path, away: Path) -> tuple[Path, Path, str]:
    link = root / "content" / "i18n-mini" / "locales"
    folder = away / "locales"
    folder.mkdir()
    target = _outside_catalog(root, folder)
    _relink(link, folder)
    return link, target, f"{link}: locales is a link to {folder}"


def picture(root: Path, away: Path) -> tuple[Path, Path, str]:
    # -- not even named by the document: the build hashes the whole document folder for its cache key --
    link = root / "content" / "i18n-mini" / "photo.png"
    target = _secret_file(away, "photo.png")
    _relink(link, target)
    return link, target, f"{link}: photo.png is a link to {target}"


def template(root: Path, away: Path) -> tuple[Path, Path, str]:
    _set(root, "templates_dir: theme")
    link = root / "theme" / "leaflet" / "leaflet.html"
    target = _secret_file(away, "leaflet.html")
    _relink(link, target)
    return link, target, f"{link}: leaflet.html is a link to {target}"


def templates_folder(root: Path, away: Path) -> tuple[Path, Path, str]:
    line = _set(root, "templates_dir: theme")
    folder = away / "theme"
    (folder / "leaflet").mkdir(parents=True)
    target = _secret_file(folder / "leaflet", "leaflet.html")
    _relink(root / "theme", folder)
    return root / "theme", target, f"{root / 'handouts.yml'}:{line}: theme is a link to {folder}"


def font(root: Path, away: Path) -> tuple[Path, Path, str]:
    line = _set(root, "fonts:\n  Latn: [fonts/Clinic.ttf]")
    link = root / "fonts" / "Clinic.ttf"
    target = _secret_file(away, "Clinic.ttf")
    _relink(link, target)
    return link, target, f"{root / 'handouts.yml'}:{line + 1}: Clinic.ttf is a link to {target}"


def logo(root: Path, away: Path) -> tuple[Path, Path, str]:
    line = _set(root, "  logo: logo.png")  # under brand:, the file's last mapping
    link = root / "logo.png"
    target = _secret_file(away, "logo.png")
    _relink(link, target)
    return link, target, f"{root / 'handouts.yml'}:{line}: logo.png is a link to {target}"


def config_file(root: Path, away: Path) -> tuple[Path, Path, str]:
    link = root / "handouts.yml"
    target = away / "handouts.yml"
    target.write_text(link.read_text(encoding="utf-8") + f"# {SECRET}\n", encoding="utf-8")
    _relink(link, target)
    return link, target, f"{link}: handouts.yml is a link to {target}"


CASES = [catalog, locales_folder, picture, template, templates_folder, font, logo, config_file]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Real paths of every file Python opens (builtins.open, io.open, os.open) until the test ends."""
    seen: set[str] = set()

    def spy(real: Callable[..., object]) -> Callable[..., object]:
        def wrapper(file: object, *args: object, **kwargs: object) -> object:
            if isinstance(file, (str, bytes, os.PathLike)):
                seen.add(os.path.realpath(os.fsdecode(file)))
            return real(file, *args, **kwargs)
        return wrapper

    for owner, name in ((builtins, "open"), (io, "open"), (os, "open")):
        monkeypatch.setattr(owner, name, spy(getattr(owner, name)))
    return seen


@pytest.mark.parametrize("make_link", CASES, ids=[c.__name__ for c in CASES])
@pytest.mark.parametrize("command", [["build"], ["check"], ["i18n", "update", "--locale", "es"]], ids=["build", "check", "update"])
def test_a_link_out_of_the_project_is_refused_unread(make_project: Callable[..., Path], tmp_path: Path, opened: set[str],
                                                     capsys: pytest.CaptureFixture[str], make_link: Callable[..., tuple[Path, Path, str]], command: list[str]) -> None:
    root = make_project("i18n-mini")
    away = tmp_path / "elsewhere"
    away.mkdir()
    link, target, where = make_link(root, away)
    opened.clear()  # the set-up wrote the target; from here on nothing may open it
    code = main([*command, "--project", str(root)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert f"{where}, outside the project: handouts reads only the project's files; copy the file into the project" in err, err
    assert str(target) not in opened  # the refused file was never opened
    assert SECRET not in out + err
    output = root / "output"
    assert not output.exists() or not any(SECRET.encode() in p.read_bytes() for p in output.rglob("*") if p.is_file())


def test_a_catalog_linked_to_a_fifo_outside_never_blocks(make_project: Callable[..., Path], tmp_path: Path) -> None:
    # -- a FIFO blocks whoever opens it for reading, C libraries included: a hang here would mean it was opened --
    root = make_project("i18n-mini")
    fifo = tmp_path / "es.po"
    os.mkfifo(fifo)
    link = root / "content" / "i18n-mini" / "locales" / "es.po"
    _relink(link, fifo)
    result = subprocess.run([sys.executable, "-m", "handouts", "build", "--project", str(root)],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert f"{link}: es.po is a link to {fifo}, outside the project" in result.stderr, result.stderr


def test_links_inside_the_project_keep_working(make_project: Callable[..., Path]) -> None:
    root = make_project("i18n-mini")
    shared = root / "shared"
    shared.mkdir()
    locales = root / "content" / "i18n-mini" / "locales"
    (locales / "es.po").rename(shared / "es.po")
    (locales / "es.po").symlink_to(Path("..", "..", "..", "shared", "es.po"))
    _set(root, "templates_dir: theme")
    (shared / "leaflet.html").write_bytes((Path(__file__).parents[1] / "src" / "handouts" / "templates" / "leaflet" / "leaflet.html").read_bytes())
    (root / "theme" / "leaflet").mkdir(parents=True)
    (root / "theme" / "leaflet" / "leaflet.html").symlink_to(shared / "leaflet.html")
    assert main(["build", "--format", "pdf", "--no-check", "--project", str(root)]) == 0
    assert "Un folleto mínimo" in "".join(page_texts(root / "output" / "i18n-mini" / "es" / "i18n-mini.es.pdf"))
