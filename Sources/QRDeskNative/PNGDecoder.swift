import QRDeskCore
internal import CCairo

/// Reads any PNG (through Cairo's reader) into 8-bit grey, for decoding and pixel checks.
public enum PNGDecoder {
    public static func greyImage(_ png: [UInt8]) throws(NativeError) -> GreyImage {
        let surface = try RasterImage.decodePNG(png, monochrome: false)
        defer { cairo_surface_destroy(surface) }
        return try GreyImage(surface: surface)
    }
}
