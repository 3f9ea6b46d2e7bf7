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
        let side = Int((Double(max(source.width, source.height)) * scale).rounded(.up)) + 8
        guard side > 8, side <= maximumSide else { return nil }
        let centre = Double(side) / 2
        var frame = [Double](repeating: 0, count: side * side)
        let offsets = [1.0 / 6, 0.5, 5.0 / 6]
        for row in 0..<side {
            for column in 0..<side {
                var sum = 0.0
                for oy in offsets {
                    for ox in offsets {
                        // Pinhole camera facing the card's centre; the card turned by theta about its vertical axis.
                        let u = Double(column) + ox - centre, v = Double(row) + oy - centre
                        let denominator = focal * cos(theta) - u * sin(theta)
                        let x = u * cameraDistance / denominator
                        let depth = cameraDistance + x * sin(theta)
                        let y = v * depth / focal
                        sum += source.sample(x: x + halfWidth, y: y + halfHeight)
                    }
                }
                frame[row * side + column] = sum / Double(offsets.count * offsets.count)
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
        guard sigma > 0 else { return image }
        let radius = Int((3 * sigma).rounded(.up))
        let weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        func pass(_ input: [Double], horizontal: Bool) -> [Double] {
            var output = input
            for row in 0..<side {
                for column in 0..<side {
                    var sum = 0.0
                    for (index, weight) in weights.enumerated() {
                        let offset = index - radius
                        let x = horizontal ? min(side - 1, max(0, column + offset)) : column
                        let y = horizontal ? row : min(side - 1, max(0, row + offset))
                        sum += input[y * side + x] * weight
                    }
                    output[row * side + column] = sum / total
                }
            }
            return output
        }
        return pass(pass(image, horizontal: true), horizontal: false)
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
