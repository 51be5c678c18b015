"""An image file -> why it cannot go into a leaflet or deck (None when it can): decoded in full, size bounded.

Run when a document is loaded, before any renderer sees the file: WeasyPrint switches on PIL's
LOAD_TRUNCATED_IMAGES for the whole process (a cut-off PNG then prints as a black box), and
PIL's own bomb guard only warns below 179 Mpx.
"""

from __future__ import annotations

import warnings
from pathlib import Path

MAX_PIXELS = 40_000_000  # 40 Mpx: a full A4 page at 600 dpi is 35 Mpx; more only costs memory
RASTER = {"PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"}


def image_file_problem(path: Path) -> str | None:
    """Why path is not a complete, reasonably sized picture (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG), or None."""
    if path.suffix.lower() == ".svg":
        return None  # vector: checked by the leaflet's fetcher, refused by the deck with its own message
    from PIL import Image, ImageFile

    truncated, bomb_limit = ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS
    # -- our own, lower limit is checked from the header before anything is decoded --
    ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS = False, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    return (f"image '{path.name}' is {width} x {height} pixels ({width * height / 1e6:.0f} Mpx); "
                            f"the limit is {MAX_PIXELS / 1e6:.0f} Mpx: scale it down (300 dpi at print size is plenty)")
                if im.format not in RASTER:
                    return f"image '{path.name}' is a {im.format} file: save it as PNG, JPEG or SVG"
                im.load()
    except (OSError, SyntaxError, ValueError) as exc:  # UnidentifiedImageError is an OSError; truncation too
        return f"image '{path.name}' is not a complete picture ({exc}): export it again as PNG or JPEG"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS = truncated, bomb_limit
    return None
