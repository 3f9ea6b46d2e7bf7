/// The receipt printer a card template is drawn for (a pay-here slip, `printer:` in the template): its dots decide
/// the module grid, the PNG's resolution and the `escpos` stream's width.
public struct RollPrinter: Hashable, Sendable {
    /// The printer's resolution: 203 dpi for most thermal printers.
    public let dpi: Int
    /// Dots across the printable width: 576 on an 80 mm roll, 384 on 58 mm.
    public let dots: Int
    /// The printer profile (`templates/printers/ID.yaml`) an `escpos` stream is made for.
    public let profile: String

    public init(dpi: Int, dots: Int, profile: String) {
        self.dpi = dpi
        self.dots = dots
        self.profile = profile
    }

    /// The smallest module a slip prints: 6 dots (0.75 mm at 203 dpi). At 5, `verify` misreads large symbols from
    /// the slip's own 1-bit PNG (measured: 1 of 6,561 modules of an 81-module code, 23 from its PDF at 200 dpi).
    public static let minimumModuleDots = 6

    /// Dots per point.
    public var scale: Double { Double(dpi) / 72 }

    /// The printable width, in points.
    public var printableWidth: Double { Double(dots) / scale }

    /// Where the printable dots start on a page `pageWidth` wide: centred, as the printer centres its head.
    public func originX(pageWidth: Double) -> Double {
        PrintResolution.printableOriginX(pageWidth: pageWidth, printableDots: dots, dpi: dpi)
    }
}
