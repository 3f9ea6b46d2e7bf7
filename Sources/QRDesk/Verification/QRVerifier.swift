import QRDeskCore
import QRDeskNative

/// Proves a QR on a page scans: the region is rendered the way the printer lays it down (same painter,
/// same colours) and decoded with zbar; anything but exactly the expected payload is refused.
public struct QRVerifier: Sendable {
    /// Pixels per module in the check raster: the code is small (≈ 165 px for version 4), so zbar is quick,
    /// and whole pixels per module keep edges sharp, as a 300 dpi print of a ≥ 0.5 mm module is.
    public static let pixelsPerModule = 3.0

    public init() {}

    public func verify(_ symbol: QRSymbol, on page: Page, expected: String) throws {
        let image = try RasterRenderer().renderGrey(page, region: symbol.frame, pixelsPerPoint: Self.pixelsPerModule / symbol.moduleSize)
        let decoded = try ZBarDecoder().decode(image)
        guard decoded == [expected] else { throw VerificationError(expected: expected, decoded: decoded) }
    }
}

public struct VerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let expected: String
    public let decoded: [String]

    public init(expected: String, decoded: [String]) {
        self.expected = expected
        self.decoded = decoded
    }

    public var description: String {
        if decoded.isEmpty {
            return "the printed QR code did not scan (zbar found no code in it); nothing was written. Check the colours and the template's QR box, or pass --no-verify to skip the check"
        }
        return "the printed QR code scans as \(decoded.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(expected)\"; nothing was written"
    }
}
