import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// Every file is read back from its bytes before it is written: module by module, quiet zone, decode, and a
/// modelled phone capture at the template's scan distance. These tests show the check passes on every real file
/// and fails on a writer's defect.
@Suite("Written files read back")
struct ReadBackTests {
    /// Every card template × variant × format, written and read back through poppler, librsvg and the PNG decoder.
    @Test(arguments: Cards.templateIDs)
    func everyTemplateVariantAndFormatReadsBack(template: String) throws {
        var request = try Cards.request(template: template, variants: [.color, .bw], formats: [.pdf, .svg, .png])
        request.dpi = 150
        let artifacts = try Cards.render(request)
        #expect(
            artifacts.map(\.fileName).sorted()
                == ["color.pdf", "color.png", "color.svg", "bw.pdf", "bw.png"].map { "\(template)-\($0)" }.sorted())
        // And `verify` agrees from the outside: one code (one per panel of a tent), every module as libqrencode
        // encodes it, 4+ quiet modules.
        for artifact in artifacts {
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed, "\(report)")
            #expect(
                report.codes.count == (try Cards.codesPerFile(template))
                    && report.codes.allSatisfy { $0.wrongModules == 0 && ($0.quietZoneModules ?? 0) >= 4 })
        }
    }

    /// A writer that drew one module wrong, or drew into the quiet zone, is caught from the bytes, for each format.
    @Test(arguments: [OutputFormat.pdf, .svg, .png])
    func aWritersDefectIsCaught(format: OutputFormat) throws {
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        let request = try Cards.request(variants: [.bw], formats: [format])
        let page = try #require(try renderer.documents(for: request)[.bw]?.pages.first)
        guard let index = page.items.firstIndex(where: { if case .qr = $0.shape { true } else { false } }),
            case let .qr(symbol) = page.items[index].shape
        else { Issue.record("no QR"); return }
        let check = WrittenFileCheck(scanDistance: ScanDistance(metres: 1))
        func bytes(of page: Page) throws -> [UInt8] {
            let document = Document(
                metadata: DocumentMetadata(title: "t", subject: "s", creationDate: "2024-01-01T00:00:00Z"),
                pages: [page])
            switch format {
            case .pdf: return try PDFRenderer().render(document)
            case .svg: return try SVGRenderer().render(document)
            default: return try RasterRenderer().renderPNG(document, dpi: 300, blackAndWhite: true).bytes
            }
        }
        // The untouched page passes.
        try check.check(try bytes(of: page), format: format, pages: [page], fileName: "ok")

        // One data module flipped (bottom-right corner): zbar still decodes it, the module comparison does not.
        var flipped = symbol.matrix.textForm.split(separator: "\n").map { Array($0) }
        let last = symbol.matrix.width - 1
        flipped[last][last] = flipped[last][last] == "1" ? "0" : "1"
        let wrongMatrix = QRMatrix(
            version: symbol.matrix.version, width: symbol.matrix.width, level: symbol.matrix.level,
            modules: flipped.flatMap { $0.map { $0 == "1" } })
        var wrongSymbol = symbol
        wrongSymbol.matrix = wrongMatrix
        var wrong = page
        wrong.items[index].shape = .qr(wrongSymbol)
        #expect(
            try ZBarDecoder().decode(try Cards.decodeImage(try bytes(of: wrong), format: format)) == [
                TestSupport.sampleLink
            ])
        #expect {
            try check.check(try bytes(of: wrong), format: format, pages: [page], fileName: "card.\(format)")
        } throws: { error in
            (error as? ReadBackError)?.problem == .wrongModules(count: 1, firstColumn: last, firstRow: last)
                && "\(error)".hasPrefix(
                    "card.\(format), read back from its bytes, holds a QR code of which 1 module differs")
        }

        // A dark bar two modules into the quiet zone, beside the code.
        var crowded = page
        let module = symbol.moduleSize
        crowded.items.append(
            DrawItem(
                name: "intruder",
                shape: .fill(
                    Rect(
                        x: symbol.frame.x + 2 * module, y: symbol.frame.y + 4 * module,
                        width: module, height: 7 * module), .black, cornerRadius: 0)))
        #expect {
            try check.check(try bytes(of: crowded), format: format, pages: [page], fileName: "card")
        } throws: { ($0 as? ReadBackError)?.problem == .quietZone(found: 1, needed: 4) }
    }
}

extension ReadBackTests {
    /// A press sheet holds several codes: the page is rendered once and each code checked against the link its
    /// symbol carries, so two cards swapped on a sheet are caught.
    @Test func eachCodeOnASheetIsCheckedAgainstItsOwnLink() throws {
        let links = ["https://pay.example.com/p/one", "https://pay.example.com/p/two"]
        let symbols = try links.enumerated().map { index, link in
            QRSymbol(
                matrix: try QREncoder().encode(link, level: .medium),
                frame: Rect(x: 40 + Double(index) * 250, y: 60, width: 200, height: 200),
                quietZone: 4, dark: .black, light: .white)
        }
        let page = Page(
            size: Size(width: 595, height: 420), items: symbols.map { DrawItem(name: "qr", shape: .qr($0)) })
        let pdf = try PDFRenderer().render(
            Document(
                metadata: DocumentMetadata(title: "t", subject: "s", creationDate: "2024-01-01T00:00:00Z"),
                pages: [page]))
        let check = WrittenFileCheck(scanDistance: ScanDistance(metres: 1))
        try check.check(pdf, format: .pdf, pages: [page], fileName: "sheet.pdf")
        // The plan says each place holds the other card's link (same modules, the payloads swapped).
        var swapped = page
        for index in swapped.items.indices {
            guard case var .qr(symbol) = swapped.items[index].shape else { continue }
            let matrix = symbol.matrix
            symbol.matrix = QRMatrix(
                version: matrix.version, width: matrix.width, level: matrix.level,
                modules: (0..<matrix.width * matrix.width).map { matrix[$0 % matrix.width, $0 / matrix.width] },
                payload: links[1 - index])
            swapped.items[index].shape = .qr(symbol)
        }
        #expect {
            try check.check(pdf, format: .pdf, pages: [swapped], fileName: "sheet.pdf")
        } throws: { error in
            (error as? ReadBackError)?.problem == .decodes(as: [links[0]], expected: links[1])
                && "\(error)".hasPrefix("sheet.pdf, read back from its bytes, holds a QR code that scans as")
        }
    }
}

extension ReadBackTests {
    /// A test-sized sample of scripts/readback-corpus.py: every template × variant × format with links of the
    /// lengths that the single simulated capture used to refuse (loc-14, 23, 44 on A5 and A4) and up to each
    /// template's longest; not one is refused, and `verify` passes every file.
    @Test(arguments: Cards.templateIDs)
    func linksOfManyLengthsAreNeverRefused(template: String) throws {
        let longest = try #require(
            TemplateCatalog(library: try Cards.library).cards.first { $0.id == template }?.longestLinkBytes)
        var links = [14, 23, 44].map { "https://pay.example.com/p/Xk9fA2mQ7t?loc=loc-\($0)" }
        let base = "https://pay.example.com/p/Xk9fA2mQ7t?loc=loc-7&r="
        links.append(base + String(repeating: "q", count: max(0, longest - base.count)))
        for link in links {
            var request = try Cards.request(
                link: link, template: template, variants: [.color, .bw], formats: [.pdf, .svg, .png])
            // Verify locates a 1-bit symbol of 81 modules from about 6 pixels a module (measured: the DL insert's
            // longest link fails to locate at 5.5 px in bw, reads at 6.5 px); 200 dpi gives every template 7.
            request.dpi = 200
            let artifacts: [Artifact]
            do { artifacts = try Cards.render(request) } catch let error as ReadBackError {
                Issue.record("\(template), \(link.utf8.count)-byte link refused: \(error)")
                continue
            }
            for artifact in artifacts {
                let report = FileAudit(gates: AuditGates(expect: link)).audit(artifact.bytes, name: artifact.fileName)
                #expect(report.passed, "\(report)")
            }
        }
    }
}
