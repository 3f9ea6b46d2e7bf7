/// An 8-bit grey raster (0 black … 255 white), row-major with no padding.
public struct GreyImage: Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(
            width >= 0 && height >= 0 && pixels.count == width * height, "a grey image needs width × height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A blank image of one grey level.
    public init(width: Int, height: Int, level: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: level, count: width * height))
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// The image turned 180°: a code printed upside down (a tent's back panel) read in its own orientation.
    public func turnedHalf() -> GreyImage { GreyImage(width: width, height: height, pixels: pixels.reversed()) }

    /// The grey level at a point in pixel coordinates (pixel centres at +0.5), bilinearly interpolated;
    /// `outside` beyond the edges.
    public func sample(x: Double, y: Double, outside: Double = 255) -> Double {
        pixels.withUnsafeBufferPointer { Self.bilinear($0, width: width, height: height, x: x, y: y, outside: outside) }
    }

    /// Bilinear interpolation in a row-major grey buffer; `outside` beyond the edges. For loops that hold the buffer.
    @inline(__always)
    public static func bilinear(
        _ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, x: Double, y: Double, outside: Double = 255
    ) -> Double {
        let fx = x - 0.5, fy = y - 0.5
        guard fx > -1, fy > -1, fx < Double(width), fy < Double(height) else { return outside }
        // Truncation of a value above -1, shifted: the floor without a libm call.
        let x0 = Int(fx + 1) - 1, y0 = Int(fy + 1) - 1
        let tx = fx - Double(x0), ty = fy - Double(y0)
        @inline(__always) func at(_ x: Int, _ y: Int) -> Double {
            x >= 0 && y >= 0 && x < width && y < height ? Double(pixels[y * width + x]) : outside
        }
        let top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * tx
        let bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * tx
        return top + (bottom - top) * ty
    }

    /// The rectangle of pixels `x..<x+width, y..<y+height`, clipped to the image.
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> GreyImage {
        let left = max(0, x), top = max(0, y)
        let right = min(width, x + cropWidth), bottom = min(height, y + cropHeight)
        guard right > left, bottom > top else { return GreyImage(width: 0, height: 0, pixels: []) }
        var result: [UInt8] = []
        result.reserveCapacity((right - left) * (bottom - top))
        for row in top..<bottom { result += pixels[(row * width + left)..<(row * width + right)] }
        return GreyImage(width: right - left, height: bottom - top, pixels: result)
    }
}
