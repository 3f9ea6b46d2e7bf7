import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QRDesk
import QRDeskCore
import QRDeskServer
import Testing
import TestSupport
import ZIPFoundation

/// Receipts, kits, verify and the OpenAPI document over HTTP; hostile requests get clean 4xx answers.
@Suite("qrdesk serve: receipts, kits, verify")
struct APITests {
    static let receipt = TestSupport.packageRoot.appendingPathComponent("examples/receipts/partial-usd-en.json")

    @Test func receiptsComeBackInEveryFormatAndReadBack() async throws {
        let document = ByteBuffer(bytes: try Array(Data(contentsOf: Self.receipt)))
        try await ServerFixture.app().test(.router) { client in
            for (template, format, type) in [
                ("receipt-80mm", "pdf", "application/pdf"), ("receipt-58mm", "png", "image/png"),
                ("receipt-a4", "svg", "image/svg+xml"),
            ] {
                try await client.execute(
                    uri: "/v1/receipts?template=\(template)&format=\(format)", method: .post,
                    headers: [.contentType: "application/json"], body: document
                ) { response in
                    #expect(
                        response.status == .ok && response.headers[.contentType] == type,
                        "\(template) \(format): \(String(buffer: response.body).prefix(300))")
                    let report = FileAudit(gates: AuditGates(expect: "https://pay.example.com/p/Lx7rT2aQ9m")).audit(
                        Array(buffer: response.body), name: format)
                    #expect(report.passed && report.codes.count == 1, "\(report)")
                }
            }
            // A wrong value is named by its path in the document.
            var json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: Self.receipt)) as? [String: Any])
            json["currency"] = "EUE"
            try await client.execute(uri: "/v1/receipts", method: .post, body: try ServerFixture.json(json)) {
                response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    response.status == .unprocessableContent && problem["field"] as? String == "document"
                        && problem["code"] as? String == "document")
                #expect((problem["detail"] as? String)?.contains("currency") == true, "\(problem)")
            }
            try await client.execute(uri: "/v1/receipts?template=counter-a5", method: .post, body: document) {
                response in
                let problem = try ServerFixture.problem(response)
                #expect(problem["field"] as? String == "template")
            }
        }
    }

    static let list = """
        id,name,link,template
        nova,Studio Nova,https://pay.example.com/p/Xk9fA2,card-a6
        luna,Salón Luna,https://pay.example.com/p/Lu7nA9sE2q,
        phish,Phish,https://evil.example/p/1,
        """

    @Test func kitsHoldGoodRowsAndListFailedOnes() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/v1/kits?template=sticker-100&formats=pdf", method: .post, headers: [.contentType: "text/csv"],
                body: ByteBuffer(string: Self.list)
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
                let failedRows = try #require(HTTPField.Name("QRDesk-Failed-Rows"))
                #expect(response.headers[failedRows] == "1")
                let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
                #expect(
                    archive.map(\.path).sorted() == [
                        "luna/sticker-100-bw.pdf", "luna/sticker-100-color.pdf", "manifest.json",
                        "nova/card-a6-bw.pdf", "nova/card-a6-color.pdf",
                    ])
                let manifest = try #require(archive["manifest.json"])
                var bytes: [UInt8] = []
                _ = try archive.extract(manifest) { bytes += $0 }
                let failures = try #require(
                    (try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])?["failures"]
                        as? [[String: Any]])
                #expect(
                    failures.count == 1 && failures[0]["id"] as? String == "phish"
                        && (failures[0]["message"] as? String)?.contains("not an allowed host") == true)
                // The kit made in memory is the kit `qrdesk batch` writes for the same list: the same files, byte
                // for byte, and the same manifest entries.
                let folder = try TestSupport.temporaryDirectory("qrdesk-kit")
                defer { try? FileManager.default.removeItem(at: folder) }
                try Data(Self.list.utf8).write(to: folder.appendingPathComponent("list.csv"))
                let batch = try TestSupport.qrdesk(
                    [
                        "batch", "list.csv", "--out", "kit", "--quiet", "--template", "sticker-100", "--format", "pdf",
                        "--allowed-host", "pay.example.com",
                    ], in: folder)
                #expect(batch.status == 1, "\(batch.stderr)")
                let written = try #require(Manifest.read(folder.appendingPathComponent("kit/manifest.json")))
                let served = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
                #expect(written.artifacts.map(\.path) == served.artifacts.map(\.path))
                #expect(written.artifacts.map(\.sha256) == served.artifacts.map(\.sha256))
                for entry in served.artifacts {
                    var file: [UInt8] = []
                    _ = try archive.extract(try #require(archive[entry.path])) { file += $0 }
                    #expect(Array(try Data(contentsOf: folder.appendingPathComponent("kit/\(entry.path)"))) == file)
                }
            }
            // Lists over HTTP name no files; the type must be a list's; the row budget holds.
            try await client.execute(
                uri: "/v1/kits", method: .post, headers: [.contentType: "text/csv"],
                body: ByteBuffer(string: "id,name,link,logo\na,A,\(ServerFixture.link),/etc/passwd\n")
            ) { response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    response.status == .unprocessableContent
                        && (problem["detail"] as? String)?.contains("names only files sent with it") == true)
            }
            try await client.execute(
                uri: "/v1/kits", method: .post, headers: [.contentType: "application/x-sh"],
                body: ByteBuffer(string: Self.list)
            ) { response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    response.status == .unsupportedMediaType && problem["code"] as? String == "unsupported-media-type")
            }
        }
        var settings = ServerFixture.defaultSettings
        settings.maximumKitRows = 2
        try await ServerFixture.app(settings).test(.router) { client in
            try await client.execute(
                uri: "/v1/kits", method: .post, headers: [.contentType: "text/csv"], body: ByteBuffer(string: Self.list)
            ) { response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    response.status == .contentTooLarge && (problem["detail"] as? String)?.contains("at most 2") == true
                )
            }
        }
    }

    @Test func verifyReportsLikeTheCommandLine() async throws {
        try await ServerFixture.app().test(.router) { client in
            var card: [UInt8] = []
            try await client.execute(
                uri: "/v1/cards", method: .post,
                body: try ServerFixture.json(["link": ServerFixture.link, "name": "Studio Nova"])
            ) {
                card = Array(buffer: $0.body)
            }
            for (query, passed) in [
                ("expect=\(ServerFixture.link)", true), ("expect=https://pay.example.com/p/other", false),
                ("minModule=5", false),
            ] {
                try await client.execute(
                    uri: "/v1/verify?\(query)", method: .post, headers: [.contentType: "application/pdf"],
                    body: ByteBuffer(bytes: card)
                ) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "application/json")
                    let report = try #require(
                        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(report["passed"] as? Bool == passed, "\(query): \(report)")
                    let file = try #require((report["files"] as? [[String: Any]])?.first)
                    #expect((file["codes"] as? [[String: Any]])?.first?["payload"] as? String == ServerFixture.link)
                }
            }
            try await client.execute(uri: "/v1/verify?minModule=-1", method: .post, body: ByteBuffer(bytes: card)) {
                response in
                let problem = try ServerFixture.problem(response)
                #expect(response.status == .unprocessableContent && problem["field"] as? String == "minModule")
            }
            try await client.execute(uri: "/v1/verify", method: .post, body: ByteBuffer(string: "not an image")) {
                response in
                let report = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(response.status == .ok && report["passed"] as? Bool == false)
            }
        }
    }

    /// `press: true` answers with the press file; `POST /v1/preflight` passes it under x1a and names every rule
    /// the screen PDF breaks, and passes that one under qr-only.
    @Test func pressFilesAndPreflightOverHTTP() async throws {
        try await ServerFixture.app().test(.router) { client in
            var files: [Bool: [UInt8]] = [:]
            for press in [false, true] {
                var request: [String: Any] = [
                    "link": ServerFixture.link, "name": "Studio Nova", "variant": "color", "format": "pdf",
                    "press": press,
                ]
                if press { request.merge(["bleed": 3, "cropMarks": true, "outputCondition": "FOGRA51"]) { $1 } }
                try await client.execute(uri: "/v1/cards", method: .post, body: try ServerFixture.json(request)) {
                    response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let disposition = response.headers[.contentDisposition] ?? ""
                    #expect(disposition.contains(press ? "counter-a5-color-press.pdf" : "counter-a5-color.pdf"))
                    files[press] = Array(buffer: response.body)
                }
            }
            for (press, profile, passed, rules) in [
                (true, "x1a", true, [String]()), (false, "x1a", false, ["boxes", "colour-space", "output-intent"]),
                (false, "qr-only", true, []),
            ] {
                try await client.execute(
                    uri: "/v1/preflight?profile=\(profile)", method: .post, headers: [.contentType: "application/pdf"],
                    body: ByteBuffer(bytes: files[press] ?? [])
                ) { response in
                    #expect(response.status == .ok)
                    let report = try #require(
                        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(report["passed"] as? Bool == passed, "\(profile): \(report)")
                    let file = try #require((report["files"] as? [[String: Any]])?.first)
                    let found = Set((file["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
                    #expect(Set(rules).isSubset(of: found), "\(found)")
                    #expect((file["codes"] as? [[String: Any]])?.first?["payload"] as? String == ServerFixture.link)
                }
            }
            for (uri, body, field) in [
                ("/v1/preflight?profile=x9", files[true] ?? [], "profile"),
                ("/v1/preflight", Array("nope".utf8), "file"),
            ] {
                try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: "application/pdf"], body: ByteBuffer(bytes: body)
                ) { response in
                    let problem = try ServerFixture.problem(response)
                    #expect(response.status == .unprocessableContent && problem["field"] as? String == field)
                }
            }
            // A press option without press is refused, naming its key.
            try await client.execute(
                uri: "/v1/cards", method: .post,
                body: try ServerFixture.json(["link": ServerFixture.link, "name": "Studio Nova", "bleed": 3])
            ) { response in
                let problem = try ServerFixture.problem(response)
                #expect(response.status == .unprocessableContent && problem["field"] as? String == "bleed")
            }
        }
    }

    /// The document served is the one committed with the card request's enums from the loaded templates (the
    /// same as `qrdesk templates --json`), and every operation in it is routed.
    @Test func openAPIDocumentIsServed() async throws {
        let committed = try Data(contentsOf: TestSupport.templatesDirectory.appendingPathComponent("web/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: committed) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]]).map { ($0.key, Array($0.value.keys)) }
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let served = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let catalog = TemplateCatalog(library: try TestSupport.library())
                func cardProperties(_ document: [String: Any]) -> [String: [String: Any]] {
                    let components = document["components"] as? [String: Any]
                    let schemas = components?["schemas"] as? [String: Any]
                    let card = schemas?["CardRequest"] as? [String: Any]
                    return card?["properties"] as? [String: [String: Any]] ?? [:]
                }
                let properties = cardProperties(served)
                #expect(properties["template"]?["enum"] as? [String] == catalog.cards.map(\.id))
                #expect(properties["lang"]?["enum"] as? [String] == catalog.languages)
                #expect(properties["format"]?["enum"] as? [String] == ["pdf", "svg", "png", "escpos"])
                #expect(properties["variant"]?["enum"] as? [String] == ["color", "bw", "colour"])
                // Everything else is the committed document.
                var servedRest = served
                var committedRest = try #require(try JSONSerialization.jsonObject(with: committed) as? [String: Any])
                servedRest["components"] = nil
                committedRest["components"] = nil
                #expect(NSDictionary(dictionary: servedRest).isEqual(to: committedRest))
            }
            for (path, methods) in paths {
                for method in methods {
                    try await client.execute(uri: path, method: method == "get" ? .get : .post, body: ByteBuffer()) {
                        response in
                        #expect(response.status != .notFound, "\(method) \(path) is documented but not routed")
                    }
                }
            }
        }
    }

    /// Hostile forms: no boundary, too many parts, not a form, a path for a name; the server stays healthy.
    @Test func hostileFormsGetCleanAnswers() async throws {
        try await ServerFixture.app().test(.router) { client in
            let cases: [(String, String, ByteBuffer, HTTPResponse.Status)] = [
                ("/cards/download", "multipart/form-data", ByteBuffer(string: "--x\r\n"), .badRequest),
                ("/cards/download", "multipart/form-data; boundary=\"\"", ByteBuffer(string: "--\r\n"), .badRequest),
                ("/cards/download", "application/json", ByteBuffer(string: "{}"), .unsupportedMediaType),
                (
                    "/cards/download", "application/x-www-form-urlencoded",
                    ByteBuffer(string: String(repeating: "a=1&", count: 100)), .badRequest
                ),
                ("/cards/download", "application/x-www-form-urlencoded", ByteBuffer(string: "link=%ZZ"), .badRequest),
                (
                    "/kits/download", "application/x-www-form-urlencoded", ByteBuffer(string: "template=card-a6"),
                    .unprocessableContent
                ),
            ]
            for (path, type, body, status) in cases {
                try await client.execute(uri: path, method: .post, headers: [.contentType: type], body: body) {
                    response in
                    #expect(response.status == status, "\(path) \(type): \(response.status)")
                }
            }
            let many = ServerFixture.multipart((0..<100).map { ("f\($0)", "x") })
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: many.contentType], body: many.body
            ) {
                #expect($0.status == .badRequest)
            }
            // A list uploaded under a path-like name is read by its extension only; the name goes nowhere.
            let list = ServerFixture.multipart(
                [],
                files: [
                    ("list", "../../../etc/cron.d/list.csv", Array("id,name,link\nn,N,\(ServerFixture.link)\n".utf8))
                ])
            try await client.execute(
                uri: "/kits/download", method: .post, headers: [.contentType: list.contentType], body: list.body
            ) { response in
                #expect(
                    response.status == .ok
                        && response.headers[.contentDisposition] == "attachment; filename=\"kit.zip\"")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
