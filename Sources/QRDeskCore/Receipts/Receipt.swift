/// A receipt as read from its JSON document: what was sold, what was paid, and how the rest can be paid.
/// Amounts are exact `Money`; the reader has already enforced every rule in `ReceiptReader`.
public struct Receipt: Sendable {
    public var number: String
    public var visit: Visit
    public var location: Location
    public var client: Client?
    public var currency: Currency
    public var language: String?
    public var items: [Item]
    public var payments: [Payment]
    /// The link for the balance; only allowed while something remains to pay.
    public var paymentLink: PaymentLink?
    public var fiscal: FiscalData?
    public var footer: String?
    public var totals: ReceiptTotals

    public struct Visit: Sendable {
        public var id: String
        /// The visit's date and time: the transaction date shown (the seeds: saved with the visit date).
        public var date: LocalDateTime
        public var staff: String?
    }

    public struct Location: Sendable {
        public var name: String
        public var address: String?
        public var taxID: String?
    }

    public struct Client: Sendable {
        public var name: String?
        /// Already masked for printing: `+1 *** *** 42 17`.
        public var maskedContact: String?
    }

    public enum ItemKind: String, CaseIterable, Sendable {
        case service, product, membership, giftCard = "gift-card"
    }

    public struct Item: Sendable {
        public var kind: ItemKind
        public var name: String
        public var sku: String?
        public var quantity: DecimalText
        public var unitPrice: Money
        public var discount: Money
        public var tax: Tax
        /// quantity × unit price, rounded half-even to the minor unit.
        public var gross: Money
        /// gross − discount.
        public var total: Money
    }

    public struct Tax: Hashable, Sendable {
        public var system: String
        /// Rate as a fraction in millionths: 20 % → 200 000, 8.875 % → 88 750.
        public var rateMillionths: Int64
        public var mode: TaxMode
    }

    public enum TaxMode: String, CaseIterable, Sendable {
        /// Prices include the tax (VAT in Europe); the receipt shows how much of the total it is.
        case included
        /// Tax is added on top of prices (US sales tax).
        case added
    }

    public enum PaymentMethod: String, CaseIterable, Sendable {
        case cash, card, loyalty, cashback, certificate, paymentLink = "payment-link", transfer, other
    }

    /// The payment-method attribute a fiscal receipt states for a payment.
    public enum PaymentAttribute: String, CaseIterable, Sendable {
        case fullPayment = "full-payment", prepayment, fullPrepayment = "full-prepayment", partialPayment = "partial-payment", advance, credit
    }

    public struct Payment: Sendable {
        public var method: PaymentMethod
        public var amount: Money
        public var time: LocalDateTime?
        public var reference: String?
        public var attribute: PaymentAttribute?
    }
}

/// Fiscal data produced by a fiscal register; qrdesk prints it but never produces it.
public struct FiscalData: Sendable {
    /// Labelled fields printed as they are (fiscal drive number, document number, fiscal sign…).
    public var fields: [(label: String, value: String)]
    /// The fiscal QR payload, built from the declared format.
    public var qrPayload: String
}

/// A date and time as written with its offset (`2026-11-21T15:30:00+01:00`); shown as local wall-clock time.
public struct LocalDateTime: Hashable, Sendable {
    public let year, month, day, hour, minute, second: Int
    /// `+01:00`, `Z`.
    public let offset: String

    public init?(_ text: String) {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        year = Int(match.1)!; month = Int(match.2)!; day = Int(match.3)!
        hour = Int(match.4)!; minute = Int(match.5)!; second = match.6.map { Int($0)! } ?? 0
        offset = String(match.7)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `2026-11-21 15:30`: unambiguous in every language.
    public var display: String { "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute))" }
    /// `20261121T1530`: the `t=` field of the Russian fiscal QR.
    public var compact: String { "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))" }
}
