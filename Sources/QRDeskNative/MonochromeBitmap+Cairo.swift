import QRDeskCore

extension MonochromeBitmap {
    /// A Cairo RGB24 surface thresholded at half grey (ITU-R 601 luma): the one place pixels become printer dots,
    /// for the 1-bit PNG and the ESC/POS raster alike.
    init(surface: OpaquePointer) throws(NativeError) {
        let image = try CairoImageData(surface)
        self.init(pixels: image.pixels, width: image.width, height: image.height, stride: image.stride)
    }

    init(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) {
        let rowBytes = (width + 7) / 8
        var bits = [UInt8](repeating: 0, count: rowBytes * height)
        bits.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let source = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                let row = y * rowBytes
                for x in 0..<width {
                    let pixel = source[x]
                    let weighted =
                        299 * Int(pixel >> 16 & 0xFF) + 587 * Int(pixel >> 8 & 0xFF) + 114 * Int(pixel & 0xFF)
                    if weighted < 128_000 { out[row + x >> 3] |= 0x80 >> UInt8(x & 7) }
                }
            }
        }
        self.init(width: width, height: height, bits: bits)
    }
}
