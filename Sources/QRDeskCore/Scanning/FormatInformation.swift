/// A QR symbol's 15 format bits: error-correction level and mask, BCH(15,5)-protected and XOR-masked
/// (ISO/IEC 18004 §7.9), read from the copy beside the top-left finder or the split copy.
public struct FormatInformation: Hashable, Sendable {
    public let level: ErrorCorrectionLevel
    public let mask: Int

    public init(level: ErrorCorrectionLevel, mask: Int) {
        self.level = level
        self.mask = mask
    }

    /// The 15-bit word a symbol of `level` and `mask` carries.
    public static func code(level: ErrorCorrectionLevel, mask: Int) -> Int {
        let levelBits: Int =
            switch level {
            case .low: 0b01;
            case .medium: 0b00;
            case .quartile: 0b11;
            case .high: 0b10
            }
        let data = levelBits << 3 | (mask & 7)
        var remainder = data << 10
        for bit in stride(from: 14, through: 10, by: -1) where remainder & (1 << bit) != 0 {
            remainder ^= 0x537 << (bit - 10)
        }
        return (data << 10 | remainder) ^ 0x5412
    }

    private static let all: [(Int, FormatInformation)] = ErrorCorrectionLevel.allCases.flatMap { level in
        (0..<8).map { mask in (code(level: level, mask: mask), FormatInformation(level: level, mask: mask)) }
    }

    /// Module positions (x, y) of bit k (least significant first) in the two copies, for a symbol `width` across.
    public static func positions(width: Int) -> (first: [(Int, Int)], second: [(Int, Int)]) {
        let first = (0..<15).map { k -> (Int, Int) in
            switch k {
            case 0..<6: (8, k)
            case 6: (8, 7)
            case 7: (8, 8)
            case 8: (7, 8)
            default: (14 - k, 8)
            }
        }
        let second = (0..<15).map { k -> (Int, Int) in k < 8 ? (width - 1 - k, 8) : (8, width - 15 + k) }
        return (first, second)
    }

    /// The format whose code is nearest to either copy, if within 3 bit errors (the code corrects 3).
    public static func read(width: Int, isDark: (Int, Int) -> Bool) -> FormatInformation? {
        readWithErrors(width: width, isDark: isDark)?.format
    }

    /// The nearest format and how many bits differ from it (0…3).
    public static func readWithErrors(
        width: Int, isDark: (Int, Int) -> Bool
    ) -> (format: FormatInformation, errors: Int)? {
        let (first, second) = positions(width: width)
        var best: (distance: Int, format: FormatInformation)?
        for copy in [first, second] {
            let word = copy.enumerated().reduce(0) { word, entry in
                isDark(entry.element.0, entry.element.1) ? word | 1 << entry.offset : word
            }
            for (code, format) in all {
                let distance = (code ^ word).nonzeroBitCount
                if distance < best?.distance ?? 4 { best = (distance, format) }
            }
        }
        return best.map { ($0.format, $0.distance) }
    }
}
