/// An amount in a currency's minor units (cents, yen, fils): exact integer arithmetic, never floating point.
public struct Money: Hashable, Sendable, Comparable {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// Plain machine form with the currency's digits: `1234.50`, `1000`, `12.345`.
    public var plainText: String {
        let negative = minorUnits < 0
        let magnitude = negative ? -minorUnits : minorUnits
        let per = currency.minorPerMajor
        var text = String(magnitude / per)
        if currency.minorDigits > 0 {
            let fraction = String(magnitude % per)
            text += "." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }
}
