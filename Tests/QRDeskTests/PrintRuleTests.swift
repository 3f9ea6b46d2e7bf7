import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// The print rule the read-back and `verify` share: it passes every real file and refuses each planted defect a
/// phone would suffer from, measured on the file's own pixels.
@Suite("Print rule")
struct PrintRuleTests {
    static let metadata = DocumentMetadata(title: "t", subject: "s", creationDate: "2024-01-01T00:00:00Z")

    /// The colour A5 card's page and its QR item.
    static func cardPage() throws -> (page: Page, index: Int, symbol: QRSymbol) {
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        let request = try Cards.request(variants: [.color], formats: [.png])
        let page = try #require(try renderer.documents(for: request)[.color]?.pages.first)
        let index = try #require(page.items.firstIndex { if case .qr = $0.shape { true } else { false } })
        guard case let .qr(symbol) = page.items[index].shape else { throw CocoaError(.featureUnsupported) }
        return (page, index, symbol)
    }

    static func png(_ page: Page) throws -> [UInt8] {
        try RasterRenderer().renderPNG(Document(metadata: metadata, pages: [page]), dpi: 300, blackAndWhite: false)
            .bytes
    }

    /// Every grey level remapped; every pixel resampled through `source(x, y)` (bilinear).
    static func planted(
        _ bytes: [UInt8], level: (Double) -> Double = { $0 },
        source: ((Double, Double) -> (Double, Double))? = nil
    ) throws -> [UInt8] {
        let image = try PNGDecoder.greyImage(bytes)
        var pixels = image.pixels
        for y in 0..<image.height {
            for x in 0..<image.width {
                let value: Double
                if let source {
                    let (sx, sy) = source(Double(x) + 0.5, Double(y) + 0.5)
                    value = image.sample(x: sx, y: sy)
                } else {
                    value = Double(image[x, y])
                }
                pixels[y * image.width + x] = UInt8(min(255, max(0, level(value).rounded())))
            }
        }
        return try PNGEncoder.encode(
            grey: GreyImage(width: image.width, height: image.height, pixels: pixels), dpi: 300)
    }

    /// A box blur of `radius` pixels, twice (close to a Gaussian of σ ≈ 0.8 × radius).
    static func blurred(_ bytes: [UInt8], radius: Int) throws -> [UInt8] {
        var image = try PNGDecoder.greyImage(bytes)
        for _ in 0..<2 {
            var pixels = image.pixels
            for y in 0..<image.height {
                for x in 0..<image.width {
                    var sum = 0, count = 0
                    for dy in -radius...radius {
                        for dx in -radius...radius {
                            let sx = x + dx, sy = y + dy
                            guard sx >= 0, sy >= 0, sx < image.width, sy < image.height else { continue }
                            sum += Int(image[sx, sy])
                            count += 1
                        }
                    }
                    pixels[y * image.width + x] = UInt8(sum / count)
                }
            }
            image = GreyImage(width: image.width, height: image.height, pixels: pixels)
        }
        return try PNGEncoder.encode(grey: image, dpi: 300)
    }

    func refusal(_ bytes: [UInt8], page: Page) -> ReadBackError? {
        do {
            try WrittenFileCheck(scanDistance: ScanDistance(metres: 1))
                .check(bytes, format: .png, pages: [page], fileName: "card.png")
            return nil
        } catch {
            return error as? ReadBackError
        }
    }

    func verifyProblems(_ bytes: [UInt8]) -> [String] {
        let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(bytes, name: "card.png")
        return report.problems + report.codes.flatMap(\.problems)
    }

    @Test func theUntouchedCardPassesBothWays() throws {
        let (page, _, _) = try Self.cardPage()
        let bytes = try Self.png(page)
        #expect(refusal(bytes, page: page) == nil)
        #expect(verifyProblems(bytes).isEmpty)
    }

    /// Pixels blurred (σ ≈ 2.4 px at 300 dpi) or resampled from a third of the resolution: soft edges, refused by
    /// the gate and by `verify` with the same words, though zbar still reads both.
    @Test(arguments: ["blurred", "resampled"])
    func softPixelsAreRefused(kind: String) throws {
        let (page, _, _) = try Self.cardPage()
        let clean = try Self.png(page)
        let soft: [UInt8]
        if kind == "blurred" {
            soft = try Self.blurred(clean, radius: 3)
        } else {
            // Each 3 × 3 block averaged, then enlarged back bilinearly: a raster drawn at 100 dpi and scaled up.
            let image = try PNGDecoder.greyImage(clean)
            let (smallWidth, smallHeight) = (image.width / 3, image.height / 3)
            let small = GreyImage(
                width: smallWidth, height: smallHeight,
                pixels: (0..<smallHeight).flatMap { y in
                    (0..<smallWidth).map { x in
                        UInt8((0..<9).map { Int(image[x * 3 + $0 % 3, y * 3 + $0 / 3]) }.reduce(0, +) / 9)
                    }
                })
            let enlarged = GreyImage(
                width: smallWidth * 3, height: smallHeight * 3,
                pixels: (0..<(smallHeight * 3)).flatMap { y in
                    (0..<(smallWidth * 3)).map { x in
                        UInt8(small.sample(x: (Double(x) + 0.5) / 3, y: (Double(y) + 0.5) / 3).rounded())
                    }
                })
            soft = try PNGEncoder.encode(grey: enlarged, dpi: 300)
        }
        #expect(try ZBarDecoder().decode(try PNGDecoder.greyImage(soft)) == [TestSupport.sampleLink])
        let error = try #require(refusal(soft, page: page))
        guard case let .rule(.softEdges(pixels)) = error.problem else { Issue.record("\(error)"); return }
        #expect(pixels > PrintRule.maximumEdgeWidthPixels)
        #expect(verifyProblems(soft).contains { $0.hasPrefix("has soft edges") })
    }

    /// Light and dark at 2:1 (modules grey 184 on white): refused for contrast.
    @Test func contrastOfTwoToOneIsRefused() throws {
        let (page, _, _) = try Self.cardPage()
        let faint = try Self.planted(try Self.png(page), level: { 184 + (255 - 184) * $0 / 255 })
        let error = try #require(refusal(faint, page: page))
        guard case let .rule(.lowContrast(ratio)) = error.problem else { Issue.record("\(error)"); return }
        #expect(ratio < 2.1 && ratio > 1.9)
        #expect(verifyProblems(faint).contains { $0.hasPrefix("has a contrast of 2") })
    }

    /// The modules' pitch drifting across the symbol (each column a little wider than the last, 0.3 module off
    /// an even grid in the middle): refused, by the gate and by `verify`.
    @Test func aDriftingPitchIsRefused() throws {
        let (page, _, symbol) = try Self.cardPage()
        let scale = 300.0 / 72
        let left = (symbol.frame.x + Double(symbol.quietZone) * symbol.moduleSize) * scale
        let side = Double(symbol.matrix.width) * symbol.moduleSize * scale
        let module = symbol.moduleSize * scale
        // x' = x + k·t·(1 − t) across the symbol (t from 0 to 1): both edges stay, the middle moves k/4.
        let shift = 1.2 * module
        let drifting = try Self.planted(
            try Self.png(page),
            source: { x, y in
                let t = (x - left) / side
                guard t > 0, t < 1 else { return (x, y) }
                return (x - shift * t * (1 - t), y)
            })
        let error = try #require(refusal(drifting, page: page))
        switch error.problem {
        case .rule(.unevenPitch), .wrongModules: break
        default: Issue.record("\(error)")
        }
        #expect(
            verifyProblems(drifting).contains {
                $0.hasPrefix("has modules unevenly spaced") || $0.contains("damaged module")
            })
    }

    /// The QR drawn 10 % smaller than planned (centred in its place): refused.
    @Test func aCodeDrawnSmallerThanPlannedIsRefused() throws {
        let (page, index, symbol) = try Self.cardPage()
        var smaller = symbol
        let inset = symbol.frame.width * 0.05
        smaller.frame = Rect(
            x: symbol.frame.x + inset, y: symbol.frame.y + inset, width: symbol.frame.width * 0.9,
            height: symbol.frame.height * 0.9)
        var drawn = page
        drawn.items[index].shape = .qr(smaller)
        let bytes = try Self.png(drawn)
        #expect(try ZBarDecoder().decode(try PNGDecoder.greyImage(bytes)) == [TestSupport.sampleLink])
        #expect(refusal(bytes, page: page) != nil)
    }
}

/// `verify` judges damage from the symbol itself: codewords read, error-corrected, rebuilt with the symbol's own
/// version, level and mask. Other encoders' files pass; planted damage is counted, module for module.
@Suite("Symbols rebuilt from their codewords")
struct SymbolRebuildTests {
    @Test func libqrencodeSymbolsRebuildToThemselvesAtEveryVersionAndLevel() throws {
        for level in ErrorCorrectionLevel.allCases {
            for version in [1, 2, 6, 7, 10, 14, 21, 27, 33, 40] {
                let bytes = QRCapacity.bytes(version: version, level: level)
                let payload = [UInt8]((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ version) })
                let matrix = try QREncoder().encode(bytes: payload, level: level)
                #expect(matrix.version == version)
                let format = FormatInformation.read(width: matrix.width) { matrix[$0, $1] }
                let rebuilt = try QRSymbolRebuild(width: matrix.width, format: format) { matrix[$0, $1] }
                #expect(rebuilt.matrix == matrix && rebuilt.correctedCodewords == 0, "version \(version)-\(level)")
                let layout = try #require(QRCodewordLayout(version: version, level: level))
                #expect(
                    layout.dataCodewords * 8 >= bytes * 8 + 4 + (version < 10 ? 8 : 16), "capacity \(version)-\(level)")
            }
        }
    }

    /// Up to half the error-correction codewords of a block wrong: all found and repaired; one more: refused.
    @Test func reedSolomonRepairsUpToItsCapacity() throws {
        let data = [UInt8]((0..<19).map { UInt8($0 * 13 + 1) })
        let block = data + ReedSolomon.errorCorrection(for: data, count: 7)
        #expect(ReedSolomon.correct(block, eccCount: 7)?.errors == 0)
        var damaged = block
        for position in [0, 9, 25] { damaged[position] ^= 0x5A }
        let repaired = try #require(ReedSolomon.correct(damaged, eccCount: 7))
        #expect(repaired.block == block && repaired.errors == 3)
        damaged[14] ^= 0x11
        #expect(ReedSolomon.correct(damaged, eccCount: 7)?.block != block)
    }

    /// A file made by another encoder, as PNG (300 dpi) and PDF (segno) or PNG and SVG (qrencode).
    static func thirdPartyFiles(level: String, link: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qrdesk-third-party-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import segno, sys
            q = segno.make(sys.argv[1], error=sys.argv[2], micro=False)
            q.save(sys.argv[3] + '/segno.png', scale=10, dpi=300)
            q.save(sys.argv[3] + '/segno.pdf', scale=3)
            """
        let segno = try TestSupport.run("python3", ["-c", script, link, level.lowercased(), folder.path])
        #expect(segno.status == 0, "segno (scripts/install-deps.sh installs it): \(segno.stderr)")
        try TestSupport.run(
            "qrencode", ["-l", level, "-s", "8", "-d", "300", "-o", folder.path + "/qrencode.png", link])
        try TestSupport.run(
            "qrencode", ["-l", level, "-s", "8", "-t", "SVG", "-o", folder.path + "/qrencode.svg", link])
        return try ["segno.png", "segno.pdf", "qrencode.png", "qrencode.svg"].map { name in
            (name, [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    @Test(arguments: ["L", "M", "Q", "H"])
    func otherEncodersFilesPassAndTheirDamageIsCounted(level: String) throws {
        let link = "https://pay.example.com/p/Xk9fA2mQ7t?loc=loc-\(level)"
        for file in try Self.thirdPartyFiles(level: level, link: link) {
            let report = FileAudit(gates: AuditGates(expect: link)).audit(file.bytes, name: file.name)
            #expect(report.passed && report.codes.first?.wrongModules == 0, "\(file.name): \(report)")
            guard file.name.hasSuffix(".png") else { continue }
            // Three data modules inverted near the bottom-right corner (module centres, in pixels).
            let image = try PNGDecoder.greyImage(file.bytes)
            let reading = try #require(FileAudit.readings(in: image).first)
            var pixels = image.pixels
            let side = reading.quad.meanSide / Double(reading.width)
            for (x, y) in [
                (reading.width - 1, reading.width - 1), (reading.width - 2, reading.width - 3),
                (reading.width - 4, reading.width - 2),
            ] {
                let centre = reading.quad.map(
                    u: (Double(x) + 0.5) / Double(reading.width), v: (Double(y) + 0.5) / Double(reading.width))
                let value: UInt8 = reading[x, y] ? 255 : 0
                let half = Int(side * 0.45)
                for dy in -half...half {
                    for dx in -half...half { pixels[(Int(centre.y) + dy) * image.width + Int(centre.x) + dx] = value }
                }
            }
            let damaged = try PNGEncoder.encode(
                grey: GreyImage(width: image.width, height: image.height, pixels: pixels), dpi: 300)
            let audit = FileAudit(gates: AuditGates(expect: link)).audit(damaged, name: file.name)
            #expect(!audit.passed && audit.codes.first?.wrongModules == 3, "\(file.name): \(audit)")
            #expect(audit.codes.first?.problems.first?.hasPrefix("has 3 damaged modules") == true, "\(audit)")
        }
    }
}
