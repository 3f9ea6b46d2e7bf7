import QRDeskCore
internal import CCairo

/// PNG images through Cairo: logos in, thresholded to pure black and white for the bw variant.
enum RasterImage {
    /// A Cairo image surface for PNG bytes; the caller destroys it. Monochrome flattens onto white and
    /// thresholds at half grey, so a bw file holds no grey pixel.
    static func decodePNG(_ png: [UInt8], monochrome: Bool) throws(NativeError) -> OpaquePointer {
        let reader = ByteReader(png)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    let reader = Unmanaged<ByteReader>.fromOpaque(closure!).takeUnretainedValue()
                    return reader.read(into: data, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
                }, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface else { throw NativeError(library: "cairo", operation: "PNG decode", detail: "no surface") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw NativeError(
                library: "cairo", operation: "PNG decode", detail: String(cString: cairo_status_to_string(status)))
        }
        if monochrome { threshold(surface) }
        return surface
    }

    /// The PNG re-encoded as a 1-bit black-and-white PNG (for the bw variant's SVG).
    static func monochromePNG(_ png: [UInt8]) throws(NativeError) -> [UInt8] {
        let surface = try decodePNG(png, monochrome: true)
        defer { cairo_surface_destroy(surface) }
        guard let data = cairo_image_surface_get_data(surface) else {
            throw NativeError(library: "cairo", operation: "cairo_image_surface_get_data", detail: "no pixels")
        }
        return try PNGEncoder.encode(
            pixels: data, width: Int(cairo_image_surface_get_width(surface)),
            height: Int(cairo_image_surface_get_height(surface)),
            stride: Int(cairo_image_surface_get_stride(surface)), layout: .blackAndWhite, dpi: 300)
    }

    private static func threshold(_ surface: OpaquePointer) {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24,
            let data = cairo_image_surface_get_data(surface)
        else { return }
        let hasAlpha = format == CAIRO_FORMAT_ARGB32
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = row[x]
                let alpha = hasAlpha ? Int(pixel >> 24) : 255
                // Premultiplied channels composited over white.
                let r = Int(pixel >> 16 & 0xFF) + (255 - alpha), g = Int(pixel >> 8 & 0xFF) + (255 - alpha),
                    b = Int(pixel & 0xFF) + (255 - alpha)
                let grey = (299 * r + 587 * g + 114 * b) / 1000
                row[x] = grey < 128 ? 0xFF00_0000 : 0xFFFF_FFFF
            }
        }
        cairo_surface_mark_dirty(surface)
    }
}

/// Feeds bytes to Cairo's PNG reader callback.
final class ByteReader {
    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into destination: UnsafeMutablePointer<UInt8>?, count: Int) -> Bool {
        guard let destination, offset + count <= bytes.count else { return false }
        bytes.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: count) }
        offset += count
        return true
    }
}

/// Collects bytes from Cairo's stream writer callbacks.
final class ByteSink {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(64 * 1024) }
}
