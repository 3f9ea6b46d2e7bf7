/// Where a QR symbol keeps its codewords (ISO/IEC 18004 §7.6–7.8): the function patterns every symbol of a
/// version has, the zigzag order the data modules are filled in, the data masks, and how codewords are split
/// into error-correction blocks and interleaved.
public struct QRCodewordLayout: Sendable {
    public let version: Int
    public let width: Int
    public let level: ErrorCorrectionLevel
    /// Row-major; true for modules of a function pattern, format or version information (not data).
    public let isFunction: [Bool]
    /// Data module positions (x, y) in the order the codeword bits fill them.
    public let dataOrder: [(x: Int, y: Int)]

    public init?(version: Int, level: ErrorCorrectionLevel) {
        guard (1...40).contains(version) else { return nil }
        self.version = version
        self.level = level
        width = QRCapacity.width(version: version)
        let functionModules = Self.functionPatterns(version: version, width: width)
        isFunction = functionModules.map { $0 != nil }
        var order: [(x: Int, y: Int)] = []
        var right = width - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<width {
                let y = upward ? width - 1 - step : step
                for x in [right, right - 1] where functionModules[y * width + x] == nil { order.append((x, y)) }
            }
            right -= 2
        }
        dataOrder = order
    }

    /// Codewords the symbol holds in all (data and error correction); remainder bits excluded.
    public var totalCodewords: Int { dataOrder.count / 8 }

    /// Error-correction blocks and codewords per block (ISO/IEC 18004 table 9).
    public var blockCount: Int { Self.blocks[level]?[version - 1] ?? 1 }
    public var eccPerBlock: Int { Self.eccCodewords[level]?[version - 1] ?? 0 }
    public var dataCodewords: Int { totalCodewords - blockCount * eccPerBlock }

    /// The function modules of a symbol: nil for data modules, their colour otherwise (format and version
    /// modules light, to be drawn by the caller).
    static func functionPatterns(version: Int, width: Int) -> [Bool?] {
        var modules = [Bool?](repeating: nil, count: width * width)
        func set(_ x: Int, _ y: Int, _ dark: Bool) {
            guard x >= 0, y >= 0, x < width, y < width else { return }
            modules[y * width + x] = dark
        }
        for i in 0..<width {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        for (centreX, centreY) in [(3, 3), (width - 4, 3), (3, width - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let ring = max(abs(dx), abs(dy))
                    set(centreX + dx, centreY + dy, ring != 2 && ring != 4)
                }
            }
        }
        let centres = alignmentCentres(version: version, width: width)
        for cx in centres {
            for cy in centres {
                let overlapsFinder =
                    (cx == 6 && cy == 6) || (cx == 6 && cy == width - 7) || (cx == width - 7 && cy == 6)
                guard !overlapsFinder else { continue }
                for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
            }
        }
        let (first, second) = FormatInformation.positions(width: width)
        for (x, y) in first + second { set(x, y, false) }
        set(8, width - 8, true)
        if version >= 7 {
            for i in 0..<18 {
                set(width - 11 + i % 3, i / 3, false)
                set(i / 3, width - 11 + i % 3, false)
            }
        }
        return modules
    }

    /// Centres of the alignment patterns along each axis.
    static func alignmentCentres(version: Int, width: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var centres = [6]
        var position = width - 7
        var rest: [Int] = []
        for _ in 0..<(count - 1) {
            rest.append(position)
            position -= step
        }
        centres += rest.reversed()
        return centres
    }

    /// Whether data mask `mask` (0…7) inverts the module at (x, y).
    public static func masks(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// For each interleaved codeword, its block and its index in that block (data first, then error correction).
    /// Short blocks come first and hold one data codeword fewer (§7.6).
    public var interleaving: [(block: Int, index: Int)] {
        let blocks = blockCount, ecc = eccPerBlock
        let shortData = totalCodewords / blocks - ecc
        let longBlocks = totalCodewords % blocks
        let shortBlocks = blocks - longBlocks
        var order: [(Int, Int)] = []
        for index in 0...shortData {
            for block in 0..<blocks where index < shortData || block >= shortBlocks { order.append((block, index)) }
        }
        for index in 0..<ecc {
            for block in 0..<blocks { order.append((block, (block < shortBlocks ? shortData : shortData + 1) + index)) }
        }
        return order
    }

    /// Codewords per block: data plus error correction.
    public func blockLength(_ block: Int) -> Int {
        let shortLength = totalCodewords / blockCount
        return block < blockCount - totalCodewords % blockCount ? shortLength : shortLength + 1
    }

    /// The 18-bit version word (BCH(18,6), §7.10) for versions 7 and up.
    public static func versionWord(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    private static let eccCodewords: [ErrorCorrectionLevel: [Int]] = [
        .low: [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30,
            30, 30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        .medium: [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28,
            28,
            28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        .quartile: [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30,
            30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        .high: [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30,
            30, 30,
            30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    private static let blocks: [ErrorCorrectionLevel: [Int]] = [
        .low: [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18,
            19, 19,
            20, 21, 22, 24, 25,
        ],
        .medium: [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
            31, 33,
            35, 37, 38, 40, 43, 45, 47, 49,
        ],
        .quartile: [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40,
            43,
            45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        .high: [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45,
            48, 51, 54,
            57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]
}
