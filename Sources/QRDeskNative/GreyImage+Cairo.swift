import QRDeskCore
internal import CCairo

extension GreyImage {
    /// The luma of a Cairo image surface; transparent pixels (ARGB32, premultiplied) are composited over white.
    init(surface: OpaquePointer) throws(NativeError) {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw NativeError(library: "cairo", operation: "cairo_image_surface_get_data", detail: "no pixels")
        }
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = row[x]
                let inverseAlpha = hasAlpha ? 255 - UInt8(pixel >> 24) : 0
                let color = RGBColor(red: UInt8(pixel >> 16 & 0xFF) &+ inverseAlpha, green: UInt8(pixel >> 8 & 0xFF) &+ inverseAlpha,
                                     blue: UInt8(pixel & 0xFF) &+ inverseAlpha)
                pixels[y * width + x] = color.greyLevel
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}
