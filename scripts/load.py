#!/usr/bin/env python3
"""`make load`: wrk against POST /v1/cards on a release `qrdesk serve` on 127.0.0.1, in bounded request counts.

Prints throughput, latency percentiles and the server's resident memory before and after each round of requests
(it must stay flat). Usage: scripts/load.py [REQUESTS per round, default 10000] [ROUNDS, default 2]. Not a test:
figures depend on the machine; quote them with the command.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "web"))
os.environ.setdefault("QRDESK_BIN", os.path.join(ROOT, ".build", "release", "qrdesk"))
from qrdesk_server import QRDeskServer  # noqa: E402

THREADS, CONNECTIONS = 2, 4


FORMAT = os.environ.get("LOAD_FORMAT", "pdf")


def run_wrk(url, requests):
    folder = tempfile.mkdtemp(prefix="qrdesk-load-")
    marker = os.path.join(folder, "done")
    per_thread = max(1, requests // THREADS)
    wrk = subprocess.Popen(["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", "3600s", "--timeout", "30s",
                            "-s", os.path.join(ROOT, "scripts", "load", "cards.lua"), url + "/v1/cards", "--", str(per_thread), marker, FORMAT],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # wrk sleeps for its whole -d; once every thread has written its marker, SIGINT ends the sleep and wrk reports.
    while sum(os.path.exists(f"{marker}.{index}") for index in range(1, THREADS + 1)) < THREADS:
        if wrk.poll() is not None:
            break
        time.sleep(0.2)
    if wrk.poll() is None:
        wrk.send_signal(signal.SIGINT)
    output = wrk.communicate(timeout=60)[0]
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit("wrk did not report:\n" + output)
    return json.loads(lines[-1])


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with QRDeskServer("--allowed-host", "pay.example.com", "--jobs", os.environ.get("LOAD_JOBS", str(os.cpu_count() or 2))) as server:
        run_wrk(server.url, 200)  # warm up: pools, font caches, allocator
        before = server.rss_kib()
        print(f"load: {server.url}/v1/cards, B&W A5 {FORMAT.upper()} read back before sending; wrk -t{THREADS} -c{CONNECTIONS}; "
              f"{os.cpu_count()} cores; resident memory after warm-up {before / 1024:.1f} MiB")
        for round_number in range(1, rounds + 1):
            result = run_wrk(server.url, requests)
            after = server.rss_kib()
            rate = result["responses"] / result["seconds"] if result["seconds"] > 0 else 0
            print(f"round {round_number}: {result['responses']} responses ({result['non200']} not 200, {result['socketErrors']} socket errors) "
                  f"in {result['seconds']:.1f} s = {rate:.1f} req/s; latency p50 {result['p50ms']:.1f} ms, p90 {result['p90ms']:.1f} ms, "
                  f"p99 {result['p99ms']:.1f} ms, max {result['maxms']:.1f} ms; resident memory {after / 1024:.1f} MiB "
                  f"({(after - before) / 1024:+.1f} MiB since warm-up), {server.status('Threads')} threads")
            if result["non200"] or result["socketErrors"]:
                raise SystemExit("load: some requests failed")


if __name__ == "__main__":
    main()
