"""The one Markdown converter: text -> safe HTML (leaflet) or styled runs (slides); raw HTML is escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # html=False: raw HTML in content is shown as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False, "typographer": False})


@lru_cache(maxsize=1)
def _md_any_link() -> MarkdownIt:
    # -- markdown-it silently leaves a javascript:/data:/vbscript: link as raw text; this parser
    #    accepts every target so that such a link is reported instead of printed as Markdown --
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_TEL = re.compile(r"tel:\+?[0-9][0-9 ().-]{2,30}")
_MAILTO = re.compile(r"mailto:[^\s@/]+@[^\s@/]+\.[^\s@/]+")


def link_problem(href: str) -> str | None:
    """Why a link target is not allowed (only https://, mailto: and tel: with a phone number), or None."""
    lowered = href.strip().lower()
    if lowered.startswith("https://") and len(lowered) > len("https://"):
        return None
    if lowered.startswith("mailto:"):
        return None if _MAILTO.fullmatch(href.strip()) else f"link '{href}' is not an e-mail address: write mailto:name@example.org"
    if lowered.startswith("tel:"):
        return None if _TEL.fullmatch(href.strip()) else f"link '{href}' is not a phone number: write tel: and digits, e.g. tel:+441234567890"
    if lowered.startswith("http://"):
        return f"link '{href}' is not secure (http://): write https://"
    return f"link '{href}' is not a web (https://), mailto: or tel: address; links to files, scripts or data are not allowed"


def to_html(text: str) -> str:
    """Block Markdown -> HTML (paragraphs kept)."""
    return _md().render(text)


def to_inline_html(text: str) -> str:
    """Inline Markdown -> HTML without a wrapping <p> (for list items, headings, terms)."""
    return _md().renderInline(text)


@dataclass(frozen=True)
class Run:
    """A piece of text with one style, for slides."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def to_runs(text: str) -> list[list[Run]]:
    """Markdown -> paragraphs of styled runs (links keep their text; soft breaks become spaces)."""
    paragraphs: list[list[Run]] = []
    for token in _md().parse(text):
        if token.type == "inline":
            paragraphs.append(_inline_runs(token.children or []))
    return [p for p in paragraphs if p]


def _inline_runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    href: str | None = None
    for tok in children:
        if tok.type == "strong_open":
            bold = True
        elif tok.type == "strong_close":
            bold = False
        elif tok.type == "em_open":
            italic = True
        elif tok.type == "em_close":
            italic = False
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", "")) or None
        elif tok.type == "link_close":
            href = None
        elif tok.type in ("text", "code_inline", "html_inline"):
            runs.append(Run(tok.content, bold, italic, href))
        elif tok.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic, href))
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(run)
    return merged


def plain(text: str) -> str:
    """Markdown -> plain text (for measuring, checks and notes)."""
    return "\n".join("".join(r.text for r in para) for para in to_runs(text))


def inline_problems(text: str) -> list[str]:
    """What a content text must not contain: images (use an image block), unsafe links."""
    problems = []
    if "![" in text and "](" in text:
        problems.append("Markdown image in text: use an image block with 'src' and 'alt' instead")
        return problems
    for token in _md_any_link().parse(text):
        for child in token.children or []:
            if child.type == "image":
                problems.append("Markdown image in text: use an image block with 'src' and 'alt' instead")
            if child.type == "link_open":
                problem = link_problem(str(child.attrs.get("href", "")))
                if problem:
                    problems.append(problem)
    return problems


def markup_signature(text: str) -> list[str]:
    """The sequence of Markdown markup in a text (to compare a translation's with its source's)."""
    return list(_markup(text)[0])


def link_targets(text: str) -> list[str]:
    """The link addresses of a text, in order."""
    return list(_markup(text)[1])


@lru_cache(maxsize=65536)
def _markup(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # -- one parse per distinct text: every locale compares its translation with the same source, and leaflets of one
    #    library share contact blocks and standard sections --
    sig, links = [], []
    for token in _md().parse(text):
        if token.type != "inline":
            sig.append(token.type)
        for child in token.children or []:
            if child.type not in ("text", "softbreak"):
                sig.append(child.type)
            if child.type == "link_open":
                links.append(str(child.attrs.get("href", "")))
    return tuple(sig), tuple(links)
