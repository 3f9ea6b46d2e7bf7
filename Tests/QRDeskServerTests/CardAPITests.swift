import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import QRDesk
import QRDeskCore
import QRDeskServer
import TestSupport

/// `POST /v1/cards` and `/healthz` against a live server on 127.0.0.1 (an ephemeral port, started and stopped by
/// each test), and against the router directly for the hostile requests.
@Suite("qrdesk serve: the card API")
struct CardAPITests {
    static let link = ServerFixture.link

    static func app(_ settings: ServerSettings = ServerFixture.defaultSettings) throws -> some ApplicationProtocol {
        try ServerFixture.app(settings)
    }
    static func json(_ object: [String: Any]) throws -> ByteBuffer { try ServerFixture.json(object) }
    static func problem(_ response: TestResponse) throws -> [String: Any] { try ServerFixture.problem(response) }

    /// A live server on loopback: health, then a card in each format, each file read back by `verify`'s audit.
    @Test func liveServerWritesCardsThatVerify() async throws {
        try await Self.app().test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "ok\n")
            }
            for (format, type) in [("pdf", "application/pdf"), ("svg", "image/svg+xml"), ("png", "image/png")] {
                let body = try Self.json([
                    "link": Self.link, "name": "Studio Nova", "format": format, "variant": "bw", "template": "card-a6",
                ])
                try await client.execute(
                    uri: "/v1/cards", method: .post, headers: [.contentType: "application/json"], body: body
                ) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.contentDisposition] == "attachment; filename=\"card-a6-bw.\(format)\"")
                    let report = FileAudit(gates: AuditGates(expect: Self.link, allowedHosts: ["pay.example.com"]))
                        .audit(Array(buffer: response.body), name: format)
                    #expect(report.passed && report.codes.count == 1 && report.codes[0].wrongModules == 0, "\(report)")
                }
            }
            // The format may come from Accept instead.
            try await client.execute(
                uri: "/v1/cards", method: .post, headers: [.accept: "image/svg+xml"],
                body: try Self.json(["link": Self.link, "name": "Studio Nova"])
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/svg+xml")
            }
        }
    }

    /// Each refusal the CLI gives comes back as RFC 9457 problem JSON naming the field, and the server stays healthy.
    /// A JSON body declared as something else (a text/plain or form POST) is refused with 415 and a problem
    /// document, on cards and receipts; undeclared JSON is still read.
    /// A payment code instead of a link: printed byte for byte; one failing lint is a 422 naming `payload`.
    @Test func aPaymentCodeTakesThePlaceOfTheLink() async throws {
        let epc = try PayloadBuilder.build(
            .epc, SchemeFieldValues(["name": "Praxis", "iban": "DE89370400440532013000", "amount": "65", "text": "T1"])
        ).text
        try await Self.app().test(.router) { client in
            let body = try Self.json([
                "payload": epc, "name": "Praxis", "format": "png", "variant": "bw", "template": "card-a6",
            ])
            try await client.execute(
                uri: "/v1/cards", method: .post, headers: [.contentType: "application/json"], body: body
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let report = FileAudit(gates: AuditGates(expect: epc)).audit(Array(buffer: response.body), name: "png")
                #expect(report.passed && report.codes.map(\.scheme) == ["epc"], "\(report)")
                #expect(report.codes.map(\.errorCorrection) == ["M"])
            }
            let broken = try Self.json([
                "payload": epc.replacingOccurrences(of: "DE89370400440532013000", with: "DE89370400440532013001"),
                "name": "Praxis",
            ])
            try await client.execute(
                uri: "/v1/cards", method: .post, headers: [.contentType: "application/json"], body: broken
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.problem(response)
                #expect(problem["field"] as? String == "payload")
                #expect(problem["pointer"] as? String == "/payload")
                #expect(problem["code"] as? String == "payload-invalid")
                #expect((problem["detail"] as? String)?.contains("IBAN") == true, "\(problem)")
            }
        }
    }

    @Test func aBodyDeclaredAsAnotherTypeIs415() async throws {
        let body = ByteBuffer(bytes: Array(#"{"link": "https://pay.example.com/p/1", "name": "Studio Nova"}"#.utf8))
        try await Self.app().test(.router) { client in
            for (path, type) in [
                ("/v1/cards", "text/plain"), ("/v1/cards", "application/x-www-form-urlencoded"),
                ("/v1/receipts", "text/plain"),
            ] {
                try await client.execute(uri: path, method: .post, headers: [.contentType: type], body: body) {
                    response in
                    #expect(response.status == .unsupportedMediaType, "\(path) \(type)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try Self.problem(response)
                    #expect((problem["detail"] as? String)?.contains("declared as \(type)") == true, "\(problem)")
                }
            }
            try await client.execute(
                uri: "/v1/cards", method: .post, headers: [.contentType: "application/json; charset=utf-8"], body: body
            ) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test(arguments: [
        (#"{"link": "https://evil.example/p/1", "name": "X"}"#, "link", "not an allowed host"),
        (#"{"link": "http://pay.example.com/p/1", "name": "X"}"#, "link", "not https"),
        (
            #"{"link": "https://pay.example.com/p/"# + String(repeating: "a", count: 200) + #"", "name": "X"}"#, "link",
            "shorten the link to at most 154 bytes"
        ),
        (
            ##"{"link": "https://pay.example.com/p/1", "name": "X", "accent": "#7C7C7C"}"##, "accent",
            "choose a darker \"accent\""
        ),
        (
            ##"{"link": "https://pay.example.com/p/1", "name": "X", "qrColor": "#BBBBBB"}"##, "qrColor",
            "too little to scan reliably"
        ),
        (
            ##"{"link": "https://pay.example.com/p/1", "name": "X", "colour": "#000000"}"##, "colour",
            "unknown field \"colour\""
        ),
        (
            #"{"link": "https://pay.example.com/p/1", "name": "X", "template": "nope"}"#, "template",
            "no template \"nope\""
        ),
        (#"{"link": "https://pay.example.com/p/1", "name": "X\u0007"}"#, "name", "control character"),
        (#"{"link": "https://pay.example.com/p/1", "name": 12}"#, "name", "expected"),
        (
            #"{"link": "https://pay.example.com/p/1", "name": "<script>alert(1)</script>", "format": "exe"}"#, "format",
            "unknown value \"exe\"; expected pdf, svg, png"
        ),
    ])
    func refusalsNameTheirField(body: String, field: String, message: String) async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/v1/cards", method: .post, body: ByteBuffer(bytes: Array(body.utf8))) {
                response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.problem(response)
                #expect(problem["field"] as? String == field && problem["status"] as? Int == 422)
                #expect((problem["detail"] as? String)?.contains(message) == true, "\(problem)")
                // No command-line option is named over HTTP (it used to say "pass --allow-http", "--accent").
                #expect((problem["detail"] as? String)?.contains(/--[a-z]/) == false, "\(problem)")
                #expect(problem["pointer"] as? String == "/\(field)", "\(problem)")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func hostileRequestsGetCleanAnswers() async throws {
        var settings = ServerSettings(host: "127.0.0.1", port: 0, maximumBodyBytes: 4096)
        settings.token = "0123456789abcdef-test-token"
        try await Self.app(settings).test(.router) { client in
            // No token, a wrong one of the same length, the right one.
            let body = try Self.json(["link": Self.link, "name": "X"])
            try await client.execute(uri: "/v1/cards", method: .post, body: body) { response in
                #expect(response.status == .unauthorized && response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(
                uri: "/v1/cards", method: .post, headers: [.authorization: "Bearer 0123456789abcdef-test-tokeN"],
                body: body
            ) {
                #expect($0.status == .unauthorized)
            }
            let authorized: HTTPFields = [.authorization: "Bearer 0123456789abcdef-test-token"]
            try await client.execute(uri: "/v1/cards", method: .post, headers: authorized, body: body) {
                #expect($0.status == .ok)
            }
            // The health check needs no token.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            // Oversized, not JSON, trailing garbage, deeply nested.
            let big = ByteBuffer(
                bytes: Array("{\"link\": \"\(Self.link)\", \"name\": \"\(String(repeating: "x", count: 5000))\"}".utf8))
            try await client.execute(uri: "/v1/cards", method: .post, headers: authorized, body: big) { response in
                let problem = try Self.problem(response)
                #expect(response.status == .contentTooLarge && problem["status"] as? Int == 413)
            }
            for junk in ["not json", "{\"link\": 1,}", String(repeating: "[", count: 3000)] {
                try await client.execute(
                    uri: "/v1/cards", method: .post, headers: authorized, body: ByteBuffer(bytes: Array(junk.utf8))
                ) { response in
                    #expect(
                        response.status == .unprocessableContent || response.status == .contentTooLarge,
                        "\(junk.prefix(20))")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func settingsRefuseAnOpenAddressWithoutAToken() {
        #expect(ServerSettings(host: "0.0.0.0").problem?.contains("needs a token") == true)
        #expect(ServerSettings(host: "0.0.0.0", token: "short").problem?.contains("at least 16") == true)
        #expect(ServerSettings(host: "0.0.0.0", token: "0123456789abcdef0123").problem == nil)
        #expect(ServerSettings().problem == nil)
    }

    /// A saturated pool refuses at once rather than queueing without bound.
    @Test func saturatedPoolRefuses() async throws {
        let pool = RenderPool(slots: 1, queueLimit: 0)
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        async let first: Int = pool.run {
            started.signal(); gate.wait(); return 1
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait(); continuation.resume()
            }
        }
        await #expect(throws: RenderPool.Saturated.self) { try await pool.run { 2 } }
        gate.signal()
        #expect(try await first == 1)
        #expect(try await pool.run { 3 } == 3)
    }
}
