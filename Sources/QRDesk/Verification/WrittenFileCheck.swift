import QRDeskCore
import QRDeskNative

/// Proves a file qrdesk is about to write, from its bytes: each QR is read back through an independent reader,
/// compared module by module with the encoder's matrix, its quiet zone measured, held to the `PrintRule` that
/// `qrdesk verify` applies (contrast, an even pitch, sharp edges), its drawn module size to the scan distance,
/// and decoded with zbar.
public struct WrittenFileCheck: Sendable {
    /// Pixels per module the PDF and SVG regions are rendered at: enough for module centres and edges to be
    /// found to a fraction of a module.
    public static let pixelsPerModule = 4.0
    /// How far the drawn module pitch may differ from the planned one (measured: within 0.3 % on every template).
    public static let scaleTolerance = 0.02
    /// The print rule's: one number for the gate and `verify`.
    public static let requiredQuietZone = PrintRule.requiredQuietZone

    public let scanDistance: ScanDistance

    public init(scanDistance: ScanDistance) { self.scanDistance = scanDistance }

    /// Each code must scan as the payload its symbol carries (a press sheet's codes, each its own card's link).
    /// - Parameters:
    ///   - pages: the document's pages the file holds, in file order (PDF: all; SVG and PNG: one).
    ///   - raster: for PNG, where its pixels lie on the page, as the renderer that drew it said.
    public func check(
        _ bytes: [UInt8], format: OutputFormat, pages: [Page], fileName: String,
        raster: RasterPlacement = RasterPlacement(dpi: 300)
    ) throws {
        do {
            let readers: [WrittenPage]
            switch format {
            case .pdf:
                let reader = try PDFReadBack(bytes)
                guard reader.pageCount == pages.count else {
                    throw ReadBackError(
                        file: fileName,
                        problem: .unreadable(
                            "poppler finds \(reader.pageCount) page(s) where \(pages.count) were drawn"))
                }
                readers = pages.indices.map { WrittenPage(source: .pdf(reader, page: $0)) }
            case .svg:
                readers = [WrittenPage(source: .svg(try SVGReadBack(bytes)))]
            case .png:
                readers = [
                    WrittenPage(
                        source: .raster(
                            try PNGDecoder.greyImage(bytes), pixelsPerPoint: raster.pixelsPerPoint,
                            originX: raster.originX))
                ]
            case .escpos:
                return
            }
            for (page, reader) in zip(pages, readers) {
                let codes = page.items.compactMap { item -> QRSymbol? in
                    if case let .qr(symbol) = item.shape { symbol } else { nil }
                }
                var source = reader
                if codes.count > 1, let smallest = codes.map(\.moduleSize).min(), smallest > 0 {
                    source = try reader.wholePage(page.size, pixelsPerPoint: Self.pixelsPerModule / smallest)
                }
                for symbol in codes {
                    guard let payload = symbol.payload else {
                        throw ReadBackError(
                            file: fileName, problem: .unreadable("a code was drawn without its payload"))
                    }
                    try check(symbol, on: source, expected: payload, isRaster: format == .png)
                }
            }
        } catch var error as ReadBackError {
            error.file = fileName
            throw error
        } catch let error as NativeError {
            throw ReadBackError(file: fileName, problem: .unreadable(error.description))
        }
    }

    func check(_ drawn: QRSymbol, on page: WrittenPage, expected: String, isRaster: Bool) throws {
        var region = try page.render(drawn.frame, pixelsPerPoint: Self.pixelsPerModule / drawn.moduleSize)
        var symbol = drawn
        if drawn.isTurnedHalf {
            // Printed upside down: read in the symbol's own orientation, as a phone does.
            let side = drawn.frame.width * region.pixelsPerPoint
            region.offset = Point(
                x: Double(region.image.width) - region.offset.x - side,
                y: Double(region.image.height) - region.offset.y - side)
            region.image = region.image.turnedHalf()
            symbol.matrix = drawn.matrix.turnedHalf()
            symbol.isTurnedHalf = false
        }
        let modulePixels = symbol.moduleSize * region.pixelsPerPoint
        let quietPixels = Double(symbol.quietZone) * modulePixels
        let quad = Quad(
            x: region.offset.x + quietPixels, y: region.offset.y + quietPixels,
            side: Double(symbol.matrix.width) * modulePixels)
        let reading = QRGridReader.read(
            region.image, quad: quad, width: symbol.matrix.width, quietZoneLimit: Self.requiredQuietZone)
        let wrong = reading.mismatches(with: symbol.matrix).filter { !symbol.hides(column: $0.x, row: $0.y) }
        if let first = wrong.first {
            throw ReadBackError(
                file: "", problem: .wrongModules(count: wrong.count, firstColumn: first.x, firstRow: first.y))
        }
        let needed = min(symbol.quietZone, Self.requiredQuietZone)
        guard reading.quietZone >= needed else {
            throw ReadBackError(file: "", problem: .quietZone(found: reading.quietZone, needed: needed))
        }
        // Every module is as encoded; the rest of the rule `verify` applies, measured on the same pixels.
        let timing = TimingMeasurement.measure(
            region.image, quad: quad, width: symbol.matrix.width,
            dark: reading.darkLevel, light: reading.lightLevel)
        let measurement = PrintRule.Measurement(
            damagedModules: 0, quietZone: max(reading.quietZone, PrintRule.requiredQuietZone),
            contrastRatio: reading.contrastRatio, timing: timing, judgesSharpness: isRaster)
        if let problem = PrintRule.problems(of: measurement).first {
            throw ReadBackError(file: "", problem: .rule(problem))
        }
        if let timing, abs(timing.scale - 1) > Self.scaleTolerance {
            throw ReadBackError(file: "", problem: .drawnAtScale(timing.scale))
        }
        let moduleMillimetres = Length.pt(symbol.moduleSize).millimetres * (timing?.scale ?? 1)
        let smallest = ScanDistanceModel.minimumModuleMillimetres(distanceMetres: scanDistance.metres)
        guard moduleMillimetres >= smallest * (1 - Self.scaleTolerance) else {
            throw ReadBackError(
                file: "",
                problem: .tooSmallForDistance(
                    metres: scanDistance.metres, moduleMillimetres: moduleMillimetres,
                    neededMillimetres: smallest))
        }
        if symbol.hasSwissCross {
            // zbar mistakes the Swiss cross for the alignment pattern it hides and fails on most symbols (measured:
            // versions 9–13 with the cross, 0 of 40 read; docs/payment-codes.md). The proof is what every decoder
            // does: error correction restores the modules under the cross to exactly the symbol encoded.
            let rebuilt = try? QRSymbolRebuild(width: reading.width, format: reading.format) { reading[$0, $1] }
            let restored =
                rebuilt.map { rebuilt in
                    (0..<symbol.matrix.width).allSatisfy { y in
                        (0..<symbol.matrix.width).allSatisfy { x in rebuilt.matrix[x, y] == symbol.matrix[x, y] }
                    }
                } ?? false
            guard restored else { throw ReadBackError(file: "", problem: .decodes(as: [], expected: expected)) }
            return
        }
        let decoded = try ZBarDecoder().decode(region.image)
        guard decoded == [expected] else {
            throw ReadBackError(file: "", problem: .decodes(as: decoded, expected: expected))
        }
    }
}
