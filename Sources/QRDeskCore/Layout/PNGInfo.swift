/// The pixel size of a PNG, read from its IHDR chunk before anything decodes it: to place a logo without
/// distorting it, and to check the pixel budget (a 177-byte file may claim 100,000 × 100,000 pixels).
public struct PNGInfo: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Bits per sample, colour type (0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA) and Adam7 interlacing,
    /// as IHDR declares them (PNG §11.2.2).
    public let bitDepth: Int
    public let colorType: Int
    public let interlaced: Bool

    /// Logos larger than this are refused before decoding: 4096 × 4096 pixels (64 MB as 32-bit pixels).
    public static let maximumPixels = 4_096 * 4_096
    /// And files larger than this are not read at all.
    public static let maximumFileBytes = 8 << 20

    /// The size from the header as `ImageHeader` reads it (the one PNG header reader); nil for anything else.
    public init?(_ bytes: [UInt8]) {
        guard let header = ImageHeader(bytes), header.kind == .png, let width = header.width,
            let height = header.height,
            bytes.count >= 29
        else { return nil }
        self.width = width
        self.height = height
        // IHDR's body starts at byte 16: width, height, then depth, colour type, compression, filter, interlace.
        bitDepth = Int(bytes[24])
        colorType = Int(bytes[25])
        interlaced = bytes[28] == 1
    }

    /// How many bytes the image data inflates to: every row of every pass with its filter byte. nil when the
    /// depth and colour type are not a pair PNG allows (or the sum overflows, which the pixel budget rules out).
    public var imageDataBytes: Int? {
        let depths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        let channels: [Int: Int] = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4]
        guard depths[colorType]?.contains(bitDepth) == true, let samples = channels[colorType] else { return nil }
        // Adam7's seven passes (first column, first row, column step, row step), or the whole image once.
        let passes =
            interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var total = 0
        for (x0, y0, dx, dy) in passes {
            let columns = width > x0 ? (width - x0 + dx - 1) / dx : 0
            let rows = height > y0 ? (height - y0 + dy - 1) / dy : 0
            guard columns > 0, rows > 0 else { continue }
            let (bits, overflowBits) = columns.multipliedReportingOverflow(by: samples * bitDepth)
            let (passBytes, overflowPass) = ((bits + 7) / 8 + 1).multipliedReportingOverflow(by: rows)
            let (sum, overflowSum) = total.addingReportingOverflow(passBytes)
            guard !overflowBits, !overflowPass, !overflowSum else { return nil }
            total = sum
        }
        return total
    }

    /// The logo's size, once it is known to be a PNG within the pixel budget.
    public static func checkLogo(_ bytes: [UInt8]) throws(LayoutError) -> PNGInfo {
        guard let info = PNGInfo(bytes) else { throw .logoNotPNG }
        guard info.isWithinBudget else { throw .logoTooLarge(width: info.width, height: info.height) }
        if let damage = structuralDamage(bytes) { throw .logoDamaged(reason: damage) }
        return info
    }

    /// What breaks the file's chunk structure (PNG §5.3): every chunk whole with a right CRC, IHDR first, image
    /// data present and in one run, IEND last with nothing after it; nil when it holds together.
    static func structuralDamage(_ bytes: [UInt8]) -> String? {
        var offset = 8, index = 0, sawData = false, dataEnded = false
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { return "it ends inside a chunk header, at byte \(offset)" }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard length <= bytes.count - offset - 12 else {
                return
                    "its \(Excerpt.of(type, limit: 4)) chunk claims \(length) bytes but the file ends "
                    + "\(bytes.count - offset - 12) bytes later"
            }
            let stored = bytes[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.of(bytes[offset + 4..<offset + 8 + length]) == stored else {
                return "the checksum of its \(Excerpt.of(type, limit: 4)) chunk at byte \(offset) is wrong"
            }
            if index == 0, type != "IHDR" { return "its first chunk is not IHDR" }
            if type == "IDAT" {
                if dataEnded { return "its image data (IDAT) is split by other chunks" }
                sawData = true
            } else if sawData {
                dataEnded = true
            }
            offset += 12 + length
            index += 1
            if type == "IEND" {
                guard sawData else { return "it has no image data (IDAT)" }
                return offset == bytes.count ? nil : "it has \(bytes.count - offset) bytes after its end (IEND)"
            }
        }
        return "it is cut short: no end chunk (IEND)"
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
        return Rect(
            x: frame.x + (frame.width - size.width) / 2, y: frame.y + (frame.height - size.height) / 2,
            width: size.width, height: size.height)
    }
}
