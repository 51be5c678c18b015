"""The title slide: title, subtitle, organisation and date in the title part's placeholders, and the logo on a contrasting plate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...colour import contrast
from ...errors import ContentError, Problem, TemplateError
from ...markdown import Run
from .plan import Logical, Para, image_size
from .master import NS
from .styles import EMU_PER_PT

if TYPE_CHECKING:
    from .deck import Box, Deck

IN = 914400
PLATE_PAD = 0.08  # of the logo's height, around it on its plate


def title_slide(deck: Deck, logical: Logical) -> None:
    part = deck.layouts.part("title")
    slide, clones = deck.new_slide(part)
    tstyle = deck.style(part.title)
    floor = deck.limits.title_min_pt
    tsize, extra, text = deck.fitter.title(deck.titles.take(logical.title), tstyle, floor)
    x, y, cx, cy = tstyle.box
    tshape = clones[id(part.title._element)]
    up = min(extra, max(0, y - int(0.2 * IN)))  # grow upwards while there is room, then push the texts below down
    deck.writer.title(tshape, text, tsize, (x, y - up, cx, cy + extra), tstyle.align)
    if y - up + cy + extra > deck.prs.slide_height:
        raise ContentError(Problem("the title is too long for the title slide: shorten meta.title", path=deck.job.folder / "document.yml",
                                   line=deck.job.document.line(("meta", "title")), locale=deck.job.locale))
    subtitle = [Para([Run(logical.subtitle)], bullet=False)] if logical.subtitle else []
    slots = [(ph, clones[id(ph._element)]) for ph in part.bodies[:2]]
    if len(slots) >= 2:
        texts = [subtitle, logical.paras]
    else:
        texts = [subtitle + logical.paras]
    if not slots:  # a title layout without a subtitle placeholder: the lines go below the title, by geometry
        box = (x, y + cy + int(0.2 * IN), cx, int(deck.prs.slide_height) - (y + cy) - int(0.6 * IN))
        style = deck.body_style(part, box)
        slots = [(None, deck.writer.textbox(slide, box, style, "Subtitle"))]
        deck.layouts.info(f"layout '{part.layout.name}' has no subtitle placeholder: subtitle, organisation and date placed below the title")
    shift = extra - up
    planned = []
    for (ph, shape), paras in zip(slots, texts):
        style = deck.style(ph) if ph is not None else deck.body_style(part, (int(shape.left), int(shape.top), int(shape.width), int(shape.height)))
        if not paras:
            deck.writer.remove(shape)
            continue
        paras = deck.fitter.breakable(paras, style, max(style.size, deck.limits.body_min_pt))
        size, need = fit_box(deck, paras, style)
        bx, by, bcx, bcy = style.box
        planned.append((ph, shape, style, paras, size, [bx, by + shift, bcx, bcy + need]))
        shift += need
    lowest = max((box[1] + box[3] for *_, box in planned), default=0)
    lines = deck.fitter.lines_height([Run(text)], tstyle, tsize, tstyle.width_pt, deck.fitter.tw)
    slack = cy + extra - (int(lines * EMU_PER_PT) + tstyle.insets[1] + tstyle.insets[3])
    over = lowest - int(deck.prs.slide_height)
    # -- the texts move up into the height the title does not use (a master's tall title box): to stay clear of a band at the
    #    foot of the layout when they can, else of the slide's edge, before anything is refused --
    for limit in dict.fromkeys((foot(part, [style.box for _, _, style, *_ in planned], deck), int(deck.prs.slide_height))):
        if lowest - limit > 0 and slack >= lowest - limit:
            deck.writer.place(tshape, (x, y - up, cx, cy + extra - (lowest - limit)))
            for *_, box in planned:
                box[1] -= lowest - limit
            over = 0
            break
    if over > 0:
        small = [deck.too_small(part, style, paras, what) for (ph, _, style, paras, _, _), what in zip(planned, ("subtitle", "organisation and date"))
                 if ph is not None]
        if any(small):
            raise TemplateError([e.problems[0] for e in small if e is not None])
        raise ContentError(Problem("the subtitle and organisation are too long for the title slide: shorten them",
                                   path=deck.job.folder / "document.yml", line=deck.job.document.line(("meta", "subtitle")),
                                   locale=deck.job.locale))
    for ph, shape, style, paras, size, box in planned:
        deck.writer.paragraphs(shape.text_frame, paras, size, bullets=style.bullets, align=style.align)
        if ph is None:
            deck.writer.spacing(shape.text_frame, style)
        deck.writer.place(shape, tuple(box))
    used = {id(tshape)} | {id(s) for s, p in zip((s for _, s in slots), texts) if p}
    for shape in list(clones.values()):
        if id(shape) not in used and shape._element.getparent() is not None:
            if part.picture is not None and shape is clones.get(id(part.picture._element)):
                continue
            deck.writer.remove(shape)
    logo_box = (int(part.picture.left), int(part.picture.top), int(part.picture.width), int(part.picture.height)) if part.picture else None
    if part.picture is not None:
        deck.writer.remove(clones[id(part.picture._element)])
    taken = [(int(sh.left), int(sh.top), int(sh.width), int(sh.height)) for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.strip()]
    logo(deck, slide, logo_box, part, taken)
    deck.finish(slide, logical.notes)


def foot(part, boxes: list[Box], deck: Deck) -> int:  # type: ignore[no-untyped-def]
    """How far down the title slide's texts may grow: the slide's foot, or the top of a band of the layout (or master) below them."""
    from .mirror import decorations

    bottom = max((b[1] + b[3] for b in boxes), default=0)
    left, right = min((b[0] for b in boxes), default=0), max((b[0] + b[2] for b in boxes), default=0)
    lay = part.layout
    sources = [lay] + ([] if lay._element.get("showMasterSp") in ("0", "false") else [lay.slide_master])
    tops = [int(deck.prs.slide_height)]
    for source in sources:
        for el in decorations(source):
            xfrm = el.find(".//a:xfrm", NS)
            off, ext = (xfrm.find("a:off", NS), xfrm.find("a:ext", NS)) if xfrm is not None else (None, None)
            if off is None or ext is None:
                continue
            x, y, w = int(off.get("x")), int(off.get("y")), int(ext.get("cx"))
            if y >= bottom and x < right and left < x + w:
                tops.append(y)
    return min(tops)


def fit_box(deck: Deck, paras: list[Para], style) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """The largest size down to the body minimum at which paras fit, and extra height (EMU) needed at that minimum."""
    floor = deck.limits.body_min_pt
    for size in deck.fitter.sizes(max(style.size, floor), floor):
        if deck.fitter.height(paras, style, size) <= style.height_pt:
            return size, 0
    return floor, int((deck.fitter.height(paras, style, floor) - style.height_pt) * EMU_PER_PT) + 1


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def corner(deck: Deck, taken: list[Box]) -> tuple[Box, str]:
    """A logo box in the first slide corner that no text uses (top right, bottom right, top left, bottom left)."""
    w, h = int(deck.prs.slide_width), int(deck.prs.slide_height)
    bw, bh, mx, my = int(0.2 * w), int(0.075 * w), int(0.045 * w), int(0.03 * h)
    corners = {"top right": (w - mx - bw, my), "bottom right": (w - mx - bw, h - my - bh), "top left": (mx, my), "bottom left": (mx, h - my - bh)}
    for name, (x, y) in corners.items():
        if not any(overlaps((x, y, bw, bh), t) for t in taken):
            return (x, y, bw, bh), name
    x, y = corners["bottom right"]
    return (x, y, bw, bh // 2), "bottom right, small"


def logo(deck: Deck, slide, box: Box | None, part, taken: list[Box]) -> None:  # type: ignore[no-untyped-def]
    """The brand logo on a plate whose colour contrasts with it, in the logo placeholder or a free corner."""
    job = deck.job
    path = job.theme.logo()  # inside the project or the template folders only
    if path is None:
        return
    data = path.read_bytes()
    size = image_size(data)
    if size is None:
        raise TemplateError(Problem(f"brand logo '{job.config.brand.logo}' cannot be shown on a slide: convert it to PNG "
                                    "(e.g. rsvg-convert -h 300 logo.svg -o logo.png) and set brand.logo to the PNG",
                                    path=job.config.root / "handouts.yml", key="brand.logo"))
    if box is None:
        box, where = corner(deck, taken)
        deck.layouts.info(f"layout '{part.layout.name}' has no picture placeholder for the logo: placed in the {where} corner")
    x, y, cx, cy = box
    pad = int(cy * PLATE_PAD)
    inner = (x + pad, y + pad, cx - 2 * pad, cy - 2 * pad)
    scale = min(inner[2] / size[0], inner[3] / size[1])
    lw, lh = int(size[0] * scale), int(size[1] * scale)
    lx = x + cx - pad - lw  # -- against the box's outer edge (a right-to-left slide is mirrored as a whole) --
    plate_box = (lx - pad, y, lw + 2 * pad, lh + 2 * pad)
    deck.writer.plate(slide, plate_box, plate_colour(data, job.config.brand.background, job.config.brand.text), "Logo plate")
    name = job.config.brand.organisation or job.document.meta.organisation or ""
    deck.writer.picture(slide, data, (lx, y + pad, lw, lh), f"{name} logo".strip(), "Logo")


def plate_colour(data: bytes, light: str, dark: str) -> str:
    """The brand's light or dark colour, whichever contrasts more with the logo's visible pixels (their mean colour)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        rgba = img.convert("RGBA").resize((64, 64))
    raw = rgba.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 4) if raw[i + 3] > 128]
    if not pixels or len(pixels) == len(raw) // 4:  # an opaque logo brings its own background
        return light
    mean = tuple(sum(p[i] for p in pixels) // len(pixels) for i in range(3))
    rgb = {c: tuple(int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)) for c in (light, dark)}
    return max((light, dark), key=lambda c: contrast(rgb[c], mean))  # type: ignore[arg-type]
