"""A translated view -> `translation.invisible` errors: invisible direction controls that reorder the printed text (bidi.py decides which)."""

from __future__ import annotations

from collections.abc import Iterator

from ..bidi import describe, refused_controls
from ..i18n import is_rtl
from .context import View
from .findings import Finding

RULE = "translation.invisible"


def check(view: View, settings: object) -> Iterator[Finding]:
    """One error per translated segment holding a direction control its language does not need, at the catalog entry."""
    rtl = is_rtl(view.locale)
    severity = settings.severity(RULE)  # type: ignore[attr-defined]
    for unit in view.units:
        controls = refused_controls(unit.text, rtl)
        if controls:
            yield Finding(RULE, severity, f"the translation {describe(unit.text, controls)} (PO editors do not show these characters: retype the text around them "
                          f"if you cannot find them; its numbers are checked again after that)",
                          unit.path, unit.line, view.locale, unit.context, view.doc_id)
