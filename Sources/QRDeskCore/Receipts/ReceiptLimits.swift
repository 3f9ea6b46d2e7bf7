/// The documented limits of a receipt document (docs/receipt-format.md and the JSON Schema state the same).
/// They are chosen so that a receipt at every limit at once is read, totalled and rendered exactly: the largest
/// total, 2,000 × 10,000 × 10,000,000 major units in a three-digit currency, is 2 × 10^17 minor units, below
/// Int64's 9.2 × 10^18, and tax on it is computed in 128 bits.
public enum ReceiptLimits {
    /// The document itself, checked before parsing.
    public static let documentBytes = 8 << 20
    /// Values in the document (objects, lists, strings…), counted before the parser builds its tree: a receipt
    /// at every limit has about 2,000 × 12 + 100 × 6; this leaves room and keeps a hostile document's tree small.
    public static let documentValues = 40_000
    public static let items = 2_000
    public static let payments = 100
    public static let quantity: Int64 = 10_000
    public static let unitPriceMajor: Int64 = 10_000_000
    /// Receipt number, visit id, SKU, tax id, tax system, fiscal labels.
    public static let identifierLength = 64
    public static let fiscalFields = 20
    public static let fiscalPayloadBytes = 512

    /// No single amount (discount, payment) may exceed the largest possible total.
    public static func maximumAmount(_ currency: Currency) -> Int64 {
        Int64(items) * quantity * unitPriceMajor * currency.minorPerMajor
    }

    public static func maximumAmountText(_ currency: Currency) -> String {
        Money(minorUnits: maximumAmount(currency), currency: currency).plainText
    }
}
