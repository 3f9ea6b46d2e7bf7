import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

/// The trust issue's classes of hostile input, each with the input, the expected message, and a check that nothing
/// outside the output folder changed. File-system classes are in TrustFileTests.
@Suite("Trust: arithmetic never traps")
struct ArithmeticTrustTests {
    /// A receipt at every documented limit at once: 2,000 items of 10,000 × 10,000,000 KWD with 100 % tax added,
    /// 100 payments, every text at its longest. It renders, its pages respect PDF's 14,400 pt limit, and the
    /// printed totals are exact (199,999,999,999,998 KWD per the lines, doubled by the tax).
    @Test func receiptAtEveryLimitAtOnceRenders() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let long = { (text: String, count: Int) in String(repeating: text, count: count / text.count + 1).prefix(count)
        }
        let items = (0..<ReceiptLimits.items).map { index in
            HostileReceipts.item(
                index, name: String(long("Ü long service name ", PrintedText.shortLimit)), quantity: "10000",
                price: "10000000.000", discount: "0.001")
        }
        let payments = Array(repeating: HostileReceipts.payment("1000000000.000"), count: ReceiptLimits.payments)
        let extra =
            ", \"footer\": \"\(long("Thank you ", PrintedText.longLimit))\", \"paymentLink\": "
            + "\"https://pay.example.com/p/limits\""
        try sandbox.write(HostileReceipts.document(items: items, payments: payments, extra: extra), to: "limits.json")
        let result = try sandbox.qrdesk(["receipt", "limits.json", "--out", "out", "--format", "pdf"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = sandbox.out.appendingPathComponent("h-1-receipt-80mm.pdf")
        let pages = Receipts.pdfPages([UInt8](try Data(contentsOf: pdf)))
        #expect(
            pages.count > 1 && pages.allSatisfy { $0.height <= 14_400 },
            "\(pages.count) pages, tallest \(pages.map(\.height).max() ?? 0) pt")
        let text = try TestSupport.run("pdftotext", [pdf.path, "-"]).stdout
        #expect(text.contains("KWD399,999,999,999,996.000"), "total")
        #expect(text.contains("KWD399,899,999,999,996.000"), "remaining after 100 payments of 1,000,000,000 KWD")
        #expect(sandbox.outsideIsUntouched)
    }

    /// The checked sums themselves: amounts beyond Int64 are an error value, not a trap.
    @Test func sumsBeyondSixtyFourBitsThrow() throws {
        let kwd = try #require(Currency(code: "KWD"))
        let big = Money(minorUnits: .max - 5, currency: kwd)
        #expect(throws: AmountOverflow.self) { try big.adding(Money(minorUnits: 10, currency: kwd)) }
        #expect(throws: AmountOverflow.self) {
            try Money(minorUnits: .min + 5, currency: kwd).subtracting(Money(minorUnits: 10, currency: kwd))
        }
        #expect(DecimalText("999999999999999")?.scaled(to: 3) == 999_999_999_999_999_000)
        #expect(DecimalText("9999999999999999") == nil, "16 digits are refused before any arithmetic")
    }

    /// Metre-sized and absurd template lengths are refused with the file and field, before any pixel exists.
    @Test(arguments: [
        ("99999999999999mm", "expected a length such as"), ("1999mm", "larger than the 1200mm a page side may be"),
        ("2500mm", "longer than 2000mm"),
    ])
    func absurdTemplateLengthsAreRefused(width: String, message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = try String(
            contentsOf: TestSupport.templatesDirectory.appendingPathComponent("card-a6.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: "id: card-a6", with: "id: huge").replacingOccurrences(
            of: "width: 105mm, height: 148mm", with: "width: \(width), height: 148mm")
        try Data(template.utf8).write(to: folder.appendingPathComponent("huge.yaml"))
        let result = try sandbox.qrdesk([
            "card", "--templates", "mine", "--template", "huge", "--link", TestSupport.sampleLink, "--name", "A",
            "--out", "out",
        ])
        #expect(
            result.status == 1 && result.stderr.contains("mine/huge.yaml: line") && result.stderr.contains("page")
                && result.stderr.contains(message),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.out.path))
    }

    /// In a batch, a bad receipt row fails alone; good rows are written, and a rerun finishes the same way.
    @Test func oneBadRowNeverStopsTheRun() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(HostileReceipts.document(items: [HostileReceipts.item(1, quantity: "10001")]), to: "bad.json")
        try sandbox.write(HostileReceipts.document(items: [HostileReceipts.item(1)]), to: "good.json")
        try sandbox.write("id,receipt\nbad,bad.json\ngood,good.json\nsalon,\n", to: "list.csv")
        for _ in 0..<2 {
            let result = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet"])
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "list.csv: row 2 (id bad): column \"receipt\": bad.json: items[0].quantity: 10001 is above the "
                        + "limit of 10000 per line"
                ), "\(result.stderr)")
            #expect(
                sandbox.outputFiles.contains("good/h-1-receipt-80mm.pdf")
                    && sandbox.outputFiles.contains("manifest.json"))
        }
    }
}

@Suite("Trust: readers never guess")
struct ReaderTrustTests {
    @Test func misspeltTemplateKeyIsNamedWithTheFix() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = try String(
            contentsOf: TestSupport.templatesDirectory.appendingPathComponent("counter-a5.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: "id: counter-a5", with: "id: typo").replacingOccurrences(
            of: "quietZone: 4", with: "quietzone: 6")
        try Data(template.utf8).write(to: folder.appendingPathComponent("typo.yaml"))
        let result = try sandbox.qrdesk(["templates", "--templates", "mine"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "mine/typo.yaml: line 23: elements[4].quietzone: unknown field \"quietzone\"; did you mean "
                    + "\"quietZone\"?"
            ), "\(result.stderr)")
    }

    @Test func misspeltStringKeyIsNamed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let strings = sandbox.root.appendingPathComponent("mine/strings")
        try FileManager.default.createDirectory(at: strings, withIntermediateDirectories: true)
        try Data("hedline: Escanea\n".utf8).write(to: strings.appendingPathComponent("es.yaml"))
        try FileManager.default.copyItem(
            at: TestSupport.templatesDirectory.appendingPathComponent("card-a6.yaml"),
            to: sandbox.root.appendingPathComponent("mine/card-a6.yaml"))
        let result = try sandbox.qrdesk(["templates", "--templates", "mine"])
        #expect(
            result.status == 1
                && result.stderr.contains(
                    "mine/strings/es.yaml: line 1: hedline: unknown text key; did you mean \"headline\"?"),
            "\(result.stderr)")
    }

    /// YAML and JSON lists: an unknown key fails its row with a suggestion; a number where text belongs is refused,
    /// not guessed; the other rows are written. Emoji escaped as Python's json.dumps writes them read as emoji.
    @Test func listRowsAreReadStrictly() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            """
            rows:
              - {id: good, name: Good, link: "https://pay.example.com/p/1"}
              - {id: typo, name: Typo, link: "https://pay.example.com/p/2", tagine: Hair}
              - {id: 017, name: Number, link: "https://pay.example.com/p/3"}
            """, to: "list.yaml")
        let yaml = try sandbox.qrdesk([
            "batch", "list.yaml", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(yaml.status == 1)
        #expect(
            yaml.stderr.contains(
                "rows[1] (line 3) (id typo): column \"tagine\": unknown column \"tagine\"; did you mean \"tagline\"?"),
            "\(yaml.stderr)")
        #expect(
            yaml.stderr.contains(
                "rows[2] (line 4): column \"id\": expected text, got the number 017; write it in quotes"),
            "\(yaml.stderr)")
        #expect(sandbox.outputFiles.contains("good/counter-a5-bw.pdf"))

        try sandbox.write(
            #"[{"id": "emoji", "name": "Salon \ud83d\ude00", "link": "https://pay.example.com/p/4"}]"#, to: "list.json")
        let json = try sandbox.qrdesk([
            "batch", "list.json", "--out", "out2", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let manifest = try #require(Manifest.read(sandbox.root.appendingPathComponent("out2/manifest.json")))
        #expect(manifest.artifacts.map(\.path) == ["emoji/counter-a5-bw.pdf"])
    }

    @Test func unknownCSVColumnIsRefusedButNoteColumnsAreSkipped() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("id,name,link,adress\ns,S,https://pay.example.com/p/1,Main St\n", to: "list.csv")
        let refused = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet"])
        #expect(
            refused.status == 1
                && refused.stderr.contains("header: unknown column \"adress\"; did you mean \"address\"?"),
            "\(refused.stderr)")
        try sandbox.write("id,name,link,_notes\ns,S,https://pay.example.com/p/1,call back\n", to: "notes.csv")
        let noted = try sandbox.qrdesk([
            "batch", "notes.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(noted.status == 0 && noted.stderr.contains("skipping note columns: _notes"), "\(noted.stderr)")
    }

    @Test func yamlCoreSchemaNumbersAreRecognised() throws {
        for text in ["17", "-3", "+4", "0x1F", "0o17", "1.5", ".5", "1e3", "2.5E-3", ".inf", "-.inf", ".nan"] {
            #expect(
                DataField(root: try DataField.parse(Array("v: \(text)".utf8), format: .yaml).node)["v"].node.map {
                    if case .number = $0.value { true } else { false }
                } == true, "\(text)")
        }
        for text in ["yes", "on", "1.2.3", "0x", "e3", "12mm", "."] {
            #expect(
                try DataField.parse(Array("v: \(text)".utf8), format: .yaml)["v"].optionalString() == text, "\(text)")
        }
    }
}

@Suite("Trust: budgets before the work")
struct BudgetTrustTests {
    /// 57 bytes claiming 100,000 × 100,000 pixels: refused from its header, naming the logo, before decoding.
    @Test func logoBombIsRefusedFromItsHeader() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try Data(TestSupport.pngHeader(width: 100_000, height: 100_000)).write(
            to: sandbox.root.appendingPathComponent("bomb.png"))
        let card = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "A", "--logo", "bomb.png", "--out", "out",
        ])
        #expect(
            card.status == 1 && card.stderr.contains("--logo: bomb.png: the logo is 100000 × 100000 pixels"),
            "\(card.stderr)")
        try sandbox.write("id,name,link,logo\nbomb,A,\(TestSupport.sampleLink),bomb.png\n", to: "list.csv")
        let batch = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet"])
        #expect(
            batch.status == 1
                && batch.stderr.contains(
                    "column \"logo\": bomb.png: the logo is 100000 × 100000 "
                        + "pixels"),
            "\(batch.stderr)")
        #expect(!sandbox.outputFiles.contains { $0.hasPrefix("bomb/") })
    }

    @Test func oneResolutionRangeForEveryCommand() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("id,name,link\na,A,\(TestSupport.sampleLink)\n", to: "list.csv")
        let commands = [
            ["card", "--link", TestSupport.sampleLink, "--name", "A"], ["receipt", "x.json"], ["batch", "list.csv"],
        ]
        // Every command reads --dpi by the card request's one rule (`CardKeys.dpi`), and refuses it alike.
        for command in commands {
            let result = try sandbox.qrdesk(command + ["--dpi", "5000", "--out", "out"])
            #expect(
                result.status == 1
                    && result.stderr.contains("--dpi: expected a whole number from 72 to 1200, got 5000"),
                "\(command[0]): \(result.stderr)")
        }
        // At the top of the range a poster would be 1.5 gigabytes of pixels: refused with the resolution that fits.
        let poster = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "A", "--template", "poster-a4", "--format", "png",
            "--dpi", "1200", "--out", "out",
        ])
        #expect(
            poster.status == 1 && poster.stderr.contains("at 1200 dpi is more than 64 megapixels")
                && poster.stderr.contains("set --dpi to 813 or less"), "\(poster.stderr)")
        #expect(sandbox.outputFiles.isEmpty)
    }

    @Test func oversizedInputsAreRefusedWhileReading() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let padding = String(repeating: " ", count: ReceiptLimits.documentBytes)
        try sandbox.write(HostileReceipts.document(items: [HostileReceipts.item(1)]) + padding, to: "big.json")
        let receipt = try sandbox.qrdesk(["receipt", "big.json", "--out", "out"])
        #expect(
            receipt.status == 1 && receipt.stderr.contains("big.json: is larger than 8388608 bytes"),
            "\(receipt.stderr)")
        // Small but dense: 50,000 empty objects are counted before Foundation builds a tree of them.
        try sandbox.write(
            "{\"items\": [" + Array(repeating: "{}", count: 50_000).joined(separator: ",") + "]}", to: "dense.json")
        let dense = try sandbox.qrdesk(["receipt", "dense.json", "--out", "out"])
        #expect(
            dense.status == 1 && dense.stderr.contains("dense.json: holds more than the 40000 values"),
            "\(dense.stderr)")
        // One enormous cell fails its row only, quoting none of it.
        let cell = String(repeating: "x", count: 100_000)
        try sandbox.write(
            "id,name,link\nhuge,\(cell),\(TestSupport.sampleLink)\nok,OK,\(TestSupport.sampleLink)\n", to: "list.csv")
        let batch = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(
            batch.status == 1
                && batch.stderr.contains(
                    "row 2 (id huge): column \"name\": is 100000 bytes; a cell may hold at most 4096"),
            "\(batch.stderr)")
        #expect(batch.stderr.count < 2_000 && sandbox.outputFiles.contains("ok/counter-a5-bw.pdf"))
        let link = try sandbox.qrdesk([
            "card", "--link", "https://pay.example.com/p/" + String(repeating: "a", count: 5_000), "--name", "A",
            "--out", "out",
        ])
        #expect(
            link.status == 1 && link.stderr.contains("a payment link may be at most 2953 bytes")
                && link.stderr.count < 1_000, "\(link.stderr)")
    }
}

@Suite("Trust: names that collide elsewhere, and what prints")
struct NameTrustTests {
    @Test func idsThatCollideOnOtherSystemsAreRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let link = TestSupport.sampleLink
        try sandbox.write(
            "id,name,link\nSalon-1,A,\(link)\nsalon-1,B,\(link)\nCON,C,\(link)\nnul.txt,D,\(link)\n"
                + "com1,E,\(link)\ntrail.,F,\(link)\nbell,G\u{7},\(link)\n",
            to: "list.csv")
        let result = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(result.status == 1)
        for expected in [
            "row 3 (id salon-1): column \"id\": id \"salon-1\" names the same folder as \"Salon-1\" of row 2 on "
                + "case-insensitive systems",
            "row 4 (id CON): column \"id\": id \"CON\" is a device name on Windows",
            "row 5 (id nul.txt): column \"id\": id \"nul.txt\" is a device name on Windows",
            "row 6 (id com1): column \"id\": id \"com1\" is a device name on Windows",
            "row 7 (id trail.): column \"id\": id \"trail.\" ends with \".\"",
            "row 8 (id bell): column \"name\": contains the control character U+0007",
        ] {
            #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
        #expect(sandbox.outputFiles == ["Salon-1/counter-a5-bw.pdf", "manifest.json"])
    }

    @Test func invalidUTF8ArgumentsAreRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.shell(
            "\"$Q\" card --link \(TestSupport.sampleLink) --name \"$(printf 'Caf\\351')\" --out out")
        #expect(result.status == 64 && result.stderr.contains("argument 5 is not valid UTF-8 text"), "\(result.stderr)")
        #expect(sandbox.outputFiles.isEmpty)
    }

    /// Emoji print (from an installed monochrome emoji font, so black-and-white stays 1-bit); a character no font
    /// has is refused with its code point and the element, and nothing is written.
    @Test func missingGlyphsAreRefusedAndEmojiPrint() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let emoji = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "Salon 😀 Luna", "--variant", "bw", "--format", "png",
            "--dpi", "150", "--out", "out",
        ])
        #expect(emoji.status == 0, "\(emoji.stderr)")
        let png = [UInt8](try Data(contentsOf: sandbox.out.appendingPathComponent("salon-luna/counter-a5-bw.png")))
        let header = try #require(TestSupport.pngChunks(png).first { $0.type == "IHDR" })
        #expect(header.body[8] == 1, "bit depth 1: pure black and white")
        #expect(try ZBarDecoder().decode(try PNGDecoder.greyImage(png)) == [TestSupport.sampleLink])
        let missing = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "Salon \u{E000}", "--out", "out2",
        ])
        #expect(
            missing.status == 1 && missing.stderr.contains("business-name: the character U+E000")
                && missing.stderr.contains("is in no installed font"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("out2").path))
    }
}

@Suite("Trust: receipt QR size")
struct ReceiptQRTrustTests {
    /// The balance QR obeys the card rule (0.5 mm, and 4 dots of the 203 dpi head): the longest link the refusal
    /// names fits, one byte more is refused.
    @Test func balanceLinkAtTheBoundary() throws {
        func receipt(_ link: String) -> String {
            HostileReceipts.document(
                currency: "EUR", items: [HostileReceipts.item(1, price: "10.00")],
                extra: ", \"paymentLink\": \"\(link)\"")
        }
        let renderer = ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        func render(_ link: String) throws -> [Artifact] {
            try renderer.render(
                ReceiptRequest(
                    receipt: try ReceiptReader.parse(receipt(link), file: "r.json"), templateID: "receipt-58mm",
                    formats: [.png]))
        }
        let tooLong = "https://pay.example.com/p/" + String(repeating: "a", count: 400)
        var fits = 0
        do { _ = try render(tooLong); Issue.record("a 426-byte link should not fit a 58 mm receipt") } catch let error
            as QRSizeError
        {
            #expect(error.template == "receipt-58mm" && abs(error.printFloorMillimetres - 4 * 25.4 / 203) < 0.0001)
            // Read from 0.3 m, a module needs 0.55 mm: more than the 4 dots (0.50 mm) of the 203 dpi head.
            #expect(abs(error.requiredMillimetres - 0.547) < 0.001)
            #expect(error.description.contains("at most \(error.longestLinkBytes) bytes"))
            fits = error.longestLinkBytes
        }
        let longest = "https://pay.example.com/p/" + String(repeating: "a", count: fits - 26)
        let png = try render(longest)[0].bytes
        #expect(try ZBarDecoder().decode(try PNGDecoder.greyImage(png)) == [longest])
        #expect(throws: QRSizeError.self) { try render(longest + "a") }
    }
}

extension NameTrustTests {
    /// An address typed on two lines (a quoted CSV cell with CR LF, a spreadsheet's Alt+Enter LF, a lone CR)
    /// prints on two lines, in the CLI, the list and the PDF's text; every other control character is still refused.
    @Test func lineBreaksInMultiLineFieldsAreHonoured() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let link = TestSupport.sampleLink
        try sandbox.write(
            "id,name,link,address,tagline\r\ncrlf,Studio Nova,\(link),\"12 Market Street\r\nBristol BS1 "
                + "4DJ\",\"Hair\nColour\"\r\n"
                + "cr,Studio Nova,\(link),\"12 Market Street\rBristol BS1 4DJ\",Care\r\ntab,Studio Nova,\(link),\"12 "
                + "Market\tStreet\",Care\r\n",
            to: "list.csv")
        let result = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(
            result.status == 1
                && result.stderr.contains("row 4 (id tab): column \"address\": contains the control character U+0009"),
            "\(result.stderr)")
        for id in ["crlf", "cr"] {
            let pdf = sandbox.out.appendingPathComponent("\(id)/counter-a5-bw.pdf")
            let text = try TestSupport.run("pdftotext", ["-layout", pdf.path, "-"]).stdout
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.contains("12 Market Street") && lines.contains("Bristol BS1 4DJ"), "\(id): \(text)")
        }
        let card = try sandbox.qrdesk([
            "card", "--link", link, "--name", "Studio Nova", "--address", "12 Market Street\r\nBristol", "--out", "cli",
            "--variant", "bw", "--format", "pdf",
        ])
        #expect(card.status == 0, "\(card.stderr)")
    }
}
