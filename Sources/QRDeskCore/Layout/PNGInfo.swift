/// The pixel size of a PNG, read from its IHDR chunk before anything decodes it: to place a logo without
/// distorting it, and to check the pixel budget (a 177-byte file may claim 100,000 × 100,000 pixels).
public struct PNGInfo: Hashable, Sendable {
    public let width: Int
    public let height: Int

    /// Logos larger than this are refused before decoding: 4096 × 4096 pixels (64 MB as 32-bit pixels).
    public static let maximumPixels = 4_096 * 4_096
    /// And files larger than this are not read at all.
    public static let maximumFileBytes = 8 << 20

    public init?(_ bytes: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, bytes[12...15].elementsEqual("IHDR".utf8) else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = be32(16)
        height = be32(20)
        guard width > 0, height > 0 else { return nil }
    }

    /// The logo's size, once it is known to be a PNG within the pixel budget.
    public static func checkLogo(_ bytes: [UInt8]) throws(LayoutError) -> PNGInfo {
        guard let info = PNGInfo(bytes) else { throw .logoNotPNG }
        guard info.isWithinBudget else { throw .logoTooLarge(width: info.width, height: info.height) }
        return info
    }

    /// Whether decoding stays within the pixel budget (checked with exact arithmetic: each side is < 2^32).
    public var isWithinBudget: Bool {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return !overflow && pixels <= Self.maximumPixels
    }

    /// The largest rectangle of this aspect ratio inside `frame`, centred.
    public func aspectFit(in frame: Rect) -> Rect {
        let scale = min(frame.width / Double(width), frame.height / Double(height))
        let size = Size(width: Double(width) * scale, height: Double(height) * scale)
        return Rect(x: frame.x + (frame.width - size.width) / 2, y: frame.y + (frame.height - size.height) / 2,
                    width: size.width, height: size.height)
    }
}
