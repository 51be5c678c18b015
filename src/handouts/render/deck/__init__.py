"""The deck renderer: RenderJob -> PPTX bytes on the clinic's (or the built-in) slide master.

Stages, one module each: master (open the .pptx, brand colours), layouts (which layout and
placeholders play each part), fonts (theme fonts -> files), measure (HarfBuzz shaping, UAX #14
line breaks), plan (document -> logical slides), fit (logical -> physical slides that fit),
deck, title and special (slides written), write (slide XML), package (document properties,
reproducible zip).
"""

from __future__ import annotations

from ...errors import Problem, TemplateError
from .. import Notice, Rendered, RenderJob


def build(job: RenderJob):  # type: ignore[no-untyped-def]
    """The deck for one job, fitted and written: (Presentation, the Deck that wrote it, notices); the handout draws it too."""
    from .deck import Deck
    from .fonts import DeckFonts, theme_fonts, write_theme_fonts
    from .layouts import Layouts
    from .master import apply_brand, fast_partnames, find_master, load_master, theme_part
    from .package import core_properties, presentation_format
    from .plan import plan

    infos: list[Problem] = []
    path = find_master(job.theme.search_path, infos)
    prs = load_master(path, infos)
    apply_brand(prs, job.config.brand)
    fast_partnames(prs)
    layouts = Layouts(prs, job.config, path)
    theme = theme_part(prs)
    names = theme_fonts(theme.blob)
    subs = {slot: job.config.slides.font_substitutes[name] for slot, name in names.items() if name in job.config.slides.font_substitutes}
    fonts = DeckFonts({**names, **subs}, job.config, job.theme.search_path, path)
    logicals = plan(job)
    changed = {**subs, **fonts.fill_empty(job.locale, deck_text(logicals))}
    missing = fonts.problems(job.locale)
    if missing:
        raise TemplateError(missing)
    infos += fonts.infos
    if changed:
        theme._blob = write_theme_fonts(theme.blob, changed)
    fmt = presentation_format(prs.slide_width, prs.slide_height)
    if fmt != "On-screen Show (16:9)":
        infos.append(Problem(f"the slide master is {fmt.removeprefix('On-screen Show ').strip('()')}, not 16:9: the deck keeps its size; "
                             "use a 16:9 master for today's screens", path=path))
    deck = Deck(job, prs, layouts, fonts)
    deck.uniform_titles(logicals)
    for logical in logicals:
        deck.add(logical)
    from .contrast import check

    check(prs, layouts.info)
    core_properties(prs, job)
    notices = [Notice("info", p) for p in [*infos, layouts.summary(), *layouts.twin_infos(), *layouts.infos]] + [Notice("warning", p) for p in deck.warnings]
    return prs, deck, notices


def deck_text(logicals: list) -> str:  # type: ignore[type-arg]
    """Every character the deck's slides show (titles, subtitles, paragraphs), for the font coverage of the locale's slot."""
    parts = []
    for lg in logicals:
        for one in [lg, *(lg.fallback or [])]:
            parts += [one.title, one.subtitle or "", *(p.text for p in one.paras)]
            if one.table is not None:
                parts += [str(c) for c in one.table.columns] + [str(c) for row in one.table.rows for c in row]
    return "".join(parts)


def render(job: RenderJob) -> Rendered:
    """Build the deck for one job; pages = number of slides; notices = what was placed by geometry and what to improve."""
    from .package import app_properties, saved

    prs, _, notices = build(job)
    titles = [s.shapes.title.text_frame.text.replace("\u200b", "") for s in prs.slides if s.shapes.title is not None]
    app_properties(prs, titles, job.organisation or "")
    return Rendered(saved(prs), pages=len(prs.slides), notices=tuple(notices))


__all__ = ["build", "render"]
