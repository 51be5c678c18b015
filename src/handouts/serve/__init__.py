"""`handouts serve`: the live preview (watch -> rebuild what changed through the cache -> reload the open pages).

preview.Preview ties together server (HTTP, confined to the output folder), watch (watchfiles),
rebuild (handouts.build with the cache, drafts allowed), state (what pages are told), pages
(the preview's HTML and the injected script), library (manifest -> documents) and images (page PNGs).
"""

from __future__ import annotations

from .preview import BindError, Preview

__all__ = ["BindError", "Preview"]
