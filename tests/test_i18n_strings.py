"""Every template word is translatable: each gettext call in the package's code and templates is in messages.pot,
and the es, pl and ar decks show no English template word."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import jinja2.ext
from fixtures_i18n import SAMPLE_DOC, TARGETS
from pptx import Presentation

from handouts.i18n import catalog as cat
from handouts.i18n.strings import KEYWORDS, METHOD_MAP, POT_NAME, _extract, extract_pot

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "handouts"
POT = PACKAGE / "templates" / "locales" / POT_NAME
# -- functions that pass on a msgid they were given (a wrapper) or read from a catalog: their argument is a variable by design --
FORWARDERS = {("render/__init__.py", "gettext"), ("i18n/localized.py", "_printed_texts"), ("i18n/strings.py", "translated_strings")}


class _Calls(ast.NodeVisitor):
    """Gettext-like calls of one module, each with the innermost function it is in."""

    def __init__(self, rel: str) -> None:
        self.rel, self.where = rel, [""]
        self.literals: dict[str, str] = {}
        self.bad: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.where.append(node.name)
        self.generic_visit(node)
        self.where.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if called in KEYWORDS and node.args:
            arg = node.args[-1] if called == "pgettext" else node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                self.literals.setdefault(arg.value, f"{self.rel}:{node.lineno}")
            elif (self.rel, self.where[-1]) not in FORWARDERS:
                self.bad.append(f"{self.rel}:{node.lineno}: {called}({ast.unparse(arg)})")
        self.generic_visit(node)


def python_calls(root: Path) -> tuple[dict[str, str], list[str]]:
    """Literal msgids of every gettext-like call under root (-> file:line), and the calls whose argument is not a literal."""
    literals: dict[str, str] = {}
    bad: list[str] = []
    for path in sorted(root.rglob("*.py")):
        calls = _Calls(path.relative_to(root).as_posix())
        calls.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        literals = {**calls.literals, **literals}
        bad += calls.bad
    return literals, bad


def template_calls(root: Path) -> tuple[dict[str, str], list[str]]:
    """The same for Jinja2 templates, parsed by Jinja2 itself (a non-constant argument comes back as None)."""
    env = jinja2.Environment(extensions=[jinja2.ext.i18n])
    literals: dict[str, str] = {}
    bad: list[str] = []
    for path in sorted([*root.rglob("*.html"), *root.rglob("*.j2")]):
        rel = path.relative_to(root).as_posix()
        for line, func, message in jinja2.ext.extract_from_ast(env.parse(path.read_text(encoding="utf-8")), tuple(KEYWORDS), babel_style=True):
            first = message[0] if isinstance(message, tuple) else message
            if isinstance(first, str):
                literals.setdefault(first, f"{rel}:{line}")
            else:
                bad.append(f"{rel}:{line}: {func}(...) with a computed argument")
    return literals, bad


def test_every_word_the_code_and_templates_use_is_extracted_and_in_messages_pot() -> None:
    code, bad_code = python_calls(PACKAGE)
    html, bad_html = template_calls(PACKAGE / "templates")
    assert bad_code == [] and bad_html == [], "translate a literal string, e.g. job.gettext('Key points'), never a computed one"
    extracted = {m.id for m in extract_pot() if m.id}
    hidden = {k: v for k, v in {**code, **html}.items() if k not in extracted}
    assert hidden == {}, "Babel's extractor cannot see these calls (inside an f-string?): call gettext outside it, or mark the word with N_()"
    listed = {m.id for m in cat.read(POT) if m.id}
    assert extracted == listed, f"run `python scripts/template_catalogs.py`: missing {sorted(extracted - listed)}, stale {sorted(listed - extracted)}"
    assert {"Questions?", "Questions? Contact us", "Key points", "Page %(page)s of %(pages)s"} <= listed


def test_the_scan_catches_a_computed_word_and_one_hidden_in_an_f_string(tmp_path: Path) -> None:
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "bad.py").write_text(
        "def closing(job, n):\n"
        "    a = job.gettext(f'Slide {n}')\n"
        "    b = f\"{job.gettext('Contact')}: \"\n"
        "    return a, b\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>{{ _(label) }}</p><p>{{ _('Seen') }}</p>\n", encoding="utf-8")
    code, bad = python_calls(tmp_path)
    assert bad == ["render/bad.py:2: gettext(f'Slide {n}')"]
    extracted = {m.id for m in _extract(tmp_path, METHOD_MAP)}
    assert "Contact" in code and "Contact" not in extracted  # used, but invisible to Babel: the main test fails on it
    html, bad_html = template_calls(tmp_path)
    assert html == {"Seen": "page.html:1"} and bad_html == ["page.html:1: _(...) with a computed argument"]


def _slide_texts(deck: Path) -> list[tuple[int, str]]:
    """Every text a viewer sees on each slide: text frames, table cells and picture descriptions."""
    out = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append((number, shape.text_frame.text))
            if getattr(shape, "has_table", False) and shape.has_table:
                out += [(number, cell.text) for row in shape.table.rows for cell in row.cells]
            out += [(number, d) for d in shape._element.xpath(".//p:cNvPr/@descr")]
    return out


def _pattern(msgid: str) -> re.Pattern[str]:
    """A msgid as a whole-word pattern, each %(name)s standing for any text."""
    parts = [re.escape(p) for p in re.split(r"%\(\w+\)[sd]", msgid)]
    body = ".+?".join(parts)
    start = r"(?<!\w)" if re.match(r"\w", msgid) else ""
    end = r"(?!\w)" if re.search(r"\w$", msgid) else ""
    return re.compile(start + body + end)


def test_es_pl_ar_decks_show_no_english_template_word(sample_out: Path) -> None:
    words = [m.id for m in cat.read(POT) if m.id]
    for locale in TARGETS:
        translations = cat.read(PACKAGE / "templates" / "locales" / f"{locale}.po", locale)
        english = [w for w in words if (t := translations.get(w)) is not None and t.string and t.string != w]
        assert len(english) >= 30, locale
        texts = _slide_texts(sample_out / SAMPLE_DOC / locale / f"{SAMPLE_DOC}.{locale}.pptx")
        assert any(translations.get("Agenda").string in t for _, t in texts), locale  # the agenda's title, translated
        found = [(n, w) for w in english for n, t in texts if _pattern(w).search(t)]
        assert found == [], locale
