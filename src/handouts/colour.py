"""WCAG 2.x relative luminance and contrast ratio: one formula for the theme check, the deck's fallback colours and the logo plate."""

from __future__ import annotations

RGB = tuple[int, int, int]


def rgb(colour: RGB | str) -> RGB:
    """'#RRGGBB' (or an RGB triple) as an RGB triple."""
    if isinstance(colour, str):
        h = colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return colour


def luminance(colour: RGB | str) -> float:
    """WCAG relative luminance of an sRGB colour (linearised channels)."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB | str, b: RGB | str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21, unrounded (2.999 fails a 3:1 minimum)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
