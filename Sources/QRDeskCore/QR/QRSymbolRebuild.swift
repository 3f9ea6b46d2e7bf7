/// A symbol as its own encoder made it, recovered from the modules read from a file: the codewords read in
/// zigzag order, error-corrected block by block, and placed again with the symbol's own version, level and
/// mask. Modules that differ between the reading and the rebuild are damage, whichever encoder made the file:
/// segment modes, mask choice and padding are whatever the codewords say.
public struct QRSymbolRebuild: Sendable {
    /// The symbol as encoded: function patterns, format and version information, corrected codewords, masked.
    public let matrix: QRMatrix
    /// Codewords that error correction changed, over all blocks.
    public let correctedCodewords: Int

    /// Why a reading could not be rebuilt.
    public enum Failure: Error, Hashable, Sendable {
        /// The width is no QR version's (17 + 4v, v ≤ 40).
        case notAVersion(width: Int)
        /// Neither copy of the format information is within 3 bits of a valid word.
        case noFormat
        /// A block has more wrong codewords than its error correction repairs.
        case uncorrectable(block: Int)
    }

    /// - Parameters:
    ///   - width: modules across.
    ///   - format: the symbol's level and mask, as read.
    ///   - isDark: the module at (x, y) as read.
    public init(width: Int, format: FormatInformation?, isDark: (Int, Int) -> Bool) throws(Failure) {
        let version = (width - 17) / 4
        guard width >= 21, (width - 17) % 4 == 0, version <= 40 else { throw .notAVersion(width: width) }
        guard let format else { throw .noFormat }
        guard let layout = QRCodewordLayout(version: version, level: format.level) else {
            throw .notAVersion(width: width)
        }
        // Codewords in interleaved order, unmasked.
        var interleaved = [UInt8](repeating: 0, count: layout.totalCodewords)
        for bit in 0..<(layout.totalCodewords * 8) {
            let (x, y) = layout.dataOrder[bit]
            if isDark(x, y) != QRCodewordLayout.masks(format.mask, x: x, y: y) {
                interleaved[bit / 8] |= 0x80 >> UInt8(bit % 8)
            }
        }
        let order = layout.interleaving
        var blocks = (0..<layout.blockCount).map { [UInt8](repeating: 0, count: layout.blockLength($0)) }
        for (position, slot) in order.enumerated() { blocks[slot.block][slot.index] = interleaved[position] }
        var corrected = 0
        for index in blocks.indices {
            guard let repaired = ReedSolomon.correct(blocks[index], eccCount: layout.eccPerBlock) else {
                throw .uncorrectable(block: index)
            }
            blocks[index] = repaired.block
            corrected += repaired.errors
        }
        for (position, slot) in order.enumerated() { interleaved[position] = blocks[slot.block][slot.index] }
        matrix = Self.place(interleaved, layout: layout, mask: format.mask)
        correctedCodewords = corrected
    }

    /// The whole symbol for interleaved codewords: function patterns, data masked (remainder bits light before
    /// masking), format and version information.
    static func place(_ codewords: [UInt8], layout: QRCodewordLayout, mask: Int) -> QRMatrix {
        let width = layout.width
        var modules = QRCodewordLayout.functionPatterns(version: layout.version, width: width).map { $0 ?? false }
        for (bit, position) in layout.dataOrder.enumerated() {
            let dark = bit / 8 < codewords.count && codewords[bit / 8] & (0x80 >> UInt8(bit % 8)) != 0
            modules[position.y * width + position.x] =
                dark != QRCodewordLayout.masks(mask, x: position.x, y: position.y)
        }
        let word = FormatInformation.code(level: layout.level, mask: mask)
        let (first, second) = FormatInformation.positions(width: width)
        for (bit, (x, y)) in first.enumerated() { modules[y * width + x] = word & (1 << bit) != 0 }
        for (bit, (x, y)) in second.enumerated() { modules[y * width + x] = word & (1 << bit) != 0 }
        modules[(width - 8) * width + 8] = true
        if layout.version >= 7 {
            let bits = QRCodewordLayout.versionWord(layout.version)
            for i in 0..<18 where bits & (1 << i) != 0 {
                modules[(i / 3) * width + width - 11 + i % 3] = true
                modules[(width - 11 + i % 3) * width + i / 3] = true
            }
        }
        return QRMatrix(version: layout.version, width: width, level: layout.level, modules: modules)
    }
}
