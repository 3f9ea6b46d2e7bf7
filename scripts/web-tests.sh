#!/usr/bin/env bash
# The web tests `make test` runs after the Swift suite: the HTTP API against its OpenAPI document, then the pages
# in a real browser. Each starts its own `qrdesk serve` on 127.0.0.1 (an ephemeral port) and stops it, also on
# failure (Tests/web/qrdesk_server.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --web-tests
python3 Tests/web/test_contract.py
python3 Tests/web/test_front_desk.py
python3 Tests/web/test_install.py
