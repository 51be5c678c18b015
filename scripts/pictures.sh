#!/usr/bin/env bash
# Regenerate the README pictures from a fresh build of the sample:
#   docs/leaflet-page1.png  page 1 of the English leaflet
#   docs/slides-1.png       the deck's title slide
#   docs/slides-2.png       the deck's first warning slide
#   docs/web-{desktop,phone}.png, docs/web-ar-{desktop,phone}.png   the web edition at 1280 and 390 px (chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/handouts build content/isotretinoin-40mg --locale en-GB --out "$tmp/out" >/dev/null 2>&1
doc="$tmp/out/isotretinoin-40mg/en-GB/isotretinoin-40mg.en-GB"
pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$doc.pdf" docs/leaflet-page1
soffice --headless "-env:UserInstallation=file://$tmp/lo" --convert-to pdf --outdir "$tmp" "$doc.pptx" >/dev/null 2>&1
warning=$(.venv/bin/python - "$doc.pptx" <<'PY'
import sys
from pptx import Presentation
deck = Presentation(sys.argv[1])
print(next(i for i, s in enumerate(deck.slides, 1) if s.slide_layout.name == "Warning"))
PY
)
pdftoppm -png -r 96 -f 1 -l 1 -singlefile "$tmp/isotretinoin-40mg.en-GB.pdf" docs/slides-1
pdftoppm -png -r 96 -f "$warning" -l "$warning" -singlefile "$tmp/isotretinoin-40mg.en-GB.pdf" docs/slides-2
.venv/bin/handouts build content/isotretinoin-40mg --format html --out "$tmp/web" >/dev/null 2>&1
.venv/bin/python - "$tmp/web/isotretinoin-40mg" <<'PY'
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright

args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
    for locale, name in (("en-GB", "web"), ("ar", "web-ar")):
        for width, height, kind in ((1280, 1200, "desktop"), (390, 844, "phone")):
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.goto((Path(sys.argv[1]) / locale / "index.html").as_uri())
            tab.evaluate("document.fonts.ready.then(() => true)")
            tab.screenshot(path=f"docs/{name}-{kind}.png")
            tab.close()
    browser.close()
PY
echo "pictures: docs/leaflet-page1.png docs/slides-1.png docs/slides-2.png docs/web-desktop.png docs/web-phone.png docs/web-ar-desktop.png docs/web-ar-phone.png"
