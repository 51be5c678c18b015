"""DrawingML fills -> CSS backgrounds for the handout: solid, gradient and picture fills, colours with their modifiers, theme style references.

Colours resolve as LibreOffice Impress resolves them (checked against its rendering of the
same shapes): scheme colours through the master's colour map, then each modifier in document
order; lumMod/lumOff, satMod/satOff and hueMod/hueOff act in HSL on sRGB values; tint, shade
and the red/green/blue modifiers act on linear values (LibreOffice decodes with a power gamma
of 2.3); alpha becomes CSS opacity. Linear gradients keep their angle on the page, path
gradients become radial ones reaching the farthest corner from their focus rectangle (the first
stop at the centre), picture fills are stretched or tiled. What has no CSS equivalent (pattern
fills, rectangular and shape-following path gradients, cropped or recoloured pictures, an
unknown modifier) is drawn simplified and named in the Canvas's `simplified`, which the
handout turns into one info notice.
"""

from __future__ import annotations

import colorsys
import io
from typing import TYPE_CHECKING

from lxml import etree

from ..deck.master import NS

if TYPE_CHECKING:
    from .draw import Canvas

R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
GAMMA = 2.3  # LibreOffice's decoding gamma for tint, shade and the channel modifiers (oox drawingml Color)
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF", "yellow": "FFFF00",
          "gray": "808080", "grey": "808080", "darkGray": "A9A9A9", "lightGray": "D3D3D3", "orange": "FFA500", "navy": "000080"}
CHANNELS = {c + how: (i, how) for i, c in enumerate(("red", "green", "blue")) for how in ("", "Mod", "Off")}
RGBA = tuple[float, float, float, float]
DRAWABLE = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp", "image/bmp"}  # -- what WeasyPrint draws (no EMF/WMF) --


def _hex(value: str) -> tuple[float, float, float]:
    value = (value or "000000").strip().lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def base_colour(el, cv: Canvas, ph: RGBA | None) -> RGBA | None:  # type: ignore[no-untyped-def]
    """The colour a colour element names, before its modifiers (None for a colour this module cannot name)."""
    kind = etree.QName(el).localname
    if kind == "srgbClr":
        return (*_hex(el.get("val")), 1.0)
    if kind == "schemeClr":
        name = el.get("val")
        if name == "phClr":
            return ph
        found = cv.scheme.get(name)
        return (*_hex(found), 1.0) if found else None
    if kind == "sysClr":
        return (*_hex(el.get("lastClr") or ("FFFFFF" if el.get("val") == "window" else "000000")), 1.0)
    if kind == "prstClr":
        found = PRESET.get(el.get("val", ""))
        return (*_hex(found), 1.0) if found else None
    if kind == "scrgbClr":  # -- linear percentages --
        return (*(_encode(int(el.get(c, "0")) / 100000) for c in "rgb"), 1.0)  # type: ignore[return-value]
    if kind == "hslClr":
        r, g, b = colorsys.hls_to_rgb(int(el.get("hue", "0")) / 21600000 % 1, int(el.get("lum", "0")) / 100000, int(el.get("sat", "0")) / 100000)
        return (r, g, b, 1.0)
    return None


def _decode(c: float) -> float:
    return max(c, 0.0) ** GAMMA


def _encode(c: float) -> float:
    return min(max(c, 0.0), 1.0) ** (1 / GAMMA)


def _clamp(v: float) -> float:
    return min(max(v, 0.0), 1.0)


HLS = {"lumMod": (1, "Mod"), "lumOff": (1, "Off"), "lum": (1, ""), "satMod": (2, "Mod"), "satOff": (2, "Off"), "sat": (2, "")}


def _apply(value: float, how: str, v: float) -> float:
    """One modifier's arithmetic: Mod multiplies, Off adds, no suffix sets."""
    return value * v if how == "Mod" else value + v if how == "Off" else v


def modified(rgba: RGBA, mods, cv: Canvas) -> RGBA:  # type: ignore[no-untyped-def]
    """A colour with its modifier elements applied in order."""
    r, g, b, a = rgba
    for mod in mods:
        name, v = etree.QName(mod).localname, int(mod.get("val", "0")) / 100000
        if name in HLS or name in ("hueMod", "hueOff", "hue", "comp"):
            hls = list(colorsys.rgb_to_hls(r, g, b))
            if name in HLS:
                i, how = HLS[name]
                hls[i] = _clamp(_apply(hls[i], how, v))
            elif name == "hueMod":
                hls[0] = (hls[0] * v) % 1
            elif name in ("hueOff", "hue"):
                deg = int(mod.get("val", "0")) / 60000 / 360
                hls[0] = (hls[0] + deg) % 1 if name == "hueOff" else deg % 1
            else:  # comp
                hls[0] = (hls[0] + 0.5) % 1
            r, g, b = colorsys.hls_to_rgb(*hls)
        elif name in ("tint", "shade") and 0 <= v < 1:
            lin = [_decode(c) for c in (r, g, b)]
            lin = [1 - (1 - c) * v for c in lin] if name == "tint" else [c * v for c in lin]
            r, g, b = (_encode(c) for c in lin)
        elif name in CHANNELS:
            i, how = CHANNELS[name]
            lin = [_decode(c) for c in (r, g, b)]
            lin[i] = _apply(lin[i], how, v)
            r, g, b = (_encode(c) for c in lin)
        elif name in ("alpha", "alphaMod", "alphaOff"):
            a = _clamp(_apply(a, name[5:], v))
        elif name == "inv":
            r, g, b = 1 - r, 1 - g, 1 - b
        elif name == "gray":
            r = g = b = 0.299 * r + 0.587 * g + 0.114 * b
        elif name in ("gamma", "invGamma"):
            r, g, b = (_encode(c) if name == "gamma" else _decode(c) for c in (r, g, b))
        elif name not in ("tint", "shade"):
            cv.simplified.add(f"the colour modifier {name}")
    return _clamp(r), _clamp(g), _clamp(b), a


def colour_of(holder, cv: Canvas, ph: RGBA | None = None) -> RGBA | None:  # type: ignore[no-untyped-def]
    """The colour of the first colour element inside holder (a solidFill, a gradient stop, fillRef...), modifiers applied."""
    if holder is None:
        return None
    for el in holder:
        if not isinstance(el.tag, str):
            continue
        found = base_colour(el, cv, ph)
        if found is not None:
            return modified(found, el, cv)
    return None


def css_colour(rgba: RGBA | None) -> str | None:
    """#RRGGBB, or rgba() when the colour is not opaque."""
    if rgba is None:
        return None
    r, g, b = (round(c * 255) for c in rgba[:3])
    return f"#{r:02X}{g:02X}{b:02X}" if rgba[3] >= 1 else f"rgba({r},{g},{b},{rgba[3]:.3f})"


def own_fill(sp_pr):  # type: ignore[no-untyped-def]
    """The fill element of a shape's spPr or a background's bgPr (None when it has none)."""
    if sp_pr is None:
        return None
    return next((el for el in sp_pr if isinstance(el.tag, str) and etree.QName(el).localname in FILLS), None)


def style_fill(ref, cv: Canvas, background: bool = False):  # type: ignore[no-untyped-def]
    """The theme fill a fillRef / bgRef points to, and the placeholder colour it is drawn in."""
    if ref is None:
        return None, None
    idx = int(ref.get("idx", "0"))
    lists = cv.fill_styles
    styles, n = (lists[1], idx - 1001) if background or idx >= 1000 else (lists[0], idx - 1)
    if idx == 0 or not 0 <= n < len(styles):
        return None, None
    return styles[n], colour_of(ref, cv)


def fill_css(fill, part, cv: Canvas, ph: RGBA | None = None) -> str | None:  # type: ignore[no-untyped-def]
    """A fill element (of a shape in part, with ph for phClr) as a CSS `background` value; None for no fill."""
    if fill is None:
        return None
    kind = etree.QName(fill).localname
    if kind == "solidFill":
        return css_colour(colour_of(fill, cv, ph))
    if kind == "gradFill":
        return _gradient(fill, cv, ph)
    if kind == "blipFill":
        return _picture(fill, part, cv)
    if kind == "pattFill":
        cv.simplified.add("pattern fills (drawn in their background colour)")
        return css_colour(colour_of(fill.find("a:bgClr", NS), cv, ph))
    return None  # noFill, grpFill (a group's fill: the group is not drawn)


def _gradient(fill, cv: Canvas, ph: RGBA | None) -> str | None:  # type: ignore[no-untyped-def]
    stops = sorted((int(gs.get("pos", "0")), colour_of(gs, cv, ph)) for gs in fill.findall("a:gsLst/a:gs", NS))
    stops = [(pos, c) for pos, c in stops if c is not None]
    if not stops:
        return None
    if len(stops) == 1:
        return css_colour(stops[0][1])
    path = fill.find("a:path", NS)
    listed = ", ".join(f"{css_colour(c)} {pos / 1000:.1f}%" for pos, c in stops)
    if path is not None:
        to = path.find("a:fillToRect", NS)
        inset = [int(to.get(k, "0")) / 1000 if to is not None else 0.0 for k in ("l", "t", "r", "b")]
        x, y = (inset[0] + 100 - inset[2]) / 2, (inset[1] + 100 - inset[3]) / 2
        if path.get("path") != "circle":
            cv.simplified.add("rectangular and shape-following gradients (drawn as radial ones)")
        return f"radial-gradient({'circle' if path.get('path') == 'circle' else 'ellipse'} farthest-corner at {x:.1f}% {y:.1f}%, {listed})"
    lin = fill.find("a:lin", NS)
    # -- the angle as LibreOffice draws it: on the page, whatever `scaled` says (its 45 degrees on a 5:2 shape is 45 degrees) --
    angle = int(lin.get("ang", "0")) / 60000 if lin is not None else 0.0
    return f"linear-gradient({(angle + 90) % 360:.2f}deg, {listed})"  # -- DrawingML 0 = left to right; CSS 0deg = upwards --


def _picture(fill, part, cv: Canvas) -> str | None:  # type: ignore[no-untyped-def]
    blip = fill.find("a:blip", NS)
    rid = blip.get(R_EMBED) if blip is not None else None
    if not rid or part is None:
        return None
    try:
        image = part.related_part(rid)
    except KeyError:
        return None
    if image.content_type not in DRAWABLE:
        cv.simplified.add(f"picture fills in {image.content_type} (not drawn)")
        return None
    effects = [c for c in blip if isinstance(c.tag, str) and etree.QName(c).localname != "extLst"]
    crop = fill.find("a:srcRect", NS)
    if effects or (crop is not None and any(int(v or 0) for v in crop.attrib.values())):
        cv.simplified.add("cropped or recoloured picture fills (drawn whole, in their own colours)")
    url = cv.url(image.blob, image.content_type)
    tile = fill.find("a:tile", NS)
    if tile is None:
        return f"url('{url}') center / 100% 100% no-repeat"
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image.blob)) as im:
            dpi = (im.info.get("dpi") or (96, 96))[0] or 96
            width_pt, height_pt = im.width * 72 / dpi, im.height * 72 / dpi
    except (OSError, ValueError):  # -- a picture PIL cannot size (SVG): stretched instead --
        return f"url('{url}') center / 100% 100% no-repeat"
    sx, sy = (int(tile.get(k, "100000")) / 100000 for k in ("sx", "sy"))
    return f"url('{url}') left top / {width_pt * sx * cv.scale:.2f}pt {height_pt * sy * cv.scale:.2f}pt repeat"
