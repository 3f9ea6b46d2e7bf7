/// A non-negative decimal written as text (`"50.10"`, `"3"`, `"0.5"`), parsed exactly into an integer and a
/// scale. Floats never carry money: `Decimal(string:)` accepts `"50,10"` as 50, so the shape is checked here.
/// No sign is accepted (not even `"-0"`): every amount, quantity and rate in a receipt is written unsigned.
public struct DecimalText: Hashable, Sendable {
    /// The digits without the point: `"50.10"` → 5010.
    public let units: Int64
    /// Digits after the point: `"50.10"` → 2.
    public let scale: Int

    /// At most this many digits in all: any such value, scaled to 3 decimals, still fits in Int64.
    public static let maximumDigits = 15

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)) else { return nil }
        guard whole.count + fraction.count <= Self.maximumDigits, let value = Int64(whole + fraction) else {
            return nil
        }
        units = value
        scale = fraction.count
    }

    /// The value in units of 10^-digits (`"50.1"` at 2 digits → 5010); nil if it has more decimals than that
    /// or does not fit.
    public func scaled(to digits: Int) -> Int64? {
        guard scale <= digits else { return nil }
        var value = units
        for _ in scale..<digits {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Divides with rounding half to even (banker's rounding), as used for every tax amount.
/// The numerator is 128 bits wide (`Int64.multipliedFullWidth`), so `amount × rate` never overflows;
/// the caller guarantees the quotient fits (it is at most the amount).
func divideRoundingHalfEven(_ numerator: (high: Int64, low: UInt64), by denominator: Int64) -> Int64 {
    let (quotient, remainder) = denominator.dividingFullWidth(numerator)
    var result = quotient, rest = remainder
    if rest < 0 { result -= 1; rest += denominator }
    // rest < denominator ≤ Int64.max / 2 for every denominator used here, so doubling cannot overflow.
    let twice = rest * 2
    if twice > denominator || (twice == denominator && result % 2 != 0) { result += 1 }
    return result
}

func divideRoundingHalfEven(_ numerator: Int64, by denominator: Int64) -> Int64 {
    divideRoundingHalfEven(numerator.multipliedFullWidth(by: 1), by: denominator)
}
