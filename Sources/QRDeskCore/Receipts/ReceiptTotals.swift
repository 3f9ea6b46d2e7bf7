/// The arithmetic of a receipt, in minor units. Line amounts and every tax amount round half to even
/// (banker's rounding); tax is computed once per rate over the sum of that rate's lines, not per line.
/// Every step is checked: a sum that does not fit 64 bits throws `AmountOverflow` instead of trapping.
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
    /// Total − paid; zero when the visit is fully paid, negative when overpaid (which the reader refuses).
    public let balance: Money

    public var isPaid: Bool { balance.minorUnits == 0 }

    public init(items: [Receipt.Item], payments: [Receipt.Payment], currency: Currency) throws(AmountOverflow) {
        subtotal = try items.sum(currency) { $0.total }
        discounts = try items.sum(currency) { $0.discount }
        var bases: [Receipt.Tax: Money] = [:]
        for item in items { bases[item.tax] = try (bases[item.tax] ?? .zero(currency)).adding(item.total) }
        taxLines = bases.sorted { $0.key.rateMillionths < $1.key.rateMillionths }.compactMap { tax, base in
            guard tax.rateMillionths > 0 else { return nil }
            // 128-bit product: base × rate cannot overflow, and the quotient is at most the base.
            let product = base.minorUnits.multipliedFullWidth(by: tax.rateMillionths)
            let amount =
                switch tax.mode {
                case .included: divideRoundingHalfEven(product, by: 1_000_000 + tax.rateMillionths)
                case .added: divideRoundingHalfEven(product, by: 1_000_000)
                }
            return TaxLine(
                rateMillionths: tax.rateMillionths, mode: tax.mode, base: base,
                tax: Money(minorUnits: amount, currency: currency))
        }
        let added = try taxLines.filter { $0.mode == .added }.sum(currency) { $0.tax }
        total = try subtotal.adding(added)
        paid = try payments.sum(currency) { $0.amount }
        balance = try total.subtracting(paid)
    }

    /// Line gross: quantity × unit price, rounded half-even to the minor unit.
    static func gross(quantity: DecimalText, unitPrice: Money) throws(AmountOverflow) -> Money {
        var divisor: Int64 = 1
        for _ in 0..<quantity.scale { divisor *= 10 }  // scale ≤ DecimalText.maximumDigits, so 10^scale fits
        let (product, overflow) = quantity.units.multipliedReportingOverflow(by: unitPrice.minorUnits)
        guard !overflow else { throw AmountOverflow() }
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
