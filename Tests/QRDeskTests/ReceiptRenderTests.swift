import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

enum Receipts {
    static let examples = TestSupport.packageRoot.appendingPathComponent("examples/receipts")

    static func example(_ name: String) throws -> Receipt {
        try ReceiptReader.parse(
            try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8), file: name)
    }

    static func render(
        _ receipt: Receipt, template: String = "receipt-80mm", formats: [OutputFormat] = [.pdf],
        language: String? = nil,
        dpi: Int = 300
    ) throws -> [Artifact] {
        try ReceiptRenderer(library: Cards.library, creationDate: "2024-01-01T00:00:00Z")
            .render(
                ReceiptRequest(receipt: receipt, templateID: template, formats: formats, language: language, dpi: dpi))
    }

    /// An example laid out on `template` in `language` (the receipt's own by default), without its codes.
    static func layout(
        _ example: String, template id: String = "receipt-80mm", language: String? = nil, itemCodes: Bool = false
    ) throws -> Document {
        let library = try Cards.library
        var template = try library.receipt(id)
        template.itemCodes = itemCodes
        let receipt = try Receipts.example(example)
        let layout = ReceiptLayout(
            template: template, receipt: receipt, strings: library.strings,
            language: language ?? receipt.language ?? "en", measurer: try PangoTextShaper(), balanceQR: nil,
            fiscalQR: nil)
        return try layout.document(metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))
    }

    static func pdfPages(_ pdf: [UInt8]) -> [(width: Double, height: Double)] {
        String(decoding: pdf, as: UTF8.self).matches(of: /\/MediaBox \[ 0 0 ([0-9.]+) ([0-9.]+) \]/).map {
            (Double($0.1)!, Double($0.2)!)
        }
    }

    /// A receipt with `count` item lines, to exercise long rolls and pagination.
    static func long(count: Int) throws -> Receipt {
        let items = (1...count).map { index in
            """
            { "kind": "product",
              "name": "Product number \(index) with a name long enough to wrap onto a second line on a thermal roll",
              "sku": "SKU-\(index)", "quantity": "1", "unitPrice": "1.\(index % 100 < 10 ? "0" : "")\(index % 100)",
              "tax": { "system": "vat", "rate": "20" } }
            """
        }.joined(separator: ",")
        let json = """
            { "number": "LONG-\(count)", "visit": { "id": "V", "date": "2026-11-21T10:00:00Z" },
              "location": { "name": "Warehouse" },
              "currency": "EUR", "items": [\(items)], "payments": [], "paymentLink": "https://pay.example.com/p/long" }
            """
        return try ReceiptReader.parse(json, file: "long.json")
    }
}

@Suite("Receipt rendering")
struct ReceiptRenderTests {
    @Test(arguments: [("receipt-80mm", 576, 80.0), ("receipt-58mm", 384, 58.0)])
    func thermalOutputMatchesTheRoll(template: String, dots: Int, millimetres: Double) throws {
        let artifacts = try Receipts.render(
            try Receipts.example("partial-usd-en.json"), template: template, formats: [.pdf, .png])
        // PDF: exactly the roll's width, one page as tall as the content.
        let pages = Receipts.pdfPages(artifacts[0].bytes)
        #expect(pages.count == 1)
        #expect(abs(pages[0].width - Length.mm(millimetres).points) < 0.001)
        #expect(pages[0].height > 300 && pages[0].height < 2000)
        // PNG: the printer's native width in dots, 203 dpi recorded, 1-bit.
        let chunks = TestSupport.pngChunks(artifacts[1].bytes)
        let header = chunks[0].body
        #expect(header[0..<4].reduce(0) { $0 << 8 | Int($1) } == dots)
        // …as tall as the roll laid out for the printer's dots (hinted metrics make it a little longer than the PDF).
        let receipt = try Receipts.example("partial-usd-en.json"), library = try Cards.library
        let dotLayout = ReceiptLayout(
            template: try library.receipt(template), receipt: receipt, strings: library.strings, language: "en",
            measurer: try PangoTextShaper(deviceScale: 203.0 / 72),
            balanceQR: try QREncoder().encode(try #require(receipt.paymentLink).text, level: .medium),
            fiscalQR: nil)
        let dotHeight = try dotLayout.document(metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))
            .pages[0].size.height
        #expect(header[4..<8].reduce(0) { $0 << 8 | Int($1) } == Int((dotHeight / 72 * 203).rounded()))
        #expect(dotHeight >= pages[0].height && dotHeight < pages[0].height * 1.15)
        #expect(header[8] == 1 && header[9] == 0)
        #expect(
            // 7992 px/m = 203 dpi
            Array(try #require(chunks.first { $0.type == "pHYs" }).body) == [0, 0, 0x1F, 0x38, 0, 0, 0x1F, 0x38, 1])
        // Nothing is cut at the roll's edge: the outermost printed columns are blank paper.
        let image = try PNGDecoder.greyImage(artifacts[1].bytes)
        let edgeInk = (0..<image.height).filter {
            image[0, $0] != 255 || image[1, $0] != 255 || image[image.width - 1, $0] != 255
                || image[image.width - 2, $0] != 255
        }
        #expect(edgeInk.isEmpty, "ink at the printable edge on rows \(edgeInk.prefix(5))")
        // And the balance QR scans from the 1-bit thermal image.
        #expect(try ZBarDecoder().decode(image) == ["https://pay.example.com/p/Lx7rT2aQ9m"])
    }

    @Test func balanceAndFiscalQRsDecodeToTheirPayloads() throws {
        let fiscal = try Receipts.render(try Receipts.example("fiscal-rub-ru.json"), formats: [.pdf])
        let decoded = try ZBarDecoder().decode(try TestSupport.rasterizePDF(fiscal[0].bytes, dpi: 200))
        #expect(decoded == ["t=20261121T1420&s=9250.00&fn=9999078900004792&i=12345&fp=3522207165&n=1"])
        let partial = try Receipts.render(
            try Receipts.example("giftcard-eur-de.json"), template: "receipt-a4", formats: [.pdf])
        #expect(
            try ZBarDecoder().decode(try TestSupport.rasterizePDF(partial[0].bytes, dpi: 100)) == [
                "https://pay.example.com/p/We8bR3pX1z"
            ])
    }

    @Test func paidReceiptShowsPaidAndNoQR() throws {
        let receipt = try Receipts.example("paid-eur-en.json")
        let artifacts = try Receipts.render(receipt, formats: [.svg])
        let svg = String(decoding: artifacts[0].bytes, as: UTF8.self)
        #expect(svg.contains("<g id=\"paid\"><title>PAID</title>"))
        #expect(!svg.contains("balance-qr") && !svg.contains("fiscal-qr"))
        #expect(svg.contains("<title>Payment confirmation, not a fiscal receipt</title>"))
        #expect(svg.contains("<title>Maria K., +** **** *** 42 17</title>"))
        #expect(svg.contains("<title>2026-11-21 15:30</title>"))  // the visit date, not a payment time
        #expect(try ZBarDecoder().decode(try TestSupport.rasterizeSVG(artifacts[0].bytes)).isEmpty)
    }

    @Test func languageFormatsMoneyAndLabels() throws {
        let receipt = try Receipts.example("partial-usd-en.json")
        let french = String(
            decoding: try Receipts.render(receipt, formats: [.svg], language: "fr")[0].bytes, as: UTF8.self)
        #expect(french.contains("<title>Reste à payer : 79,71\u{00A0}$</title>"))
        let english = String(decoding: try Receipts.render(receipt, formats: [.svg])[0].bytes, as: UTF8.self)
        #expect(english.contains("<title>Remaining: $79.71</title>"))
        // A tax system the catalog names prints under its name in the language, not as an upper-cased id.
        #expect(english.contains("<title>sales tax 8.875%</title>"))
        #expect(french.contains("<title>taxe de vente 8.875 %</title>"))
    }

    /// Golden files: byte-for-byte; re-recorded only with QRDESK_RECORD_GOLDENS=1 (see `Golden`).
    @Test(arguments: [
        ("paid-eur-en.json", [OutputFormat.png]), ("partial-kwd-ar.json", [.svg, .png]), ("fiscal-rub-ru.json", [.png]),
    ])
    func rendersMatchGoldens(example: String, formats: [OutputFormat]) throws {
        let artifacts = try Receipts.render(try Receipts.example(example), formats: formats)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Goldens/receipts")
        for artifact in artifacts {
            if let mismatch = try Golden.mismatch(
                artifact.bytes, golden: folder.appendingPathComponent(artifact.fileName))
            {
                Issue.record(Comment(rawValue: mismatch))
            }
        }
        // And a second render in the same process is identical, PDF included.
        let again = try Receipts.render(try Receipts.example(example), formats: [.pdf, .svg, .png])
        let once = try Receipts.render(try Receipts.example(example), formats: [.pdf, .svg, .png])
        let identical = again.map(\.bytes) == once.map(\.bytes)
        #expect(identical)
    }

    @Test func twoHundredLinesMakeALongRollAndSeveralA4Pages() throws {
        let receipt = try Receipts.long(count: 200)
        let roll = try Receipts.render(receipt, formats: [.pdf])[0].bytes
        let rollPages = Receipts.pdfPages(roll)
        #expect(rollPages.count == 1 && rollPages[0].height > 200 * 20)
        let sheet = try Receipts.render(receipt, template: "receipt-a4", formats: [.pdf, .png], dpi: 100)
        let sheetPages = Receipts.pdfPages(sheet[0].bytes)
        #expect(sheetPages.count >= 4)
        #expect(sheetPages.allSatisfy { abs($0.width - 595.2756) < 0.001 && abs($0.height - 841.8898) < 0.001 })
        #expect(
            sheet.filter { $0.format == .png }.map(\.fileName)
                == (1...sheetPages.count).map { "long-200-receipt-a4-p\($0).png" })
        for (name, pdf) in [("roll", roll), ("sheet", sheet[0].bytes)] {
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(pdf).write(to: folder.appendingPathComponent("r.pdf"))
            let info = try TestSupport.run("pdfinfo", [folder.appendingPathComponent("r.pdf").path])
            #expect(info.status == 0 && info.stderr.isEmpty, "\(name): \(info.stderr)")
            #expect(info.stdout.contains("Pages:           \(name == "roll" ? 1 : sheetPages.count)"))
        }
        // The balance QR sits on the last page and scans there.
        let lastPage = try #require(sheet.last { $0.format == .png })
        #expect(
            try ZBarDecoder().decode(try PNGDecoder.greyImage(lastPage.bytes)) == ["https://pay.example.com/p/long"])
    }

    /// Every example on every receipt template: the PDF is the template's width, its text (read back by poppler)
    /// carries the receipt number and the total, and a balance QR, when there is one, scans to the link.
    @Test(arguments: [
        "paid-eur-en.json", "partial-usd-en.json", "products-gbp.json", "giftcard-eur-de.json", "paid-jpy.json",
        "partial-kwd-ar.json", "fiscal-rub-ru.json",
    ])
    func everyExampleRendersOnEveryTemplate(example: String) throws {
        let receipt = try Receipts.example(example)
        let widths = ["receipt-80mm": 80.0, "receipt-58mm": 58.0, "receipt-a4": 210.0]
        for (template, millimetres) in widths.sorted(by: { $0.key < $1.key }) {
            let pdf = try Receipts.render(receipt, template: template, formats: [.pdf])[0].bytes
            let pages = Receipts.pdfPages(pdf)
            #expect(
                !pages.isEmpty && pages.allSatisfy { abs($0.width - millimetres * 72 / 25.4) < 0.01 },
                "\(template): \(pages)")
            let folder = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(pdf).write(to: folder.appendingPathComponent("r.pdf"))
            let text = try TestSupport.run("pdftotext", ["-layout", folder.appendingPathComponent("r.pdf").path, "-"])
                .stdout
            let total = MoneyFormatter(language: receipt.language ?? "en").format(receipt.totals.total)
            #expect(text.contains(receipt.number), "\(template): no receipt number in \(text.prefix(200))")
            // Spaces (no-break or not) and bidi marks are how pdftotext and the formatter differ, not what was printed.
            func bare(_ text: String) -> String {
                String(
                    String.UnicodeScalarView(
                        text.unicodeScalars.filter {
                            !$0.properties.isWhitespace && $0.properties.generalCategory != .format
                        }))
            }
            // A right-to-left receipt may extract as "KWD 44.000" for "44.000 KWD": the amount and its currency, in
            // either order.
            let symbol = receipt.totals.total.currency.symbol,
                amount = bare(total.replacingOccurrences(of: symbol, with: ""))
            #expect(
                bare(text).contains(amount + symbol) || bare(text).contains(symbol + amount),
                "\(template): no total \(total)")
            if let link = receipt.paymentLink {
                #expect(
                    try ZBarDecoder().decode(try TestSupport.rasterizePDF(pdf, dpi: 200)).contains(link.text),
                    "\(template): balance QR")
            }
        }
    }
}

@Suite("Right-to-left receipts")
struct RightToLeftReceiptTests {
    /// Dates, times and the masked phone keep their left-to-right order inside an Arabic row ("2026-11-21 18:30",
    /// not "18:30 2026-11-21"): each value, drawn as the receipt draws it, inks the same columns as the same
    /// characters set left to right on their own.
    @Test(arguments: ["visit-date", "client", "payment-1"])
    func leftToRightDataKeepsItsOrder(_ name: String) throws {
        let document = try Receipts.layout("partial-kwd-ar.json", language: "ar")
        let suffix = name == "payment-1" ? "-details" : "-amount"
        let item = try #require(document.pages[0].items.first { $0.name == name + suffix }, "no \(name)\(suffix)")
        guard case let .text(box) = item.shape else { Issue.record("\(name) is not text"); return }
        let isolated = try #require(
            box.text.range(of: "\u{2066}").flatMap { start in
                box.text.range(of: "\u{2069}").map { String(box.text[start.upperBound..<$0.lowerBound]) }
            }, "\(name): no isolated data in \(box.text)")
        #expect(["2026-11-21 18:30", "+*** **** 42 17", "2026-11-21 19:45"].contains(isolated), "\(isolated)")
        // The data alone, in the receipt's own direction and left to right: the same columns of ink.
        func columns(_ text: String, rightToLeft: Bool) throws -> [Int] {
            var style = box.style
            style.rightToLeft = rightToLeft
            style.alignment = .start
            let frame = Rect(x: 0, y: 0, width: 400, height: box.frame.height * 2)
            let page = Page(
                size: Size(width: 400, height: frame.height),
                items: [DrawItem(name: "data", shape: .text(TextBox(text: text, style: style, frame: frame)))])
            let bitmap = try RasterRenderer().renderBitmap(
                Document(metadata: DocumentMetadata(title: "", subject: "", creationDate: ""), pages: [page]),
                dpi: 300)
            let inked = (0..<bitmap.width).filter { x in (0..<bitmap.height).contains { bitmap[x, $0] } }
            return inked.map { $0 - (inked.first ?? 0) }
        }
        /// Runs of inked columns (a glyph group each), as (start, width): the order the characters stand in. Sub-pixel
        /// placement may move an edge by a dot, so two renderings agree when every run does within one or two.
        func runs(_ columns: [Int]) -> [(start: Int, width: Int)] {
            var runs: [(start: Int, width: Int)] = []
            for column in columns {
                if let last = runs.last, last.start + last.width >= column - 1 {
                    runs[runs.count - 1].width = column - last.start + 1
                } else {
                    runs.append((column, 1))
                }
            }
            return runs
        }
        func agree(_ a: [Int], _ b: [Int]) -> Bool {
            let first = runs(a), second = runs(b)
            return first.count == second.count
                && zip(first, second).allSatisfy { abs($0.start - $1.start) <= 2 && abs($0.width - $1.width) <= 2 }
        }
        let drawn = try columns("\u{2066}\(isolated)\u{2069}", rightToLeft: true)
        let plain = try columns(isolated, rightToLeft: false)
        #expect(!drawn.isEmpty && agree(drawn, plain), "\(name): \(isolated) is reordered in the right-to-left row")
        // Without the isolates the same characters come out reordered: what the isolates are there to prevent.
        #expect(
            try !agree(columns(isolated, rightToLeft: true), plain), "\(name): the check cannot tell the orders apart")
    }

    /// In an Arabic receipt every row is mirrored the same way: the label's ink reaches the right edge of the
    /// content and the amount's the left edge, also for labels that begin with digits or Latin letters
    /// ("1 × 35.500 KWD …"), which Pango would otherwise set left to right beside the amount.
    @Test func labelsKeepToTheRightAndAmountsToTheLeft() throws {
        let template = try Cards.library.receipt("receipt-80mm")
        let document = try Receipts.layout("partial-kwd-ar.json", language: "ar")
        let dpi = try #require(template.nativeDPI), dots = try #require(template.printableDots)
        let bitmap = try RasterRenderer().renderBitmap(document, dpi: dpi, printableDots: dots)
        let scale = Double(dpi) / 72, origin = (template.pageWidth - Double(dots) / scale) / 2
        let left = Int(((template.margin - origin) * scale).rounded()),
            right = Int(((template.pageWidth - template.margin - origin) * scale).rounded())
        let tolerance = Int((1.5 / 25.4 * Double(dpi)).rounded())  // 1.5 mm
        for name in ["item-1", "item-2", "payment-1", "total", "receipt-number"] {
            let item = try #require(document.pages[0].items.first { $0.name == "\(name)-label" }, "no \(name)-label")
            guard case let .text(box) = item.shape else { continue }
            let top = Int((box.frame.y * scale).rounded()), bottom = Int((box.frame.maxY * scale).rounded())
            var inked: [Int] = []
            for x in 0..<bitmap.width where (top..<min(bottom, bitmap.height)).contains(where: { bitmap[x, $0] }) {
                inked.append(x)
            }
            let first = try #require(inked.first, "\(name): no ink"), last = try #require(inked.last)
            #expect(right - last <= tolerance, "\(name): the label ends \(right - last) dots short of the right edge")
            #expect(first - left <= tolerance, "\(name): the amount starts \(first - left) dots from the left edge")
        }
    }
}

/// The receipt as a client reads it (the design critique's receipt points): the facts in one size, "not a fiscal
/// receipt" as a statement, no back-office codes on item lines, payments whose details never wrap under their
/// label, tax names as they are written, and on A4 a totals block of its own at the amounts' edge.
@Suite("Receipts for clients")
struct ClientReceiptTests {
    static func document(_ example: String, template id: String, itemCodes: Bool = false) throws -> Document {
        try Receipts.layout(example, template: id, itemCodes: itemCodes)
    }

    static func text(_ document: Document, _ name: String) -> TextBox? {
        for page in document.pages {
            for item in page.items where item.name == name { if case let .text(box) = item.shape { return box } }
        }
        return nil
    }

    @Test(arguments: ["receipt-80mm", "receipt-58mm", "receipt-a4"])
    func factsInOneSizeAndTheDisclaimerInRegularWeight(_ template: String) throws {
        let document = try Self.document("paid-eur-en.json", template: template)
        let facts = ["receipt-number", "visit-date", "visit-id", "staff", "client"].compactMap {
            Self.text(document, "\($0)-label")?.style.size
        }
        #expect(facts.count == 5 && Set(facts).count == 1, "\(facts)")
        let kind = try #require(Self.text(document, "document-kind"))
        #expect(kind.text == "Payment confirmation, not a fiscal receipt" && kind.style.weight == .regular)
    }

    @Test func itemLinesShowCodesOnlyWhenTheTemplateAsks() throws {
        let plain = try #require(
            Self.text(try Self.document("partial-usd-en.json", template: "receipt-80mm"), "item-1-label"))
        #expect(!plain.text.contains("·") && plain.text.contains("×"), "\(plain.text)")
        let coded = try #require(
            Self.text(
                try Self.document("partial-usd-en.json", template: "receipt-80mm", itemCodes: true), "item-1-label"))
        #expect(coded.text.contains("·"), "\(coded.text)")
    }

    /// The method beside its amount; its time and attribute on their own line below, in full.
    @Test func paymentDetailsStandOnTheirOwnLine() throws {
        let document = try Self.document("partial-usd-en.json", template: "receipt-58mm")
        let label = try #require(Self.text(document, "payment-1-label"))
        let details = try #require(Self.text(document, "payment-1-details"))
        #expect(!label.text.contains("·") && details.text.contains(" · "), "\(label.text) / \(details.text)")
        #expect(details.frame.y >= label.frame.maxY - 0.01)
    }

    @Test func taxNamesPrintAsTheLanguageNamesThem() throws {
        let german = try Self.document("giftcard-eur-de.json", template: "receipt-80mm")
        let tax = document(german, prefix: "tax-")
        #expect(
            tax.contains { $0.text.contains("USt.") } && !tax.contains { $0.text.contains("UST") }, "\(tax.map(\.text))"
        )
    }

    func document(_ document: Document, prefix: String) -> [TextBox] {
        document.pages.flatMap(\.items).compactMap { item in
            guard item.name.hasPrefix(prefix), item.name.hasSuffix("-label"), case let .text(box) = item.shape else {
                return nil
            }
            return box
        }
    }

    /// On A4 the totals stand in a block at most 80 mm wide whose amounts end at the right margin, like the items'.
    @Test func a4TotalsStandInABlockAtTheAmountsEdge() throws {
        let document = try Self.document("partial-usd-en.json", template: "receipt-a4")
        let template = try Cards.library.receipt("receipt-a4")
        let right = template.pageWidth - template.margin
        let item = try #require(Self.text(document, "item-1-amount"))
        let total = try #require(Self.text(document, "total-amount"))
        let totalLabel = try #require(Self.text(document, "total-label"))
        #expect(abs(item.frame.maxX - right) < 0.01 && abs(total.frame.maxX - right) < 0.01)
        #expect(right - totalLabel.frame.x <= ReceiptTemplate.sheetTotalsWidth + 0.01)
        #expect(Length.pt(right - totalLabel.frame.x).millimetres <= 80.01)
        // A roll keeps its totals across the whole width.
        let roll = try Self.document("partial-usd-en.json", template: "receipt-80mm")
        let rollTemplate = try Cards.library.receipt("receipt-80mm")
        let rollLabel = try #require(Self.text(roll, "total-label"))
        #expect(abs(rollLabel.frame.x - rollTemplate.margin) < 0.01)
    }
}
