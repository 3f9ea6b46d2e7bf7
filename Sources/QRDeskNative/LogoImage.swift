import QRDeskCore
internal import CCairo

/// A logo as qrdesk embeds it: its chunks checked (`PNGInfo.checkLogo`), its image data decoded to the last
/// pixel, and those pixels written as a new PNG. Every format then carries an image that decodes, never the
/// bytes given: a well-framed file whose compressed stream is cut short would otherwise reach the SVG as is.
public enum LogoImage {
    /// The decoded logo, re-encoded: 8-bit RGB, or RGBA when any pixel is not opaque.
    public static func reencoded(_ png: [UInt8]) throws(LayoutError) -> [UInt8] {
        let info = try PNGInfo.checkLogo(png)
        let surface: OpaquePointer
        do {
            surface = try RasterImage.decodePNG(png, monochrome: false)
        } catch {
            // libpng's refusals reach Cairo's status as "out of memory"; say what it means for a logo.
            throw .logoDamaged(
                reason:
                    "its image data does not decode to the \(info.width) × \(info.height) pixels its header declares")
        }
        defer { cairo_surface_destroy(surface) }
        do throws(NativeError) {
            let image = try CairoImageData(surface)
            let layout: PNGEncoder.PixelLayout = image.hasAlpha && !isOpaque(image) ? .rgba : .rgb
            return try PNGEncoder.encode(
                pixels: image.pixels, width: image.width, height: image.height, stride: image.stride, layout: layout,
                dpi: nil)
        } catch {
            throw .logoDamaged(reason: "it could not be re-encoded (\(error))")
        }
    }

    private static func isOpaque(_ image: CairoImageData) -> Bool {
        for y in 0..<image.height {
            let row = UnsafeRawPointer(image.pixels + y * image.stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<image.width where row[x] >> 24 != 0xFF { return false }
        }
        return true
    }
}
