"""Templates shared by the renderers: a search path of folders -> a sandboxed Jinja2 environment -> filled text, errors at path:line.

Compiling the packaged templates costs a fresh process about 0.1 s, so the wheel carries them
compiled (``render/compiled/``, made by ``scripts/compile_templates.py``) and the build cache keeps
those of a clinic's own templates. Both go through Jinja2's own bytecode cache, which uses an entry
only while its template's source checksum, the Python version and (in the entry's name) the
environment's syntax options match; anything else is compiled as usual.

Also the locale-aware text helpers both the leaflet and the web edition apply to filled text
(long dates, left-to-right runs inside right-to-left text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import traceback
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import Problem, TemplateError
from ..i18n import babel_locale
from ..theme import BUILTIN

PACKAGED = Path(__file__).resolve().parent / "compiled"  # -- handouts' own templates, compiled (read only) --

_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,/%+\-]*[A-Za-z0-9%]")


def sandboxed(folders: tuple[Path, ...], filters: Mapping[str, Callable[..., Any]], globals: Mapping[str, Any] | None = None,
              compiled: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment over an ordered template search path (user folder first): autoescaped, strict, with gettext; compiled templates kept in `compiled`."""
    # -- sandboxed: a template reaches the data it is given, never Python internals (os, files) --
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=Compiled(compiled),
    )
    env.filters.update(filters)
    env.globals.update(globals or {})
    return env


class Compiled(jinja2.BytecodeCache):
    """Compiled templates: the build cache's folder (read and written; None: none), then handouts' own compiled with the wheel (read only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.folder is not None:
            self.folder.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.folder is not None:
            try:
                self.folder.dump_bytecode(bucket)
            except OSError:  # -- a cache folder that cannot be written is no error --
                pass

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> jinja2.bccache.Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is None and filename is not None and (packaged := packaged_entry(environment, filename)) is not None and packaged.is_file():
            with packaged.open("rb") as f:
                bucket.load_bytecode(f)  # -- resets itself unless magic (Python version) and source checksum match --
        if bucket.code is not None and filename is not None:
            # -- compiled elsewhere: errors and tracebacks name this file, as a fresh compile would --
            bucket.code = _refile(bucket.code, filename)
        return bucket


def packaged_entry(environment: jinja2.Environment, filename: str) -> Path | None:
    """Where handouts' own compiled copy of a packaged template would be for this environment's syntax options; None for a template that is not packaged."""
    path = Path(filename).resolve()
    if not path.is_relative_to(BUILTIN):
        return None
    options = (jinja2.__version__, type(environment).__name__, environment.block_start_string, environment.block_end_string,
               environment.variable_start_string, environment.variable_end_string, environment.comment_start_string,
               environment.comment_end_string, environment.line_statement_prefix, environment.line_comment_prefix,
               environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
               environment.optimized, environment.is_async, environment.finalize is None, repr(environment.autoescape),
               sorted(environment.extensions))
    key = hashlib.sha256(repr((path.relative_to(BUILTIN).as_posix(), options)).encode()).hexdigest()[:32]
    return PACKAGED / f"{key}.cache"


def _refile(code: types.CodeType, filename: str) -> types.CodeType:
    """The code object (and those nested in it) as if compiled from `filename`."""
    consts = tuple(_refile(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def fill(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """The named template filled with context; a template mistake -> TemplateError at the template's file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(f"template syntax error: {exc.message}", path=exc.filename or exc.name, line=exc.lineno)) from None
    except jinja2.TemplateError as exc:
        path, line = _template_frame(exc)
        raise TemplateError(_runtime_problem(exc, path, line)) from None


def _runtime_problem(exc: jinja2.TemplateError, path: str | None, line: int | None) -> Problem:
    """A template that failed while filling: the user's own template is theirs to fix; a packaged one failing is a handouts bug."""
    if path and Path(path).resolve().is_relative_to(BUILTIN):
        shown = f"(built-in templates)/{Path(path).resolve().relative_to(BUILTIN).as_posix()}"
        return Problem(f"handouts' own template {shown}, line {line}, failed on this document ({exc}): this is a bug in handouts, "
                       "not in your files; please report it with this message (a templates_dir copy of the template can work around it meanwhile)")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(f"the template includes or extends '{exc.name}', which is not a template in the project's templates folder "
                       "or handouts' own: name a template by its path inside a templates folder (e.g. 'leaflet/_block.html'); "
                       "templates never read files elsewhere", path=path, line=line)
    return Problem(f"template error: {exc}: fix the template or pass the value it expects", path=path, line=line)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    # Jinja2 rewrites tracebacks so that template frames carry the template file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".j2", ".css")):
            return frame.filename, frame.lineno
    return None, None


def css_string(value: object) -> Markup:
    """A value as a quoted CSS string; safe inside <style>."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return Markup(f'"{text}"')


def format_date(day: dt.date, locale: str) -> str:
    """A date in the locale's long style (Babel)."""
    from babel.dates import format_date as babel_format

    return babel_format(day, format="long", locale=babel_locale(locale))


def isolate_latin(html: str, rtl: bool) -> Markup:
    """In right-to-left text, keep mixed Latin/number runs ("40 mg", "Accutane 20") in left-to-right order."""
    if not rtl:
        return Markup(html)
    parts = _TAG_OR_ENTITY.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _LATIN_RUN.sub(_wrap_run, parts[i])
    return Markup("".join(parts))


def isolate_plain(text: str, rtl: bool) -> str:
    """The same for plain strings that cannot hold <bdi> (Unicode isolates LRI ... PDI do the same)."""
    if not rtl:
        return text
    return _LATIN_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069" if _mixed(m.group(0)) else m.group(0), text)


def _wrap_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return f'<bdi dir="ltr">{run}</bdi>' if _mixed(run) else run


def _mixed(run: str) -> bool:
    return bool(re.search(r"[A-Za-z]", run) and re.search(r"[0-9]", run) and " " in run)


def text_filters(finish: Callable[[jinja2.runtime.Context, str], Markup]) -> dict[str, Callable[..., Markup]]:
    """The md, inline and bidi filters of a renderer: Markdown, inline Markdown or plain text, then the renderer's own finishing."""
    from markupsafe import escape

    from .. import markdown

    @jinja2.pass_context
    def md(ctx: jinja2.runtime.Context, text: str) -> Markup:
        return finish(ctx, markdown.to_html(text))

    @jinja2.pass_context
    def inline(ctx: jinja2.runtime.Context, text: str) -> Markup:
        return finish(ctx, markdown.to_inline_html(text))

    @jinja2.pass_context
    def bidi(ctx: jinja2.runtime.Context, text: str) -> Markup:
        return finish(ctx, str(escape(text)))

    return {"md": md, "inline": inline, "bidi": bidi}
