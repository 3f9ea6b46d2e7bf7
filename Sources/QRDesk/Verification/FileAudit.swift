import Foundation
import QRDeskCore
import QRDeskNative

/// `qrdesk verify FILE`: every QR code in a PDF (every page), SVG, PNG or JPEG — qrdesk's own files, anyone
/// else's, or a photo of a printed card — found, measured and held to the gates.
public struct FileAudit: Sendable {
    /// Files larger than this are not read: a press-sheet PDF of a 10,000-card run is far below it.
    public static let maximumFileBytes = 256 << 20
    public static let maximumPages = 1_000
    /// PDF and SVG pages are rasterized at 200 dpi (a 0.5 mm module is 3.9 px), and at 400 dpi when nothing is
    /// found at 200, within the pixel budget.
    public static let resolutions = [200.0, 400.0]

    public let gates: AuditGates

    public init(gates: AuditGates) { self.gates = gates }

    /// The report for one file's bytes; never throws: an unreadable file is a report with a problem.
    public func audit(_ bytes: [UInt8], name: String) -> FileAuditReport {
        guard let header = ImageHeader(bytes) else {
            return FileAuditReport(
                file: name, kind: "unknown", pages: 0, codes: [],
                problems: ["is not a PDF, SVG, PNG or JPEG file (qrdesk verify reads those)"])
        }
        do {
            let pages = try self.pages(of: bytes, header: header)
            var codes: [QRFinding] = []
            // Sharpness is a property of a print raster at its own resolution; a photo's camera blurs every edge.
            let judgesSharpness = header.kind == .png && header.pixelsPerMillimetre != nil
            for page in pages {
                let (found, pixelsPerMillimetre) = try page.page.symbols(size: page.size)
                for code in found {
                    var finding = QRFinding(
                        page: page.number, payload: code.symbol.payload, reading: code.reading,
                        pixelsPerMillimetre: pixelsPerMillimetre)
                    var ruleProblems: [PrintRule.Problem] = []
                    if let reading = code.reading {
                        let damaged = code.damagedModules
                        finding.wrongModules = damaged
                        finding.pitchDeviation = code.timing.map { QRFinding.rounded($0.pitchDeviation, digits: 3) }
                        let measurement = PrintRule.Measurement(
                            damagedModules: damaged, quietZone: reading.quietZone,
                            contrastRatio: reading.contrastRatio, timing: code.timing,
                            judgesSharpness: judgesSharpness)
                        ruleProblems = PrintRule.problems(of: measurement)
                    }
                    finding.problems = ruleProblems.map(\.description) + gates.problems(of: finding)
                    codes.append(finding)
                }
            }
            return FileAuditReport(
                file: name, kind: header.kind.rawValue, pages: pages.count, codes: codes,
                problems: gates.fileProblems(codes: codes))
        } catch {
            let reason = (error as? Unreadable)?.reason ?? "cannot be read: \(error)"
            return FileAuditReport(file: name, kind: header.kind.rawValue, pages: 0, codes: [], problems: [reason])
        }
    }

    /// Modules of `reading` unlike the symbol rebuilt from its own error-corrected codewords with its own version,
    /// level and mask: damage, whichever encoder made the file. nil when the codewords do not correct.
    /// A Swiss QR-bill's code carries the Swiss cross over its centre by its standard: modules under it are not
    /// counted as damage.
    static func damagedModules(_ reading: QRGridReading, underSwissCross: Bool = false) -> Int? {
        guard
            let rebuilt = try? QRSymbolRebuild(
                width: reading.width, format: reading.format, isDark: { reading[$0, $1] })
        else {
            return nil
        }
        return reading.mismatches(with: rebuilt.matrix).filter {
            !(underSwissCross && SwissCross.hides(column: $0.x, row: $0.y, width: reading.width))
        }.count
    }

    /// The measured grid of every code zbar finds in an image.
    public static func readings(in image: GreyImage) throws -> [QRGridReading] {
        try WrittenPage.find(in: image).compactMap(\.reading)
    }

    /// A numbered page of the file, with its size in points when it is a vector page.
    typealias AuditPage = (number: Int, size: Size?, page: WrittenPage)

    func pages(of bytes: [UInt8], header: ImageHeader) throws -> [AuditPage] {
        switch header.kind {
        case .pdf:
            let reader = try PDFReadBack(bytes)
            guard reader.pageCount <= Self.maximumPages else {
                throw Unreadable(
                    reason: "has \(reader.pageCount) pages, more than the \(Self.maximumPages) qrdesk verify reads")
            }
            return try (0..<reader.pageCount).map { index in
                (index + 1, try reader.pageSize(index), WrittenPage(source: .pdf(reader, page: index)))
            }
        case .svg:
            let reader = try SVGReadBack(bytes)
            return [(1, try reader.pageSize(), WrittenPage(source: .svg(reader)))]
        case .png, .jpeg:
            guard header.isWithinBudget else {
                throw Unreadable(
                    reason:
                        "claims \(header.width ?? 0) × \(header.height ?? 0) pixels, more than the "
                        + "\(ImageHeader.maximumPixels / 1_000_000) megapixels qrdesk decodes"
                )
            }
            let image = header.kind == .png ? try PNGDecoder.greyImage(bytes) : try JPEGDecoder.greyImage(bytes)
            let pixelsPerPoint = header.pixelsPerMillimetre.map { $0 * 25.4 / 72 }
            return [(1, nil, WrittenPage(source: .raster(image, pixelsPerPoint: pixelsPerPoint, originX: 0)))]
        }
    }
}

/// A file the audit will not decode, and why.
struct Unreadable: Error {
    let reason: String
}

extension WrittenPage {
    /// Every code on the page with its measured grid, and the page's pixels per millimetre for the attempt that
    /// found them: a vector page (of `size` points) rendered at the audit's resolutions, an image as it is.
    func symbols(size: Size?) throws -> (codes: [FoundCode], pixelsPerMillimetre: Double?) {
        if case let .raster(image, pixelsPerPoint, _) = source {
            let found = try Self.find(in: image)
            return (
                found.isEmpty ? try Self.findBehindSwissCrosses(in: image) : found,
                pixelsPerPoint.map { $0 * 72 / 25.4 }
            )
        }
        guard let size else { return ([], nil) }
        var best: (codes: [FoundCode], pixelsPerMillimetre: Double?) = ([], nil)
        for dpi in FileAudit.resolutions {
            var pixelsPerPoint = dpi / 72
            let pixels = size.width * pixelsPerPoint * size.height * pixelsPerPoint
            if pixels > Double(ImageHeader.maximumPixels) {
                // A page too large for this resolution is searched at the largest that fits, once.
                guard dpi == FileAudit.resolutions[0] else { break }
                pixelsPerPoint *= (Double(ImageHeader.maximumPixels) / pixels).squareRoot()
            }
            let scale = pixelsPerPoint * 72 / 25.4
            let page = try render(
                Rect(x: 0, y: 0, width: size.width, height: size.height), pixelsPerPoint: pixelsPerPoint)
            var codes = try Self.find(in: page.image)
            // A Swiss cross hides its code from zbar, at some pixel phases at one resolution and not the other:
            // looked for at each, only when nothing was found.
            if codes.isEmpty { codes = try Self.findBehindSwissCrosses(in: page.image) }
            let measured = codes.filter { $0.reading != nil }.count
            if best.codes.isEmpty || measured > best.codes.filter({ $0.reading != nil }).count {
                best = (codes, scale)
            }
            // Done once every code found has its grid measured; a code too fine to measure at this resolution
            // (0.4 mm modules at 200 dpi are 3 pixels) is read again at the next.
            if !codes.isEmpty && measured == codes.count { break }
        }
        return best
    }

    static func find(in image: GreyImage) throws -> [FoundCode] {
        try ZBarDecoder().symbols(in: image).map { found(in: image, symbol: $0) }
    }

    /// The code zbar reported, measured: its grid located from zbar's corners, and — when that reading is unlike
    /// the symbol its own codewords rebuild to, or does not decode from its modules at all — read again with its
    /// sides moved onto the symbol's edges, and as the parallelogram those edges make (a flat page); the reading
    /// whose samples fall most squarely inside their modules (`sharpness`) is kept. A decoder's corners are good
    /// to a pixel or two, which on a large symbol (version 16: 81 modules) puts the far modules' sample points on
    /// their edges. The choice is by fit alone, never by which reading shows less damage: a damaged module read
    /// at its centre stays damaged.
    static func found(in image: GreyImage, symbol: ZBarDecoder.Symbol) -> FoundCode {
        let swiss = PayloadLinter.scheme(of: symbol.payload) == .swiss
        var reading = QRGridReader.locate(image, corners: symbol.corners)
        var damaged = reading.flatMap { FileAudit.damagedModules($0, underSwissCross: swiss) }
        if let located = reading, damaged ?? 1 > 0 {
            let quads = [
                QRGridReader.edgeFitted(located.quad, width: located.width, in: image),
                QRGridReader.affineFitted(located.quad, width: located.width, in: image),
            ]
            for quad in quads.compactMap({ $0 }) {
                let refit = QRGridReader.read(image, quad: quad, width: located.width)
                if refit.sharpness > (reading?.sharpness ?? 0) + 0.005 {
                    reading = refit
                    damaged = FileAudit.damagedModules(refit, underSwissCross: swiss)
                }
            }
        }
        let timing = reading.flatMap {
            TimingMeasurement.measure(image, quad: $0.quad, width: $0.width, dark: $0.darkLevel, light: $0.lightLevel)
        }
        return FoundCode(symbol: symbol, reading: reading, timing: timing, damagedModules: damaged)
    }
}

extension WrittenPage {
    /// Codes zbar finds once the white plus of each Swiss cross on the page is painted dark (it takes the cross
    /// for an alignment pattern otherwise), each measured on the page as it is.
    static func findBehindSwissCrosses(in image: GreyImage) throws -> [FoundCode] {
        let boxes = SwissCrossFinder.plusBoxes(in: image)
        guard !boxes.isEmpty else { return [] }
        let painted = SwissCrossFinder.paintingOver(boxes, in: image)
        return try ZBarDecoder().symbols(in: painted).map { found(in: image, symbol: $0) }
    }
}

/// A code zbar found on a page, with its measured grid and timing patterns.
struct FoundCode {
    let symbol: ZBarDecoder.Symbol
    let reading: QRGridReading?
    let timing: TimingMeasurement?
    /// Modules of `reading` unlike the symbol its codewords rebuild to (`FileAudit.damagedModules`), counted once.
    let damagedModules: Int?
}
