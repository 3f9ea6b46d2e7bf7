import QRDeskCore
import QRDeskNative

/// Proves a file qrdesk is about to write, from its bytes: each QR is read back through an independent reader,
/// compared module by module with the encoder's matrix, its quiet zone measured, decoded with zbar, and decoded
/// again from a modelled phone capture at the template's scan distance.
public struct WrittenFileCheck: Sendable {
    /// Pixels per module the PDF and SVG regions are rendered at: enough for module centres to be unambiguous and
    /// for the phone model to downsample from (a phone sees 2.5–4 at the scan distance).
    public static let pixelsPerModule = 4.0
    public static let requiredQuietZone = 4

    public let scanDistance: ScanDistance

    public init(scanDistance: ScanDistance) { self.scanDistance = scanDistance }

    /// - Parameters:
    ///   - pages: the document's pages the file holds, in file order (PDF: all; SVG and PNG: one).
    ///   - expected: the payload of each QR item on them.
    ///   - pngOriginX: for PNG, the page's x at the image's left edge (thermal receipts).
    public func check(_ bytes: [UInt8], format: OutputFormat, pages: [Page], fileName: String, pngDPI: Int = 300, pngOriginX: Double = 0,
                      expected: (DrawItem) -> String?) throws {
        try check(bytes, format: format, pages: pages, fileName: fileName, pngDPI: pngDPI, pngOriginX: pngOriginX) { _, _, item in expected(item) }
    }

    /// The same, with each code's payload chosen by page index and the code's index on its page (press sheets).
    public func check(_ bytes: [UInt8], format: OutputFormat, pages: [Page], fileName: String, pngDPI: Int = 300, pngOriginX: Double = 0,
                      expectedAt expected: (_ page: Int, _ code: Int, _ item: DrawItem) -> String?) throws {
        do {
            let readers: [WrittenPage]
            switch format {
            case .pdf:
                let reader = try PDFReadBack(bytes)
                guard reader.pageCount == pages.count else {
                    throw ReadBackError(file: fileName, problem: .unreadable("poppler finds \(reader.pageCount) page(s) where \(pages.count) were drawn"))
                }
                readers = pages.indices.map { WrittenPage(source: .pdf(reader, page: $0)) }
            case .svg:
                readers = [WrittenPage(source: .svg(try SVGReadBack(bytes)))]
            case .png:
                readers = [WrittenPage(source: .raster(try PNGDecoder.greyImage(bytes), pixelsPerPoint: Double(pngDPI) / 72, originX: pngOriginX))]
            case .escpos:
                return
            }
            for (pageIndex, (page, reader)) in zip(pages, readers).enumerated() {
                let codes = page.items.compactMap { item -> (DrawItem, QRSymbol)? in
                    if case let .qr(symbol) = item.shape { (item, symbol) } else { nil }
                }
                var source = reader
                if codes.count > 1, let smallest = codes.map(\.1.moduleSize).min(), smallest > 0 {
                    source = try reader.wholePage(page.size, pixelsPerPoint: Self.pixelsPerModule / smallest)
                }
                for (index, (item, symbol)) in codes.enumerated() {
                    guard let payload = expected(pageIndex, index, item) else { continue }
                    try check(symbol, on: source, expected: payload)
                }
            }
        } catch var error as ReadBackError {
            error.file = fileName
            throw error
        } catch let error as NativeError {
            throw ReadBackError(file: fileName, problem: .unreadable(error.description))
        }
    }

    func check(_ symbol: QRSymbol, on page: WrittenPage, expected: String) throws {
        let region = try page.render(symbol.frame, pixelsPerPoint: Self.pixelsPerModule / symbol.moduleSize)
        let modulePixels = symbol.moduleSize * region.pixelsPerPoint
        let quietPixels = Double(symbol.quietZone) * modulePixels
        let quad = Quad(x: region.offset.x + quietPixels, y: region.offset.y + quietPixels, side: Double(symbol.matrix.width) * modulePixels)
        let reading = QRGridReader.read(region.image, quad: quad, width: symbol.matrix.width, quietZoneLimit: Self.requiredQuietZone)
        let wrong = reading.mismatches(with: symbol.matrix)
        if let first = wrong.first {
            throw ReadBackError(file: "", problem: .wrongModules(count: wrong.count, firstColumn: first.x, firstRow: first.y))
        }
        let needed = min(symbol.quietZone, Self.requiredQuietZone)
        guard reading.quietZone >= needed else { throw ReadBackError(file: "", problem: .quietZone(found: reading.quietZone, needed: needed)) }
        // Every module is as encoded, so the code decodes; zbar proves it on what a phone would see from the scan
        // distance, and on the file's own pixels when the code fills a phone's frame at that distance.
        let moduleMillimetres = Length.pt(symbol.moduleSize).millimetres
        if let frame = PhoneCapture().capture(region.image, sourcePixelsPerModule: modulePixels, moduleMillimetres: moduleMillimetres,
                                              distance: scanDistance) {
            let decoded = try ZBarDecoder().decode(frame)
            guard decoded == [expected] else {
                throw ReadBackError(file: "", problem: decoded.isEmpty
                    ? .unreadableFromDistance(metres: scanDistance.metres, moduleMillimetres: moduleMillimetres)
                    : .decodes(as: decoded, expected: expected))
            }
        } else {
            let decoded = try ZBarDecoder().decode(region.image)
            guard decoded == [expected] else { throw ReadBackError(file: "", problem: .decodes(as: decoded, expected: expected)) }
        }
    }
}
