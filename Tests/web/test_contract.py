"""The HTTP API against its OpenAPI 3.1 document (templates/web/openapi.json), on a live server on 127.0.0.1.

Run by `make test` (scripts/web-tests.sh). The document itself must be valid OpenAPI 3.1 (openapi-spec-validator).
Then every request sent — the document's own examples, values its schemas forbid, hostile bodies — must get a
status the operation documents, with a documented Content-Type, and a JSON body valid against the documented
schema (jsonschema, draft 2020-12, references resolved in the document). Refusals must name the field the
schema says is wrong. The server must be healthy at the end.
"""
import json
import os
import socket
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

import jsonschema
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qrdesk_server import BINARY, LINK, ROOT, QRDeskServer  # noqa: E402

DOCUMENT_PATH = os.path.join(ROOT, "templates", "web", "openapi.json")
with open(DOCUMENT_PATH) as file:
    DOCUMENT = json.load(file)
TOKEN = "contract-test-token-0123456789"
SERVER = None


def setUpModule():
    global SERVER
    SERVER = QRDeskServer("--allowed-host", "pay.example.com").__enter__()


def tearDownModule():
    if SERVER:
        SERVER.stop()


def send(method, path, body=None, content_type=None, headers=None, server=None):
    request = urllib.request.Request((server or SERVER).url + path, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def schema_validator(schema):
    # The schema is checked as a fragment of the document, so "#/components/…" references resolve.
    registry = Registry().with_resource("urn:qrdesk", Resource.from_contents(DOCUMENT, default_specification=DRAFT202012))
    rewritten = json.loads(json.dumps(schema).replace('"#/components/', '"urn:qrdesk#/components/'))
    return jsonschema.Draft202012Validator(rewritten, registry=registry, format_checker=jsonschema.FormatChecker())


class Contract(unittest.TestCase):
    def check(self, method, path, status, headers, body):
        """The answer is one the document promises for this operation."""
        operation = DOCUMENT["paths"][path.split("?")[0]][method.lower()]
        responses = operation["responses"]
        self.assertIn(str(status), responses, f"{method} {path} answered {status}, which the document does not list: {body[:300]!r}")
        documented = responses[str(status)]
        if "$ref" in documented:
            documented = DOCUMENT["components"]["responses"][documented["$ref"].split("/")[-1]]
        content = documented.get("content", {})
        media = (headers.get("Content-Type") or "").split(";")[0].strip()
        self.assertIn(media, content, f"{method} {path} {status}: Content-Type {media} is not documented ({list(content)})")
        schema = content[media].get("schema")
        if media.endswith("json") and schema:
            errors = sorted(schema_validator(schema).iter_errors(json.loads(body)), key=lambda error: error.path)
            self.assertEqual([], [f"{list(error.path)}: {error.message}" for error in errors], f"{method} {path} {status}")
        for header, spec in documented.get("headers", {}).items():
            if spec.get("required"):
                self.assertIsNotNone(headers.get(header), f"{method} {path} {status}: documented header {header} missing")
        return json.loads(body) if media.endswith("json") else body

    def test_document_is_valid_openapi_31(self):
        validate_openapi(DOCUMENT)
        self.assertEqual(DOCUMENT["openapi"], "3.1.0")

    def test_examples_succeed(self):
        for path, operations in DOCUMENT["paths"].items():
            for method, operation in operations.items():
                content = operation.get("requestBody", {}).get("content", {})
                for media, spec in content.items():
                    for name, example in spec.get("examples", {}).items():
                        status, headers, body = send(method.upper(), path, json.dumps(example["value"]).encode(), media)
                        self.assertEqual(status, 200, f"{path} example {name}: {body[:300]!r}")
                        self.check(method.upper(), path, status, headers, body)

    def test_card_values_the_schema_forbids_are_refused_naming_their_field(self):
        schema = DOCUMENT["components"]["schemas"]["CardRequest"]
        base = {"link": LINK, "name": "Studio Nova"}
        cases = [({**base, "colour": "#000000"}, "colour")]  # additionalProperties: false
        for key in schema["required"]:
            cases.append(({k: v for k, v in base.items() if k != key}, key))
        for key, property_schema in schema["properties"].items():
            if "enum" in property_schema:
                cases.append(({**base, key: "not-in-the-enum"}, key))
            if property_schema.get("type") == "string":
                cases.append(({**base, key: 12}, key))
            if "maxLength" in property_schema:
                cases.append(({**base, key: "x" * (property_schema["maxLength"] + 1)}, key))
            if property_schema.get("type") == "integer":
                cases.append(({**base, key: property_schema["maximum"] + 1}, key))
        cases.append(({**base, "link": "https://evil.example/p/1"}, "link"))  # the server's allowed host
        self.assertGreater(len(cases), 15)
        for document, field in cases:
            status, headers, body = send("POST", "/v1/cards", json.dumps(document).encode(), "application/json")
            problem = self.check("POST", "/v1/cards", status, headers, body)
            self.assertEqual(status, 422, f"{document}: {problem}")
            self.assertEqual(problem["field"], field, f"{document}: {problem}")

    def test_hostile_requests_get_documented_answers(self):
        with open(os.path.join(ROOT, "examples", "receipts", "partial-usd-en.json"), "rb") as file:
            receipt = file.read()
        cases = [
            ("POST", "/v1/cards", b"{" * 20000, "application/json", (400, 413, 422)),
            ("POST", "/v1/cards", b"\xff\xfe not utf-8", "application/json", (422,)),
            ("POST", "/v1/cards", json.dumps({"link": LINK, "name": "A", "logo": "A" * 100}).encode(), "application/json", (422,)),
            ("POST", "/v1/receipts?template=../../etc/passwd", receipt, "application/json", (422,)),
            ("POST", "/v1/receipts?format=exe", receipt, "application/json", (422,)),
            ("POST", "/v1/receipts", b"[]", "application/json", (422,)),
            ("POST", "/v1/kits", b"id,name,link\n", "text/csv", (422,)),
            ("POST", "/v1/kits", b"<script>", "text/html", (415,)),
            ("POST", "/v1/kits?template=nope", f"id,name,link\na,A,{LINK}\n".encode(), "text/csv", (200,)),
            ("POST", "/v1/verify?minModule=abc", b"%PDF-1.7", "application/pdf", (422,)),
            ("POST", "/v1/verify", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", (200,)),
        ]
        for method, path, body, media, expected in cases:
            status, headers, answer = send(method, path, body, media)
            self.assertIn(status, expected, f"{path} with {body[:40]!r}: {status} {answer[:200]!r}")
            self.check(method, path, status, headers, answer)
        status, _, body = send("GET", "/healthz")
        self.assertEqual((status, body), (200, b"ok\n"))

    def test_oversized_body_is_refused_before_it_is_sent(self):
        # A client declaring 64 MiB and sending the first 64 KiB gets 413 at once (the server reads no more).
        host, port = SERVER.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as connection:
            connection.sendall(b"POST /v1/cards HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                               + f"Content-Length: {64 << 20}\r\n\r\n".encode() + b"x" * 65536)
            answer = b""
            while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < 20:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head, body = answer.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        headers = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[1:]}
        status = int(lines[0].split()[1])
        self.assertEqual(status, 413)
        length = int(headers.get("Content-Length", len(body)))
        self.check("POST", "/v1/cards", status, headers, body[:length])
        self.assertEqual(send("GET", "/healthz")[0], 200)

    def test_token_is_required_when_configured(self):
        os.environ["QRDESK_TOKEN"] = TOKEN
        try:
            with QRDeskServer("--allowed-host", "pay.example.com") as guarded:
                card = json.dumps({"link": LINK, "name": "Studio Nova"}).encode()
                for headers in [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic " + TOKEN}]:
                    status, answer_headers, body = send("POST", "/v1/cards", card, "application/json", headers, server=guarded)
                    self.assertEqual(status, 401)
                    self.check("POST", "/v1/cards", status, answer_headers, body)
                status, answer_headers, body = send("POST", "/v1/cards", card, "application/json", {"Authorization": "Bearer " + TOKEN}, server=guarded)
                self.assertEqual(status, 200)
                self.check("POST", "/v1/cards", status, answer_headers, body)
                self.assertEqual(send("GET", "/healthz", server=guarded)[0], 200)
        finally:
            del os.environ["QRDESK_TOKEN"]

    def test_served_document_is_the_committed_one(self):
        # The card request's enums come from the loaded templates, as `qrdesk templates --json` lists them.
        status, headers, body = send("GET", "/openapi.json")
        served = json.loads(body)
        catalog = json.loads(subprocess.run([BINARY, "templates", "--json"], check=True, capture_output=True,
                                            cwd=ROOT).stdout)
        properties = served["components"]["schemas"]["CardRequest"]["properties"]
        self.assertEqual(properties["template"]["enum"], [card["id"] for card in catalog["cards"]])
        self.assertEqual(properties["lang"]["enum"], catalog["languages"])
        self.assertEqual(properties["format"]["enum"], catalog["formats"])
        committed = json.loads(json.dumps(DOCUMENT))
        for key in ("template", "lang", "variant", "format"):
            for document in (served, committed):
                prop = document["components"]["schemas"]["CardRequest"]["properties"][key]
                prop.pop("enum", None)
                prop.pop("examples", None)
        self.assertEqual(served, committed)
        self.check("GET", "/openapi.json", status, headers, body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
