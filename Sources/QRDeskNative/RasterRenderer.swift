import QRDeskCore
internal import CCairo

/// Renders pages to pixels with Cairo: PNG files at print resolution, and grey crops for verification.
public struct RasterRenderer {
    public init() {}

    /// A page as PNG at `dpi`, with where its pixels lie on the page. `blackAndWhite` writes a 1-bit image
    /// (thermal printers, the bw variant). `printableDots` crops to a thermal printer's head, centred on the page:
    /// 576 dots for an 80 mm roll.
    public func renderPNG(
        _ document: Document, page index: Int = 0, dpi: Int, blackAndWhite: Bool, printableDots: Int? = nil,
        deviceText: Bool = false
    ) throws -> (bytes: [UInt8], placement: RasterPlacement) {
        let placement = Self.placement(of: document.pages[index], dpi: dpi, printableDots: printableDots)
        if blackAndWhite {
            let bitmap = try renderBitmap(
                document, page: index, dpi: dpi, printableDots: printableDots, deviceText: deviceText)
            return (try PNGEncoder.encode(bitmap: bitmap, dpi: dpi), placement)
        }
        let bytes = try withPage(document, index, dpi: dpi, printableDots: printableDots) { surface, width, height in
            guard let data = cairo_image_surface_get_data(surface) else {
                throw NativeError(library: "cairo", operation: "cairo_image_surface_get_data", detail: "no pixels")
            }
            return try PNGEncoder.encode(
                pixels: data, width: width, height: height, stride: Int(cairo_image_surface_get_stride(surface)),
                layout: .rgb, dpi: dpi)
        }
        return (bytes, placement)
    }

    /// Where a page rendered at `dpi`, cropped to `printableDots` when given, lies in its raster.
    static func placement(of page: Page, dpi: Int, printableDots: Int?) -> RasterPlacement {
        RasterPlacement(
            dpi: dpi,
            originX: PrintResolution.printableOriginX(
                pageWidth: page.size.width, printableDots: printableDots, dpi: dpi))
    }

    /// A page as printer dots: what the 1-bit PNG shows and what an ESC/POS printer is sent. A document laid out
    /// with a device shaper (`PangoTextShaper(deviceScale:)`) is drawn with one of the same scale.
    public func renderBitmap(
        _ document: Document, page index: Int = 0, dpi: Int, printableDots: Int? = nil,
        deviceText: Bool = false
    ) throws -> MonochromeBitmap {
        try withPage(document, index, dpi: dpi, printableDots: printableDots, deviceText: deviceText) { surface, _, _ in
            try MonochromeBitmap(surface: surface)
        }
    }

    /// The 1-bit PNG of dots already rendered.
    public func png(_ bitmap: MonochromeBitmap, dpi: Int) throws -> [UInt8] {
        try PNGEncoder.encode(bitmap: bitmap, dpi: dpi)
    }

    /// A page painted on a white surface at `dpi`, cropped to `printableDots` when given, centred on the page.
    private func withPage<T>(
        _ document: Document, _ index: Int, dpi: Int, printableDots: Int?, deviceText: Bool = false,
        _ body: (OpaquePointer, Int, Int) throws -> T
    ) throws -> T {
        let page = document.pages[index]
        let scale = Double(dpi) / 72
        let pixels = try PrintResolution.pixels(
            width: printableDots.map { Double($0) / scale } ?? page.size.width, height: page.size.height,
            pixelsPerPoint: scale, dpi: dpi)
        let width = printableDots ?? pixels.width, height = pixels.height
        let originX = Self.placement(of: page, dpi: dpi, printableDots: printableDots).originX
        return try GreyCanvas.withWhiteSurface(width: width, height: height) { surface, cairo in
            cairo_scale(cairo, scale, scale)
            cairo_translate(cairo, -originX, 0)
            try CairoPainter(cairo: cairo, shaper: try PangoTextShaper(deviceScale: deviceText ? scale : nil)).paint(
                page)
            cairo_surface_flush(surface)
            return try body(surface, width, height)
        }
    }

    /// The region `frame` of a page as the printer would lay it down, as 8-bit grey at `pixelsPerPoint`.
    public func renderGrey(_ page: Page, region frame: Rect, pixelsPerPoint: Double) throws -> GreyImage {
        let (width, height) = try PrintResolution.pixels(
            width: frame.width, height: frame.height, pixelsPerPoint: pixelsPerPoint,
            dpi: Int(pixelsPerPoint * 72))
        return try GreyCanvas.withWhiteSurface(width: width, height: height) { surface, cairo in
            cairo_scale(cairo, pixelsPerPoint, pixelsPerPoint)
            cairo_translate(cairo, -frame.x, -frame.y)
            let painted = page.items.filter { $0.shape.bounds.intersects(frame) }
            let needsText = painted.contains { if case .text = $0.shape { true } else { false } }
            try CairoPainter(cairo: cairo, shaper: needsText ? try PangoTextShaper() : nil).paint(
                Page(size: page.size, items: painted))
            return try GreyImage(surface: surface)
        }
    }
}
