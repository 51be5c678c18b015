"""The web edition: a RenderJob -> index.html (page) with its fonts and images (assets) and links (links); the library page (library)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .. import Rendered, RenderJob


def render(job: RenderJob) -> Rendered:
    """Render one document's web page in one locale: its bytes, and the asset files that go beside it."""
    from .. import Rendered
    from .page import render_page

    html, files = render_page(job)
    return Rendered(html.encode("utf-8"), pages=1, files=tuple(files.items()))
