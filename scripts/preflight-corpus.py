#!/usr/bin/env python3
"""`qrdesk preflight` measured on a corpus, both ways (docs/press.md).

  scripts/preflight-corpus.py [ROWS] [BINARY]

Good files: ROWS list rows spread over every card template (names and links of every length the templates take),
each written by `qrdesk batch` with `press` in both variants (2 x ROWS PDF/X-1a files). Every one preflight
refuses under x1a is a false refusal.

Bad files: each good file damaged once per defect with pikepdf (an independent PDF library): an RGB fill, no
TrimBox, a BleedBox inside the trim, constant alpha, an unembedded font, a 0.05 pt hairline, a 100 ppi image, no
output intent, no /Trapped, no PDF/X version, QR modules in four inks, a band along the trim's edge that stops
there instead of running into the bleed, and the whole page scaled down to 0.4 mm modules. A damaged file is
caught when its defect's rule is among the findings; every other outcome is a miss. Prints the counts; exits 1 on any false refusal or miss.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

import pikepdf

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
BINARY = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else ".build/release/qrdesk")
TEMPLATES = ["counter-a5", "counter-a5-landscape", "card-a6", "stand-4x6", "stand-5x7", "insert-dl", "poster-a4",
             "poster-letter", "sticker-100", "tent-a6", "appointment-card", "door-150"]
MM = 72 / 25.4


def rows(count):
    rng = random.Random(7)
    names = ["Studio Nova", "Lumen Clinic", "Casa Bella", "Салон Ирина", "Atelier Rose", "Haar & Zo", "Spa Sol"]
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        tail = "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                       for _ in range(rng.randint(4, 24)))
        yield {"id": f"r{index}", "name": f"{names[index % len(names)]} {index}", "template": template,
               "link": f"https://pay.example.com/p/{tail}", "press": "yes"}


def boxes(page):
    return [float(v) for v in page.TrimBox], [float(v) for v in page.BleedBox], [float(v) for v in page.MediaBox]


def append(pdf, page, operators, resources=None):
    stream = pikepdf.Stream(pdf, operators.encode("latin-1"))
    page.contents_add(stream, prepend=False)
    for kind, entries in (resources or {}).items():
        if kind not in page.Resources:
            page.Resources[kind] = pikepdf.Dictionary()
        for name, value in entries.items():
            page.Resources[kind][name] = value


def damage(pdf, defect, module_mm):
    # The page with the code: a two-sided card's back is its last page.
    page = pdf.pages[-1]
    trim, bleed, media = boxes(page)
    # A spot inside the safe area, near the trim's top-left corner, clear of the code.
    x, y = trim[0] + 10 * MM, trim[3] - 14 * MM
    if defect == "colour-space":
        append(pdf, page, f"q 0 0 1 rg {x} {y} 6 6 re f Q\n")
    elif defect == "boxes-no-trim":
        del page.obj.TrimBox
    elif defect == "boxes-bleed-inside":
        page.obj.BleedBox = pikepdf.Array([trim[0] + 5, trim[1] + 5, trim[2] - 5, trim[3] - 5])
    elif defect == "transparency":
        gs = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5))
        append(pdf, page, f"q /GSx gs 0 0 0 1 k {x} {y} 6 6 re f Q\n", {"/ExtGState": {"/GSx": gs}})
    elif defect == "fonts":
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        append(pdf, page, f"q 0 0 0 1 k BT /Fx 14 Tf {x} {y} Td (Pay) Tj ET Q\n", {"/Font": {"/Fx": font}})
    elif defect == "hairline":
        append(pdf, page, f"q 0 0 0 1 K 0.05 w {x} {y} m {x + 30} {y} l S Q\n")
    elif defect == "image-resolution":
        image = pikepdf.Stream(pdf, bytes([40, 10, 0, 0]) * (20 * 20), Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Image, Width=20, Height=20, BitsPerComponent=8,
                               ColorSpace=pikepdf.Name.DeviceCMYK)
        append(pdf, page, f"q 14.4 0 0 14.4 {x} {y} cm /Imx Do Q\n", {"/XObject": {"/Imx": image}})
    elif defect == "output-intent":
        del pdf.Root.OutputIntents
    elif defect == "trapped":
        del pdf.trailer.Info.Trapped
    elif defect == "pdfx-id":
        del pdf.trailer.Info.GTS_PDFXVersion
    elif defect == "rich-black":
        for content in ([page.Contents] if isinstance(page.Contents, pikepdf.Stream) else list(page.Contents)):
            data = content.read_bytes().replace(b"0 0 0 1 k", b"0.6 0.5 0.5 1 k")
            content.write(data)
    elif defect == "bleed":
        # A band along the trim's top edge that stops at the trim instead of running into the bleed (the framed
        # design has no band of its own at the edge; the classic one's header band is cut short the same way).
        append(pdf, page, "q 0 0 0 1 k %f %f %f %f re f Q\n" % (trim[0], trim[3] - 5 * MM, trim[2] - trim[0], 5 * MM))
    elif defect == "qr-module":
        for content in ([page.Contents] if isinstance(page.Contents, pikepdf.Stream) else list(page.Contents)):
            data = content.read_bytes()
            # Down to 0.4 mm modules, at the card's centre.
            scale = 0.4 / module_mm
            centre_x, centre_y = (trim[0] + trim[2]) / 2, (trim[1] + trim[3]) / 2
            shift_x, shift_y = centre_x * (1 - scale), centre_y * (1 - scale)
            content.write(b"q %f 0 0 %f %f %f cm\n" % (scale, scale, shift_x, shift_y) + data + b"\nQ\n")
    else:
        raise SystemExit(f"unknown defect {defect}")


DEFECTS = {  # defect -> the rule that must report it
    "colour-space": "colour-space", "boxes-no-trim": "boxes", "boxes-bleed-inside": "boxes",
    "transparency": "transparency", "fonts": "fonts", "hairline": "hairline", "image-resolution": "image-resolution",
    "output-intent": "output-intent", "trapped": "trapped", "pdfx-id": "pdfx-id", "rich-black": "rich-black",
    "bleed": "bleed", "qr-module": "qr-module",
}


def preflight(paths):
    reports = {}
    for start in range(0, len(paths), 40):
        chunk = paths[start:start + 40]
        result = subprocess.run([BINARY, "preflight", "--json", *chunk], capture_output=True, text=True)
        for report in json.loads(result.stdout)["files"]:
            reports[report["file"]] = report
    return reports


def main():
    with tempfile.TemporaryDirectory() as folder:
        listing = os.path.join(folder, "list.csv")
        with open(listing, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "name", "template", "link", "press"])
            writer.writeheader()
            writer.writerows(rows(ROWS))
        out = os.path.join(folder, "kit")
        batch = subprocess.run([BINARY, "batch", listing, "--format", "pdf", "--out", out, "--quiet"],
                               capture_output=True, text=True)
        if batch.returncode != 0:
            print(batch.stderr)
        good = sorted(os.path.join(root, name) for root, _, names in os.walk(out) for name in names
                      if name.endswith("-press.pdf"))
        reports = preflight(good)
        refused = [path for path in good if reports[path]["findings"] or reports[path].get("unreadable")]
        for path in refused[:10]:
            print("refused:", os.path.relpath(path, out), [f["rule"] for f in reports[path]["findings"]])
        damaged, expected = [], {}
        bad_folder = os.path.join(folder, "bad")
        os.makedirs(bad_folder)
        for index, path in enumerate(good):
            for defect, rule in DEFECTS.items():
                with pikepdf.open(path) as pdf:
                    damage(pdf, defect, reports[path]["codes"][0]["moduleMillimetres"])
                    target = os.path.join(bad_folder, f"{index}-{defect}.pdf")
                    pdf.save(target)
                damaged.append(target)
                expected[target] = rule
        bad_reports = preflight(damaged)
        missed = [path for path in damaged
                  if expected[path] not in {f["rule"] for f in bad_reports[path]["findings"]}]
        for path in missed[:10]:
            report = bad_reports[path]
            print("missed:", os.path.basename(path), [f["rule"] for f in report["findings"]],
                  report.get("unreadable") or "", [code.get("moduleMillimetres") for code in report["codes"]])
        by_defect = {}
        for path in missed:
            defect = os.path.basename(path).split("-", 1)[1][:-4]
            by_defect[defect] = by_defect.get(defect, 0) + 1
        print(f"good press files: {len(good)} ({ROWS} rows x 2 variants over {len(TEMPLATES)} templates), "
              f"refused {len(refused)}")
        print(f"damaged copies: {len(damaged)} ({len(DEFECTS)} defects x {len(good)} files), "
              f"let through {len(missed)} {by_defect if by_defect else ''}")
        sys.exit(1 if refused or missed else 0)


if __name__ == "__main__":
    main()
