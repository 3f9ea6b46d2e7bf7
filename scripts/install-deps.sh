#!/usr/bin/env bash
# Installs the Debian packages qrdesk builds, runs and tests with, when any is missing.
#   libraries: libqrencode (encode), cairo (PDF/SVG/PNG), pango (text), zbar (decode), zlib (PNG),
#              poppler-glib and librsvg (read every written PDF and SVG back; gdk-pixbuf, which librsvg brings, reads JPEG photos)
#              liblcms2 (press files: sRGB accents to the press's CMYK through libgs-common's CMYK profile), libqpdf (preflight reads any PDF)
#   fonts: Liberation Sans (the Swiss QR-bill's payment part: a sans serif its guidelines allow) + DejaVu + Noto (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, …) + Noto CJK + Symbola (monochrome emoji
#          outlines, so the black-and-white variant stays pure), so no script prints as boxes
#   test tools: poppler-utils (pdftoppm, pdfinfo, pdfimages, pdftotext), librsvg2-bin (rsvg-convert), zbar-tools (zbarimg), qpdf,
#               ghostscript (renders press files' separations: gs -sDEVICE=tiffsep),
#               mupdf-tools (mutool: a second PDF text extractor, for right-to-left text, which pdftotext reorders),
#               python3 (zipfile, to read bundles back) with pip's jsonschema (to check the receipt schema)
#               cups (a private cupsd and lp for the print-through-CUPS test; the socket backend ships in cups)
#               other encoders for verify's tests: Debian's qrencode (the CLI) and PyPI's segno
#               independent payment-code implementations for the scheme tests: PyPI's qrbill (Swiss QR-bill),
#               python-stdnum and schwifty (IBAN, ISO 11649, CPF/CNPJ, QR reference) and promptpay; segno's EPC helper;
#               zxing-cpp (with pillow), the decoder that reads Swiss QR-bill codes through their cross
#               pikepdf (an independent PDF library: scripts/preflight-corpus.py damages press files with it)
#   with --web-tests (make test, make load): a real browser for the page tests (Debian's chromium and
#               chromium-driver, driven by Selenium from PyPI), openapi-spec-validator for the contract tests, wrk
set -euo pipefail
packages=(
  pkg-config libqrencode-dev libcairo2-dev libpango1.0-dev libzbar-dev zlib1g-dev libpoppler-glib-dev librsvg2-dev
  liblcms2-dev libqpdf-dev libgs-common ghostscript
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola fonts-liberation2
  poppler-utils librsvg2-bin zbar-tools qpdf mupdf-tools python3 python3-pip cups qrencode
)
python_modules=(jsonschema rfc3339-validator segno qrbill python-stdnum schwifty promptpay zxing-cpp pillow pikepdf)
python_imports="import jsonschema, rfc3339_validator, segno, qrbill, stdnum, schwifty, promptpay, zxingcpp, PIL, pikepdf"
if [ "${1:-}" = "--web-tests" ]; then
  packages+=(chromium chromium-driver wrk)
  python_modules+=(selenium openapi-spec-validator)
  python_imports+=", selenium, openapi_spec_validator"
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
# The receipt schema test checks qrdesk's reader against a real JSON Schema validator (with RFC 3339 date-times).
if ! python3 -c "$python_imports" 2>/dev/null; then
  echo "install-deps: installing ${python_modules[*]} for python3"
  python3 -m pip install --quiet "${python_modules[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${python_modules[@]}"
fi
command -v swift >/dev/null || { echo "install-deps: Swift 6 is required (swift not on PATH)" >&2; exit 1; }
