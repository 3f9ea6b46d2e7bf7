import QRDeskCore
internal import CCairo
internal import CLibz

/// A logo as qrdesk embeds it: its chunks checked (`PNGInfo.checkLogo`), its compressed image data inflated to
/// exactly the size its header declares (libpng stops once it has its rows, so damage after them would pass),
/// decoded to the last pixel, and those pixels written as a new PNG. Every format then carries an image that
/// decodes, never the bytes given: a well-framed file whose compressed stream is cut short would otherwise reach
/// the SVG as is. Fully transparent borders are cut off, so the logo fills its box and the card's rows close up
/// to what prints, not to padding the file carries.
public enum LogoImage {
    /// The decoded logo without its fully transparent borders, re-encoded: 8-bit RGB, or RGBA when any pixel is
    /// not opaque.
    public static func reencoded(_ png: [UInt8]) throws(LayoutError) -> [UInt8] {
        let info = try PNGInfo.checkLogo(png)
        try checkImageData(png, info: info)
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
            let visible = layout == .rgba ? visibleBounds(image) : nil
            let (x, y) = (visible?.x ?? 0, visible?.y ?? 0)
            return try PNGEncoder.encode(
                pixels: image.pixels + y * image.stride + x * 4, width: visible?.width ?? image.width,
                height: visible?.height ?? image.height, stride: image.stride, layout: layout, dpi: nil)
        } catch {
            throw .logoDamaged(reason: "it could not be re-encoded (\(error))")
        }
    }

    /// The IDAT chunks' zlib stream, inflated whole (counted, not kept): it must end, hold nothing after its end,
    /// pass its Adler-32, and give exactly `info.imageDataBytes`.
    static func checkImageData(_ png: [UInt8], info: PNGInfo) throws(LayoutError) {
        guard let expected = info.imageDataBytes else {
            throw .logoDamaged(
                reason: "its header declares \(info.bitDepth)-bit samples of colour type \(info.colorType), "
                    + "which PNG does not allow")
        }
        var data: [UInt8] = []
        var offset = 8
        // `checkLogo` found every chunk whole, so lengths and offsets are in range.
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            if png[offset + 4..<offset + 8].elementsEqual("IDAT".utf8) { data += png[offset + 8..<offset + 8 + length] }
            offset += 12 + length
        }
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .logoDamaged(reason: "its image data could not be inflated (zlib would not start)")
        }
        defer { inflateEnd(&stream) }
        var scratch = [UInt8](repeating: 0, count: 64 << 10)
        var produced = 0, status = Z_OK
        data.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            scratch.withUnsafeMutableBufferPointer { output in
                while status == Z_OK, produced <= expected {
                    stream.next_out = output.baseAddress
                    stream.avail_out = UInt32(output.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced += output.count - Int(stream.avail_out)
                    if status == Z_BUF_ERROR, stream.avail_in == 0 { break }
                }
            }
        }
        let declared = "the \(info.width) × \(info.height) pixels its header declares"
        guard status == Z_STREAM_END else {
            let what =
                produced > expected
                ? "more data than" : status == Z_BUF_ERROR ? "a stream cut short for" : "a damaged stream for"
            throw .logoDamaged(reason: "its image data is \(what) \(declared)")
        }
        guard produced == expected, stream.avail_in == 0 else {
            throw .logoDamaged(
                reason: "its image data inflates to \(produced) bytes where \(declared) take \(expected)"
                    + (stream.avail_in > 0 ? ", with \(stream.avail_in) bytes after its end" : ""))
        }
    }

    /// The smallest rectangle holding every pixel that is not fully transparent; nil when there is none.
    private static func visibleBounds(_ image: CairoImageData) -> (x: Int, y: Int, width: Int, height: Int)? {
        var left = image.width, right = -1, top = image.height, bottom = -1
        for y in 0..<image.height {
            let row = UnsafeRawPointer(image.pixels + y * image.stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<image.width where row[x] >> 24 != 0 {
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        guard right >= left, bottom >= top else { return nil }
        return (left, top, right - left + 1, bottom - top + 1)
    }

    private static func isOpaque(_ image: CairoImageData) -> Bool {
        for y in 0..<image.height {
            let row = UnsafeRawPointer(image.pixels + y * image.stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<image.width where row[x] >> 24 != 0xFF { return false }
        }
        return true
    }
}
