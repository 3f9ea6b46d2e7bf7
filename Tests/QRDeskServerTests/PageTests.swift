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

/// The browser pages, through the router: policy headers, escaping, refusals beside their field in the form's
/// language, downloads that read back as the link, and Show QR's code.
@Suite("qrdesk serve: the pages")
struct PageTests {
    static let pages = [
        "/", "/show", "/receipts", "/kits",
        "/show?link=https%3A%2F%2Fpay.example.com%2Fp%2FXk9fA2&name=Studio&amount=45.50&currency=EUR",
    ]

    /// Every page: a strict policy, scripts only from files (no inline script, no handlers, no inline style).
    @Test func everyPageHasAStrictPolicyAndNoInlineScript() async throws {
        try await ServerFixture.app().test(.router) { client in
            for page in Self.pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(
                        policy.contains("script-src 'self'") && policy.contains("default-src 'none'")
                            && !policy.contains("unsafe"), "\(policy)")
                    let referrerPolicy = try #require(HTTPField.Name("Referrer-Policy"))
                    #expect(response.headers[referrerPolicy] == "no-referrer")
                    let html = String(buffer: response.body)
                    let scripts = html.components(separatedBy: "<script").dropFirst()
                    #expect(
                        !scripts.isEmpty
                            && scripts.allSatisfy { $0.hasPrefix(" src=\"/static/") && $0.contains("></script>") },
                        "\(page)")
                    #expect(
                        html.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil,
                        "an inline handler in \(page)")
                    #expect(!html.contains(" style=\""), "an inline style in \(page)")
                    // Every input and select has a label.
                    let controls = Self.ids(of: ["input", "select", "textarea"], in: html)
                    #expect(
                        !controls.isEmpty || !html.contains("<form"), "\(page): a form whose controls were not found")
                    for id in controls {
                        #expect(html.contains("<label for=\"\(id)\""), "\(page): #\(id) has no label")
                    }
                }
            }
            for file in ["style.css", "app.js"] {
                try await client.execute(uri: "/static/\(file)", method: .get) { #expect($0.status == .ok) }
            }
            for path in ["/static/..%2F..%2Fetc%2Fpasswd", "/static/../Package.swift", "/static/openapi.json"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .notFound, "\(path)") }
            }
        }
    }

    static func ids(of tags: [String], in html: String) -> [String] {
        tags.flatMap { tag in
            html.components(separatedBy: "<\(tag) ").dropFirst().compactMap { rest -> String? in
                // Only the tag itself: an element without an id (a hidden input) has none to report.
                let element = rest.prefix { $0 != ">" }
                guard element.range(of: #"type="hidden""#, options: .regularExpression) == nil,
                    let range = element.range(of: #"id="([^"]+)""#, options: .regularExpression)
                else { return nil }
                return String(element[range].dropFirst(4).dropLast())
            }
        }
    }

    /// Script in every field comes back as text, never as markup.
    @Test func userStringsAreEscapedEverywhere() async throws {
        let script = "\"><script>alert(1)</script><img src=x onerror=alert(2)>"
        try await ServerFixture.app().test(.router) { client in
            let fields =
                CardFormFields.all.map { ($0, $0 == "link" ? "https://evil.example/\(script)" : script) } + [
                    ("download", "svg")
                ]
            let form = ServerFixture.multipart(fields)
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(
                    !html.contains("<script>alert") && !html.contains("<img src=x")
                        && html.contains("&lt;script&gt;alert(1)"))
            }
            let query = script.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try await client.execute(
                uri: "/show?link=\(query)&name=\(query)&visit=\(query)&amount=\(query)", method: .get
            ) { response in
                let html = String(buffer: response.body)
                #expect(
                    response.status == .unprocessableContent && !html.contains("<script>alert")
                        && html.contains("&lt;script&gt;"))
            }
            let receipt = ServerFixture.multipart([("document", script), ("download", "pdf")])
            try await client.execute(
                uri: "/receipts/download", method: .post, headers: [.contentType: receipt.contentType],
                body: receipt.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(
                    response.status == .unprocessableContent && !html.contains("<script>alert")
                        && html.contains("&lt;script&gt;"))
            }
        }
    }

    enum CardFormFields { static let all = ["link", "name", "tagline", "address", "accent", "qrColor"] }

    /// Each refusal the CLI gives appears beside its field, its headline and its detail in the page's language — the
    /// reader's, not the card's, which is printed in English here — (the refusal's own words where the catalog has
    /// them — a link's host, quoted —, else its kind's explanation and fix); in English, the engine's exact detail.
    @Test(arguments: [
        (
            "ru", [("link", "https://evil.example/p/1")], "link",
            "Ссылка ведёт на недопустимый домен.",
            "ведёт на «evil.example» — это не разрешённый домен"
        ),
        (
            "de", [("accent", "#7C7C7C")], "accent", "Die Akzentfarbe ist für den Text zu hell.",
            "Wählen Sie eine dunklere Akzentfarbe"
        ),
        (
            "es", [("link", "https://pay.example.com/p/" + String(repeating: "a", count: 200))], "link",
            "El enlace es demasiado largo para esta plantilla.", "Use un enlace más corto"
        ),
        (
            "fr", [("qrColor", "#BBBBBB")], "qrColor",
            "La couleur du QR n’a pas assez de contraste pour être scannée.",
            "Choisissez une couleur de QR plus foncée"
        ),
        ("he", [("name", "")], "name", "לא ניתן להשתמש בערך הזה.", "בדקו את השדה"),
        ("en", [("template", "../../etc/passwd")], "template", "This template does not exist.", "no template"),
        (
            "pt", [("name", "Studio \u{1FAE8}")], "name", "Nenhuma fonte instalada imprime um caractere deste texto.",
            "Remova o caractere que nenhuma fonte consegue imprimir"
        ),
    ])
    func refusalsAppearBesideTheirField(
        lang: String, overrides: [(String, String)], field: String, headline: String, detail: String
    ) async throws {
        var values = ["link": ServerFixture.link, "name": "Studio Nova", "lang": "en", "download": "color-pdf"]
        for (key, value) in overrides { values[key] = value }
        let form = ServerFixture.multipart(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/cards/download", method: .post,
                headers: [.contentType: form.contentType, .cookie: "qrdesk-lang=\(lang)"], body: form.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                let message = try #require(ServerFixture.errorSlot(html, field: field), "no slot for \(field)")
                #expect(message.contains("<strong>\(headline)</strong>") && message.contains(detail), "\(message)")
                #expect(message.contains("lang=\"\(lang)\""))
                #expect(
                    html.contains("id=\"\(field)\"")
                        && html.components(separatedBy: "aria-invalid=\"true\"").count == 2, "one field marked invalid")
            }
        }
    }

    /// The print-shop button downloads the colour variant's press file: PDF/X-1a that preflight passes.
    @Test func thePrintShopButtonDownloadsThePressFile() async throws {
        let form = ServerFixture.multipart([
            ("link", ServerFixture.link), ("name", "Studio Nova"), ("download", "press-pdf"),
        ])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("counter-a5-color-press.pdf") == true)
                let report = Preflight().check(Array(buffer: response.body), name: "download.pdf")
                #expect(report.passed && report.codes.map(\.payload) == [ServerFixture.link], "\(report.findings)")
            }
        }
    }

    /// A logo bomb (57 bytes claiming 100,000² pixels) is refused from its header, beside the logo field.
    @Test func logoBombIsRefusedBesideTheLogo() async throws {
        let form = ServerFixture.multipart(
            [("link", ServerFixture.link), ("name", "Studio Nova"), ("download", "png")],
            files: [("logo", "bomb.png", TestSupport.pngHeader(width: 100_000, height: 100_000))])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(ServerFixture.errorSlot(html, field: "logo")?.contains("100000 × 100000 pixels") == true)
            }
        }
    }

    /// The scheme picker builds the code with `payload build`'s builder: the download carries that code (verify
    /// names its scheme), a wrong field is refused beside the payment code, and the kit takes it as its column.
    @Test func theSchemePickerBuildsThePrintedCode() async throws {
        let fields = [
            ("scheme", "pix"), ("pix.key", "11144477735"), ("pix.name", "Salao Bela"), ("pix.city", "SAO PAULO"),
            ("pix.amount", "80"), ("name", "Salão Bela"), ("template", "card-a6"),
        ]
        let expected = try PayloadBuilder.build(
            .pix,
            SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "80"])
        ).text
        try await ServerFixture.app().test(.router) { client in
            let page = ServerFixture.multipart(fields + [("download", "png")])
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: page.contentType], body: page.body
            ) { response in
                #expect(response.status == .ok)
                let report = FileAudit(gates: AuditGates(expect: expected)).audit(
                    Array(buffer: response.body), name: "card.png")
                #expect(report.passed, "\(report)")
                #expect(report.codes.map(\.scheme) == ["pix"])
            }
            let bad = ServerFixture.multipart(
                fields.map { $0.0 == "pix.key" ? ($0.0, "11144477736") : $0 } + [("download", "png")])
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: bad.contentType], body: bad.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                let message = try #require(ServerFixture.errorSlot(html, field: "payload"))
                #expect(message.contains("PIX: key: 11144477736 fails the CPF check digits"), "\(message)")
                // The picker keeps what was typed.
                #expect(html.contains("value=\"11144477736\""))
                #expect(html.contains("<option value=\"pix\" selected>"))
            }
            // In Portuguese, the refusal names the field as the picker labels it.
            try await client.execute(
                uri: "/cards/download", method: .post,
                headers: [.contentType: bad.contentType, .cookie: "qrdesk-lang=pt"], body: bad.body
            ) { response in
                let message = try #require(ServerFixture.errorSlot(String(buffer: response.body), field: "payload"))
                #expect(
                    message.contains("PIX: confira estes campos — Chave PIX: dígitos do CPF/CNPJ"), "\(message)")
            }
            let kit = ServerFixture.multipart(fields + [("download", "kit")])
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: kit.contentType], body: kit.body
            ) { response in
                #expect(response.status == .ok)
                let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
                let pdf = try #require(archive["card/card-a6-color.pdf"])
                var bytes: [UInt8] = []
                _ = try archive.extract(pdf) { bytes += $0 }
                #expect(FileAudit(gates: AuditGates(expect: expected)).audit(bytes, name: "kit.pdf").passed)
            }
        }
    }

    /// The receipt form: the document it makes is read by the receipt reader; the totals come from the server's
    /// money code; the PDF prints them; an overpayment is refused beside the payments; the form downloads as JSON.
    @Test func theReceiptFormMakesTheReceiptItShows() async throws {
        let fields = [
            ("mode", "form"), ("location-name", "Studio Nova"), ("number", "R-42"), ("visit-date", "2026-12-06T14:30"),
            ("visit-offset", "+01:00"), ("currency", "EUR"), ("tax-system", "vat"), ("tax-mode", "included"),
            ("item.0.kind", "service"), ("item.0.name", "Haircut"), ("item.0.quantity", "1"),
            ("item.0.unitPrice", "45.00"), ("item.0.taxRate", "19"), ("item.1.kind", "product"),
            ("item.1.name", "Shampoo"), ("item.1.quantity", "2"), ("item.1.unitPrice", "12.50"),
            ("item.1.discount", "2.50"), ("item.1.taxRate", "19"), ("item.2.name", ""),
            ("payment.0.method", "card"), ("payment.0.amount", "50.00"),
            ("paymentLink", ServerFixture.link),
        ]
        try await ServerFixture.app().test(.router) { client in
            let totals = ServerFixture.multipart(fields)
            try await client.execute(
                uri: "/receipts/totals", method: .post, headers: [.contentType: totals.contentType], body: totals.body
            ) { response in
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])
                #expect(json["total"]?.contains("67.50") == true, "\(json)")
                #expect(json["paid"]?.contains("50.00") == true && json["balance"]?.contains("17.50") == true)
            }
            let pdf = ServerFixture.multipart(fields + [("download", "pdf")])
            try await client.execute(
                uri: "/receipts/download", method: .post, headers: [.contentType: pdf.contentType], body: pdf.body
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
                let folder = try TestSupport.temporaryDirectory()
                defer { try? FileManager.default.removeItem(at: folder) }
                let file = folder.appendingPathComponent("receipt.pdf")
                try Data(buffer: response.body).write(to: file)
                let text = try TestSupport.run("pdftotext", ["-layout", file.path, "-"]).stdout
                for expected in ["Studio Nova", "Haircut", "Shampoo", "67.50", "17.50"] {
                    #expect(text.contains(expected), "\(expected) in\n\(text)")
                }
                let report = FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(
                    Array(buffer: response.body), name: "receipt.pdf")
                #expect(report.passed, "\(report)")
            }
            let json = ServerFixture.multipart(fields + [("download", "json")])
            try await client.execute(
                uri: "/receipts/download", method: .post, headers: [.contentType: json.contentType], body: json.body
            ) { response in
                #expect(response.headers[.contentType] == "application/json")
                let receipt = try ReceiptReader.parse(Array(buffer: response.body), file: "receipt.json")
                #expect(receipt.items.count == 2 && receipt.totals.balance.minorUnits == 1750)
            }
            let overpaid = ServerFixture.multipart(
                fields.map { $0.0 == "payment.0.amount" ? ($0.0, "80.00") : $0 } + [("download", "pdf")])
            try await client.execute(
                uri: "/receipts/download", method: .post, headers: [.contentType: overpaid.contentType],
                body: overpaid.body
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                let message = try #require(ServerFixture.errorSlot(html, field: "payments"))
                #expect(message.contains("more than the total"), "\(message)")
                // The form comes back as it was typed.
                #expect(html.contains("value=\"Shampoo\"") && html.contains("value=\"80.00\""))
            }
        }
    }

    /// Each download button's file reads back as the link; the kit holds every file and a manifest.
    @Test func downloadsReadBackAsTheLink() async throws {
        try await ServerFixture.app().test(.router) { client in
            for (choice, type, name) in [
                ("color-pdf", "application/pdf", "card-a6-color.pdf"), ("bw-pdf", "application/pdf", "card-a6-bw.pdf"),
                ("svg", "image/svg+xml", "card-a6-color.svg"), ("png", "image/png", "card-a6-color.png"),
            ] {
                let form = ServerFixture.multipart([
                    ("link", ServerFixture.link), ("name", "Studio Nova"), ("template", "card-a6"),
                    ("download", choice),
                ])
                try await client.execute(
                    uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
                ) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == type)
                    #expect(response.headers[.contentDisposition] == "attachment; filename=\"\(name)\"")
                    let report = FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(
                        Array(buffer: response.body), name: name)
                    #expect(report.passed && report.codes.count == 1 && report.codes[0].wrongModules == 0, "\(report)")
                }
            }
            let form = ServerFixture.multipart([
                ("link", ServerFixture.link), ("name", "Studio Nova"), ("download", "kit"),
            ])
            try await client.execute(
                uri: "/cards/download", method: .post, headers: [.contentType: form.contentType], body: form.body
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
                let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
                let names = archive.map(\.path).sorted()
                #expect(
                    names == [
                        "card/counter-a5-bw.pdf", "card/counter-a5-bw.png", "card/counter-a5-color.pdf",
                        "card/counter-a5-color.png",
                        "card/counter-a5-color.svg", "manifest.json",
                    ])
                for entry in archive where !entry.path.hasSuffix(".json") {
                    var bytes: [UInt8] = []
                    _ = try archive.extract(entry) { bytes += $0 }
                    #expect(
                        FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(bytes, name: entry.path).passed,
                        "\(entry.path)")
                }
            }
        }
    }

    /// Previews are PNGs at screen resolution (96 dpi): A5 is 559 × 794 pixels, and its code still decodes.
    @Test func previewIsAtScreenResolution() async throws {
        let form = ServerFixture.multipart([("link", ServerFixture.link), ("name", "Studio Nova")])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(
                uri: "/cards/preview?template=counter-a5&variant=bw", method: .post,
                headers: [.contentType: form.contentType], body: form.body
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
                let bytes = Array(buffer: response.body)
                let header = try #require(ImageHeader(bytes))
                #expect(header.width == 559 && header.height == 794, "\(header)")
                #expect(
                    FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(bytes, name: "preview.png").codes
                        .first?.payload == ServerFixture.link)
            }
            let bad = ServerFixture.multipart([
                ("link", "https://evil.example/p/1"), ("name", "Studio Nova"), ("lang", "en"),
            ])
            // The problem in the page's language (the browser's here), not the card's.
            try await client.execute(
                uri: "/cards/preview?template=counter-a5&variant=bw", method: .post,
                headers: [.contentType: bad.contentType, .acceptLanguage: "de-DE,de;q=0.9"], body: bad.body
            ) { response in
                let problem = try ServerFixture.problem(response)
                #expect(
                    problem["field"] as? String == "link"
                        && problem["title"] as? String == "Dieser Link führt zu einem nicht erlaubten Host.")
            }
        }
    }

    /// The new formats are offered on the page and preview with their codes: a tent's sheet (both panels'), a slip
    /// (its printer's dots), an appointment card (both sides side by side, the code on the back), 4 × 6 and DL
    /// inserts.
    @Test(arguments: [
        ("tent-a6", 2), ("slip-80mm", 1), ("slip-58mm", 1), ("appointment-card", 1), ("stand-4x6", 1), ("insert-dl", 1),
    ])
    func newFormatsAreOfferedAndPreview(template: String, codes: Int) async throws {
        let form = ServerFixture.multipart([("link", ServerFixture.link), ("name", "Studio Nova")])
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("value=\"\(template)\""))
            }
            try await client.execute(
                uri: "/cards/preview?template=\(template)&variant=color", method: .post,
                headers: [.contentType: form.contentType], body: form.body
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
                let report = FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(
                    Array(buffer: response.body), name: "preview.png")
                #expect(report.codes.count == codes && report.codes.allSatisfy { $0.payload == ServerFixture.link })
            }
        }
    }

    /// Show QR: the code drawn in the page decodes as the link with its quiet zone; another host is refused.
    @Test func showQRScansAsTheLink() async throws {
        let query =
            "link=https%3A%2F%2Fpay.example.com%2Fp%2FXk9fA2&name=Studio%20Nova"
            + "&amount=45.5&currency=EUR&visit=Haircut&lang=de"
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/show?\(query)", method: .get) { response in
                let html = String(buffer: response.body)
                // German money: a decimal comma and the sign after a no-break space.
                #expect(
                    response.status == .ok && html.contains("45,50\u{A0}€") && html.contains("Scannen und bezahlen")
                        && html.contains("lang=\"de\""))
                let start = try #require(html.range(of: "<svg"))
                let end = try #require(html.range(of: "</svg>"))
                // Sized for the reader as a browser would size it on a tablet: 10 px per module.
                let svg = String(html[start.lowerBound..<end.upperBound]).replacingOccurrences(
                    of: "<svg ", with: "<svg width=\"370\" height=\"370\" ")
                let report = FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(
                    Array(svg.utf8), name: "show.svg")
                #expect(
                    report.passed && report.codes.first?.quietZoneModules ?? 0 >= 4
                        && report.codes.first?.wrongModules == 0, "\(report)")
            }
            try await client.execute(uri: "/show?link=https%3A%2F%2Fevil.example%2Fp%2F1", method: .get) { response in
                #expect(
                    response.status == .unprocessableContent
                        && String(buffer: response.body).contains("not an allowed host"))
            }
            try await client.execute(
                uri: "/show?link=https%3A%2F%2Fpay.example.com%2Fp%2F1&amount=4.555&currency=EUR", method: .get
            ) { response in
                #expect(
                    response.status == .unprocessableContent
                        && String(buffer: response.body).contains("has 3 decimals, but EUR has 2 decimals"))
            }
        }
    }
}
