import Foundation

/// What a phone's camera makes of a printed QR code: the code seen from `distance` through the camera of
/// `ScanDistanceModel` (so a module covers the pixels it would), the card turned 30° about its vertical axis,
/// a slight defocus, the paper and ink no longer pure white and black, and sensor noise. Deterministic: the same
/// input gives the same frame, so a check built on it never flickers.
public struct PhoneCapture: Sendable {
    public var tiltDegrees = 30.0
    /// Gaussian blur in output pixels.
    public var blurSigma = 0.6
    /// Grey levels the paper and the ink come out at under room light.
    public var inkLevel = 40.0, paperLevel = 215.0
    public var noiseAmplitude = 8.0

    public init() {}

    /// - Parameters:
    ///   - source: the symbol with its quiet zone, `sourcePixelsPerModule` across each module.
    ///   - moduleMillimetres: the printed module size.
    ///   - distance: how far the phone is.
    /// - Returns: the frame's crop around the code, nil when it would be larger than `maximumSide` pixels across
    ///   (a phone near a large code: nothing to model, the code fills the frame).
    public func capture(_ source: GreyImage, sourcePixelsPerModule: Double, moduleMillimetres: Double, distance: ScanDistance,
                        maximumSide: Int = 1200) -> GreyImage? {
        let focal = ScanDistanceModel.focalPixels
        let pixelsPerModule = ScanDistanceModel.pixelsPerModule(moduleMillimetres: moduleMillimetres, distanceMetres: distance.metres)
        guard pixelsPerModule.isFinite, pixelsPerModule > 0, sourcePixelsPerModule > 0 else { return nil }
        // Work in source pixels on the card: the camera is `focal / pixelsPerModule` modules away.
        let cameraDistance = focal / pixelsPerModule * sourcePixelsPerModule
        let theta = tiltDegrees * Double.pi / 180
        let halfWidth = Double(source.width) / 2, halfHeight = Double(source.height) / 2
        let scale = focal / cameraDistance
        let across = (Double(max(source.width, source.height)) * scale).rounded(.up) + 8
        guard across.isFinite, across > 8, across <= Double(maximumSide), let side = Int(exactly: across) else { return nil }
        let centre = Double(side) / 2
        let cosine = cos(theta), sine = sin(theta)
        // One sample per frame pixel, at its centre; the blur that follows stands in for the lens and the sensor's
        // area. The card is turned by theta about its vertical axis and the camera faces its centre, so a frame
        // column maps to one card column (and one depth) whatever the row.
        var cardX = [Double](repeating: 0, count: side), depthScale = [Double](repeating: 0, count: side)
        for column in 0..<side {
            let u = Double(column) + 0.5 - centre
            let x = u * cameraDistance / (focal * cosine - u * sine)
            cardX[column] = x + halfWidth
            depthScale[column] = (cameraDistance + x * sine) / focal
        }
        var frame = [Double](repeating: 0, count: side * side)
        let (sourceWidth, sourceHeight) = (source.width, source.height)
        // Unsafe buffers: a captured array written per pixel would pay for exclusivity and copy-on-write checks.
        source.pixels.withUnsafeBufferPointer { pixels in
            frame.withUnsafeMutableBufferPointer { frame in
                for row in 0..<side {
                    let v = Double(row) + 0.5 - centre
                    for column in 0..<side {
                        frame[row * side + column] = GreyImage.bilinear(pixels, width: sourceWidth, height: sourceHeight,
                                                                   x: cardX[column], y: v * depthScale[column] + halfHeight)
                    }
                }
            }
        }
        frame = Self.blurred(frame, side: side, sigma: blurSigma)
        var generator = SplitMix(seed: UInt64(side) &* 0x9E37_79B9 &+ UInt64(source.width))
        let pixels = frame.map { level -> UInt8 in
            let exposed = inkLevel + (paperLevel - inkLevel) * level / 255
            let noisy = exposed + (Double(generator.next() % 2001) / 1000 - 1) * noiseAmplitude
            return UInt8(min(255, max(0, noisy.rounded())))
        }
        return GreyImage(width: side, height: side, pixels: pixels)
    }

    static func blurred(_ image: [Double], side: Int, sigma: Double) -> [Double] {
        guard sigma > 0, side > 0 else { return image }
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        let normalized = weights.map { $0 / total }
        // Separable: along rows, then along columns; edges repeat the border pixel.
        func pass(_ input: [Double], step: Int, across: Int) -> [Double] {
            var output = [Double](repeating: 0, count: input.count)
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    for line in 0..<side {
                        let base = line * across
                        for position in 0..<side {
                            var sum = 0.0
                            for (index, weight) in normalized.enumerated() {
                                let at = min(side - 1, max(0, position + index - radius))
                                sum += source[base + at * step] * weight
                            }
                            target[base + position * step] = sum
                        }
                    }
                }
            }
            return output
        }
        return pass(pass(image, step: 1, across: side), step: side, across: 1)
    }
}

/// A small deterministic generator (SplitMix64) for modelled sensor noise.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
