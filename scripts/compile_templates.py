"""Compile handouts' own leaflet and web templates into src/handouts/render/compiled/ (run after editing a packaged template).

A fresh process then loads them instead of compiling (about 0.1 s a leaflet command). An entry
that no longer matches its template's source, or another Python version, is never used: the
template is compiled as before, so a stale folder costs time, never output
(tests/test_templates_compiled.py fails until this script is run again).
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from handouts.render import templating
from handouts.render.leaflet import html as leaflet
from handouts.render.web import page as web
from handouts.theme import BUILTIN


def compile_all(target: Path) -> list[str]:
    """Write every packaged leaflet and web template, compiled, into `target`; the templates' paths under the packaged folder."""
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.cache"):
        old.unlink()
    done = []
    for sub, env in (("leaflet", leaflet.environment((BUILTIN / "leaflet",))), ("web", web.environment((BUILTIN / "web",)))):
        for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".css")) and not (sub == "leaflet" and n == "leaflet.css")):
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            entry = templating.packaged_entry(env, filename)
            assert entry is not None and env.bytecode_cache is not None
            bucket = jinja2.bccache.Bucket(env, entry.stem, env.bytecode_cache.get_source_checksum(source))
            bucket.code = env.compile(source, name, filename)
            with (target / entry.name).open("wb") as f:
                bucket.write_bytecode(f)
            done.append(f"{sub}/{name}")
    return done


def main() -> int:
    target = Path(__file__).resolve().parent.parent / "src" / "handouts" / "render" / "compiled"
    for name in compile_all(target):
        print(f"compiled {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
