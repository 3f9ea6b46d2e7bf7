#!/usr/bin/env python3
"""Makes the third-party and damaged fixtures `qrdesk verify` is tested against, once; the files are committed.
Needs the `qrencode` CLI (another generator than qrdesk's, though the same library) and `cjpeg` (libjpeg-turbo-progs).
Run from the package root: scripts/make-verify-fixtures.py"""
import math, os, random, struct, subprocess, tempfile, zlib

OUT = "Tests/QRDeskTests/Fixtures/verify/"
LINK = "https://pay.example.com/p/Xk9fA2"

def qrencode(*args):
    subprocess.run(["qrencode", *args], check=True)

def matrix(link, level):
    rows = subprocess.run(["qrencode", "-t", "ASCII", "-m", "0", "-l", level, link], check=True, capture_output=True, text=True).stdout
    return [[c == "#" for c in row[::2]] for row in rows.splitlines() if row]

def write_png(path, width, height, pixels, dpi):
    """8-bit grey PNG with a pHYs chunk, so module sizes come out in millimetres."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))
    per_metre = round(dpi / 0.0254)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    png += chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)

def raster(modules, scale, quiet):
    n = len(modules); side = (n + 2 * quiet) * scale
    pixels = [255] * (side * side)
    for y in range(n):
        for x in range(n):
            if modules[y][x]:
                for dy in range(scale):
                    row = ((y + quiet) * scale + dy) * side
                    for dx in range(scale):
                        pixels[row + (x + quiet) * scale + dx] = 0
    return side, pixels

# Another generator's files, as a print shop might receive them.
qrencode("-l", "L", "-s", "12", "-m", "4", "-d", "300", "-o", OUT + "qrencode-L-300dpi.png", LINK)
qrencode("-t", "SVG", "-l", "H", "-s", "6", "-m", "4", "-o", OUT + "qrencode-H.svg", LINK)
# A quiet zone of one module: decodes on a screen, missed by phones on a busy print.
qrencode("-l", "M", "-s", "10", "-m", "1", "-d", "300", "-o", OUT + "quiet-zone-1.png", LINK)
# A code that sends clients to another host: the phishing sticker over the real one.
qrencode("-l", "M", "-s", "10", "-m", "4", "-d", "300", "-o", OUT + "other-host.png", "https://pay.evil.example/p/Xk9fA2")

# One module flipped (the bottom-right corner, the first data module): decodes thanks to error correction.
modules = matrix(LINK, "M")
n = len(modules)
modules[n - 1][n - 1] = not modules[n - 1][n - 1]
side, pixels = raster(modules, 10, 4)
write_png(OUT + "wrong-module.png", side, side, pixels, 300)

# A photo-like capture: the code on paper, turned 25° about the vertical and 8° in the frame, seen in perspective,
# softened, under uneven light, with sensor noise, saved as JPEG without a physical size.
modules = matrix(LINK, "M")
side, pixels = raster(modules, 10, 4)
W = H = 640
random.seed(8)
yaw, roll, focal, distance = math.radians(25), math.radians(8), 900.0, 1500.0
out = []
for v in range(H):
    for u in range(W):
        total = 0.0
        for sy in (0.25, 0.75):
            for sx in (0.25, 0.75):
                px, py = u + sx - W / 2, v + sy - H / 2
                # undo the in-frame roll, then intersect the ray with the turned card plane
                rx = px * math.cos(roll) + py * math.sin(roll)
                ry = -px * math.sin(roll) + py * math.cos(roll)
                x = rx * distance / (focal * math.cos(yaw) - rx * math.sin(yaw))
                z = distance + x * math.sin(yaw)
                y = ry * z / focal
                cx, cy = int(x + side / 2), int(y + side / 2)
                total += pixels[cy * side + cx] if 0 <= cx < side and 0 <= cy < side else 120 + 40 * (u / W)
        level = total / 4
        light = 0.75 + 0.2 * (v / H)
        out.append(level * light)
blurred = []
for v in range(H):
    for u in range(W):
        acc = 0.0; count = 0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if 0 <= u + dx < W and 0 <= v + dy < H:
                    acc += out[(v + dy) * W + u + dx]; count += 1
        value = 30 + acc / count * 0.8 + random.gauss(0, 6)
        blurred.append(max(0, min(255, int(value))))
with tempfile.TemporaryDirectory() as scratch:
    pgm = os.path.join(scratch, "photo.pgm")
    open(pgm, "wb").write(b"P5 %d %d 255\n" % (W, H) + bytes(blurred))
    with open(OUT + "photo.jpg", "wb") as jpeg:
        subprocess.run(["cjpeg", "-quality", "85", "-grayscale", pgm], check=True, stdout=jpeg)
print("fixtures written to", OUT)
