#!/usr/bin/env python3
"""The read-back gate and `qrdesk verify` measured on a corpus, both ways (docs/read-back.md).

  scripts/readback-corpus.py [ROWS_PER_TEMPLATE] [BINARY] [TEMPLATE,TEMPLATE…]

False refusals: every card template x variant (colour, bw) x format (PDF, SVG, PNG; bw has no SVG) is written
for ROWS_PER_TEMPLATE links of lengths from 26 bytes up to the template's longest (the longest link the template
takes is found by the batch itself: a row refused as too long for its template is not a read-back refusal, and
is counted apart; the lengths run up to the longest the template states). Every row the gate refuses is a false refusal; then `qrdesk verify` reads every written file,
and every file it fails is one too.

Misses: colour PNGs (100 dpi, two per template) get each planted defect (blurred, resampled from a third of the
resolution, contrast 2:1, pitch drifting 0.3 module); every one `verify` passes is a miss.
Prints the counts; exits 1 if any good file is refused or any defect missed.
"""
import csv, json, os, random, re, subprocess, sys, tempfile, zlib, struct

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 840
BINARY = sys.argv[2] if len(sys.argv) > 2 else ".build/release/qrdesk"
TEMPLATES = ["counter-a5", "counter-a5-landscape", "poster-a4", "poster-letter", "card-a6", "stand-4x6", "stand-5x7",
             "insert-dl", "sticker-100", "tent-a6", "appointment-card", "slip-80mm", "slip-58mm", "door-150"]
if len(sys.argv) > 3:
    TEMPLATES = sys.argv[3].split(",")
FILES_PER_ROW = 5  # colour PDF, SVG, PNG; black-and-white PDF, PNG

def link(index, length):
    base = f"https://pay.example.com/p/Xk9fA2mQ7t?loc=loc-{index}"
    if length <= len(base):
        return base
    rng = random.Random(index)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return base + "&r=" + "".join(rng.choice(alphabet) for _ in range(length - len(base) - 3))

def read_png(path):
    data = open(path, "rb").read()
    pos, chunks = 8, []
    width = height = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {0: 1, 2: 3}[colour]
            assert depth in (1, 8)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    bits = depth * channels
    stride = (width * bits + 7) // 8
    rows, previous, offset = [], bytearray(stride), 0
    step = max(1, bits // 8)
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        previous = line
        if depth == 1:
            rows.append([255 if line[x // 8] & (0x80 >> (x % 8)) else 0 for x in range(width)])
        else:
            rows.append([line[x * channels] for x in range(width)])
    return width, height, rows

def write_png(path, width, height, rows, dpi=300):
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ppm = round(dpi / 0.0254)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

def sample(rows, width, height, x, y):
    x, y = min(max(x - 0.5, 0), width - 1), min(max(y - 0.5, 0), height - 1)
    x0, y0 = int(x), int(y)
    x1, y1 = min(x0 + 1, width - 1), min(y0 + 1, height - 1)
    fx, fy = x - x0, y - y0
    top = rows[y0][x0] * (1 - fx) + rows[y0][x1] * fx
    bottom = rows[y1][x0] * (1 - fx) + rows[y1][x1] * fx
    return top * (1 - fy) + bottom * fy

def box_blur(rows, width, height, radius):
    for _ in range(2):
        horizontal = []
        for row in rows:
            prefix = [0]
            for v in row: prefix.append(prefix[-1] + v)
            horizontal.append([(prefix[min(width, x + radius + 1)] - prefix[max(0, x - radius)]) // (min(width, x + radius + 1) - max(0, x - radius)) for x in range(width)])
        columns = []
        for y in range(height):
            lo, hi = max(0, y - radius), min(height, y + radius + 1)
            columns.append([sum(horizontal[k][x] for k in range(lo, hi)) // (hi - lo) for x in range(width)])
        rows = columns
    return rows

def defects(path, symbol_box):
    width, height, rows = read_png(path)
    yield "blurred", box_blur(rows, width, height, 3)
    small = [[sum(rows[3 * y + j][3 * x + i] for i in range(3) for j in range(3)) // 9 for x in range(width // 3)] for y in range(height // 3)]
    yield "resampled", [[round(sample(small, width // 3, height // 3, (x + 0.5) / 3, (y + 0.5) / 3)) for x in range(width // 3 * 3)] for y in range(height // 3 * 3)]
    yield "contrast-2-to-1", [[184 + (255 - 184) * v // 255 for v in row] for row in rows]
    side, module = symbol_box
    # x' = x - S t(1 - t) across the image: a parabola, whose distance from the best straight line across the
    # symbol is about S (side / width)^2 / 8; S is chosen for 0.3 module.
    shift = 0.3 * module * 8 * (width / side) ** 2
    def drift(x):
        t = x / width
        return x - shift * t * (1 - t)
    yield "pitch-drift", [[round(sample(rows, width, height, drift(x + 0.5), y + 0.5)) for x in range(width)] for y in range(height)]

def longest_link(template, work):
    """The template's longest link at its own scan distance, as the batch states it when refusing a longer one."""
    path = os.path.join(work, f"probe-{template}.csv")
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows([["id", "name", "link", "template"], ["probe", "S", link(0, 1500), template]])
    run = subprocess.run([BINARY, "batch", path, "--out", os.path.join(work, "probe"), "--quiet"], capture_output=True, text=True)
    found = re.search(r"at most (\d+) bytes", run.stderr)
    return int(found.group(1)) if found else 300

def main():
    work = tempfile.mkdtemp(prefix="qrdesk-corpus-")
    false_gate = false_verify = too_long = files = 0
    for template in TEMPLATES:
        longest = longest_link(template, work)
        path = os.path.join(work, f"{template}.csv")
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "name", "link", "template", "variants", "formats"])
            for k in range(1, ROWS + 1):
                length = 26 + (k * 37) % (longest - 25)
                writer.writerow([f"r{k}", "Studio Nova", link(k, length), template, "color,bw", "pdf,svg,png"])
        out = os.path.join(work, template)
        run = subprocess.run([BINARY, "batch", path, "--out", out, "--quiet"], capture_output=True, text=True)
        for line in run.stderr.splitlines():
            if "read back from its bytes" in line:
                false_gate += 1
                print("gate refused:", line[:300])
            elif "shorten the link" in line:
                too_long += 1
        written = [os.path.join(d, n) for d, _, names in os.walk(out) for n in names if n.endswith((".pdf", ".svg", ".png"))]
        files += len(written)
        for start in range(0, len(written), 200):
            batch = written[start:start + 200]
            report = subprocess.run([BINARY, "verify", "--json", *batch], capture_output=True, text=True)
            for entry in json.loads(report.stdout)["files"]:
                if not (not entry["problems"] and all(not c["problems"] for c in entry["codes"])):
                    false_verify += 1
                    print("verify failed:", entry["file"], entry["problems"], [c["problems"] for c in entry["codes"]])
        print(f"{template}: {len(written)} files written; gate refusals so far {false_gate}, verify failures {false_verify}", flush=True)
    # Misses: planted defects on colour PNGs at 100 dpi (pure Python is slow on 300 dpi pages; the Swift tests plant
    # the same defects at 300 dpi), two links per template.
    planted = missed = 0
    for template in TEMPLATES:
        for k in (1, 2):
            out = os.path.join(work, f"sample-{template}-{k}")
            subprocess.run([BINARY, "card", "--template", template, "--link", link(k, 40), "--name", "Studio Nova",
                            "--variant", "color", "--format", "png", "--dpi", "100", "--out", out], check=True, capture_output=True)
            png = next(os.path.join(d, n) for d, _, names in os.walk(out) for n in names if n.endswith(".png"))
            report = json.loads(subprocess.run([BINARY, "verify", "--json", png], capture_output=True, text=True).stdout)["files"][0]
            code = report["codes"][0]
            module = code["moduleMillimetres"] * 100 / 25.4
            for name, pixels in defects(png, (code["modules"] * module, module)):
                target = os.path.join(work, f"planted-{template}-{k}-{name}.png")
                write_png(target, len(pixels[0]), len(pixels), pixels, dpi=100)
                result = json.loads(subprocess.run([BINARY, "verify", "--json", target], capture_output=True, text=True).stdout)["files"][0]
                planted += 1
                if not result["problems"] and all(not c["problems"] for c in result["codes"]):
                    missed += 1
                    print("missed:", target)
    combos = files
    print(json.dumps({"files": combos, "gateRefusals": false_gate, "verifyFailures": false_verify, "rowsTooLongForTemplate": too_long,
                      "plantedDefects": planted, "missed": missed}))
    sys.exit(1 if false_gate or false_verify or missed else 0)

main()
