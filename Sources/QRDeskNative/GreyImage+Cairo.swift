import QRDeskCore

extension GreyImage {
    /// The luma of a Cairo image surface; transparent pixels (ARGB32, premultiplied) are composited over white.
    init(surface: OpaquePointer) throws(NativeError) {
        let image = try CairoImageData(surface)
        let (width, height, stride, data, hasAlpha) = (
            image.width, image.height, image.stride, image.pixels, image.hasAlpha
        )
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = row[x]
                let inverseAlpha = hasAlpha ? 255 - UInt8(pixel >> 24) : 0
                let color = RGBColor(
                    red: UInt8(pixel >> 16 & 0xFF) &+ inverseAlpha, green: UInt8(pixel >> 8 & 0xFF) &+ inverseAlpha,
                    blue: UInt8(pixel & 0xFF) &+ inverseAlpha)
                pixels[y * width + x] = color.greyLevel
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}
