#!/usr/bin/env bash
# What only the tests need beyond scripts/install-deps.sh: a real browser for the page tests (Debian's
# chromium and chromium-driver, driven by Selenium from PyPI), openapi-spec-validator for the contract tests,
# and wrk for `make load`.
set -euo pipefail
packages=(chromium chromium-driver wrk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! python3 -c "import selenium, openapi_spec_validator" 2>/dev/null; then
  echo "install-test-deps: installing selenium and openapi-spec-validator for python3"
  python3 -m pip install --quiet selenium openapi-spec-validator 2>/dev/null || python3 -m pip install --quiet --break-system-packages selenium openapi-spec-validator
fi
