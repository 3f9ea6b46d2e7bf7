import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QRDesk
import QRDeskCore
import QRDeskServer
import Testing
import TestSupport

/// One request vocabulary (`CardKeys`): every key spelled as the table says at every door — `qrdesk card --help`,
/// the list's columns and docs/batch.md, the OpenAPI schema, the web form, docs/request-keys.md — and the same bad
/// value refused alike through the CLI, a list, the API and the page, each door naming the key its own way.
@Suite("One request vocabulary")
struct VocabularyTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyKeyIsSpelledAsTheTableSaysAtEveryDoor() throws {
        let help = try TestSupport.qrdesk(["card", "--help"], in: TestSupport.temporaryDirectory()).stdout
        let batchHelp = try TestSupport.qrdesk(["batch", "--help"], in: TestSupport.temporaryDirectory()).stdout
        let openAPI = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.text("templates/web/openapi.json").utf8)) as? [String: Any]
        )
        let components = try #require(openAPI["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let cardSchema = try #require(schemas["CardRequest"] as? [String: Any])
        let properties = try #require(cardSchema["properties"] as? [String: Any])
        let form = try Self.text("templates/web/cards.mustache")
        let batchDoc = try Self.text("docs/batch.md")
        let keysDoc = try Self.text("docs/request-keys.md")

        #expect(
            Set(properties.keys) == Set(CardKeys.all.map(\.json)), "OpenAPI CardRequest: \(properties.keys.sorted())")
        for key in CardKeys.all {
            // A switch is a flag without a value.
            let option = key.isSwitch ? "--\(key.flag) " : "--\(key.flag) <\(key.valueName)>"
            #expect(help.contains(option), "card --help lacks --\(key.flag)")
            #expect(BatchList.knownColumns.contains(key.column), "lists do not read the column \(key.column)")
            #expect(batchDoc.contains("`\(key.column)`"), "docs/batch.md does not name the column \(key.column)")
            #expect(
                keysDoc.contains(Self.documentedRow(key)), "docs/request-keys.md lacks:\n\(Self.documentedRow(key))")
            if let field = key.formField {
                #expect(form.contains("name=\"\(field)\""), "the card form has no field \(field)")
            }
            // A concrete default is the same in the OpenAPI document as in the table.
            if let property = properties[key.json] as? [String: Any], let documented = property["default"] {
                #expect("\(documented)" == key.defaultValue?.components(separatedBy: ", ").first, "\(key.json) default")
            }
        }
        for key in [CardKeys.template, CardKeys.variant, CardKeys.format, CardKeys.lang, CardKeys.accent, CardKeys.dpi]
        {
            #expect(batchHelp.contains("--\(key.flag) <\(key.valueName)>"), "batch --help lacks --\(key.flag)")
        }
        // The refusal codes are the API's problem codes, each with a headline in the catalog.
        for key in CardKeys.all {
            #expect(StringCatalog.formErrors.contains(key.refusal), "\(key.json): \(key.refusal)")
        }
    }

    /// `qrdesk templates --json` says what the engine does: each card template's longest link is the longest the
    /// renderer plans and one byte more is refused; page sizes in millimetres; every key and printer listed.
    @Test func templatesAsJSONAreWhatTheEngineDoes() throws {
        let result = try TestSupport.qrdesk(["templates", "--json"], in: TestSupport.temporaryDirectory())
        #expect(result.status == 0, "\(result.stderr)")
        let catalog = try JSONDecoder().decode(TemplateCatalog.self, from: Data(result.stdout.utf8))
        let library = try TestSupport.library()
        let renderer = CardRenderer(library: library, creationDate: "2024-01-01T00:00:00Z")
        #expect(
            catalog.cards.map(\.id) == library.cards.keys.sorted() && catalog.requestKeys.count == CardKeys.all.count)
        #expect(catalog.printers.map(\.id) == library.printers.keys.sorted() && catalog.receipts.count == 3)
        for card in catalog.cards {
            func request(_ bytes: Int) throws -> CardRequest {
                let base = "https://pay.example.com/p/"
                let link = try PaymentLink(base + String(repeating: "a", count: bytes - base.utf8.count))
                return CardRequest(content: CardContent(businessName: "A", link: link), templateID: card.id)
            }
            #expect(
                try renderer.plan(for: request(card.longestLinkBytes)).moduleMillimetres >= card.moduleFloorMm - 0.005)
            #expect(throws: QRSizeError.self) { try renderer.plan(for: request(card.longestLinkBytes + 1)) }
            let template = try library.card(card.id)
            #expect(abs(card.pageWidthMm - Length.pt(template.pageSize.width).millimetres) < 0.01)
        }
        let a5 = try #require(catalog.cards.first { $0.id == "counter-a5" })
        #expect(a5.pageWidthMm == 148 && a5.pageHeightMm == 210 && a5.longestLinkBytes == 154)
    }

    /// Receipt keys (`ReceiptKeys`) likewise: `receipt` and `print` help, docs/request-keys.md, the API's query
    /// parameters; and the kit endpoint's defaults are the card keys' columns.
    @Test func receiptAndKitKeysAreSpelledAsTheTableSays() throws {
        let folder = try TestSupport.temporaryDirectory()
        let receiptHelp = try TestSupport.qrdesk(["receipt", "--help"], in: folder).stdout
        let printHelp = try TestSupport.qrdesk(["print", "--help"], in: folder).stdout
        let keysDoc = try Self.text("docs/request-keys.md")
        for key in ReceiptKeys.all {
            #expect(receiptHelp.contains("--\(key.flag) <\(key.valueName)>"), "receipt --help lacks --\(key.flag)")
            #expect(
                keysDoc.contains(Self.documentedRow(key)), "docs/request-keys.md lacks:\n\(Self.documentedRow(key))")
        }
        for key in [ReceiptKeys.template, ReceiptKeys.lang, ReceiptKeys.printerProfile] {
            #expect(printHelp.contains("--\(key.flag) <\(key.valueName)>"), "print --help lacks --\(key.flag)")
        }
        let openAPI = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.text("templates/web/openapi.json").utf8)) as? [String: Any]
        )
        func queryNames(_ path: String) throws -> [String] {
            let paths = try #require(openAPI["paths"] as? [String: [String: [String: Any]]])
            let parameters = try #require(paths[path]?["post"]?["parameters"] as? [[String: Any]])
            return parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
        }
        #expect(try queryNames("/v1/receipts").sorted() == ["format", "lang", "template"])
        let kitDefaults = CardKeys.all.filter {
            ![CardKeys.link, CardKeys.payload, CardKeys.name, CardKeys.logo].contains($0)
        }
        let kitQuery = try queryNames("/v1/kits")
        #expect(Set(kitQuery) == Set(kitDefaults.map(\.column)), "\(kitQuery)")
    }

    /// A bad receipt option is refused alike by `qrdesk receipt`, a list's receipt row and `POST /v1/receipts`.
    @Test(arguments: [(ReceiptKeys.template, "nope"), (ReceiptKeys.lang, "xx")])
    func aBadReceiptOptionIsRefusedAlike(key: RequestKey, value: String) async throws {
        let library = try TestSupport.library()
        let example = TestSupport.packageRoot.appendingPathComponent("examples/receipts/partial-usd-en.json")
        let receipt = try ReceiptReader.parse(String(contentsOf: example, encoding: .utf8), file: "r.json")
        let expected: RequestError
        do {
            _ = try ReceiptOptionsDecoder(library: library, door: .api, formats: [.pdf, .png, .svg])
                .decode(CardRequestDecoder.textValues([key.json: value])) { receipt }
            Issue.record("\(key.json)=\(value) was accepted")
            return
        } catch let error as RequestError { expected = error }
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: example, to: folder.appendingPathComponent("r.json"))
        let cli = try TestSupport.qrdesk(["receipt", "r.json", "--\(key.flag)", value, "--out", "out"], in: folder)
        #expect(cli.status == 1 && cli.stderr.contains(expected.description(for: .commandLine)), "\(cli.stderr)")
        try Data("id,receipt,\(key.column)\nday-1,r.json,\(value)\n".utf8).write(
            to: folder.appendingPathComponent("l.csv"))
        let list = try TestSupport.qrdesk(["batch", "l.csv", "--out", "kit", "--quiet"], in: folder)
        #expect(
            list.stderr.contains("(id day-1): column \"\(key.column)\": \(expected.reason(for: .list))"),
            "\(list.stderr)")
        let body = ByteBuffer(bytes: Array(try Data(contentsOf: example)))
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/receipts?\(key.json)=\(value)", method: .post, body: body) { response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    problem["field"] as? String == key.json
                        && problem["detail"] as? String == expected.reason(for: .api))
            }
        }
    }

    /// The row docs/request-keys.md has for `key`.
    static func documentedRow(_ key: RequestKey) -> String {
        let form = key.formField.map { "`\($0)`" } ?? "—"
        // A key lists do not read (a receipt's printer profile) has no column.
        let column = BatchList.knownColumns.contains(key.column) ? "`\(key.column)`" : "—"
        return
            "| `\(key.json)` | `--\(key.flag)` | \(column) | \(form) | \(key.defaultValue ?? "—") | "
            + "`\(key.refusal)` |"
    }

    /// Bad values, each refused by the engine's decoder once; every door must say that reason about that key.
    static let badValues: [(key: RequestKey, value: String)] = [
        (CardKeys.qrColor, "red"), (CardKeys.accent, "#12345"), (CardKeys.lang, "xx"), (CardKeys.template, "nope"),
        (CardKeys.link, "http://pay.example.com/p/1"), (CardKeys.ecc, "Z"), (CardKeys.variant, "purple"),
        (CardKeys.scanDistance, "far"), (CardKeys.name, "Tab\tbed"),
    ]

    @Test(arguments: badValues.indices)
    func theSameBadValueIsRefusedAlikeAtEveryDoor(index: Int) async throws {
        let (key, value) = Self.badValues[index]
        var values = [CardKeys.link.json: ServerFixture.link, CardKeys.name.json: "Studio Nova"]
        values[key.json] = value
        let library = try TestSupport.library()
        let policy = LinkPolicy(allowsHTTP: false, allowedHosts: ["pay.example.com"])
        // The refusal, from the decoder itself.
        let expected: RequestError
        do {
            _ = try CardRequestDecoder(library: library, linkPolicy: policy, door: .api)
                .decode(CardRequestDecoder.textValues(values))
            Issue.record("\(key.json)=\(value) was accepted")
            return
        } catch { expected = error }
        #expect(expected.key == key)

        // The command line: `--qr-color: …`, with the command-line advice where there is one.
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = ["card", "--out", "out"]
        for (json, text) in values.sorted(by: { $0.key < $1.key }) {
            arguments += ["--\(try #require(CardKeys.key(named: json)).flag)", text]
        }
        let cli = try TestSupport.qrdesk(arguments, in: folder)
        #expect(cli.status == 1 && cli.stderr.contains(expected.description(for: .commandLine)), "\(cli.stderr)")

        // A list: `row 2 (id a): column "qr-color": …`.
        let header = ["id"] + values.keys.sorted().compactMap { CardKeys.key(named: $0)?.column }
        let cells = ["a"] + values.keys.sorted().map { "\"\(values[$0] ?? "")\"" }
        try Data((header.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n").utf8)
            .write(to: folder.appendingPathComponent("list.csv"))
        let list = try TestSupport.qrdesk(["batch", "list.csv", "--out", "kit", "--quiet"], in: folder)
        #expect(
            list.status == 1
                && list.stderr.contains("(id a): column \"\(key.column)\": \(expected.reason(for: .list))"),
            "\(list.stderr)")

        let request = values
        try await ServerFixture.app().test(.router) { client in
            // The API: the key as `field` and `pointer`, the reason with no command-line advice, the key's code.
            try await client.execute(uri: "/v1/cards", method: .post, body: try ServerFixture.json(request)) {
                response in
                let problem = try ServerFixture.problem(response)
                #expect(problem["field"] as? String == key.json && problem["pointer"] as? String == "/\(key.json)")
                #expect(
                    problem["detail"] as? String == expected.reason(for: .api)
                        && problem["code"] as? String == expected.code)
                #expect((problem["detail"] as? String)?.contains(/--[a-z]/) == false, "\(problem)")
            }
            // The page (for keys on the form): beside the field; the language menu's at the top of the form.
            guard let field = key.formField else { return }
            let form = ServerFixture.multipart(
                request.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + [("download", "svg")])
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                if field == CardKeys.lang.json {
                    // The language menu has no slot of its own: the refusal heads the form.
                    let top = html.components(separatedBy: "id=\"card-form\"").dropFirst().first ?? ""
                    #expect(top.prefix(600).contains("role=\"alert\"") && top.contains("no texts for"), "\(html)")
                } else {
                    #expect(
                        ServerFixture.errorSlot(html, field: field)?.contains("role=\"alert\"") == true,
                        "\(field): \(html)")
                }
            }
        }
    }

    /// A kit from the card page whose QR colour is too light: the refusal shows beside the QR colour field (it
    /// showed at the top of the form: the list's column was taken for the form's field name).
    @Test func aKitRefusalShowsBesideItsField() async throws {
        let form = ServerFixture.multipart([
            ("link", ServerFixture.link), ("name", "Studio Nova"), ("qrColor", "#BBBBBB"), ("download", "kit"),
        ])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(
                    ServerFixture.errorSlot(html, field: "qrColor")?.contains("too little to scan reliably") == true,
                    "\(html)")
            }
        }
    }

    /// The warning for an explicit level that costs reach reaches every door that can ask for one, in its words:
    /// the CLI's stderr, a list's notes (the page has no level to choose).
    @Test func theECCWarningReachesTheCommandLineAndLists() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let card = try TestSupport.qrdesk(
            [
                "card", "--link", ServerFixture.link, "--name", "Nova", "--template", "card-a6", "--ecc", "H",
                "--format", "pdf", "--variant", "bw", "--out", "out",
            ], in: folder)
        #expect(card.status == 0 && card.stderr.contains("warning: --ecc H makes the QR modules"), "\(card.stderr)")
        try Data("id,name,link,template,ecc\nnova,Nova,\(ServerFixture.link),card-a6,H\n".utf8)
            .write(to: folder.appendingPathComponent("list.csv"))
        let list = try TestSupport.qrdesk(
            ["batch", "list.csv", "--out", "kit", "--quiet", "--format", "pdf", "--variant", "bw"], in: folder)
        #expect(
            list.status == 0
                && list.stderr.contains("note: list.csv: row 2 (id nova): column \"ecc\" H makes the QR modules"),
            "\(list.stderr)")
    }

    /// The warning the CLI prints for an explicit level that costs reach reaches the API as a header.
    @Test func theECCWarningReachesTheAPI() async throws {
        let body = try ServerFixture.json([
            "link": ServerFixture.link, "name": "Studio Nova", "template": "card-a6", "ecc": "H",
        ])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/v1/cards", method: .post, body: body) { response in
                #expect(response.status == .ok)
                let name = try #require(HTTPField.Name("QRDesk-Warning"))
                let warning = response.headers[name] ?? ""
                #expect(
                    warning.hasPrefix("\"ecc\" H makes the QR modules 1.71 mm instead of 2.12 mm at level L")
                        && warning.contains("phones read the card from 0.94 m instead of 1.16 m"), "\(warning)")
            }
            // No warning when the level costs nothing.
            let plain = try ServerFixture.json([
                "link": ServerFixture.link, "name": "Studio Nova", "template": "card-a6",
            ])
            try await client.execute(uri: "/v1/cards", method: .post, body: plain) { response in
                let name = try #require(HTTPField.Name("QRDesk-Warning"))
                #expect(response.status == .ok && response.headers[name] == nil)
            }
        }
    }
}
