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
    /// A static payment code for the balance instead of a link (a PIX or EPC code asking for exactly the balance).
    public var paymentPayload: SchemePayload?
    public var fiscal: FiscalData?
    public var footer: String?
    public var totals: ReceiptTotals

    /// What the balance QR pays through, if anything.
    public var balanceCode: PaymentCode? { paymentLink.map(PaymentCode.link) ?? paymentPayload.map(PaymentCode.scheme) }

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
        case fullPayment = "full-payment", prepayment, fullPrepayment = "full-prepayment", partialPayment =
            "partial-payment", advance, credit
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
