#!/usr/bin/env python3
"""The template lint (the legibility floor, docs/template-format.md) measured both ways on the bundled templates.

  scripts/lint-corpus.py [BINARY]

For every bundled card template (and its classic version) and every text that has a `minSize` or a frame label
`labelMinSize`, two copies: one with that size just above its floor (capitals at scan distance / 300 for a
headline, name, trust line, link or label; 6 pt for any other text) must load, one 0.1 pt below it must be
refused naming that field. Prints the counts; exits 1 on any good copy refused or bad copy let through.
"""
import math, os, re, subprocess, sys, tempfile

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/qrdesk"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLES = ("{headline}", "{name}", "{trust}", "{link}")


def floor(line, metres):
    if "labelMinSize" in line or any(role in line for role in ROLES):
        return max(metres * 1000 / 300 / (0.71 * 25.4 / 72), 6.0)
    return 6.0


def loads(text, classic):
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "classic") if classic else folder
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, "t.yaml"), "w") as handle:
            handle.write(text)
        result = subprocess.run([BINARY, "templates", "--templates", folder], capture_output=True, text=True)
        return result.returncode == 0, result.stderr


def main():
    good = refused = bad = let_through = 0
    for classic in (False, True):
        folder = os.path.join(ROOT, "templates", "classic" if classic else "")
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".yaml") or name.startswith("receipt-"):
                continue
            text = open(os.path.join(folder, name)).read()
            metres = float(re.search(r"scanDistance: ([0-9.]+)(cm|m)", text).group(1))
            metres /= 100 if re.search(r"scanDistance: [0-9.]+cm", text) else 1
            lines = text.split("\n")
            for index, line in enumerate(lines):
                for key in ("labelMinSize", "minSize"):
                    match = re.search(r"\b%s: ([0-9.]+)pt" % key, line)
                    if not match:
                        continue
                    # The element this line belongs to: its text may be on the line before (a wrapped element).
                    start = index
                    while start > 0 and not lines[start].lstrip().startswith("- {"):
                        start -= 1
                    element = " ".join(lines[start:index + 1])
                    limit = floor(element if key == "minSize" else "labelMinSize", metres)
                    size = re.search(r"\b%s: ([0-9.]+)pt" % ("labelSize" if key == "labelMinSize" else "size"), line)
                    above = math.ceil(limit * 10) / 10
                    if size and float(size.group(1)) < above:
                        continue  # the text's own size is its floor: no copy above it
                    for value, should_load in ((above, True), (round(limit - 0.1, 2), False)):
                        copy = lines[:]
                        copy[index] = line[:match.start(1)] + f"{value}" + line[match.end(1):]
                        ok, message = loads("\n".join(copy), classic)
                        if should_load:
                            good += 1
                            refused += not ok
                            if not ok:
                                print("refused:", name, key, value, message.strip()[:160])
                        else:
                            bad += 1
                            let_through += ok
                            if ok:
                                print("let through:", name, key, value, line.strip()[:80])
    print(f"good copies: {good}, refused {refused}; bad copies: {bad}, let through {let_through}")
    sys.exit(1 if refused or let_through else 0)


main()
