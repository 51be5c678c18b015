"""The PDF leaflet: a RenderJob -> HTML (html) -> WeasyPrint PDF (pdf) -> tagged, padded, imposed products."""

from __future__ import annotations

from .pdf import render

__all__ = ["render"]
