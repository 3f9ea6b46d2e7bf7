import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// Scheme payloads printed as cards: every scheme on every template, variant and format decodes back byte for
/// byte and passes `verify`, which names its scheme; a payload lint refuses never reaches a card.
@Suite struct SchemeCardTests {
    static let payloads: [(PaymentScheme, [String: String])] = [
        (.pix, ["key": "11144477735", "name": "Salão Bela", "city": "SAO PAULO", "amount": "80.00"]),
        (.promptpay, ["phone": "0812345678", "amount": "350.00"]),
        (.paynow, ["uen": "201403121W", "name": "NOVA CLINIC", "amount": "45.50"]),
        (.vietqr, ["bank-bin": "970415", "account": "0011001932418", "amount": "250000", "purpose": "cat toc"]),
        (
            .epc,
            ["name": "Praxis Dr. Weber", "iban": "DE89370400440532013000", "amount": "65.00", "text": "Termin 4711"]
        ),
        (.spayd, ["iban": "CZ6508000000192000145399", "amount": "480.50", "message": "Strih"]),
        (.upi, ["vpa": "lunaspa@okaxis", "name": "Luna Spa", "amount": "499.00"]),
    ]

    static let templates = Cards.templateIDs

    func request(_ values: [String: String]) throws -> CardRequest {
        try CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine).decode(
            CardRequestDecoder.textValues(values))
    }

    func payload(_ index: Int) throws -> String {
        try PayloadBuilder.build(Self.payloads[index].0, SchemeFieldValues(Self.payloads[index].1)).text
    }

    @Test(arguments: templates)
    func everySchemeScansOnEveryVariantAndFormat(template: String) throws {
        for index in Self.payloads.indices {
            let text = try payload(index)
            // Templates read from closer than 0.5 m (slips, the appointment card) are read from their own distance.
            let closer = try Cards.library.card(template).scanDistance.metres < 0.5
            let request = try request(
                [
                    "payload": text, "name": "Studio Nova", "template": template, "format": "pdf,svg,png",
                    "scanDistance": "0.5m", "dpi": "150",
                ].filter { $0.key != "scanDistance" || !closer })
            let artifacts = try Cards.render(request)
            #expect(artifacts.count == 5)
            let codes = try Cards.codesPerFile(template)
            for artifact in artifacts {
                #expect(
                    try Cards.decode(artifact) == Array(repeating: text, count: codes),
                    "\(Self.payloads[index].0) \(artifact.fileName)")
                let report = FileAudit(gates: AuditGates()).audit(artifact.bytes, name: artifact.fileName)
                #expect(report.passed, "\(artifact.fileName): \(report.problems) \(report.codes.map(\.problems))")
                #expect(report.codes.map(\.scheme) == Array(repeating: Self.payloads[index].0.rawValue, count: codes))
                if Self.payloads[index].0 == .epc { #expect(report.codes.allSatisfy { $0.errorCorrection == "M" }) }
            }
        }
    }

    @Test func theCardNamesThePayeeNotThePayload() throws {
        let text = try payload(0)
        let artifacts = try Cards.render(
            try request([
                "payload": text, "name": "Salão Bela", "format": "pdf", "variant": "color", "scanDistance": "0.8m",
            ]))
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("card.pdf")
        try Data(artifacts[0].bytes).write(to: file)
        let extracted = try TestSupport.run("pdftotext", [file.path, "-"]).stdout
        #expect(extracted.contains("Pay to: Salão Bela · PIX"))
        #expect(!extracted.contains("br.gov.bcb.pix"))
        #expect(!extracted.contains("Or open:"))
    }

    @Test func aPayloadThatFailsLintIsRefusedWithTheLintsWords() throws {
        let text = try payload(0)
        let broken = String(text.dropLast(4)) + "0000"
        #expect {
            try request(["payload": broken, "name": "Salao Bela"])
        } throws: { error in
            let refusal = try #require(error as? RequestError)
            return refusal.key == CardKeys.payload && refusal.code == "payload-invalid"
                && refusal.description(for: .commandLine).hasPrefix(
                    "--payload: the PIX payload is not valid: tag 63: CRC is 0000")
        }
    }

    @Test func standardsWinOverOptions() throws {
        // EPC is printed at M whatever else would be chosen, and another level is refused.
        #expect(try request(["payload": try payload(4), "name": "Praxis"]).errorCorrection == .medium)
        #expect(throws: RequestError.self) { try request(["payload": try payload(4), "name": "Praxis", "ecc": "L"]) }
        // A link and a payload together are refused, and so is neither.
        #expect(throws: RequestError.self) {
            try request(["payload": try payload(4), "link": TestSupport.sampleLink, "name": "Praxis"])
        }
        #expect(throws: RequestError.self) { try request(["name": "Praxis"]) }
        // The Swiss bill's code is printed at M too, whatever level is asked for is refused.
        let swiss = try PayloadBuilder.build(
            .swiss,
            SchemeFieldValues([
                "iban": "CH9300762011623852957", "creditor-name": "Physio Zuerich", "creditor-postcode": "8001",
                "creditor-town": "Zuerich", "creditor-country": "CH", "currency": "CHF",
            ]))
        #expect(try request(["payload": swiss.text, "name": "Physio"]).errorCorrection == .medium)
        #expect(throws: RequestError.self) { try request(["payload": swiss.text, "name": "Physio", "ecc": "Q"]) }
    }

    @Test func anAllowListOfPayeesRefusesAnyOtherAccount() throws {
        let decoder = CardRequestDecoder(
            library: try Cards.library, linkPolicy: LinkPolicy(allowedPayees: ["DE89 3704 0044 0532 0130 00"]),
            door: .commandLine)
        _ = try decoder.decode(CardRequestDecoder.textValues(["payload": try payload(4), "name": "Praxis"]))
        let other = try PayloadBuilder.build(
            .epc, SchemeFieldValues(["name": "Praxis", "iban": "DE33100205000001194700", "amount": "65"]))
        #expect {
            try decoder.decode(CardRequestDecoder.textValues(["payload": other.text, "name": "Praxis"]))
        } throws: { error in
            (error as? RequestError)?.code == "payload-payee"
        }
        // verify holds any file to the same list.
        let artifacts = try Cards.render(
            try request(["payload": other.text, "name": "Praxis", "format": "png", "variant": "bw", "dpi": "150"]))
        let gates = AuditGates(allowedPayees: ["DE89370400440532013000"])
        let report = FileAudit(gates: gates).audit(artifacts[0].bytes, name: "card.png")
        #expect(!report.passed)
        #expect(report.codes.first?.problems.first?.contains("not an allowed payee") == true)
    }

    @Test func aReceiptBalanceCanBePaidByASchemeCode() throws {
        let receipt = """
            {"number": "R-1", "visit": {"id": "V-1", "date": "2026-03-01T10:00:00-03:00"},
             "location": {"name": "Salao Bela"}, "currency": "BRL",
             "items": [{"kind": "service", "name": "Corte", "quantity": "1", "unitPrice": "120.00",
                        "tax": {"system": "none", "rate": "0"}}],
             "payments": [{"method": "cash", "amount": "40.00", "time": "2026-03-01T10:30:00-03:00",
                           "attribute": "partial-payment"}],
             "paymentPayload": "PAYLOAD"}
            """
        let due = try PayloadBuilder.build(
            .pix,
            SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "80.00"]))
        let parsed = try ReceiptReader.parse(
            receipt.replacingOccurrences(of: "PAYLOAD", with: due.text), file: "r.json")
        #expect(parsed.balanceCode?.text == due.text)
        // Printed: the balance QR scans as the code (read back when written), and the receipt names the payee.
        for artifact in try Receipts.render(parsed, formats: [.pdf, .png]) {
            let report = FileAudit(gates: AuditGates(expect: due.text)).audit(artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.map(\.scheme) == ["pix"], "\(report)")
        }
        let wrong = try PayloadBuilder.build(
            .pix,
            SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "8.00"]))
        #expect {
            try ReceiptReader.parse(receipt.replacingOccurrences(of: "PAYLOAD", with: wrong.text), file: "r.json")
        } throws: { error in
            "\(error)".contains("asks for 8.00 BRL, but the balance due is 80.00 BRL")
        }
        let open = try PayloadBuilder.build(
            .pix, SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO"]))
        #expect(throws: ReceiptError.self) {
            try ReceiptReader.parse(receipt.replacingOccurrences(of: "PAYLOAD", with: open.text), file: "r.json")
        }
    }
}

/// The Swiss QR-bill's code on cards: 46 mm without its quiet zone, the 7 mm Swiss cross over its centre, read by
/// ZXing (what Android phones use; zbar mistakes the cross for the alignment pattern it hides, see
/// docs/payment-codes.md) from every template, variant and format.
@Suite struct SwissCardTests {
    static let bill: [String: String] = [
        "iban": "CH4431999123000889012", "creditor-name": "Physio Zuerich", "creditor-street": "Bahnhofstrasse",
        "creditor-building": "1", "creditor-postcode": "8001", "creditor-town": "Zuerich", "creditor-country": "CH",
        "amount": "120.00", "currency": "CHF", "reference": "210000000003139471430009017",
        "message": "Behandlung 12.3.",
    ]

    func render(template: String, formats: String = "pdf,svg,png") throws -> (String, [Artifact]) {
        let payload = try PayloadBuilder.build(.swiss, SchemeFieldValues(Self.bill)).text
        let request = try CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
            .decode(
                CardRequestDecoder.textValues([
                    "payload": payload, "name": "Physio Zuerich", "template": template, "format": formats,
                ]))
        #expect(request.errorCorrection == .medium)
        return (payload, try Cards.render(request))
    }

    /// ZXing's reading of each file (rasterised at 150 dpi), as hex of the decoded bytes.
    func zxing(_ files: [URL]) throws -> [String] {
        let script = """
            import sys, subprocess, zxingcpp
            from PIL import Image
            for path in sys.argv[1:]:
                if path.endswith('.pdf'):
                    subprocess.run(['pdftoppm', '-r', '150', '-gray', '-png', '-singlefile', path, path], check=True)
                    path += '.png'
                elif path.endswith('.svg'):
                    subprocess.run(['rsvg-convert', '-d', '150', '-p', '150', '-b', 'white', path, '-o', path + '.png'],
                                   check=True)
                    path += '.png'
                found = zxingcpp.read_barcodes(Image.open(path).convert('L'))
                print(','.join(bytes(f.bytes).hex() + ':' + f.ec_level for f in found))
            """
        let result = try TestSupport.run("python3", ["-c", script] + files.map(\.path))
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Every card template but the slips, which refuse a Swiss QR-bill (`SlipTests`), and the appointment card,
    /// whose 40 mm box cannot hold its 46 mm code (refused, `aSwissBillTooBigForItsBoxIsRefused`).
    @Test(arguments: SchemeCardTests.templates.filter { !$0.hasPrefix("slip-") && $0 != "appointment-card" })
    func everyTemplateVariantAndFormatReadsInZXing(template: String) throws {
        let (payload, artifacts) = try render(template: template)
        #expect(artifacts.count == 5)
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try artifacts.map { artifact in
            let url = folder.appendingPathComponent(artifact.fileName)
            try Data(artifact.bytes).write(to: url)
            return url
        }
        let expected = Data(payload.utf8).map { String(format: "%02x", $0) }.joined() + ":M"
        let codes = try Cards.codesPerFile(template)
        let perFile = Array(repeating: expected, count: codes).joined(separator: ",")
        #expect(try zxing(files) == Array(repeating: perFile, count: files.count))
        // verify finds the code behind its cross, names the scheme, and finds every other module as encoded.
        for artifact in artifacts {
            let report = FileAudit(gates: AuditGates(expect: payload)).audit(artifact.bytes, name: artifact.fileName)
            #expect(report.passed, "\(artifact.fileName): \(report.problems) \(report.codes.map(\.problems))")
            #expect(
                report.codes.map(\.scheme) == Array(repeating: "swiss", count: codes)
                    && report.codes.allSatisfy { $0.wrongModules == 0 })
        }
    }

    /// A template whose QR box is smaller than the standard's 46 mm code and its quiet zone refuses the bill.
    @Test func aSwissBillTooBigForItsBoxIsRefused() throws {
        do {
            _ = try render(template: "appointment-card")
            Issue.record("a Swiss QR-bill was drawn in a 40 mm box")
        } catch {
            #expect("\(error)".contains("46 mm"), "\(error)")
        }
    }

    /// The read-back excuses the modules under the cross and no other: 20 modules flipped outside it are each
    /// refused, 20 squares repainted inside it are each accepted, and the file as written passes.
    @Test func onlyTheModulesUnderTheCrossAreExcused() throws {
        let payload = try PayloadBuilder.build(.swiss, SchemeFieldValues(Self.bill)).text
        let request = try CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
            .decode(
                CardRequestDecoder.textValues([
                    "payload": payload, "name": "Physio", "template": "card-a6", "format": "png", "variant": "color",
                ]))
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        let document = try #require(try renderer.documents(for: request)[.color])
        let bytes = try renderer.render(request)[0].bytes
        let symbol = try #require(document.pages[0].qrSymbols.first)
        let check = WrittenFileCheck(scanDistance: ScanDistance(metres: 0.3))
        func passes(_ png: [UInt8]) -> Bool {
            (try? check.check(
                png, format: .png, pages: document.pages, fileName: "card.png", raster: RasterPlacement(dpi: 300)))
                != nil
        }
        #expect(passes(bytes))
        #expect(FileAudit(gates: AuditGates()).audit(bytes, name: "card.png").passed)
        let original = try PNGDecoder.greyImage(bytes)
        let pixelsPerPoint = 300.0 / 72
        let module = symbol.moduleSize * pixelsPerPoint
        /// The PNG with the module at `column`, `row` painted the other colour.
        func flipped(_ column: Int, _ row: Int) throws -> [UInt8] {
            var image = original
            let x0 = symbol.frame.x * pixelsPerPoint + Double(symbol.quietZone + column) * module
            let y0 = symbol.frame.y * pixelsPerPoint + Double(symbol.quietZone + row) * module
            let level: UInt8 = symbol.matrix[column, row] ? 255 : 0
            for y in Int(y0.rounded())..<Int((y0 + module).rounded()) {
                for x in Int(x0.rounded())..<Int((x0 + module).rounded()) { image.pixels[y * image.width + x] = level }
            }
            return try PNGEncoder.encode(grey: image, dpi: 300)
        }
        let width = symbol.matrix.width
        var refused = 0, excused = 0
        var step = 0
        while refused + excused < 40, step < 10_000 {
            // A fixed walk over the symbol (deterministic), clear of the finder patterns.
            step += 1
            let span = width - 18
            let index = (step * 7919) % (span * span)
            let (column, row) = (9 + index % span, 9 + index / span)
            let hidden = symbol.hides(column: column, row: row)
            let centreDistance = max(
                abs(Double(column) + 0.5 - Double(width) / 2), abs(Double(row) + 0.5 - Double(width) / 2))
            // Under the cross proper (not its half-module margin), or clearly outside it.
            if hidden, centreDistance < Double(width) * 7 / 46 / 2 - 1, excused < 20 {
                #expect(passes(try flipped(column, row)), "under the cross: \(column), \(row)")
                excused += 1
            } else if !hidden, refused < 20 {
                let damaged = try flipped(column, row)
                #expect(!passes(damaged), "outside the cross: \(column), \(row)")
                if refused < 3 {
                    // verify, on anyone's file, counts the module too (a few: each audit searches the page).
                    let report = FileAudit(gates: AuditGates()).audit(damaged, name: "card.png")
                    #expect(!report.passed && report.codes.map(\.wrongModules) == [1], "\(report)")
                }
                refused += 1
            }
        }
        #expect(refused == 20 && excused == 20)
    }

    /// Measured on the 300 dpi PNG: the dark extent of the symbol is 46 mm, the cross's black square 6.5 mm
    /// (7 mm with its white border) and centred on the symbol, its white plus in the middle.
    @Test func theSymbolIs46MillimetresWithTheCrossCentred() throws {
        let (_, artifacts) = try render(template: "counter-a5", formats: "png")
        let image = try PNGDecoder.greyImage(artifacts[0].bytes)
        let template = try Cards.library.card("counter-a5")
        let box = try #require(template.qrElement?.frame)
        let perMillimetre = 300 / 25.4
        let perPoint = 300.0 / 72
        let (x0, y0) = (Int(box.x * perPoint), Int(box.y * perPoint))
        let (x1, y1) = (Int(box.maxX * perPoint), Int(box.maxY * perPoint))
        var left = Int.max, right = Int.min, top = Int.max, bottom = Int.min
        for y in y0..<y1 {
            for x in x0..<x1 where image[x, y] < 128 {
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        let width = Double(right - left + 1) / perMillimetre
        let height = Double(bottom - top + 1) / perMillimetre
        #expect(abs(width - 46) < 0.1 && abs(height - 46) < 0.1, "\(width) × \(height) mm")
        let centreX = Double(left + right + 1) / 2
        let centreY = Double(top + bottom + 1) / 2
        // 2.5 mm above the centre the row crosses the black square above the plus's horizontal arm.
        let row = Int(centreY - 2.5 * perMillimetre)
        var start = Int(centreX)
        var end = Int(centreX)
        while image[start - 1, row] < 128 { start -= 1 }
        while image[end + 1, row] < 128 { end += 1 }
        let black = Double(end - start + 1) / perMillimetre
        #expect(abs(black - 6.5) < 0.1, "black square \(black) mm")
        #expect(abs(Double(start + end + 1) / 2 - centreX) <= 1.5, "cross off centre")
        // The plus is white at the centre; the border ring (3.25–3.5 mm out) is white on all four sides.
        #expect(image[Int(centreX), Int(centreY)] > 200)
        let ring = 3.37 * perMillimetre
        for (dx, dy) in [(ring, 0.0), (-ring, 0), (0, ring), (0, -ring)] {
            #expect(image[Int(centreX + dx), Int(centreY + dy)] > 200, "border at \(dx), \(dy)")
        }
    }
}

/// A list and the API take payment codes through the same key: a `payload` column beside `link` rows, and a
/// `payload` key in `POST /v1/cards`'s JSON.
@Suite struct SchemeListTests {
    @Test func aListMixesLinksAndPaymentCodes() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pix = try PayloadBuilder.build(
            .pix, SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO"])
        ).text
        let broken = String(pix.dropLast(4)) + "0000"
        let csv =
            "id,name,link,payload,template\nlink-row,Nova,https://pay.example.com/p/1,,\n"
            + "pix-row,Salao Bela,,\(pix),card-a6\nbad-row,Salao Bela,,\(broken),card-a6\n"
        let report = try Batches.runner(try Batches.write(csv, in: folder), out: folder.appendingPathComponent("out"))
            .run()
        let manifest = try report.loadManifest()
        #expect(manifest.artifacts.map(\.path) == ["link-row/counter-a5-bw.pdf", "pix-row/card-a6-bw.pdf"])
        #expect(manifest.artifacts.map(\.link) == ["https://pay.example.com/p/1", pix])
        #expect(report.failures.map(\.column) == ["payload"])
        #expect(report.failures.first?.message.contains("tag 63: CRC is 0000") == true)
        let written = try Data(contentsOf: folder.appendingPathComponent("out/pix-row/card-a6-bw.pdf"))
        let audit = FileAudit(gates: AuditGates(expect: pix)).audit(Array(written), name: "pix-row")
        #expect(audit.passed && audit.codes.map(\.scheme) == ["pix"], "\(audit)")
    }
}

/// The Swiss QR-bill's payment part: A4, the code 46 mm at 67 mm × 209 mm from the page's corner with its cross,
/// headings in each of the guidelines' four languages, the perforation above the part; ZXing reads the code.
@Suite struct SwissBillTests {
    @Test(arguments: [
        ("en", "Payment part", "Receipt"), ("de", "Zahlteil", "Empfangsschein"),
        ("fr", "Section paiement", "Récépissé"),
        ("it", "Sezione pagamento", "Ricevuta"),
    ])
    func thePaymentPartIsDrawnAsTheGuidelinesFixIt(language: String, paymentPart: String, receipt: String) throws {
        let payload = try PayloadBuilder.build(.swiss, SchemeFieldValues(SwissCardTests.bill))
        let artifacts = try SwissBillRenderer(creationDate: "2024-01-01T00:00:00Z").render(
            payload, language: language, formats: [.pdf, .png])
        #expect(artifacts.map(\.fileName) == ["swiss-qr-bill-\(language).pdf", "swiss-qr-bill-\(language).png"])
        let pages = Receipts.pdfPages(artifacts[0].bytes)
        #expect(pages.count == 1 && abs(pages[0].width - 595.28) < 0.01 && abs(pages[0].height - 841.89) < 0.01)
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent(artifacts[0].fileName)
        let png = folder.appendingPathComponent(artifacts[1].fileName)
        try Data(artifacts[0].bytes).write(to: pdf)
        try Data(artifacts[1].bytes).write(to: png)
        let text = try TestSupport.run("pdftotext", [pdf.path, "-"]).stdout
        for expected in [
            paymentPart, receipt, "CH44 3199 9123 0008 8901 2", "21 00000 00003 13947 14300 09017", "120.00",
        ] {
            #expect(text.contains(expected), "\(language): \(expected)")
        }
        let expected = Data(payload.text.utf8).map { String(format: "%02x", $0) }.joined() + ":M"
        #expect(try SwissCardTests().zxing([pdf, png]) == [expected, expected])
        let audit = FileAudit(gates: AuditGates(expect: payload.text)).audit(artifacts[0].bytes, name: "bill.pdf")
        #expect(audit.passed && audit.codes.map(\.scheme) == ["swiss"], "\(audit)")
        // Measured on the 300 dpi PNG: the symbol's dark extent, and the perforation's dashes at 192 mm.
        let image = try PNGDecoder.greyImage(artifacts[1].bytes)
        let perMillimetre = 300 / 25.4
        let box = (
            x0: Int(64 * perMillimetre), y0: Int(206 * perMillimetre), x1: Int(116 * perMillimetre),
            y1: Int(258 * perMillimetre)
        )
        var left = Int.max, right = Int.min, top = Int.max, bottom = Int.min
        for y in box.y0..<box.y1 {
            for x in box.x0..<box.x1 where image[x, y] < 128 {
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        func millimetres(_ pixels: Int) -> Double { Double(pixels) / perMillimetre }
        #expect(abs(millimetres(right - left + 1) - 46) < 0.1 && abs(millimetres(bottom - top + 1) - 46) < 0.1)
        #expect(abs(millimetres(left) - 67) < 0.2 && abs(millimetres(top) - 209) < 0.2, "\(left), \(top)")
        let row = Int((192 * perMillimetre).rounded())
        let dark = (0..<image.width).filter { x in (row - 1...row + 1).contains { image[x, $0] < 128 } }.count
        #expect(dark > image.width / 4 && dark < image.width * 9 / 10, "a dashed line: \(dark) of \(image.width)")
    }

    @Test func onlyASwissCodeGetsAPaymentPart() throws {
        let epc = try PayloadBuilder.build(
            .epc, SchemeFieldValues(["name": "Praxis", "iban": "DE89370400440532013000", "amount": "65"]))
        #expect(throws: RequestError.self) { try SwissBillRenderer().render(epc, language: "de") }
        let swiss = try PayloadBuilder.build(.swiss, SchemeFieldValues(SwissCardTests.bill))
        #expect(throws: RequestError.self) { try SwissBillRenderer().render(swiss, language: "es") }
    }
}
