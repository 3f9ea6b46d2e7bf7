import QRDeskCore
internal import CCairo

/// White RGB24 Cairo surfaces of a checked size: the one place a surface is made for drawing, for the renderers'
/// rasters and the read-back paths (poppler, librsvg), which get the result as grey pixels.
enum GreyCanvas {
    /// A white surface and its context for one drawing, destroyed after `body`.
    static func withWhiteSurface<T>(
        width: Int, height: Int, _ body: (_ surface: OpaquePointer, _ cairo: OpaquePointer) throws -> T
    ) throws -> T {
        guard width > 0, height > 0, width <= 32_767, height <= 32_767 else {
            throw NativeError(
                library: "cairo", operation: "image surface",
                detail: "\(width) × \(height) pixels is outside Cairo's 1…32767 range")
        }
        let surface = try NativeError.created(
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)), by: "cairo",
            "cairo_image_surface_create")
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "cairo_image_surface_create")
        let cairo = try NativeError.created(cairo_create(surface), by: "cairo", "cairo_create")
        defer { cairo_destroy(cairo) }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        return try body(surface, cairo)
    }

    /// What `body` draws on a white surface, as grey pixels.
    static func draw(width: Int, height: Int, _ body: (OpaquePointer) throws -> Void) throws -> GreyImage {
        try withWhiteSurface(width: width, height: height) { surface, cairo in
            try body(cairo)
            try check(cairo_status(cairo), "drawing")
            return try GreyImage(surface: surface)
        }
    }
}
