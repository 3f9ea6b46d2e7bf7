/// The one range of PNG resolutions every command accepts, and the pixel budget of one raster page.
public enum PrintResolution {
    /// From screen previews to the finest photo printers; beyond it a page is gigabytes of pixels.
    public static let dpiRange: ClosedRange<Int> = 72...1_200
    /// One page's pixels: an A4 page at 850 dpi, 256 MB as 32-bit pixels. Larger pages are refused before drawing.
    public static let maximumPixels = 64_000_000

    /// A page too large in pixels at the asked resolution, with the resolution that would fit.
    public struct PageTooLarge: KeyAdvising, Hashable, Sendable {
        public let width: Double
        public let height: Double
        public let dpi: Int

        public var description: String { description(naming: .plain) }

        public func description(naming name: KeyNaming) -> String {
            let inches = (width / 72) * (height / 72)
            let fitting = inches > 0 ? Int((Double(maximumPixels) / inches).squareRoot()) : dpiRange.upperBound
            return
                "a \(Length.pt(width)) × \(Length.pt(height)) page at \(dpi) dpi is more than "
                + "\(maximumPixels / 1_000_000) megapixels, qrdesk's budget for one PNG; set \(name("dpi")) to "
                + "\(min(fitting, dpiRange.upperBound)) or less"
        }
    }

    /// Where a printer head of `printableDots` at `dpi` starts on a page `pageWidth` points wide: the dots are
    /// centred on the roll, so the page's x at the first dot. Zero when every column prints. Computed as the
    /// renderers always did (dots over dots-per-point), so rendered dots stay bit for bit the same.
    public static func printableOriginX(pageWidth: Double, printableDots: Int?, dpi: Int) -> Double {
        guard let printableDots, dpi > 0 else { return 0 }
        return (pageWidth - Double(printableDots) / (Double(dpi) / 72)) / 2
    }

    /// Pixel width and height of a page at `pixelsPerPoint`, once they are known to be within the budget.
    public static func pixels(
        width: Double, height: Double, pixelsPerPoint: Double, dpi: Int
    ) throws(PageTooLarge) -> (width: Int, height: Int) {
        guard let columns = Int(exactly: (width * pixelsPerPoint).rounded()),
            let rows = Int(exactly: (height * pixelsPerPoint).rounded()),
            columns > 0, rows > 0, columns <= 32_767, rows <= 32_767, columns * rows <= maximumPixels
        else {
            throw PageTooLarge(width: width, height: height, dpi: dpi)
        }
        return (columns, rows)
    }
}
