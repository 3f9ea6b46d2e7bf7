import QRDeskCore
internal import CCairo

/// The pixels of a finished Cairo image surface: flushed, with their size and row stride. One place reads them,
/// for grey images and printer dots alike.
struct CairoImageData {
    let pixels: UnsafeMutablePointer<UInt8>
    let width: Int
    let height: Int
    let stride: Int
    let hasAlpha: Bool

    init(_ surface: OpaquePointer) throws(NativeError) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw NativeError(library: "cairo", operation: "cairo_image_surface_get_data", detail: "no pixels")
        }
        pixels = data
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        stride = Int(cairo_image_surface_get_stride(surface))
        hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
    }
}
