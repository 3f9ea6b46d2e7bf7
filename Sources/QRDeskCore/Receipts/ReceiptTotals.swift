/// The arithmetic of a receipt, in minor units. Line amounts and every tax amount round half to even
/// (banker's rounding); tax is computed once per rate over the sum of that rate's lines, not per line.
public struct ReceiptTotals: Sendable {
    public struct TaxLine: Hashable, Sendable {
        public let rateMillionths: Int64
        public let mode: Receipt.TaxMode
        /// The amount the tax is computed on: gross including tax for `included`, net for `added`.
        public let base: Money
        public let tax: Money
    }

    /// Sum of line totals, after item discounts.
    public let subtotal: Money
    public let discounts: Money
    public let taxLines: [TaxLine]
    /// What the client owes in all: the subtotal, plus tax when it is added on top.
    public let total: Money
    public let paid: Money
    /// Total − paid; zero when the visit is fully paid.
    public let balance: Money

    public var isPaid: Bool { balance.minorUnits == 0 }

    public init(items: [Receipt.Item], payments: [Receipt.Payment], currency: Currency) {
        let zero = Money.zero(currency)
        subtotal = items.reduce(zero) { $0 + $1.total }
        discounts = items.reduce(zero) { $0 + $1.discount }
        var bases: [Receipt.Tax: Int64] = [:]
        for item in items { bases[item.tax, default: 0] += item.total.minorUnits }
        taxLines = bases.keys.sorted { $0.rateMillionths < $1.rateMillionths }.compactMap { tax in
            let base = bases[tax]!
            guard tax.rateMillionths > 0 else { return nil }
            let amount = switch tax.mode {
            case .included: divideRoundingHalfEven(base * tax.rateMillionths, by: 1_000_000 + tax.rateMillionths)
            case .added: divideRoundingHalfEven(base * tax.rateMillionths, by: 1_000_000)
            }
            return TaxLine(rateMillionths: tax.rateMillionths, mode: tax.mode, base: Money(minorUnits: base, currency: currency),
                           tax: Money(minorUnits: amount, currency: currency))
        }
        let added = taxLines.filter { $0.mode == .added }.reduce(zero) { $0 + $1.tax }
        total = subtotal + added
        paid = payments.reduce(zero) { $0 + $1.amount }
        balance = total - paid
    }

    /// Line gross: quantity × unit price, rounded half-even to the minor unit.
    static func gross(quantity: DecimalText, unitPrice: Money) -> Money {
        var divisor: Int64 = 1
        for _ in 0..<quantity.scale { divisor *= 10 }
        let (product, overflow) = quantity.units.multipliedReportingOverflow(by: unitPrice.minorUnits)
        precondition(!overflow, "bounds are checked before multiplying")
        return Money(minorUnits: divideRoundingHalfEven(product, by: divisor), currency: unitPrice.currency)
    }
}

extension Int64 {
    /// A rate in millionths as a percentage: `200000` → `20`, `88750` → `8.875`.
    public var percentText: String {
        let whole = self / 10_000
        var fraction = String(self % 10_000)
        if fraction == "0" { return "\(whole)" }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
