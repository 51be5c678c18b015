"""Time python-pptx adding N slides and saving (python python_pptx_part_names.py 1000 2000 4000)."""

import io
import sys
import time

from pptx import Presentation

for n in map(int, sys.argv[1:] or ["1000", "2000", "4000"]):
    prs = Presentation()
    layout = prs.slide_layouts[6]  # blank
    start = time.perf_counter()
    for _ in range(n):
        prs.slides.add_slide(layout)
    added = time.perf_counter() - start
    prs.save(io.BytesIO())
    print(f"{n:>6,} slides: add_slide {added:7.2f} s, total with save {time.perf_counter() - start:7.2f} s")
