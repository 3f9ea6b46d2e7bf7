import QRDeskCore
internal import CCairo

/// A white RGB24 Cairo surface of a checked size, handed to a drawing closure and returned as grey pixels:
/// the one place the read-back paths (poppler, librsvg) get a surface from.
enum GreyCanvas {
    static func draw(width: Int, height: Int, _ body: (OpaquePointer) throws -> Void) throws -> GreyImage {
        guard width > 0, height > 0, width <= 32_767, height <= 32_767 else {
            throw NativeError(
                library: "cairo", operation: "image surface",
                detail: "\(width) × \(height) pixels is outside Cairo's 1…32767 range")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw NativeError(library: "cairo", operation: "cairo_image_surface_create", detail: "no surface")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "cairo_image_surface_create")
        guard let cairo = cairo_create(surface) else {
            throw NativeError(library: "cairo", operation: "cairo_create", detail: "no context")
        }
        defer { cairo_destroy(cairo) }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        try body(cairo)
        try check(cairo_status(cairo), "drawing")
        return try GreyImage(surface: surface)
    }
}
