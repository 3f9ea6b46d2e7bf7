import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// The pay-here slips measured on their files: the PNG is the printer's dots (576 or 384 across, 1-bit at
/// 203 dpi), every module whole dots, the code with its quiet zone at least 34 mm; `--format escpos` writes the
/// printer's stream, read back and sent by `qrdesk print`; what a slip cannot be is refused with its key.
@Suite("Pay-here slips from the receipt printer")
struct SlipTests {
    static let slips = [("slip-80mm", 576), ("slip-58mm", 384)]

    static func request(_ template: String, formats: [OutputFormat]) throws -> CardRequest {
        var request = try Cards.request(template: template, formats: formats)
        request.content.logoPNG = try Logo.sample()
        return request
    }

    @Test(arguments: slips)
    func thePNGIsThePrintersDotsWithTheCodeOnWholeDots(template: String, dots: Int) throws {
        let request = try Self.request(template, formats: [.png])
        let artifacts = try Cards.render(request)
        #expect(artifacts.map(\.fileName) == ["\(template)-color.png", "\(template)-bw.png"])
        let document = try #require(try CardRenderer(library: try Cards.library).documents(for: request)[.bw])
        let printer = try #require(try Cards.library.card(template).printer)
        for artifact in artifacts {
            let image = try PNGDecoder.greyImage(artifact.bytes)
            #expect(image.width == dots && image.pixels.allSatisfy { $0 == 0 || $0 == 255 })
            let pHYs = try #require(TestSupport.pngChunks(artifact.bytes).first { $0.type == "pHYs" }?.body)
            let perMetre = Int(pHYs[0]) << 24 | Int(pHYs[1]) << 16 | Int(pHYs[2]) << 8 | Int(pHYs[3])
            #expect(perMetre == Int((203 / 0.0254).rounded()), "\(perMetre) px/m")
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.count == 1, "\(report)")
        }
        // The symbol's pitch and corner on the printer's grid: every module the same whole number of dots.
        let symbol = try #require(document.pages.first?.qrSymbols.first)
        let moduleDots = symbol.moduleSize * printer.scale
        let cornerDots = (symbol.frame.x - printer.originX(pageWidth: document.pages[0].size.width)) * printer.scale
        #expect(abs(moduleDots - moduleDots.rounded()) < 1e-6 && moduleDots >= 4, "\(moduleDots) dots a module")
        #expect(
            abs(cornerDots - cornerDots.rounded()) < 1e-6
                && abs(symbol.frame.y * printer.scale - (symbol.frame.y * printer.scale).rounded()) < 1e-6)
        let codeMillimetres = Length.pt(symbol.frame.width).millimetres
        let symbolMillimetres = codeMillimetres * Double(symbol.matrix.width) / Double(symbol.modulesAcross)
        #expect(codeMillimetres >= 34, "\(template): the code with its quiet zone is \(codeMillimetres) mm")
        print(
            "\(template): \(Int(moduleDots)) dots a module, code \(formatDecimal(codeMillimetres, digits: 1)) mm with "
                + "its quiet zone, symbol \(formatDecimal(symbolMillimetres, digits: 1)) mm")
    }

    /// Laid out for the printer's dots (hinted metrics, as the PNG and the stream are), no text is cut short, in any
    /// language, with every field present.
    @Test(arguments: slips)
    func noTextIsCutShortOnTheDots(template: String, dots: Int) throws {
        let library = try Cards.library
        let card = try library.card(template)
        let printer = try #require(card.printer)
        let shaper = try PangoTextShaper(deviceScale: printer.scale)
        let matrix = try QREncoder().encode(TestSupport.sampleLink, level: .low)
        for (language, sample) in TextLayerTests.samples.sorted(by: { $0.key < $1.key }) {
            let content = CardContent(
                businessName: sample.name, tagline: sample.tagline, address: sample.address,
                link: try PaymentLink(TestSupport.sampleLink), language: language, logoPNG: try Logo.sample())
            let document = try #require(
                try CardLayout(template: card, content: content, strings: library.strings, measurer: shaper)
                    .documents(
                        matrix: matrix, variants: [.bw],
                        metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))[.bw])
            for item in document.pages.flatMap(\.items) {
                guard case let .text(box) = item.shape else { continue }
                let drawn = try shaper.measure(
                    box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
                #expect(!drawn.isEllipsized, "\(template) \(language): \(item.name) is cut short: \(box.text)")
            }
        }
    }

    /// `--format escpos`: one stream (from the bw variant), the printer's width, fed and cut as its profile says,
    /// its raster the PNG's dots, and the code reading as the link; `qrdesk print` checks it and sends it byte for
    /// byte.
    @Test(arguments: slips)
    func theStreamIsReadBackAndPrinted(template: String, dots: Int) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let written = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "Studio Nova", "--template", template, "--format",
            "png,escpos", "--out", "out",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        let folder = sandbox.out.appendingPathComponent("studio-nova")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["\(template)-bw.escpos", "\(template)-bw.png", "\(template)-color.png"], "\(names)")
        let streamURL = folder.appendingPathComponent("\(template)-bw.escpos")
        let stream = [UInt8](try Data(contentsOf: streamURL))
        let parsed = try ESCPOSStream(stream)
        let png = try PNGDecoder.greyImage(
            [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(template)-bw.png"))))
        #expect(parsed.bitmap.width == dots && parsed.greyImage.pixels == png.pixels)
        #expect(try ZBarDecoder().decode(parsed.greyImage) == [TestSupport.sampleLink])
        let profile = try Cards.library.printer(try #require(try Cards.library.card(template).printer).profile)
        #expect(parsed.commands.contains(.cut(partial: true)) == (profile.cut == .partial))

        let printer = try FakeReceiptPrinter()
        let printed = try sandbox.qrdesk(["print", streamURL.path, "--printer", "tcp://127.0.0.1:\(printer.port)"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("its code reads \(TestSupport.sampleLink)"), "\(printed.stdout)")
        #expect(Array(printer.bytes().dropFirst(6)) == stream)
        // A stream that is not a printer's, or for another roll, is refused before anything is sent.
        let wrongWidth = dots == 576 ? "generic-58mm" : "generic-80mm"
        let refused = try sandbox.qrdesk([
            "print", streamURL.path, "--printer", "tcp://127.0.0.1:\(printer.port)", "--printer-profile", wrongWidth,
        ])
        #expect(refused.status != 0 && refused.stderr.contains("dots wide"), "\(refused.stderr)")
    }

    /// What a slip cannot be, refused naming the key: a receipt-printer stream from a card template, a press file
    /// from a slip, a Swiss QR-bill (46 mm by its standard) on a slip.
    @Test(arguments: [
        (["template": "counter-a5", "format": "escpos"], CardKeys.format.json, "slip template"),
        (["template": "slip-80mm", "press": "yes"], CardKeys.press.json, "receipt printer"),
    ])
    func whatASlipCannotBeIsRefused(values: [String: String], key: String, phrase: String) throws {
        let decoder = CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
        do {
            _ = try decoder.decode(
                CardRequestDecoder.textValues(values.merging(["link": TestSupport.sampleLink, "name": "Nova"]) { $1 }))
            Issue.record("\(values) was accepted")
        } catch {
            #expect(error.key.json == key && error.reason.contains(phrase), "\(error.reason)")
        }
    }

    @Test func aSwissBillIsRefusedOnASlip() throws {
        let payload = try PayloadBuilder.build(.swiss, SchemeFieldValues(SwissCardTests.bill)).text
        let decoder = CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
        do {
            _ = try decoder.decode(
                CardRequestDecoder.textValues(["payload": payload, "name": "Physio", "template": "slip-80mm"]))
            Issue.record("a Swiss QR-bill was accepted on a slip")
        } catch let error as RequestError {
            #expect(error.key == CardKeys.template && error.reason.contains("46 mm"), "\(error.reason)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
