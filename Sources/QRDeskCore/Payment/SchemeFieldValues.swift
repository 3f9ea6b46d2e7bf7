/// The values given to `payload build` (or a card request's scheme fields), keyed by field name (`key`,
/// `creditor-town`); a switch given is `"true"`. Builders read them here and collect every problem at once.
public struct SchemeFieldValues: Hashable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// The value as given; nil when absent or empty (a blank cell is an absent value everywhere).
    public subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func isOn(_ name: String) -> Bool { values[name].map { $0 == "true" || $0.isEmpty } ?? false }
}

/// The problems a build finds, named by field.
struct BuildProblems {
    var list: [PayloadProblem] = []

    mutating func add(_ field: String, _ code: String, _ message: String) {
        list.append(PayloadProblem(field: field, code: code, message: message))
    }

    /// An amount in `currency`'s own digits (`"30"` BRL → `"30.00"`), within `range` of minor units; nil (and a
    /// problem) when it cannot be read.
    mutating func amount(
        _ values: SchemeFieldValues, _ field: String = "amount", currency code: String,
        range: ClosedRange<Int64> = 1...99_999_999_999_99
    ) -> String? {
        guard let text = values[field], let currency = Currency(code: code) else { return nil }
        do throws(AmountError) {
            let money = try Money.parse(text, currency: currency)
            guard range.contains(money.minorUnits) else {
                let low = Money(minorUnits: range.lowerBound, currency: currency).plainText
                let high = Money(minorUnits: range.upperBound, currency: currency).plainText
                add(field, "amount-range", "\(money.plainText) \(code) is outside \(low) to \(high)")
                return nil
            }
            return money.plainText
        } catch {
            add(field, "invalid-amount", error.description)
            return nil
        }
    }

    /// A value of at most `limit` characters.
    mutating func limited(_ values: SchemeFieldValues, _ field: String, limit: Int) -> String? {
        guard let value = values[field] else { return nil }
        if value.unicodeScalars.count > limit {
            add(field, "too-long", "has \(value.unicodeScalars.count) characters; at most \(limit) are allowed")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            add(field, "control-character", "contains a control character (a line break or tab); remove it")
        }
        return value
    }

    func check(_ scheme: PaymentScheme) throws(PayloadError) {
        if !list.isEmpty { throw PayloadError(scheme: scheme, problems: list) }
    }
}
