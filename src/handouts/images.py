"""An image file -> why it cannot go into a leaflet or deck (None when it can): decoded in full, size bounded.

Run when a document is loaded, before any renderer sees the file: WeasyPrint switches on PIL's
LOAD_TRUNCATED_IMAGES for the whole process (a cut-off PNG then prints as a black box), and
PIL's own bomb guard only warns below 179 Mpx.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 40_000_000  # 40 Mpx: a full A4 page at 600 dpi is 35 Mpx; more only costs memory
RASTER = {"PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"}


def image_file_problem(path: Path, folder: Path | None = None) -> str | None:
    """Why path is not a complete, reasonably sized picture the leaflet can print (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG), or None.

    `folder` is where an SVG's own references must stay (default: the SVG's folder). `handouts check` and
    `handouts build` both call this when a document or handouts.yml is loaded.
    """
    if path.suffix.lower() == ".svg":
        from .svg import read_svg

        try:
            facts = read_svg(path.read_bytes(), path.parent, folder)
        except OSError as exc:
            return f"image '{path.name}' cannot be read: {exc.strerror}"
        if facts.problems:
            return f"image '{path.name}' cannot be printed: the SVG " + "; it also ".join(facts.problems[:3]) + (
                f" (and {len(facts.problems) - 3} more)" if len(facts.problems) > 3 else "")
        return None  # -- the deck refuses SVG with its own message (checks/pictures.py says so before a build) --
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
                if (mode := printed_mode(im)) is not None:
                    return (f"image '{path.name}' is a {mode} {im.format} picture, which the leaflet cannot print "
                            f"(it embeds pictures as PNG or JPEG): save it as an RGB PNG or JPEG")
    except (OSError, SyntaxError, ValueError) as exc:  # UnidentifiedImageError is an OSError; truncation too
        return f"image '{path.name}' is not a complete picture ({exc}): export it again as PNG or JPEG"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS = truncated, bomb_limit
    return None


def printed_mode(im: "Image.Image") -> str | None:
    """The colour mode of a decoded picture that WeasyPrint cannot embed (CMYK outside a JPEG, ...), or None.

    WeasyPrint keeps a JPEG as it is and re-encodes anything else as PNG after turning palette, 1-bit and
    32-bit-integer pictures into RGB (and a transparent one into RGBA): a mode PNG has no form for fails there.
    """
    from PIL import PngImagePlugin

    if im.format in ("JPEG", "MPO"):
        return None
    mode = "RGBA" if "transparency" in im.info else "RGB" if im.mode in ("1", "P", "I") else im.mode
    return None if mode in PngImagePlugin._OUTMODES else mode


def slide_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of a picture a slide can show (PNG, JPEG, GIF, BMP, TIFF: what python-pptx embeds); None for anything else, such as SVG."""
    from pptx.parts.image import Image as PptxImage

    try:
        return PptxImage.from_blob(data).size  # type: ignore[no-any-return]
    except (OSError, ValueError):  # PIL's UnidentifiedImageError is an OSError
        return None
