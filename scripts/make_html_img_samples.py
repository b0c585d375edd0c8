#!/usr/bin/env python3
"""Makes samples/html-img/: report pages whose tables 二, 三 and 四 are pictures (图片版), as
portals publish them. Each standard table of a sample HTML page is rendered alone by headless
Chromium at 1.5× (144 dpi for 96-dpi CSS pixels), cropped to its ink and saved as grey PNG
beside the page, and the page gets `<img src="…">` where the table stood. Truth = the source
page's truth.

Needs chromium, Pillow and numpy (never needed by the Rust tests).

    python3 scripts/make_html_img_samples.py            # from the repository's root
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "html-img")

# sample page → the name of its picture page
SOURCES = {
    "samples/html/qingshan-county-2021.page.html": "qingshan-county-2021.img-page.html",
    "samples/html/baishui-eco-2019.page.html": "baishui-eco-2019.img-page.html",
}

# How the table is drawn when it is pictured: the page's own markup, ruled, in a body font.
STYLE = """<style>
body { margin: 16px; background: #fff; font-family: 'Noto Serif CJK SC', serif; font-size: 14px; }
table { border-collapse: collapse; width: 860px; }
td, th { border: 1px solid #000; padding: 3px 5px; }
p { margin: 2px 0; }
</style>"""

STANDARD = re.compile(r'<table border="1"[^>]*>.*?</table>', re.S)


def render(table_html, png, tmp):
    page = os.path.join(tmp, "t.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html><head><meta charset="utf-8">{STYLE}</head><body>')
        f.write(table_html)
        f.write("</body></html>")
    shot = os.path.join(tmp, "shot.png")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--force-device-scale-factor=1.5", "--window-size=900,1400",
         f"--screenshot={shot}", "file://" + page],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    img = Image.open(shot).convert("L")
    a = np.asarray(img)
    ys, xs = np.nonzero(a < 200)
    if len(xs) == 0:
        sys.exit(f"{png}: the rendered table is blank")
    m = 12
    box = (max(xs.min() - m, 0), max(ys.min() - m, 0),
           min(xs.max() + m + 1, a.shape[1]), min(ys.max() + m + 1, a.shape[0]))
    img.crop(box).save(png, optimize=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for src, name in SOURCES.items():
            with open(os.path.join(ROOT, src), encoding="utf-8") as f:
                html = f.read()
            tables = STANDARD.findall(html)
            if len(tables) != 3:
                sys.exit(f"{src}: {len(tables)} ruled tables, expected tables 二, 三 and 四")
            stem = name.removesuffix(".img-page.html")
            for numeral, table in zip(["2", "3", "4"], tables):
                png = f"{stem}.table{numeral}.png"
                render(table, os.path.join(OUT, png), tmp)
                html = html.replace(table, f'<p style="text-align:center"><img src="{png}"></p>', 1)
            with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
                f.write(html)
            with open(os.path.join(ROOT, src + ".truth.json"), encoding="utf-8") as f:
                truth = json.load(f)
            truth["source"]["path"] = name
            with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
                json.dump(truth, f, ensure_ascii=False, indent=1)
                f.write("\n")
            print(name)


if __name__ == "__main__":
    main()
