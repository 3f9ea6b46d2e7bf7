/// Formats money for people, by the receipt's language: `€1,234.50` in English, `1 234,50 €` in French.
/// The conventions are a table here, not the platform's locale data, so output never changes with ICU.
public struct MoneyFormatter: Sendable {
    struct Style {
        let decimal: String
        let group: String
        let symbolFirst: Bool
        let separator: String
    }

    // No-break spaces (U+00A0, narrow U+202F) keep an amount on one line.
    static let styles: [String: Style] = [
        "en": Style(decimal: ".", group: ",", symbolFirst: true, separator: ""),
        "de": Style(decimal: ",", group: ".", symbolFirst: false, separator: "\u{00A0}"),
        "es": Style(decimal: ",", group: ".", symbolFirst: false, separator: "\u{00A0}"),
        "pt": Style(decimal: ",", group: ".", symbolFirst: false, separator: "\u{00A0}"),
        "fr": Style(decimal: ",", group: "\u{202F}", symbolFirst: false, separator: "\u{00A0}"),
        "ru": Style(decimal: ",", group: "\u{00A0}", symbolFirst: false, separator: "\u{00A0}"),
        "ar": Style(decimal: ".", group: ",", symbolFirst: false, separator: "\u{00A0}"),
        "he": Style(decimal: ".", group: ",", symbolFirst: false, separator: "\u{00A0}"),
    ]

    let style: Style

    public init(language: String) {
        style = Self.styles[StringCatalog.baseLanguage(language)] ?? Self.styles["en"]!
    }

    public func format(_ money: Money) -> String {
        let negative = money.minorUnits < 0
        let magnitude = money.minorUnits.magnitude
        let per = UInt64(money.currency.minorPerMajor)
        let whole = String(magnitude / per)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += style.group }
            grouped.append(digit)
        }
        if money.currency.minorDigits > 0 {
            let fraction = String(magnitude % per)
            grouped +=
                style.decimal + String(repeating: "0", count: money.currency.minorDigits - fraction.count) + fraction
        }
        let symbol = money.currency.symbol
        let body = style.symbolFirst ? symbol + style.separator + grouped : grouped + style.separator + symbol
        return negative ? "−" + body : body
    }

    /// A quantity as written, with the language's decimal mark: `1.5` → `1,5`.
    public func format(quantity: DecimalText) -> String {
        let magnitude = quantity.units < 0 ? -quantity.units : quantity.units
        var digits = String(magnitude)
        guard quantity.scale > 0 else { return digits }
        if digits.count <= quantity.scale {
            digits = String(repeating: "0", count: quantity.scale - digits.count + 1) + digits
        }
        let point = digits.index(digits.endIndex, offsetBy: -quantity.scale)
        return String(digits[..<point]) + style.decimal + String(digits[point...])
    }
}
