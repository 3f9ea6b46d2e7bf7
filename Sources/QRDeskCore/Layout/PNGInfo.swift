/// The pixel size of a PNG, read from its IHDR chunk, to place a logo without distorting it.
public struct PNGInfo: Hashable, Sendable {
    public let width: Int
    public let height: Int

    public init?(_ bytes: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, bytes[12...15].elementsEqual("IHDR".utf8) else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = be32(16)
        height = be32(20)
        guard width > 0, height > 0 else { return nil }
    }

    /// The largest rectangle of this aspect ratio inside `frame`, centred.
    public func aspectFit(in frame: Rect) -> Rect {
        let scale = min(frame.width / Double(width), frame.height / Double(height))
        let size = Size(width: Double(width) * scale, height: Double(height) * scale)
        return Rect(x: frame.x + (frame.width - size.width) / 2, y: frame.y + (frame.height - size.height) / 2,
                    width: size.width, height: size.height)
    }
}
