import Foundation

/// How far from a printed code a client's phone is: `1m`, `50cm`, `300mm`, or a bare number of metres.
public struct ScanDistance: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let metres: Double

    public init(metres: Double) { self.metres = metres }

    public init(parsing text: String) throws(ScanDistanceParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed), scale = 1.0
        for (suffix, factor) in [("mm", 0.001), ("cm", 0.01), ("m", 1.0)] where trimmed.hasSuffix(suffix) {
            number = trimmed.dropLast(suffix.count)
            scale = factor
            break
        }
        let digits = number.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(digits), value.isFinite
        else { throw ScanDistanceParseError(text: text) }
        let metres = value * scale
        guard ScanDistanceModel.distanceRange.contains(metres) else {
            throw ScanDistanceParseError(text: text, outOfRange: true)
        }
        self.metres = metres
    }

    public static func < (lhs: ScanDistance, rhs: ScanDistance) -> Bool { lhs.metres < rhs.metres }

    public var description: String { "\(formatDecimal(metres, digits: 2)) m" }
}

public struct ScanDistanceParseError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var outOfRange = false
    public var description: String {
        let range = ScanDistanceModel.distanceRange
        return outOfRange
            ? "a scan distance of \"\(Excerpt.of(text, limit: 20))\" is outside "
                + "\(formatDecimal(range.lowerBound, digits: 2))–\(formatDecimal(range.upperBound, digits: 0)) m"
            : "expected a scan distance such as \"1m\", \"50cm\" or \"0.3\" (metres), got "
                + "\"\(Excerpt.of(text, limit: 20))\""
    }
}
