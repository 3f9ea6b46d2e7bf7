import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// The folded table tent measured on its files: a 105 × 296 mm sheet of two A6 panels, the back one printed
/// upside down above the fold, both codes verifying in every format, nothing drawn within 4 mm of the fold, and
/// the back panel in its own language.
@Suite("Table tent: two panels, the back turned, the fold clear")
struct TableTentTests {
    static let creationDate = "2024-01-01T00:00:00Z"
    static let renderer = Result { CardRenderer(library: try Cards.library, creationDate: creationDate) }

    static func request(
        language: String = "en", backLanguage: String? = nil, formats: [OutputFormat] = [.pdf, .svg, .png],
        variants: [Variant] = [.color, .bw], logo: Bool = true
    ) throws -> CardRequest {
        let sample = try #require(TextLayerTests.samples[language])
        var content = CardContent(
            businessName: sample.name, tagline: sample.tagline, address: sample.address,
            link: try PaymentLink(TestSupport.sampleLink), language: language,
            logoPNG: logo ? try Logo.sample() : nil)
        content.backLanguage = backLanguage
        var request = CardRequest(content: content, templateID: "tent-a6", variants: variants, formats: formats)
        request.dpi = 150
        return request
    }

    /// Every file is the 105 × 296 mm sheet, and `verify` finds both codes in it, each the link, each passing.
    @Test func bothPanelsCodesVerifyOnTheSheetInEveryFormat() throws {
        let artifacts = try Self.renderer.get().render(try Self.request())
        #expect(artifacts.count == 5)
        for artifact in artifacts {
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.count == 2, "\(artifact.fileName): \(report)")
            let image: GreyImage
            switch artifact.format {
            case .pdf: image = try TestSupport.rasterizePDF(artifact.bytes, dpi: 72)
            case .svg: image = try TestSupport.rasterizeSVG(artifact.bytes, dpi: 72)
            default: image = try PNGDecoder.greyImage(artifact.bytes)
            }
            let dpi = artifact.format == .png ? 150.0 : 72
            let width = Double(image.width) / dpi * 25.4, height = Double(image.height) / dpi * 25.4
            #expect(
                abs(width - 105) < 0.5 && abs(height - 296) < 0.5, "\(artifact.fileName): \(width) × \(height) mm")
        }
    }

    /// With one language on both sides, the sheet's upper half turned 180° is its lower half: the back panel is
    /// the front printed upside down (pixels compared at 150 dpi, the fold guide's rows left out).
    @Test(arguments: [Variant.color, .bw])
    func theBackPanelIsTheFrontTurned(_ variant: Variant) throws {
        let artifact = try #require(
            try Self.renderer.get().render(try Self.request(formats: [.png], variants: [variant])).first)
        let image = try PNGDecoder.greyImage(artifact.bytes)
        #expect(image.height % 2 == 0)
        let half = image.height / 2, guide = 3
        var differing = 0, compared = 0
        for y in 0..<(half - guide) {
            for x in 0..<image.width {
                let back = image[image.width - 1 - x, half - 1 - y], front = image[x, half + y]
                compared += 1
                if abs(Int(back) - Int(front)) > 64 { differing += 1 }
            }
        }
        let fraction = Double(differing) / Double(compared)
        // Edge pixels threshold differently when drawn turned (measured: 0.17 % in bw, fewer in colour); a back
        // panel drawn upright would differ on about a third.
        #expect(fraction < 0.005, "\(variant): \(differing) of \(compared) pixels differ")
        print(
            "tent-a6 \(variant.rawValue): the back panel turned differs from the front on \(differing) of "
                + "\(compared) px"
        )
        // And the back really is drawn: the upper half carries ink, about as much as the lower.
        let ink = { (rows: Range<Int>) in
            rows.reduce(0) { sum, y in sum + (0..<image.width).filter { image[$0, y] < 128 }.count }
        }
        let upper = ink(0..<half), lower = ink(half..<image.height)
        #expect(upper > 0 && abs(upper - lower) < lower / 50, "\(upper) vs \(lower) dark pixels")
    }

    /// Nothing but the dashed fold guide lies within 4 mm of the fold, in every language, both variants, with
    /// and without a logo: the sheet drawn without its guide is white there.
    @Test func nothingIsDrawnWithinFourMillimetresOfTheFold() throws {
        let dpi = 150
        let margin = Int((4 / 25.4 * Double(dpi)).rounded(.up))
        for language in TextLayerTests.samples.keys.sorted() {
            for logo in [true, false] {
                let request = try Self.request(language: language, formats: [.png], logo: logo)
                for (variant, document) in try Self.renderer.get().documents(for: request) {
                    var sheet = try #require(document.pages.first)
                    let guide = sheet.items.filter { $0.name == TableTent.foldGuideName }
                    #expect(guide.count == 1)
                    if case let .line(from, to, _, _, dashed) = guide.first?.shape {
                        #expect(dashed && from.y == sheet.size.height / 2 && to.y == from.y)
                    }
                    sheet.items.removeAll { $0.name == TableTent.foldGuideName }
                    let png = try RasterRenderer().renderPNG(
                        Document(metadata: document.metadata, pages: [sheet]), dpi: dpi, blackAndWhite: variant == .bw)
                    let image = try PNGDecoder.greyImage(png.bytes)
                    let fold = image.height / 2
                    let inked = ((fold - margin)..<(fold + margin)).filter { y in
                        (0..<image.width).contains { image[$0, y] < 250 }
                    }
                    #expect(inked.isEmpty, "\(language) \(variant) logo \(logo): ink on rows \(inked) (fold \(fold))")
                }
            }
        }
    }

    /// `--back-lang`: the back panel speaks its own language and the front keeps its own; both name the host.
    @Test func theBackPanelSpeaksItsOwnLanguage() throws {
        let request = try Self.request(language: "en", backLanguage: "es", formats: [.pdf], variants: [.color])
        let document = try #require(try Self.renderer.get().documents(for: request)[.color])
        let texts = Dictionary(
            document.pages[0].items.compactMap { item -> (String, TextBox)? in
                if case let .text(box) = item.shape { (item.name, box) } else { nil }
            }, uniquingKeysWith: { first, _ in first })
        let library = try Cards.library
        #expect(texts["qr-label"]?.text == library.strings.text("headline", language: "en"))
        #expect(texts["back-qr-label"]?.text == library.strings.text("headline", language: "es"))
        #expect(texts["back-qr-label"]?.upsideDown == true && texts["qr-label"]?.upsideDown == false)
        let pdf = try #require(try Self.renderer.get().render(request).first).bytes
        let folder = try TestSupport.temporaryDirectory("qrdesk-tent")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tent.pdf")
        try Data(pdf).write(to: file)
        let text = try TestSupport.run("pdftotext", [file.path, "-"]).stdout
        for words in ["Scan to pay", "Escanea para pagar", "pay.example.com"] {
            #expect(text.contains(words), "the text layer lacks \(words): \(text)")
        }
    }

    /// A back panel's language is refused for a one-sided template, and an unknown one for the tent, naming the key.
    @Test(arguments: [("counter-a5", "es", "one side"), ("tent-a6", "xx", "xx")])
    func aBackLanguageIsRefusedWhereItCannotApply(template: String, language: String, phrase: String) throws {
        let decoder = CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
        let values = [
            "link": TestSupport.sampleLink, "name": "Studio Nova", "template": template, "backLang": language,
        ]
        do {
            _ = try decoder.decode(CardRequestDecoder.textValues(values))
            Issue.record("\(template) took a back language")
        } catch {
            let message = error.description(for: .commandLine)
            #expect(error.key == CardKeys.backLang && message.contains(phrase), "\(message)")
            #expect(message.hasPrefix("--back-lang"), "\(message)")
        }
    }
}
