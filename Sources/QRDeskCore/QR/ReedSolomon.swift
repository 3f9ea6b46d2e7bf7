/// Reed–Solomon over GF(256) as QR codes use it (ISO/IEC 18004 §7.5.2): field polynomial x⁸+x⁴+x³+x²+1 (0x11D),
/// generator roots α⁰ … α^(n−1), a block's first codeword the highest-degree coefficient.
public enum ReedSolomon {
    /// The field's exponent and logarithm tables; `exponents` runs twice round so products need no modulo.
    private static let tables: (exponents: [UInt8], logarithms: [Int]) = {
        var exponents = [UInt8](repeating: 0, count: 510)
        var logarithms = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exponents[power] = UInt8(value)
            exponents[power + 255] = UInt8(value)
            logarithms[value] = power
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return (exponents, logarithms)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return tables.exponents[tables.logarithms[Int(a)] + tables.logarithms[Int(b)]]
    }

    /// a / b for b ≠ 0.
    static func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return tables.exponents[tables.logarithms[Int(a)] + 255 - tables.logarithms[Int(b)]]
    }

    /// α^power for any power ≥ 0.
    static func power(_ exponent: Int) -> UInt8 { tables.exponents[exponent % 255] }

    /// The `count` error-correction codewords for `data`: the remainder of data·x^count divided by the generator.
    public static func errorCorrection(for data: [UInt8], count: Int) -> [UInt8] {
        var generator: [UInt8] = [1]
        for root in 0..<count {
            var next = [UInt8](repeating: 0, count: generator.count + 1)
            for (index, coefficient) in generator.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, power(root))
            }
            generator = next
        }
        var remainder = [UInt8](repeating: 0, count: count)
        for byte in data {
            let factor = byte ^ (remainder.first ?? 0)
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<count { remainder[index] ^= multiply(generator[index + 1], factor) }
        }
        return remainder
    }

    /// The block with its errors corrected (data and error-correction codewords), and how many codewords were
    /// wrong; nil when the errors are more than `eccCount / 2` or do not resolve to a codeword.
    public static func correct(_ block: [UInt8], eccCount: Int) -> (block: [UInt8], errors: Int)? {
        let syndromes = self.syndromes(block, count: eccCount)
        guard syndromes.contains(where: { $0 != 0 }) else { return (block, 0) }
        // Berlekamp–Massey: the shortest connection polynomial C (lowest degree first) generating the syndromes.
        var connection: [UInt8] = [1], previous: [UInt8] = [1]
        var length = 0, shift = 1
        var previousDiscrepancy: UInt8 = 1
        for step in 0..<eccCount {
            var discrepancy = syndromes[step]
            if length >= 1 {
                for index in 1...length where index < connection.count {
                    discrepancy ^= multiply(connection[index], syndromes[step - index])
                }
            }
            if discrepancy == 0 {
                shift += 1
                continue
            }
            let factor = divide(discrepancy, previousDiscrepancy)
            var updated = connection
            if updated.count < previous.count + shift {
                updated += [UInt8](repeating: 0, count: previous.count + shift - updated.count)
            }
            for (index, coefficient) in previous.enumerated() {
                updated[index + shift] ^= multiply(factor, coefficient)
            }
            if 2 * length <= step {
                previous = connection
                length = step + 1 - length
                previousDiscrepancy = discrepancy
                shift = 1
            } else {
                shift += 1
            }
            connection = updated
        }
        guard length >= 1, 2 * length <= eccCount else { return nil }
        // Chien search: codeword i is coefficient of x^(n−1−i); it is wrong where C(α^−(n−1−i)) = 0.
        let count = block.count
        var positions: [Int] = []
        for index in 0..<count {
            let inverse = power(255 - (count - 1 - index) % 255)
            var value: UInt8 = 0
            for coefficient in connection.reversed() { value = multiply(value, inverse) ^ coefficient }
            if value == 0 { positions.append(index) }
        }
        guard positions.count == length else { return nil }
        // The magnitudes solve Σₖ eₖ·Xₖʲ = Sⱼ (j < errors), a Vandermonde system, by Gaussian elimination.
        let locators = positions.map { power(count - 1 - $0) }
        var rows = (0..<length).map { row -> [UInt8] in
            locators.map { locator in (0..<row).reduce(UInt8(1)) { product, _ in multiply(product, locator) } } + [
                syndromes[row]
            ]
        }
        for column in 0..<length {
            guard let pivot = (column..<length).first(where: { rows[$0][column] != 0 }) else { return nil }
            rows.swapAt(column, pivot)
            let scale = rows[column][column]
            rows[column] = rows[column].map { divide($0, scale) }
            for row in 0..<length where row != column && rows[row][column] != 0 {
                let factor = rows[row][column]
                for index in 0...length { rows[row][index] ^= multiply(factor, rows[column][index]) }
            }
        }
        var corrected = block
        for (index, position) in positions.enumerated() { corrected[position] ^= rows[index][length] }
        guard !self.syndromes(corrected, count: eccCount).contains(where: { $0 != 0 }) else { return nil }
        return (corrected, length)
    }

    /// S_j = c(α^j) for j < count, by Horner's rule over the codewords (highest degree first).
    static func syndromes(_ block: [UInt8], count: Int) -> [UInt8] {
        (0..<count).map { root in
            let point = power(root)
            return block.reduce(UInt8(0)) { value, codeword in multiply(value, point) ^ codeword }
        }
    }
}
