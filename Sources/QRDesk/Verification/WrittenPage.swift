import QRDeskCore
import QRDeskNative

/// A page of a file as an independent reader sees it: poppler for PDF, librsvg for SVG, the PNG or JPEG decoder for
/// rasters. Regions come back as grey pixels with the page's points mapped onto them. The one "page as pixels"
/// type: the write-time gate reads its own files through it, and `qrdesk verify` anyone's (`FileAudit`).
struct WrittenPage {
    enum Source {
        case pdf(PDFReadBack, page: Int)
        case svg(SVGReadBack)
        /// Pixels already at hand: a decoded PNG or JPEG, or a whole page rendered once for its several codes;
        /// with the pixels per point (nil for a photo, which records none) and the page's x at the image's left
        /// edge (thermal PNGs are cropped to the printer's dots, centred on the page).
        case raster(GreyImage, pixelsPerPoint: Double?, originX: Double)
    }

    let source: Source

    /// For a page with several codes (a press sheet): the whole page rendered once at `pixelsPerPoint`, so each
    /// code is cut from one raster instead of the page being interpreted once per code.
    func wholePage(_ size: Size, pixelsPerPoint: Double) throws -> WrittenPage {
        switch source {
        case .raster: return self
        case .pdf, .svg:
            let image = try render(
                Rect(x: 0, y: 0, width: size.width, height: size.height), pixelsPerPoint: pixelsPerPoint
            ).image
            return WrittenPage(source: .raster(image, pixelsPerPoint: pixelsPerPoint, originX: 0))
        }
    }

    /// `region` of the page (points) as pixels, with the scale the pixels came at; rasters give their own resolution.
    func render(
        _ region: Rect, pixelsPerPoint: Double
    ) throws -> (image: GreyImage, pixelsPerPoint: Double, offset: Point) {
        switch source {
        case let .pdf(reader, page):
            return (
                try reader.render(page: page, region: region, pixelsPerPoint: pixelsPerPoint), pixelsPerPoint,
                Point(x: 0, y: 0)
            )
        case let .svg(reader):
            return (
                try reader.render(region: region, pixelsPerPoint: pixelsPerPoint), pixelsPerPoint, Point(x: 0, y: 0)
            )
        case let .raster(image, knownScale, originX):
            guard let scale = knownScale else {
                throw ReadBackError(file: "", problem: .unreadable("the image records no resolution"))
            }
            // Whole pixels around the region; the offset says where the region's corner falls in the crop.
            let left = ((region.x - originX) * scale).rounded(.down), top = (region.y * scale).rounded(.down)
            let right = ((region.maxX - originX) * scale).rounded(.up), bottom = (region.maxY * scale).rounded(.up)
            guard let x = Int(exactly: left), let y = Int(exactly: top), let x2 = Int(exactly: right),
                let y2 = Int(exactly: bottom)
            else {
                throw ReadBackError(file: "", problem: .unreadable("the QR region lies outside the image"))
            }
            let crop = image.cropped(x: x, y: y, width: x2 - x, height: y2 - y)
            return (crop, scale, Point(x: (region.x - originX) * scale - left, y: region.y * scale - top))
        }
    }
}
