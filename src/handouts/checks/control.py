"""Document control: version, dates, organisation, contact, references; review cycle and review date against a clock."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..config import Config
from .context import View
from .findings import Finding
from .settings import Settings


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check(view: View, config: Config, settings: Settings, today: dt.date) -> Iterator[Finding]:
    """Document-control findings for one document (source metadata; `today` is the clock)."""
    m = view.document.meta
    doc = view.document

    def f(rule: str, message: str, key: tuple[str, ...] = ("meta",), severity: str | None = None) -> Finding:
        line = doc.line(key) or doc.line(("meta",))
        return Finding(rule, severity or settings.severity(rule), message, view.doc_path, line, None, ".".join(key), view.doc_id)

    required = {
        "version": bool(m.version and m.version.strip()),
        "organisation": bool(m.organisation or config.brand.organisation),
        "contact": bool(m.contact or config.brand.contact),
        "references": bool(m.references),
    }
    for name, ok in required.items():
        if not ok:
            where = " (or brand." + name + " in handouts.yml)" if name in ("organisation", "contact") else ""
            yield f("control.fields", f"no {name}: add meta.{name}{where}; a patient leaflet must show it", ("meta",))
    recommended = {"reference": m.reference, "approver": m.approver}
    for name, value in recommended.items():
        if not value:
            yield f("control.recommended", f"no {name}: add meta.{name} (the NHS content standard and PIF TICK expect it)", ("meta",))
    years = int(settings.opt("control.review-cycle", "max_years"))
    latest = _add_years(m.published, years)
    if m.review > latest:
        yield f("control.review-cycle", f"review date {m.review} is more than {years} years after publication ({m.published}): review by {latest} at the latest", ("meta", "review"))
    if m.review < today:
        yield f("control.out-of-review", f"out of review: do not print. The review date {m.review} has passed (today is {today}); review the content, then update meta.review, meta.published and meta.version", ("meta", "review"))
    elif (m.review - today).days <= int(settings.opt("control.review-soon", "days")):
        yield f("control.review-soon", f"review due on {m.review} ({(m.review - today).days} days from {today}): plan the review now", ("meta", "review"))
    if m.published > today:
        yield f("control.fields", f"publication date {m.published} is in the future (today is {today}): check meta.published", ("meta", "published"), "warning")
