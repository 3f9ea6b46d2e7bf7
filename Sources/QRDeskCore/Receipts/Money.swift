/// An amount in a currency's minor units (cents, yen, fils): exact integer arithmetic, never floating point.
/// Sums are checked: an amount that does not fit is an `AmountOverflow`, never a trap.
public struct Money: Hashable, Sendable, Comparable {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    public func adding(_ other: Money) throws(AmountOverflow) -> Money {
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw AmountOverflow() }
        return Money(minorUnits: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(AmountOverflow) -> Money {
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw AmountOverflow() }
        return Money(minorUnits: difference, currency: currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// Plain machine form with the currency's digits: `1234.50`, `1000`, `12.345`.
    public var plainText: String {
        let magnitude = minorUnits.magnitude
        let per = UInt64(currency.minorPerMajor)
        var text = String(magnitude / per)
        if currency.minorDigits > 0 {
            let fraction = String(magnitude % per)
            text += "." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
        }
        return minorUnits < 0 ? "-" + text : text
    }
}

/// An amount too large for exact arithmetic in 64-bit minor units; readers turn it into a field error.
public struct AmountOverflow: Error, Hashable, Sendable {}

/// Adds amounts, stopping at the first sum that does not fit.
extension Sequence {
    func sum(_ currency: Currency, _ amount: (Element) -> Money) throws(AmountOverflow) -> Money {
        var total = Money.zero(currency)
        for element in self { total = try total.adding(amount(element)) }
        return total
    }
}

extension Money {
    /// An amount written as a decimal in `currency`'s own minor digits (`"45.50"` EUR, `"4500"` JPY, `"1.250"`
    /// KWD), read exactly, never through a Double: the one reading of an amount for receipts and Show QR.
    public static func parse(_ text: String, currency: Currency) throws(AmountError) -> Money {
        guard let value = DecimalText(text) else { throw .notADecimal(text) }
        guard value.scale <= currency.minorDigits, let minor = value.scaled(to: currency.minorDigits) else {
            throw .tooManyDecimals(text, scale: value.scale, currency: currency)
        }
        return Money(minorUnits: minor, currency: currency)
    }
}

/// An amount that cannot be read in its currency.
public enum AmountError: Error, Hashable, Sendable, CustomStringConvertible {
    case notADecimal(String)
    case tooManyDecimals(String, scale: Int, currency: Currency)

    public var description: String {
        switch self {
        case let .notADecimal(text):
            return "expected an unsigned decimal of at most \(DecimalText.maximumDigits) digits such as \"50.10\", "
                + "got \"\(Excerpt.of(text, limit: 20))\""
        case let .tooManyDecimals(text, scale, currency):
            let digits =
                currency.minorDigits == 0
                ? "has no minor unit" : "has \(currency.minorDigits) decimal\(currency.minorDigits == 1 ? "" : "s")"
            return
                "\"\(Excerpt.of(text, limit: 20))\" has \(scale) decimal\(scale == 1 ? "" : "s"), but "
                + "\(currency.code) \(digits)"
        }
    }
}
