#!/usr/bin/env python3
"""The logo check measured on a corpus, both ways: every PNG kind a logo may be, written correctly, must be accepted;
the same files damaged where the chunk framing still holds (CRCs recomputed) must be refused.

  scripts/logo-corpus.py [FILES_PER_KIND] [BINARY]

Good: colour types 0, 2, 3, 4, 6 at every bit depth PNG allows for them, plain and Adam7-interlaced, random sizes
and pixels, each row with a random filter of the five. Bad, from each good file: the image stream cut short,
one bit of it flipped, a complete stream of too few rows. Whether a file is damaged is decided independently of
qrdesk, by Python's zlib: a flip that leaves the stream inflating to the same bytes (a padding bit after the last
block) is no damage and counts with the good files. All go through one `qrdesk batch` (a logo column, SVG
output): a good logo whose row fails is a false refusal, a damaged one whose row succeeds is a miss.
Prints the counts as JSON; exits 1 if any good logo is refused or any damaged one let through.
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

PER_KIND = int(sys.argv[1]) if len(sys.argv) > 1 else 20
BINARY = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else ".build/release/qrdesk")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = [(0, d) for d in (1, 2, 4, 8, 16)] + [(2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8), (4, 8), (4, 16),
                                             (6, 8), (6, 16)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def filtered(rows, bpp, rng):
    """Each row with a random PNG filter (0-4), computed against the previous row of the same pass."""
    out, previous = bytearray(), None
    for row in rows:
        kind = rng.randrange(5)
        prior = previous or bytes(len(row))
        line = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            if kind == 0: p = 0
            elif kind == 1: p = a
            elif kind == 2: p = b
            elif kind == 3: p = (a + b) // 2
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line.append((x - p) & 0xFF)
        out += bytes([kind]) + line
        previous = row
    return bytes(out)


def make_png(color, depth, interlace, rng, short=False):
    width, height = rng.randint(1, 40), rng.randint(1, 40)
    channels = CHANNELS[color]
    top = (1 << depth) - 1
    palette = b""
    if color == 3:
        palette = bytes(rng.randrange(256) for _ in range(3 * (1 << depth)))
    pixels = [[[rng.randint(0, top) for _ in range(channels)] for _ in range(width)] for _ in range(height)]
    bpp = max(1, channels * depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    data = b""
    for x0, y0, dx, dy in passes:
        xs, ys = range(x0, width, dx), range(y0, height, dy)
        if not xs or not ys:
            continue
        rows = [pack_row([s for x in xs for s in pixels[y][x]], depth) for y in ys]
        if short:
            rows = rows[: max(0, len(rows) // 2)]
        data += filtered(rows, bpp, rng)
    header = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 1 if interlace else 0)
    body = chunk(b"IHDR", header) + (chunk(b"PLTE", palette) if palette else b"")
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")


def with_image_data(png, replace):
    """The file with its IDAT body replaced (CRC recomputed), so only the image stream is damaged."""
    out, offset = bytearray(png[:8]), 8
    while offset < len(png):
        length = struct.unpack(">I", png[offset:offset + 4])[0]
        kind, body = png[offset + 4:offset + 8], png[offset + 8:offset + 8 + length]
        out += chunk(kind, replace(body) if kind == b"IDAT" else body)
        offset += 12 + length
    return bytes(out)


def image_data(png):
    out, offset = b"", 8
    while offset < len(png):
        length = struct.unpack(">I", png[offset:offset + 4])[0]
        if png[offset + 4:offset + 8] == b"IDAT":
            out += png[offset + 8:offset + 8 + length]
        offset += 12 + length
    return out


def inflates_like(png, good):
    """True when the file's stream inflates completely, with nothing after its end, to the good file's bytes."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(image_data(png))
    except zlib.error:
        return False
    return inflater.eof and not inflater.unused_data and data == zlib.decompress(image_data(good))


def main():
    rng = random.Random(7)
    work = tempfile.mkdtemp(prefix="qrdesk-logos-")
    rows, expected = ["id,name,link,logo"], {}
    for color, depth in KINDS:
        for index in range(PER_KIND):
            interlace = index % 2 == 1
            stem = f"c{color}-d{depth}-{'i' if interlace else 'p'}-{index}"
            good = make_png(color, depth, interlace, rng)
            files = {
                "good": good,
                "cut": with_image_data(good, lambda body: body[: max(2, len(body) * rng.randint(20, 90) // 100)]),
                "flip": with_image_data(
                    good, lambda body: body[:(i := rng.randrange(2, len(body)))] + bytes([body[i] ^ (1 << rng.randrange(8))])
                    + body[i + 1:]),
                "short": make_png(color, depth, interlace, random.Random(zlib.crc32(stem.encode())), short=True),
            }
            for kind, data in files.items():
                name = f"{stem}-{kind}.png"
                with open(os.path.join(work, name), "wb") as out:
                    out.write(data)
                row_id = f"{stem}-{kind}"
                rows.append(f"{row_id},Logo,https://pay.example.com/p/Xk9fA2,{name}")
                expected[row_id] = kind == "good" or (kind == "flip" and inflates_like(data, good))
    with open(os.path.join(work, "list.csv"), "w") as out:
        out.write("\n".join(rows) + "\n")
    env = dict(os.environ, QRDESK_TEMPLATES=os.path.join(ROOT, "templates"))
    subprocess.run([BINARY, "batch", "list.csv", "--out", "kit", "--quiet", "--variant", "color", "--format", "svg",
                    "--no-verify"], cwd=work, env=env, capture_output=True)
    manifest = json.load(open(os.path.join(work, "kit", "manifest.json")))
    failed = {failure["id"]: failure for failure in manifest["failures"]}
    good = [row for row, ok in expected.items() if ok]
    bad = [row for row, ok in expected.items() if not ok]
    refused = [row for row in good if row in failed]
    missed = [row for row in bad if row not in failed]
    wrong_column = [row for row in bad if row in failed and failed[row].get("column") != "logo"]
    intact_flips = sum(1 for row, ok in expected.items() if ok and row.endswith("-flip"))
    result = {"goodLogos": len(good), "ofWhichFlipsThatChangeNothing": intact_flips, "refused": len(refused),
              "damagedLogos": len(bad), "missed": len(missed),
              "refusedElsewhereThanTheLogoColumn": len(wrong_column), "examples": (refused + missed)[:5]}
    print(json.dumps(result))
    sys.exit(1 if refused or missed else 0)


if __name__ == "__main__":
    main()
