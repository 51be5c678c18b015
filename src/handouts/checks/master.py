"""The project's slide master + brand colours -> accessibility.slide-contrast findings: text and link colours the deck must replace.

The deck (render/deck/contrast.py) draws a text whose colour fails WCAG on the master's real
background (its fill, its shapes, its background picture) in the theme's contrasting text colour,
and a failing hyperlink colour in that colour too. This check reports the same cases before any
deck is built, with the colours, the ratio, the layout and what to change, using the deck's own
measure (the same master, with the brand colours written into its theme as the deck writes them).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Config
from ..errors import HandoutsError
from .findings import Finding, relative
from .settings import Settings

RULE = "accessibility.slide-contrast"


def check(config: Config, settings: Settings) -> Iterator[Finding]:
    """One finding per text placeholder (and the links) of the layouts the deck uses whose colour fails on its background."""
    if not settings.on(RULE) or "pptx" not in config.formats:
        return
    from ..render.deck.contrast import contrast, hex_of, layout_failures
    from ..render.deck.layouts import ROLES, Layouts
    from ..render.deck.master import BRAND_SLOTS, apply_brand, find_master, load_master
    from ..render.deck.styles import TITLE_TYPES, _ph_type, text_style
    from ..theme import Theme

    try:
        path = find_master(Theme(config).search_path)
        prs = load_master(path)
        apply_brand(prs, config.brand)
        layouts = Layouts(prs, config, path)
    except HandoutsError:
        return  # -- an unreadable master or a wrong slides.layouts is the build's error, with its own message --
    parts = []
    for role in ROLES:
        try:
            parts.append(layouts.part(role))
        except HandoutsError:
            continue

    def large(ph) -> bool:  # type: ignore[no-untyped-def]
        """WCAG's large text (18 pt, 14 pt bold) at the smallest size the deck draws this placeholder's text."""
        style = text_style(prs, ph)
        floor = config.slides.title_min_pt if _ph_type(ph._element) in TITLE_TYPES else config.slides.body_min_pt
        return floor >= 18 or (style.bold and floor >= 14)

    where = relative(path, config.root)
    explicit = sorted(config.brand.model_fields_set & set(BRAND_SLOTS))
    for f in layout_failures(prs, parts, large):
        fore, back, better = hex_of(f.fore), hex_of(f.back), hex_of(f.better)
        brand = [name for name in explicit if getattr(config.brand, name).upper() == fore]
        if f.what == "links":
            what = f"the theme's hyperlink colour {fore} (phone, e-mail and web address on the closing slide)"
            fix = "change the master's hyperlink theme colour (Design > Variants > Colors > Customize Colors in PowerPoint)"
        elif brand:
            what = f"text '{f.what}' is {fore} ({', '.join(f'brand.{b}' for b in brand)}, written into the master's theme)"
            fix = (f"choose a {' or '.join(f'brand.{b}' for b in brand)} with at least {f.need:g}:1 on {back}, or leave it unset "
                   "to keep the master's own colour")
        else:
            what = f"text '{f.what}' is {fore} (the master's colour)"
            fix = "change the placeholder's text colour in the Slide Master view"
        yield Finding(RULE, settings.severity(RULE),
                      f"layout '{f.layout}': {what} on {back} has contrast {f.ratio:.1f}:1, below the WCAG minimum {f.need:g}:1 for "
                      f"{'large' if f.need < 4.5 else 'normal'} text; the deck draws it in {better} instead ({contrast(f.better, f.back):.1f}:1): "
                      f"{fix}", where, None, None, f"{f.layout}/{f.what}", None)
