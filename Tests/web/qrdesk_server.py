"""A qrdesk server for the web tests: started on 127.0.0.1 with an ephemeral port, always stopped.

    with QRDeskServer() as server:
        urllib.request.urlopen(server.url + "/healthz")

The server is the debug build `make test` just built (QRDESK_BIN overrides). It listens on loopback only;
stopping sends SIGTERM (the graceful path) and kills it if it has not exited within 10 s.
"""
import os
import re
import signal
import subprocess
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("QRDESK_BIN", os.path.join(ROOT, ".build", "debug", "qrdesk"))
LINK = "https://pay.example.com/p/Xk9fA2"


class QRDeskServer:
    def __init__(self, *arguments, binary=None, cwd=ROOT):
        self.arguments = list(arguments) or ["--allowed-host", "pay.example.com"]
        self.binary = binary or BINARY
        self.cwd = cwd
        self.process = None
        self.url = None
        self.log = []

    def __enter__(self):
        self.process = subprocess.Popen([self.binary, "serve", "--host", "127.0.0.1", "--port", "0", *self.arguments], cwd=self.cwd,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # The first line naming the port; the rest of the log is kept for failures.
        found = threading.Event()

        def read():
            for line in self.process.stdout:
                self.log.append(line)
                match = re.search(r"serving on (http://127\.0\.0\.1:\d+)", line)
                if match and not found.is_set():
                    self.url = match.group(1)
                    found.set()
            found.set()

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()
        if not found.wait(60) or self.url is None:
            self.stop()
            raise RuntimeError("qrdesk serve did not start:\n" + "".join(self.log))
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout and not self.process.stdout.closed:
            self.reader.join(5)
            self.process.stdout.close()

    def status(self, field):
        """A number from /proc/PID/status: VmRSS (KiB), Threads."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def rss_kib(self):
        """Resident memory of the server process."""
        return self.status("VmRSS")


def verify(path, *gates):
    """`qrdesk verify` on a file (poppler, librsvg or the PNG decoder, then zbar): (passed, output)."""
    result = subprocess.run([BINARY, "verify", path, *gates], cwd=ROOT, capture_output=True, text=True)
    return result.returncode == 0, result.stdout + result.stderr
