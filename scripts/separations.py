#!/usr/bin/env python3
"""Ink on each process plate of a PDF's first page, as Ghostscript separates it (tiffsep).

    scripts/separations.py FILE.pdf DPI x,y,w,h [x,y,w,h ...]

Regions are in points from the top-left corner of the MediaBox. Prints JSON: for each plate (Cyan, Magenta,
Yellow, Black, and CutContour when a die line is there), per region, the most ink on a pixel (0-255) and how
many pixels carry any.
"""
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image


def main():
    pdf, dpi = sys.argv[1], int(sys.argv[2])
    regions = [tuple(float(v) for v in spec.split(",")) for spec in sys.argv[3:]]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dFirstPage=1", "-dLastPage=1", "-sDEVICE=tiffsep",
             f"-r{dpi}", "-sCompression=none", "-o", os.path.join(folder, "page.tif"), pdf],
            check=True)
        plates = {}
        # The process plates, and a die line's separation when the page has one.
        inks = ["Cyan", "Magenta", "Yellow", "Black"]
        if os.path.exists(os.path.join(folder, "page(CutContour).tif")):
            inks.append("CutContour")
        for ink in inks:
            image = Image.open(os.path.join(folder, f"page({ink}).tif")).convert("L")
            pixels = image.load()
            found = []
            for x, y, w, h in regions:
                x0, y0 = max(0, int(x * dpi / 72)), max(0, int(y * dpi / 72))
                x1, y1 = min(image.width, int((x + w) * dpi / 72)), min(image.height, int((y + h) * dpi / 72))
                # A separation pixel is 0 where the plate prints solid and 255 where it prints nothing.
                ink_values = [255 - pixels[i, j] for i in range(x0, x1) for j in range(y0, y1)]
                found.append({"max": max(ink_values, default=0), "inked": sum(1 for v in ink_values if v > 0),
                              "pixels": len(ink_values)})
            plates[ink] = found
    print(json.dumps(plates))


if __name__ == "__main__":
    main()
