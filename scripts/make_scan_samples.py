#!/usr/bin/env python3
"""Makes the scanned samples of samples/scan/: sample PDFs rendered to page images, soiled the
way real scans are, and wrapped as image-only PDFs. Truth = the source document's truth.

Needs pdftoppm (poppler-utils), Pillow, numpy and img2pdf (never needed by the Rust tests).
Deterministic: every random draw comes from a seed per output file.

    python3 scripts/make_scan_samples.py            # from the repository's root
    python3 scripts/make_scan_samples.py qingshan-2021.rot150   # only the files named
"""
import io
import json
import os
import random
import subprocess
import sys
import tempfile

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "samples", "scan")

SOURCES = {
    "hongze-2023": "samples/corpus/js-huaian-hongze-2023.pdf",
    "qingshan-2021": "samples/pdf/qingshan-county-2021.libreoffice.pdf",
    "baishui-2019": "samples/pdf/baishui-eco-2019.libreoffice.pdf",
}

# name: (dpi, degrees of tilt, noise sigma, stamp, phone look, JPEG quality or None for PNG)
VARIANTS = {
    "scan150": (150, 0.0, 6, False, False, 80),
    "tilt200": (200, 1.3, 8, False, False, 75),
    "stamp150": (150, -0.6, 6, True, False, 80),
    "phone150": (150, 0.9, 10, False, True, 60),
    "png150": (150, 0.0, 0, False, False, None),
    # Fed to the scanner sideways: each page image stored turned a quarter anticlockwise, the
    # page's /Rotate 90 turning it upright for display (img2pdf writes /Rotate from the EXIF
    # orientation).
    "rot150": (150, 0.4, 6, False, False, 80),
}
# Variants whose page images are stored turned, with the page's /Rotate undoing it.
TURNED = {"rot150"}

# Every variant of the real report; two of each LibreOffice print (to keep the repository small).
WHICH = {
    "hongze-2023": list(VARIANTS),
    "qingshan-2021": ["tilt200", "phone150", "rot150"],
    "baishui-2019": ["scan150", "stamp150"],
}


def render(pdf, dpi, tmp):
    prefix = os.path.join(tmp, "p")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", pdf, prefix], check=True)
    pages = sorted(f for f in os.listdir(tmp) if f.startswith("p-") and f.endswith(".png"))
    return [Image.open(os.path.join(tmp, f)).convert("RGB") for f in pages]


def stamp(img, rng):
    """A red seal (公章): a ring, a star and text, multiplied over the page's lower half."""
    w, h = img.size
    r = int(w * 0.12)
    cx = int(w * rng.uniform(0.55, 0.75))
    cy = int(h * rng.uniform(0.45, 0.7))
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (215, 40, 40)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(4, r // 14))
    star = []
    for i in range(10):
        a = np.pi / 2 + i * np.pi / 5
        rr = r * (0.32 if i % 2 == 0 else 0.13)
        star.append((cx + rr * np.cos(a), cy - rr * np.sin(a)))
    d.polygon(star, fill=red)
    for k in range(12):
        a = np.pi * (0.15 + 0.7 * k / 11)
        x = cx - 0.72 * r * np.cos(a)
        y = cy - 0.72 * r * np.sin(a)
        d.rectangle([x - r * 0.06, y - r * 0.06, x + r * 0.06, y + r * 0.06], fill=red)
    a = np.asarray(img, dtype=np.float32) * np.asarray(layer, dtype=np.float32) / 255.0
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def phone(img, rng):
    """Uneven light from one corner, a yellowish paper, a little blur."""
    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(w, h)
    light = 1.0 - 0.35 * dist
    a = np.asarray(img, dtype=np.float32)
    a = a * light[..., None] * np.array([1.0, 0.97, 0.88], dtype=np.float32)
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    return img.filter(ImageFilter.GaussianBlur(0.7))


def soil(img, dpi, tilt, sigma, with_stamp, with_phone, rng, page_has_table3):
    if with_stamp and page_has_table3:
        img = stamp(img, rng)
    if with_phone:
        img = phone(img, rng)
    if tilt:
        img = img.rotate(tilt, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    if sigma:
        a = np.asarray(img, dtype=np.float32)
        a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, sigma, a.shape[:2])[..., None]
        img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    return img


def has_table3(pdf, page):
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True).stdout
    return "申请" in text and ("自然人" in text or "予以公开" in text)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, src in SOURCES.items():
        pdf = os.path.join(ROOT, src)
        truth = json.load(open(pdf + ".truth.json", encoding="utf-8"))
        for variant in WHICH[name]:
            if sys.argv[1:] and f"{name}.{variant}" not in sys.argv[1:]:
                continue
            dpi, tilt, sigma, st, ph, quality = VARIANTS[variant]
            rng = random.Random(f"{name}/{variant}")
            with tempfile.TemporaryDirectory() as tmp:
                pages = render(pdf, dpi, tmp)
            images = []
            for i, img in enumerate(pages, 1):
                img = soil(img, dpi, tilt, sigma, st, ph, rng, has_table3(pdf, i))
                if not ph and not st:
                    img = img.convert("L")
                buf = io.BytesIO()
                if variant in TURNED:
                    img = img.rotate(90, expand=True)
                    exif = Image.Exif()
                    exif[0x0112] = 6  # displayed turned a quarter clockwise
                    img.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
                elif quality:
                    img.save(buf, "JPEG", quality=quality)
                else:
                    img.save(buf, "PNG")
                images.append(buf.getvalue())
            out = f"{name}.{variant}.pdf"
            layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
            with open(os.path.join(OUT, out), "wb") as f:
                f.write(img2pdf.convert(images, layout_fun=layout,
                                        rotation=img2pdf.Rotation.ifvalid))
            t = json.loads(json.dumps(truth))
            t["source"]["path"] = out
            with open(os.path.join(OUT, out + ".truth.json"), "w", encoding="utf-8") as f:
                json.dump(t, f, ensure_ascii=False, indent=1)
                f.write("\n")
            print(out, len(images), "pages", file=sys.stderr)


if __name__ == "__main__":
    main()
