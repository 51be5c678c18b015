"""Time WeasyPrint laying out one unbroken word of N characters (python weasyprint_long_word.py 20000 40000 80000)."""

import sys
import time

from weasyprint import HTML

for n in map(int, sys.argv[1:] or ["20000", "40000", "80000"]):
    html = f"<p style='width: 10cm; overflow-wrap: break-word'>{'a' * n}</p>"
    start = time.perf_counter()
    pages = HTML(string=html).render().pages
    print(f"{n:>9,} characters: {time.perf_counter() - start:7.2f} s, {len(pages)} pages")
