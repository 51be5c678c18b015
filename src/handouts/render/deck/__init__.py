"""The deck renderer: RenderJob -> PPTX bytes on the clinic's (or the built-in) slide master.

Stages, one module each: master (open the .pptx, brand colours), layouts (which layout and
placeholders play each part), fonts (theme fonts -> files), measure (HarfBuzz shaping, UAX #14
line breaks), plan (document -> logical slides), fit (logical -> physical slides that fit),
deck, title and special (slides written), write (slide XML), package (document properties,
reproducible zip).
"""

from __future__ import annotations

from ...errors import Problem
from .. import Notice, Rendered, RenderJob


def build(job: RenderJob):  # type: ignore[no-untyped-def]
    """The deck for one job, fitted and written: (Presentation, the Deck that wrote it, notices); the handout draws it too."""
    from .deck import Deck
    from .fonts import DeckFonts, theme_fonts, write_theme_fonts
    from .layouts import Layouts
    from .master import apply_brand, fast_partnames, load_master, theme_part
    from .package import core_properties, presentation_format
    from .plan import plan

    path = job.theme.find("slides/master.pptx")
    infos: list[Problem] = []
    prs = load_master(path, infos)
    apply_brand(prs, job.config.brand)
    fast_partnames(prs)
    layouts = Layouts(prs, job.config, path)
    theme = theme_part(prs)
    names = theme_fonts(theme.blob)
    subs = {slot: job.config.slides.font_substitutes[name] for slot, name in names.items() if name in job.config.slides.font_substitutes}
    fonts = DeckFonts({**names, **subs}, job.config, job.theme.search_path, path)
    changed = {**subs, **fonts.fill_empty(job.locale)}
    if changed:
        theme._blob = write_theme_fonts(theme.blob, changed)
    fmt = presentation_format(prs.slide_width, prs.slide_height)
    if fmt != "On-screen Show (16:9)":
        infos.append(Problem(f"the slide master is {fmt.removeprefix('On-screen Show ').strip('()')}, not 16:9: the deck keeps its size; "
                             "use a 16:9 master for today's screens", path=path))
    deck = Deck(job, prs, layouts, fonts)
    logicals = plan(job)
    deck.uniform_titles(logicals)
    for logical in logicals:
        deck.add(logical)
    core_properties(prs, job)
    notices = [Notice("info", p) for p in [*infos, layouts.summary(), *layouts.infos]] + [Notice("warning", p) for p in deck.warnings]
    return prs, deck, notices


def render(job: RenderJob) -> Rendered:
    """Build the deck for one job; pages = number of slides; notices = what was placed by geometry and what to improve."""
    from .package import app_properties, saved

    prs, _, notices = build(job)
    titles = [s.shapes.title.text_frame.text.replace("\u200b", "") for s in prs.slides if s.shapes.title is not None]
    app_properties(prs, titles, job.organisation or "")
    return Rendered(saved(prs), pages=len(prs.slides), notices=tuple(notices))


__all__ = ["build", "render"]
