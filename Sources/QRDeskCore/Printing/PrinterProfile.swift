/// What qrdesk needs to know about a receipt printer model, read from `templates/printers/*.yaml`
/// (`kind: printer`): the head's width in dots and its resolution, how tall a raster band may be for its
/// buffer, how it cuts, and whether it opens a cash drawer.
public struct PrinterProfile: Hashable, Sendable {
    public enum Cut: String, CaseIterable, Hashable, Sendable {
        case full, partial, none
    }

    public let id: String
    public let title: String
    public let source: String
    /// Dots across the head: 576 on an 80 mm printer, 384 on a 58 mm one.
    public let dotsPerLine: Int
    public let dpi: Int
    /// Rows per `GS v 0` command: printers with small receive buffers need short bands.
    public let bandHeight: Int
    public let cut: Cut
    /// Lines fed after the receipt so the cut falls below the last line (ESC d n).
    public let feedLines: Int
    /// Whether the printer has a cash-drawer port (ESC p).
    public let drawer: Bool
    /// Whether the printer draws QR codes itself (`GS ( k`, model 2): offered with `--native-qr`.
    public let nativeQR: Bool
}

struct PrinterProfileReader {
    let root: DataField
    let source: String

    func read() throws(FieldError) -> PrinterProfile {
        try root.allowKeys([
            "kind", "id", "title", "dotsPerLine", "dpi", "bandHeight", "cut", "feedLines", "drawer", "nativeQR",
        ])
        let id = try root["id"].nonEmptyString()
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw root["id"].error("use only letters, digits, \"-\" and \"_\", got \"\(Excerpt.of(id, limit: 40))\"")
        }
        let dots = try root["dotsPerLine"].integer(in: 64...4_096)
        guard dots % 8 == 0 else {
            throw root["dotsPerLine"].error("must be a multiple of 8 (raster rows are whole bytes), got \(dots)")
        }
        return PrinterProfile(
            id: id, title: try root["title"].printedText(limit: PrintedText.shortLimit), source: source,
            dotsPerLine: dots, dpi: try root["dpi"].integer(in: 100...600),
            bandHeight: try root["bandHeight"].optionalInteger(in: 1...255, default: 24),
            cut: try root["cut"].oneOf(PrinterProfile.Cut.self, default: .partial),
            feedLines: try root["feedLines"].optionalInteger(in: 0...255, default: 4),
            drawer: try root["drawer"].boolean(default: false),
            nativeQR: try root["nativeQR"].boolean(default: false))
    }
}
