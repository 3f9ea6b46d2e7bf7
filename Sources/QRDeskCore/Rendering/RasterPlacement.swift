/// Where a raster's pixels lie on its page: its resolution, and the page's x at the image's left edge (a thermal
/// PNG is cropped to the printer's dots, centred on the roll). The renderer that draws a raster says it, and the
/// read-back reads the file with it: nobody recomputes it.
public struct RasterPlacement: Hashable, Sendable {
    public let dpi: Int
    public let originX: Double

    public init(dpi: Int, originX: Double = 0) {
        self.dpi = dpi
        self.originX = originX
    }

    public var pixelsPerPoint: Double { Double(dpi) / 72 }
}
