/// A decimal written as text (`"50.10"`, `"3"`, `"0.5"`), parsed exactly into an integer and a scale.
/// Floats never carry money: `Decimal(string:)` accepts `"50,10"` as 50, so the shape is checked here first.
public struct DecimalText: Hashable, Sendable {
    /// The digits without the point: `"50.10"` → 5010.
    public let units: Int64
    /// Digits after the point: `"50.10"` → 2.
    public let scale: Int
    public let isNegative: Bool

    public init?(_ text: String) {
        var body = Substring(text)
        isNegative = body.hasPrefix("-")
        if isNegative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)) else { return nil }
        guard whole.count + fraction.count <= 17, let value = Int64(whole + fraction) else { return nil }
        units = isNegative ? -value : value
        scale = fraction.count
    }

    /// The value in units of 10^-digits (`"50.1"` at 2 digits → 5010); nil if it has more digits than that.
    public func scaled(to digits: Int) -> Int64? {
        guard scale <= digits else { return nil }
        var value = units
        for _ in scale..<digits { value *= 10 }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Divides with rounding half to even (banker's rounding), as used for every tax amount.
public func divideRoundingHalfEven(_ numerator: Int64, by denominator: Int64) -> Int64 {
    precondition(denominator > 0)
    var quotient = numerator / denominator
    var remainder = numerator % denominator
    if remainder < 0 { quotient -= 1; remainder += denominator }
    let twice = remainder * 2
    if twice > denominator || (twice == denominator && quotient % 2 != 0) { quotient += 1 }
    return quotient
}
