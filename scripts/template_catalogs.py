"""Refresh the template words packaged with handouts: src/handouts/templates/locales/messages.pot and <locale>.po.

Run `python scripts/template_catalogs.py` in a checkout after changing a word in a template or a
`job.gettext("...")` / `N_("...")` call, then translate the new (empty) and fuzzy entries in every
<locale>.po. handouts itself never writes inside its package (a project's words go to its
`templates_dir`, see docs/translations.md); this maintainers' script edits the source tree, like
scripts/make_master.py, with the same extractor and writer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handouts.i18n import catalog as cat
from handouts.i18n.strings import POT_NAME, extract_pot

LOCALES = Path(__file__).resolve().parents[1] / "src" / "handouts" / "templates" / "locales"


def main() -> int:
    pot = extract_pot()
    old = LOCALES / POT_NAME
    if old.is_file():
        previous = cat.read(old)
        if {(m.id, m.context) for m in previous} == {(m.id, m.context) for m in pot}:
            pot.creation_date = previous.creation_date  # -- same words: same bytes --
    (LOCALES / POT_NAME).write_bytes(cat.dumps(pot))
    print(f"wrote {LOCALES / POT_NAME}")
    for path in sorted(LOCALES.glob("*.po")):
        catalog = cat.read(path, path.stem)
        catalog.project, catalog.version = pot.project, pot.version
        catalog.update(pot, update_creation_date=False)
        path.write_bytes(cat.dumps(catalog))
        todo = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"wrote {path}" + (f": translate {len(todo)} word(s): {', '.join(map(repr, todo))}" if todo else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
