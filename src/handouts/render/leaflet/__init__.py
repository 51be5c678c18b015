"""The PDF leaflet: a RenderJob -> HTML (html) -> WeasyPrint PDF (pdf) -> tags fixed (tags), padded and imposed (products)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Rendered, RenderJob


def render(job: RenderJob) -> Rendered:
    """Render one leaflet product (WeasyPrint imported only when a leaflet is rendered)."""
    from .pdf import render as render_pdf

    return render_pdf(job)
