#!/usr/bin/env python3
"""Makes tests/fixtures/ocr/cell-*.jpg: cell crops of page 3 of
samples/corpus/js-huaian-hongze-2023.pdf rendered at 150 dpi (grey). Needs pdftoppm and Pillow.

    python3 scripts/make_ocr_fixtures.py            # from the repository's root
"""
import os
import subprocess
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "ocr")

# Boxes measured on a 924-pixel-wide view of the 1240-pixel page.
CROPS = {
    "cell-4119.jpg": (362, 193, 800, 243),
    "cell-7730.28.jpg": (362, 425, 800, 475),
    "cell-xingzhengchufa.jpg": (120, 193, 356, 243),
    "cell-0.jpg": (580, 780, 612, 812),
}

with tempfile.TemporaryDirectory() as tmp:
    pdf = os.path.join(ROOT, "samples", "corpus", "js-huaian-hongze-2023.pdf")
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", "3", "-l", "3", pdf,
                    os.path.join(tmp, "p")], check=True)
    page = Image.open(os.path.join(tmp, sorted(os.listdir(tmp))[0])).convert("L")
    scale = 1240 / 924
    os.makedirs(OUT, exist_ok=True)
    for name, box in CROPS.items():
        page.crop([int(v * scale) for v in box]).save(os.path.join(OUT, name), quality=85)
