"""Status rows (one per document x listed locale) -> the documents x locales matrix of `handouts i18n status`, one state per cell.

States: source, current, stale (the source changed: fuzzy entries or another source version),
draft (partly translated, or provenance lost), not translated (no catalog, or nothing in it),
not listed (the document's meta.locales leaves the locale out).
"""

from __future__ import annotations

from typing import Any

STATES = ("source", "current", "stale", "draft", "not translated", "not listed")


def cell(row: dict[str, Any] | None) -> dict[str, Any]:
    """One cell from a status row (None: the locale is not listed for the document)."""
    if row is None:
        return {"state": "not listed", "text": "not listed"}
    fuzzy, untranslated = row["fuzzy"], row["untranslated"]
    counts = {"fuzzy": fuzzy, "untranslated": untranslated}
    if row["current"]:
        state = "current"
    elif row["translated"] == 0 and fuzzy == 0:
        state = "not translated"
    elif fuzzy or (row["source_version"] and row["source_version"] != row["document_version"] and not untranslated):
        state = "stale"
    else:
        state = "draft"
    parts = [f"{n} {what}" for what, n in counts.items() if n]
    if state == "stale" and not parts:
        parts = [f"made from {row['source_version']}"]
    if state == "draft" and row["provenance_missing"]:
        parts.append("provenance missing")
    text = f"{state}: {', '.join(parts)}" if parts and state in ("stale", "draft") else state
    return {"state": state, "text": text, **counts}


def matrix(documents: list[str], source_locale: str, locales: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """{"locales": [source, *locales], "rows": [{"document", "cells": {locale: cell}}]} in the order given."""
    by_key = {(r["document"], r["locale"]): r for r in rows}
    columns = [source_locale, *[loc for loc in locales if loc != source_locale]]
    out = []
    for doc in documents:
        cells = {loc: {"state": "source", "text": "source"} if loc == source_locale else cell(by_key.get((doc, loc))) for loc in columns}
        out.append({"document": doc, "cells": cells})
    return {"locales": columns, "rows": out}


def plain_lines(table: dict[str, Any]) -> list[str]:
    """The matrix as aligned plain-text lines (logs, pipes, CI)."""
    head = ["document", *table["locales"]]
    body = [[r["document"], *(r["cells"][loc]["text"] for loc in table["locales"])] for r in table["rows"]]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    return ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in [head, *body]]
