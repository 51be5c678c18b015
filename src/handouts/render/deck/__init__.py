"""The deck renderer: RenderJob -> PPTX bytes on the clinic's (or the built-in) slide master.

Stages, one module each: master (the .pptx, its layouts by role and text styles), fonts (the
theme's fonts -> files), measure (HarfBuzz shaping, UAX #14 line breaks), plan (document ->
logical slides), fit (logical -> physical slides that fit), write (slide XML), package
(document properties, reproducible zip); deck ties them together.
"""

from __future__ import annotations

from .deck import render

__all__ = ["render"]
