import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// `--press`: every card template in both variants as PDF/X-1a, checked by tools that are not qrdesk's writer —
/// qpdf's structure check, Ghostscript's separations (black on the K plate alone, the band in the bleed),
/// pdffonts, poppler rendering the trim alone, and qrdesk's own preflight.
@Suite("Press files")
struct PressFileTests {
    /// Slips print on a receipt printer, never through a print shop.
    static let templates = Cards.templateIDs.filter { !$0.hasPrefix("slip-") }
    static let logo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/press/logo-900x360.png")

    static func pressFiles(
        template: String, settings: PressSettings = PressSettings(), accentCMYK: CMYKColor? = nil
    ) throws -> [(Variant, Artifact, Document)] {
        var request = try Cards.request(template: template, formats: [.pdf])
        request.content.logoPNG = [UInt8](try Data(contentsOf: logo))
        request.press = settings
        request.accentCMYK = accentCMYK
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        let documents = try renderer.documents(for: request)
        return try renderer.render(request).filter { $0.fileName.hasSuffix("-press.pdf") }.map { artifact in
            (artifact.variant, artifact, try #require(documents[artifact.variant]))
        }
    }

    /// A PDF's last page as a PDF of its own (qpdf).
    static func lastPage(of pdf: [UInt8]) throws -> [UInt8] {
        let folder = try TestSupport.temporaryDirectory("qrdesk-press")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.pdf")
        try Data(pdf).write(to: input)
        let result = try TestSupport.run("qpdf", [input.path, "--pages", input.path, "z", "--", output.path])
        guard result.status == 0 else { throw TestSupportError("qpdf: \(result.stderr)") }
        return [UInt8](try Data(contentsOf: output))
    }

    /// Ink per plate in each region (points from the MediaBox's top-left), from Ghostscript's tiffsep.
    static func plates(_ pdf: [UInt8], regions: [Rect]) throws -> [String: [(max: Int, inked: Int)]] {
        let folder = try TestSupport.temporaryDirectory("qrdesk-press")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("press.pdf")
        try Data(pdf).write(to: file)
        let specs = regions.map { "\($0.x),\($0.y),\($0.width),\($0.height)" }
        let result = try TestSupport.run(
            "python3",
            [TestSupport.packageRoot.appendingPathComponent("scripts/separations.py").path, file.path, "100"]
                + specs)
        guard result.status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [[String: Int]]]
        else { throw TestSupportError("separations.py: \(result.stderr)") }
        return json.mapValues { $0.map { (max: $0["max"] ?? 0, inked: $0["inked"] ?? 0) } }
    }

    @Test(arguments: templates)
    func everyTemplatePrintsAsPDFX1a(_ template: String) throws {
        let files = try Self.pressFiles(template: template)
        #expect(files.map(\.0) == [.color, .bw])
        for (variant, artifact, document) in files {
            let name = "\(template)-\(variant.rawValue)"
            let bytes = artifact.bytes
            #expect(bytes.starts(with: Array("%PDF-1.3\n".utf8)), "\(name)")
            let report = Preflight().check(bytes, name: name)
            #expect(report.passed, "\(name): \(report.findings)")

            let folder = try TestSupport.temporaryDirectory("qrdesk-press")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("press.pdf")
            try Data(bytes).write(to: file)
            #expect(try TestSupport.run("qpdf", ["--check", file.path]).status == 0, "\(name): qpdf --check")
            let fonts = try TestSupport.run("pdffonts", [file.path]).stdout.split(separator: "\n")
            #expect(fonts.count == 2, "\(name): pdffonts lists \(fonts.dropFirst(2))")

            // The side with the code (a two-sided card's back, its last page), as a PDF of its own for the plates.
            let page = try #require(document.pages.last)
            let press = PressPage(page, settings: PressSettings())
            let side = document.pages.count == 1 ? bytes : try Self.lastPage(of: bytes)
            // The code with its quiet zone and the black text, each on the K plate alone.
            var regions: [Rect] = press.page.qrSymbols.map(\.frame)
            // A reflowed card sets rows by their ink, so a text's line box may reach into the next row's: a black
            // text whose box meets a coloured one is left out (its ink is not alone in the box).
            let coloured = press.page.items.compactMap { item -> Rect? in
                guard case let .text(box) = item.shape, PressInks.blackTint(of: box.style.color) != .solidBlack
                else { return nil }
                return box.frame
            }
            regions += press.page.items.compactMap { item in
                guard case let .text(box) = item.shape, PressInks.blackTint(of: box.style.color) == .solidBlack,
                    !coloured.contains(where: { $0.intersects(box.frame) })
                else { return nil }
                return box.frame
            }
            // The bleed beside the band's top-left corner: the band runs into it.
            let bleed = press.bleedBox, trim = press.trimBox
            regions.append(Rect(x: bleed.x + 1, y: bleed.y + 1, width: trim.x - bleed.x - 2, height: 12))
            let plates = try Self.plates(side, regions: regions)
            let black = try #require(plates["Black"])
            for index in regions.indices.dropLast() {
                for ink in ["Cyan", "Magenta", "Yellow"] {
                    #expect(plates[ink]?[index].inked == 0, "\(name): \(ink) ink in region \(regions[index])")
                }
            }
            #expect(black[0].inked > 0 && black[0].max == 255, "\(name): the code is not solid K")
            #expect(regions.indices.dropLast().allSatisfy { black[$0].inked > 0 }, "\(name): a black text is missing")
            // A band at the page's top-left corner runs into the bleed; a card with none (the framed design) leaves
            // the bleed blank.
            let bandInk = ["Cyan", "Magenta", "Yellow", "Black"].compactMap { plates[$0]?.last?.inked }.max() ?? 0
            // A die-cut sticker's band stops at its rounded corner: the bleed's corner stays blank.
            let cornerBand =
                page.cut == nil
                && page.items.contains {
                    if case let .fill(rect, _, _) = $0.shape { rect.x < 0.01 && rect.y < 0.01 } else { false }
                }
            #expect((bandInk > 0) == cornerBand, "\(name): a band reaches the bleed: \(bandInk > 0)")

            // The trim alone, as the card is cut, still scans as its link.
            let trimmed = try PDFReadBack(side).render(page: 0, region: trim, pixelsPerPoint: 200 / 72)
            let codes = try Cards.codesPerFile(template)
            #expect(
                try ZBarDecoder().decode(trimmed) == Array(repeating: TestSupport.sampleLink, count: codes),
                "\(name): the trimmed card")
        }
    }

    @Test func pressFilesAreByteIdenticalRunToRun() throws {
        let first = try Self.pressFiles(template: "card-a6").map(\.1.bytes)
        let second = try Self.pressFiles(template: "card-a6").map(\.1.bytes)
        #expect(first == second)
    }

    /// The boxes: trim = the card, bleed 3 mm (or as asked) beyond, crop marks outside the bleed on a larger sheet.
    @Test(arguments: [(3.0, false), (0.0, false), (5.0, true)])
    func boxesBleedAndCropMarks(_ bleedMillimetres: Double, _ cropMarks: Bool) throws {
        let settings = PressSettings(bleedMillimetres: bleedMillimetres, cropMarks: cropMarks)
        let (_, artifact, _) = try #require(try Self.pressFiles(template: "counter-a5", settings: settings).first)
        let graph = try PDFObjectReader.read(artifact.bytes, name: "press.pdf")
        let page = try #require(graph.pages.first)
        let trim = try #require(PDFRect(box: page["TrimBox"]))
        let bleed = try #require(PDFRect(box: page["BleedBox"]))
        let media = try #require(PDFRect(box: page["MediaBox"]))
        func mm(_ points: Double) -> Double { (Length.pt(points).millimetres * 100).rounded() / 100 }
        #expect(mm(trim.width) == 148 && mm(trim.height) == 210)
        #expect(mm(trim.minX - bleed.minX) == bleedMillimetres && mm(bleed.maxY - trim.maxY) == bleedMillimetres)
        #expect(mm(bleed.minX - media.minX) == (cropMarks ? 7 : 0))
        let marks = ContentInterpreter(graph: graph).drawing(ofPage: page).marks.filter {
            if case let .stroke(width) = $0.kind { abs(width - PressPage.cropMarkWidth) < 0.001 } else { false }
        }
        #expect(marks.count == (cropMarks ? 8 : 0))
        // Every mark lies outside the bleed, on all four plates (registration).
        #expect(marks.allSatisfy { mark in mark.bounds.map { !bleed.inset(by: 0.01).intersects($0) } ?? false })
        #expect(marks.allSatisfy { $0.colour == PaintColour(space: .cmyk, components: [1, 1, 1, 1]) })
    }

    /// A brand colour given in CMYK prints exactly so; on screen it is the colour the press makes of it.
    @Test func anAccentGivenInCMYKPrintsExactly() throws {
        let brand = try #require(CMYKColor(percentages: "100,72,0,18"))
        let (_, artifact, document) = try #require(try Self.pressFiles(template: "counter-a5", accentCMYK: brand).first)
        let graph = try PDFObjectReader.read(artifact.bytes, name: "press.pdf")
        let page = try #require(graph.pages.first)
        let colours = ContentInterpreter(graph: graph).drawing(ofPage: page).marks.compactMap(\.colour)
        #expect(colours.contains(PaintColour(space: .cmyk, components: [1, 0.72, 0, 0.18])))
        // The screen files' accent (the rule under the name) is the profile's rendering of that CMYK: a dark blue.
        let band = try #require(document.pages.first?.items.first { $0.name == "rule" })
        guard case let .fill(_, color, _) = band.shape else { Issue.record("no band"); return }
        #expect(color.blue > color.red && color.blue > color.green && color.red < 60, "\(color.hex)")
    }

    /// A template's `accentCMYK` is its accent in press files, exactly; a user's accent replaces it.
    @Test func aTemplatesCMYKAccentPrintsExactly() throws {
        let folder = try TestSupport.temporaryDirectory("qrdesk-cmyk-template")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(
            contentsOf: TestSupport.templatesDirectory.appendingPathComponent("counter-a5.yaml"), encoding: .utf8)
        let branded = original.replacingOccurrences(of: "id: counter-a5\n", with: "id: counter-a5-brand\n")
            .replacingOccurrences(of: "accent: \"#2E2E2E\"", with: "accent: \"#1A73E8\"\naccentCMYK: \"88,50,0,0\"")
        try branded.write(to: folder.appendingPathComponent("brand.yaml"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary.load(from: [TestSupport.templatesDirectory, folder])
        let renderer = CardRenderer(library: library, creationDate: "2024-01-01T00:00:00Z")
        func inks(accent: RGBColor?) throws -> [PaintColour] {
            var request = try Cards.request(template: "counter-a5-brand", variants: [.color], formats: [.pdf])
            request.content.accent = accent
            request.press = PressSettings()
            let press = try #require(try renderer.render(request).last)
            let graph = try PDFObjectReader.read(press.bytes, name: "press.pdf")
            let page = try #require(graph.pages.first)
            return ContentInterpreter(graph: graph).drawing(ofPage: page).marks.compactMap(\.colour)
        }
        let brand = PaintColour(space: .cmyk, components: [0.88, 0.5, 0, 0])
        #expect(try inks(accent: nil).contains(brand))
        #expect(try !inks(accent: RGBColor(hex: "#0B8043")).contains(brand))
    }

    @Test func aCMYKAccentIsReadStrictly() throws {
        #expect(CMYKColor(percentages: "100,72,0,18") == CMYKColor(cyan: 1, magenta: 0.72, yellow: 0, black: 0.18))
        #expect(CMYKColor(percentages: "0, 0, 0, 100.0") == .solidBlack)
        for bad in ["100,72,0", "101,0,0,0", "-1,0,0,0", "1e2,0,0,0", "a,b,c,d", "50.25,0,0,0", "", "0,0,0,0,0"] {
            #expect(CMYKColor(percentages: bad) == nil, "\(bad)")
        }
    }
}
