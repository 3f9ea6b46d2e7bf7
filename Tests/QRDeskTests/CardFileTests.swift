import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

@Suite("Card files: sizes, purity, determinism, metadata")
struct CardFileTests {
    @Test func rerunsAreByteIdentical() throws {
        let request = try Cards.request(template: "counter-a5", formats: [.pdf, .svg, .png])
        let first = try Cards.render(request), second = try Cards.render(request)
        #expect(first.count == second.count)
        for (a, b) in zip(first, second) {
            let identical = a.bytes == b.bytes
            #expect(identical, "\(a.fileName) differs between runs")
        }
    }

    @Test func rendersAreIdenticalAcrossThreads() throws {
        let request = try Cards.request(formats: [.pdf, .svg])
        let reference = try Cards.render(request).map(\.bytes)
        let results = ParallelMap.run(Array(0..<8), jobs: 4) { _ in (try? Cards.render(request))?.map(\.bytes) }
        for result in results {
            let identical = result == reference
            #expect(identical)
        }
    }

    @Test(arguments: [
        ("counter-a5", 419.527559, 595.275591), ("poster-a4", 595.275591, 841.889764),
        ("poster-letter", 612.0, 792.0), ("card-a6", 297.637795, 419.527559), ("sticker-100", 283.464567, 283.464567),
        ("counter-a5-landscape", 595.275591, 419.527559), ("stand-4x6", 288.0, 432.0), ("stand-5x7", 360.0, 504.0),
        ("insert-dl", 280.629921, 595.275591),
    ])
    func pageSizesAreExact(template: String, width: Double, height: Double) throws {
        let artifacts = try Cards.render(
            try Cards.request(template: template, variants: [.color], formats: [.pdf, .svg, .png]))
        let pdf = String(decoding: artifacts[0].bytes, as: UTF8.self)
        let mediaBox = try #require(pdf.firstMatch(of: /\/MediaBox \[ 0 0 ([0-9.]+) ([0-9.]+) \]/))
        #expect(abs(Double(mediaBox.1)! - width) < 0.001 && abs(Double(mediaBox.2)! - height) < 0.001)
        // The incremental update asks viewers to print at actual size.
        #expect(pdf.contains("/ViewerPreferences << /PrintScaling /None >>"))
        let svg = String(decoding: artifacts[1].bytes, as: UTF8.self)
        let widthMM = Length.pt(width).millimetres, heightMM = Length.pt(height).millimetres
        let svgSize = try #require(svg.firstMatch(of: /width="([0-9.]+)mm" height="([0-9.]+)mm"/))
        #expect(abs(Double(svgSize.1)! - widthMM) < 0.001 && abs(Double(svgSize.2)! - heightMM) < 0.001)
        let png = artifacts[2].bytes
        let chunks = TestSupport.pngChunks(png)
        let header = chunks[0].body
        let pixelWidth = header[0..<4].reduce(0) { $0 << 8 | Int($1) },
            pixelHeight = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        #expect(pixelWidth == Int((width / 72 * 300).rounded()) && pixelHeight == Int((height / 72 * 300).rounded()))
        let physical = try #require(chunks.first { $0.type == "pHYs" }).body
        #expect(Array(physical) == [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1])  // 11811 px/m = 300 dpi
    }

    @Test func pdfParsesAndKeepsMetadataAndFixedDates() throws {
        let pdf = try Cards.render(try Cards.request(variants: [.color], formats: [.pdf]))[0].bytes
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("card.pdf")
        try Data(pdf).write(to: file)
        let info = try TestSupport.run("pdfinfo", [file.path])
        #expect(info.status == 0, "pdfinfo: \(info.stderr)")
        #expect(info.stderr.isEmpty, "poppler complained: \(info.stderr)")
        #expect(info.stdout.contains("Subject:         \(TestSupport.sampleLink)"))
        #expect(info.stdout.contains("Creator:         qrdesk"))
        #expect(info.stdout.contains("Title:           Studio Nova"))
        #expect(info.stdout.contains("CreationDate:    Mon Jan  1 00:00:00 2024 UTC"))
        #expect(info.stdout.contains("Page size:       419.528 x 595.276 pts"))
    }

    @Test(arguments: CardRoundTripTests.templates)
    func blackAndWhiteHoldsOnlyPureBlackAndWhite(template: String) throws {
        var request = try Cards.request(template: template, variants: [.bw], formats: [.pdf, .svg, .png])
        request.content.logoPNG = try Logo.sample()
        let artifacts = try Cards.render(request)
        // PDF: every colour operator in the (decompressed) content sets pure black or white, and every embedded
        // image holds only black and white pixels. A raster would not do: viewers smooth images when scaling them.
        let pdf = try PDFContents(artifacts[0].bytes)
        #expect(!pdf.colorOperands.isEmpty)
        #expect(pdf.colorOperands.allSatisfy { $0 == "0" || $0 == "1" }, "non-pure colours: \(Set(pdf.colorOperands))")
        let card = try Cards.library.card(template)
        let hasLogo = (card.elements + (card.front?.elements ?? [])).contains { $0.name == "logo" }
        #expect(pdf.images.count == (hasLogo ? try Cards.codesPerFile(template) : 0))
        for image in pdf.images { #expect(image.pixels.allSatisfy { $0 == 0 || $0 == 255 }) }
        // And the page as a viewer draws it, outside the logo, is pure too.
        let raster = try TestSupport.rasterizePDF(artifacts[0].bytes, dpi: 72, antialias: false)
        // Where the layout drew the logo (a reflowing card moves it).
        let document = try CardRenderer(library: try Cards.library).documents(for: request)[.bw]
        let logos =
            document?.pages.first?.items.compactMap { item -> Rect? in
                if case let .image(image) = item.shape { image.frame } else { nil }
            } ?? []
        for y in 0..<raster.height {
            for x in 0..<raster.width
            where !logos.contains(where: {
                $0.insetBy(-2).contains(Rect(x: Double(x), y: Double(y), width: 1, height: 1))
            }) {
                if raster[x, y] != 0 && raster[x, y] != 255 {
                    Issue.record("grey pixel \(raster[x, y]) at \(x),\(y)"); return
                }
            }
        }
        // SVG: every colour written is #000000 or #FFFFFF, and its embedded logo is 1-bit.
        let svg = String(decoding: artifacts[1].bytes, as: UTF8.self)
        let colors = Set(svg.matches(of: /#[0-9A-Fa-f]{6}/).map { String($0.output) })
        #expect(colors.isSubset(of: ["#000000", "#FFFFFF"]), "colours in bw SVG: \(colors)")
        // PNG: 1-bit greyscale.
        let header = TestSupport.pngChunks(artifacts[2].bytes)[0].body
        #expect(header[8] == 1 && header[9] == 0, "bw PNG must be 1-bit grey")
    }

    @Test func colourVariantUsesTheAccent() throws {
        let accent = RGBColor(hex: "#B0306A")!
        let artifacts = try Cards.render(try Cards.request(variants: [.color], formats: [.svg], accent: accent))
        #expect(String(decoding: artifacts[0].bytes, as: UTF8.self).contains("fill=\"#B0306A\""))
    }

    @Test func svgHasNamedGroupsAndTheQRAsOnePath() throws {
        let svg = String(
            decoding: try Cards.render(try Cards.request(variants: [.color], formats: [.svg]))[0].bytes, as: UTF8.self)
        for group in ["business-name", "tagline", "rule", "qr", "qr-frame", "qr-tab", "qr-label", "trust", "steps"] {
            #expect(svg.contains("<g id=\"\(group)\">"), "missing group \(group)")
        }
        let qrGroup = try #require(svg.firstMatch(of: /<g id="qr">(.*?)<\/g>/)).1
        #expect(qrGroup.components(separatedBy: "<path ").count == 2)
        #expect(svg.contains("<title>Studio Nova</title>"))
    }

    @Test func pdfDrawsTheQRAsOneFill() throws {
        // One path, one fill: count the fill operators in the QR's content is not possible after zlib,
        // so check the raster instead: no light hairline between two dark neighbouring modules.
        let request = try Cards.request(variants: [.bw], formats: [.pdf])
        let artifact = try Cards.render(request)[0]
        let image = try TestSupport.rasterizePDF(artifact.bytes, dpi: 600)
        // Where the layout drew it: a reflowing card moves and grows the code.
        let renderer = CardRenderer(library: try Cards.library)
        let symbol = try #require(try renderer.documents(for: request)[.bw]?.pages[0].qrSymbols.first)
        let matrix = symbol.matrix
        let frame = symbol.frame
        let module = frame.width / Double(matrix.width + 2 * symbol.quietZone) * 600 / 72
        // For every horizontal pair of dark modules, sample the shared edge: it must be dark.
        for y in 0..<matrix.width {
            for x in 0..<(matrix.width - 1) where matrix[x, y] && matrix[x + 1, y] {
                let px = Int((frame.x * 600 / 72 + (Double(x + 4) + 1) * module).rounded())
                let py = Int((frame.y * 600 / 72 + (Double(y + 4) + 0.5) * module).rounded())
                #expect(image[px, py] < 64, "seam at module \(x),\(y)")
            }
        }
    }
}

enum Logo {
    /// A 60 × 20 RGBA PNG with colour and transparent pixels, standing in for a salon's logo.
    static func sample() throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Goldens/logo.png")
        return [UInt8](try Data(contentsOf: folder))
    }
}

/// A PDF opened up with qpdf (streams decompressed) and poppler's pdfimages, to look at what the file holds.
struct PDFContents {
    /// Operands of every colour-setting operator (rg, RG, g, G, k, K, sc, scn, SC, SCN).
    var colorOperands: [String] = []
    var images: [GreyImage] = []

    init(_ pdf: [UInt8]) throws {
        let folder = try TestSupport.temporaryDirectory("qrdesk-pdfcontents")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), expanded = folder.appendingPathComponent("qdf.pdf")
        try Data(pdf).write(to: input)
        let qpdf = try TestSupport.run("qpdf", ["--qdf", "--object-streams=disable", input.path, expanded.path])
        guard qpdf.status == 0 else { throw TestSupportError("qpdf: \(qpdf.stderr)") }
        let text = String(decoding: try Data(contentsOf: expanded), as: UTF8.self)
        // Content streams are text; skip binary lines (embedded fonts), then read operands before each operator.
        let colorOperators: Set<Substring> = ["rg", "RG", "g", "G", "k", "K", "sc", "scn", "SC", "SCN"]
        for line in text.split(whereSeparator: \.isNewline)
        where line.allSatisfy({ $0.isASCII && ($0 == " " || !$0.isWhitespace) }) {
            var operands: [Substring] = []
            for token in line.split(separator: " ") {
                if Double(token) != nil { operands.append(token); continue }
                if colorOperators.contains(token) { colorOperands += operands.map(String.init) }
                operands.removeAll()
            }
        }
        let images = try TestSupport.run(
            "pdfimages", ["-png", input.path, folder.appendingPathComponent("image").path])
        guard images.status == 0 else { throw TestSupportError("pdfimages: \(images.stderr)") }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasPrefix("image") {
            self.images.append(
                try PNGDecoder.greyImage([UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))))
        }
    }
}
