import QRDeskCore
import QRDeskNative

/// A laid-out card page as the bytes of one format, with where a PNG's pixels lie on the page (what the
/// read-back needs): the one place a card document becomes a file, for counter cards and the Swiss QR-bill alike.
enum CardFileBytes {
    /// - Parameter printer: a slip's receipt printer: its PNG is the printer's dots, 1-bit at its resolution.
    static func render(
        _ document: Document, as format: OutputFormat, dpi: Int, blackAndWhite: Bool, printer: RollPrinter? = nil
    ) throws -> (bytes: [UInt8], placement: RasterPlacement) {
        switch format {
        case .pdf: return (try PDFRenderer().render(document), RasterPlacement(dpi: dpi))
        case .svg: return (try SVGRenderer().render(document), RasterPlacement(dpi: dpi))
        case .png:
            if let printer {
                return try RasterRenderer().renderPNG(
                    document, dpi: printer.dpi, blackAndWhite: true, printableDots: printer.dots, deviceText: true)
            }
            return try RasterRenderer().renderPNG(document, dpi: dpi, blackAndWhite: blackAndWhite)
        case .escpos: throw ReceiptPrintError.notAReceipt
        }
    }
}
