"""`make install PREFIX=…` gives a binary that finds its templates and pages wherever it runs from.

Run by `make test` (scripts/web-tests.sh) with the debug binary (INSTALL_BIN), into a temporary prefix; the
server is started from / (so no ./templates is near) and serves the page, a card and the OpenAPI document.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qrdesk_server import BINARY, LINK, ROOT, QRDeskServer  # noqa: E402


class InstallTests(unittest.TestCase):
    def test_installed_binary_serves_from_anywhere(self):
        prefix = tempfile.mkdtemp(prefix="qrdesk-prefix-")
        try:
            subprocess.run(["make", "--no-print-directory", "install", f"PREFIX={prefix}", f"INSTALL_BIN={BINARY}"], cwd=ROOT, check=True,
                           capture_output=True)
            self.assertTrue(os.path.exists(os.path.join(prefix, "share", "qrdesk", "templates", "web", "openapi.json")))
            os.environ.pop("QRDESK_TEMPLATES", None)  # found from the binary's place alone
            with QRDeskServer("--allowed-host", "pay.example.com", binary=os.path.join(prefix, "bin", "qrdesk"), cwd="/") as server:
                with urllib.request.urlopen(server.url + "/") as response:
                    self.assertIn("Payment QR for the front desk", response.read().decode())
                with urllib.request.urlopen(server.url + "/receipts") as response:
                    self.assertIn("LUX-2026-7781", response.read().decode())  # the installed example receipt
                request = urllib.request.Request(server.url + "/v1/cards", data=json.dumps({"link": LINK, "name": "Studio Nova"}).encode(),
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request) as response:
                    self.assertEqual(response.headers["Content-Type"], "application/pdf")
        finally:
            shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
