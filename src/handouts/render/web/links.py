"""Links of a web page: its language switcher (locales its document is built in) and its downloads (files built beside it)."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import PSEUDO_LOCALES, babel_locale, is_rtl


@dataclass(frozen=True)
class Language:
    """One entry of the language switcher: the locale, its name in itself, its lang/dir and the relative URL of its page."""

    locale: str
    name: str
    lang: str
    dir: str
    url: str
    current: bool


@dataclass(frozen=True)
class Download:
    """One file to download: format (pdf, pptx), variant (standard, large-print), paper, file name beside the page."""

    format: str
    variant: str
    paper: str
    href: str


def html_lang(locale: str) -> str:
    """The BCP 47 tag for lang attributes (pseudo-locales as a private use of their base language: en-x-pseudo, ar-x-pseudo)."""
    if locale in PSEUDO_LOCALES:
        return f"{PSEUDO_LOCALES[locale]}-x-pseudo"  # -- "x-pseudo" alone has no language a screen reader could pick --
    return locale.replace("_", "-")


def autonym(locale: str) -> str:
    """A locale's name in its own language, capitalised as a menu item ('Español', 'العربية'); pseudo-locales by code."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(babel_locale(locale)).get_display_name() or locale
    except (UnknownLocaleError, ValueError):
        name = locale
    name = name[:1].upper() + name[1:]
    return f"{name} ({locale})" if locale in PSEUDO_LOCALES else name


def languages(current: str, locales: tuple[str, ...]) -> list[Language]:
    """The switcher's entries, in the order the document's locales are built (the page's own locale marked current)."""
    return [Language(loc, autonym(loc), html_lang(loc), "rtl" if is_rtl(loc) else "ltr", f"../{loc}/index.html", loc == current)
            for loc in locales]


def downloads(planned: tuple[tuple[str, str, str, str], ...]) -> list[Download]:
    """The leaflets, deck and handout built beside the page: standard first, then large print, the deck, its handout."""
    order = {("pdf", "standard"): 0, ("pdf", "large-print"): 1, ("pptx", "standard"): 2, ("pdf", "handout"): 3}
    found = [Download(*d) for d in planned]
    return sorted(found, key=lambda d: (order.get((d.format, d.variant), 4), d.paper, d.href))
