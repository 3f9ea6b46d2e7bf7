import QRDeskCore
internal import CRsvg

/// An SVG as librsvg reads it: the independent reader of qrdesk's own SVG writer (and of anyone's SVG).
public final class SVGReadBack {
    private let handle: UnsafeMutablePointer<RsvgHandle>

    public init(_ bytes: [UInt8]) throws(NativeError) {
        var error: UnsafeMutablePointer<GError>?
        let handle = bytes.withUnsafeBufferPointer {
            rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error)
        }
        guard let handle else { throw takeGError(error, library: "librsvg", operation: "reading the SVG") }
        // CSS pixels: 96 per inch, so a width in px means what browsers and print shops take it to mean.
        rsvg_handle_set_dpi(handle, Self.cssPixelsPerInch)
        self.handle = handle
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    static let cssPixelsPerInch = 96.0

    /// The drawing's size in points, from its width and height (which must carry physical units or pixels).
    public func pageSize() throws(NativeError) -> Size {
        var width = 0.0, height = 0.0
        guard rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0,
            width.isFinite, height.isFinite
        else {
            throw NativeError(
                library: "librsvg", operation: "reading the SVG's size",
                detail: "the svg element has no usable width and height")
        }
        let pointsPerPixel = 72 / Self.cssPixelsPerInch
        return Size(width: width * pointsPerPixel, height: height * pointsPerPixel)
    }

    /// `region` (points, from the top-left corner) as grey pixels at `pixelsPerPoint`, on white.
    public func render(region: Rect, pixelsPerPoint: Double) throws -> GreyImage {
        let size = try pageSize()
        let (width, height) = try PrintResolution.pixels(
            width: region.width, height: region.height, pixelsPerPoint: pixelsPerPoint,
            dpi: Int((pixelsPerPoint * 72).rounded()))
        return try GreyCanvas.draw(width: width, height: height) { cairo in
            var viewport = RsvgRectangle(
                x: -region.x * pixelsPerPoint, y: -region.y * pixelsPerPoint,
                width: size.width * pixelsPerPoint, height: size.height * pixelsPerPoint)
            var error: UnsafeMutablePointer<GError>?
            guard rsvg_handle_render_document(handle, cairo, &viewport, &error) != 0 else {
                throw takeGError(error, library: "librsvg", operation: "rendering the SVG")
            }
        }
    }
}
