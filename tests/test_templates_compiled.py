"""The wheel's compiled templates: current, used only while they match, and the same output as compiling."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import pytest

from conftest import REPO
from handouts.build import BuildOptions, build
from handouts.render import templating
from handouts.render.leaflet import html as leaflet
from handouts.render.web import page as web
from handouts.theme import BUILTIN

# -- every template the leaflet and the web edition fill, by hand from templates/leaflet and templates/web --
PACKAGED = ["leaflet/leaflet.html", "leaflet/_block.html", "leaflet/_continued.html", "leaflet/_end.html", "leaflet/_masthead.html",
            "leaflet/_page.html", "leaflet/_section.html", "web/page.html", "web/library.html", "web/_block.html", "web/_end.html",
            "web/_footer.html", "web/_header.html", "web/_section.html", "web/_title.html", "web/_theme.css", "web/web.css"]


def _fresh_envs() -> None:
    leaflet.environment.cache_clear()
    web.environment.cache_clear()


def _env(sub: str) -> jinja2.Environment:
    """A new environment over the packaged templates of `sub`, as a fresh process makes it."""
    _fresh_envs()
    return leaflet.environment((BUILTIN / "leaflet",)) if sub == "leaflet" else web.environment((BUILTIN / "web",))


@pytest.mark.parametrize("path", PACKAGED)
def test_every_packaged_template_has_a_current_compiled_entry(path: str) -> None:
    """Fails after a packaged template is edited until `python scripts/compile_templates.py` is run (else every command compiles it again)."""
    sub, name = path.split("/", 1)
    env = _env(sub)
    source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    entry = templating.packaged_entry(env, filename)
    assert entry is not None and entry.is_file(), f"{path}: no compiled entry; run scripts/compile_templates.py"
    bucket = env.bytecode_cache.get_bucket(env, name, filename, source)  # type: ignore[union-attr]
    assert bucket.code is not None, f"{path}: its compiled entry is stale; run scripts/compile_templates.py"
    assert bucket.code.co_filename == filename  # -- errors name the installed file, not the machine that compiled it --


def test_a_template_that_is_not_packaged_has_no_entry(tmp_path: Path) -> None:
    own = tmp_path / "leaflet"
    own.mkdir()
    (own / "leaflet.html").write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    _fresh_envs()
    env = leaflet.environment((own, BUILTIN / "leaflet"))
    assert templating.packaged_entry(env, str(own / "leaflet.html")) is None
    assert env.get_template("leaflet.html").render() == "<p>2</p>"  # -- the clinic's file, not the packaged one --


def test_a_stale_entry_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry compiled from other source (here: the packaged _end.html's entry under the masthead's name) is compiled afresh."""
    env = _env("leaflet")
    _, masthead, _ = env.loader.get_source(env, "_masthead.html")  # type: ignore[union-attr]
    _, end, _ = env.loader.get_source(env, "_end.html")  # type: ignore[union-attr]
    folder = tmp_path / "compiled"
    folder.mkdir()
    (folder / templating.packaged_entry(env, masthead).name).write_bytes(templating.packaged_entry(env, end).read_bytes())  # type: ignore[union-attr]
    monkeypatch.setattr(templating, "PACKAGED", folder)
    env = _env("leaflet")
    source, filename, _ = env.loader.get_source(env, "_masthead.html")  # type: ignore[union-attr]
    assert env.bytecode_cache.get_bucket(env, "_masthead.html", filename, source).code is None  # type: ignore[union-attr]


def test_another_python_version_entry_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = _env("leaflet")
    source, filename, _ = env.loader.get_source(env, "_end.html")  # type: ignore[union-attr]
    entry = templating.packaged_entry(env, filename)
    data = bytearray(entry.read_bytes())  # type: ignore[union-attr]
    data[len(jinja2.bccache.bc_magic) - 1] ^= 0xFF  # -- the magic's last byte carries the Python minor version --
    folder = tmp_path / "compiled"
    folder.mkdir()
    (folder / entry.name).write_bytes(bytes(data))  # type: ignore[union-attr]
    monkeypatch.setattr(templating, "PACKAGED", folder)
    env = _env("leaflet")
    assert env.bytecode_cache.get_bucket(env, "_end.html", filename, source).code is None  # type: ignore[union-attr]


def test_output_is_the_same_bytes_compiled_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's English leaflet and web page, built with the wheel's compiled templates and with none: identical files."""
    sums, compiles = [], []
    compile_ = jinja2.Environment.compile

    def counted(self: jinja2.Environment, *args: object, **kwargs: object) -> object:
        compiles[-1] += 1
        return compile_(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    for folder in (templating.PACKAGED, tmp_path / "none"):
        monkeypatch.setattr(templating, "PACKAGED", folder)
        _fresh_envs()
        out = tmp_path / f"out-{len(sums)}"
        compiles.append(0)
        build(REPO, BuildOptions(out=out, locales=["en-GB"], formats=["pdf", "html"], check=False, use_cache=False))
        files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".html"))
        assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".html" for p in files)
        sums.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files})
    _fresh_envs()
    assert compiles[0] == 0 and compiles[1] >= 10  # -- the first build compiled nothing, the second every template it filled --
    assert sums[0] == sums[1]


def test_a_failing_packaged_template_names_the_installed_file(tmp_path: Path) -> None:
    """A runtime error inside a compiled packaged template points at that template's path and line on this machine."""
    env = _env("leaflet")
    template = env.get_template("_end.html")
    assert template.filename == str((BUILTIN / "leaflet" / "_end.html"))
    with pytest.raises(Exception) as caught:
        template.render()  # -- StrictUndefined: the first value it needs is missing --
    frames = [f for f in __import__("traceback").extract_tb(caught.value.__traceback__) if f.filename.endswith(".html")]
    assert frames and frames[-1].filename == str(BUILTIN / "leaflet" / "_end.html") and frames[-1].lineno >= 1
