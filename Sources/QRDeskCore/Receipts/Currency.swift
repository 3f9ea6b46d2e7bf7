/// An ISO 4217 currency and its number of minor digits (JPY 0, EUR 2, KWD 3).
public struct Currency: Hashable, Sendable {
    public let code: String
    public let minorDigits: Int
    public let symbol: String

    /// Currencies whose minor unit is not two digits, and the symbols printed for common ones.
    /// Any other well-formed ISO code is accepted with two digits and its code as the symbol.
    static let minorDigitExceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    ]
    static let symbols: [String: String] = [
        "EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "RUB": "₽", "ILS": "₪", "INR": "₹", "KRW": "₩",
        "BRL": "R$", "CHF": "CHF", "PLN": "zł", "TRY": "₺", "UAH": "₴", "KZT": "₸", "SAR": "SAR", "AED": "AED",
        "KWD": "KWD",
    ]
    /// Codes known to exist, so a typo (`EUE`) is caught rather than printed.
    static let known: Set<String> = [
        "AED", "ARS", "AUD", "BGN", "BHD", "BIF", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DJF", "DKK", "EGP",
        "EUR",
        "GBP", "GEL", "GNF", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "ISK", "JOD", "JPY", "KES", "KMF", "KRW", "KWD",
        "KZT",
        "LYD", "MAD", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB",
        "RWF", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "TWD", "UAH", "UGX", "USD", "UYI", "UZS", "VND", "VUV", "XAF",
        "XOF",
        "XPF", "ZAR", "AMD", "AZN", "BYN", "KGS", "MDL", "TJS",
    ]

    /// Every code qrdesk knows, in order: what a form offers.
    public static var knownCodes: [String] { known.sorted() }

    public init?(code: String) {
        guard Self.known.contains(code) else { return nil }
        self.code = code
        self.minorDigits = Self.minorDigitExceptions[code] ?? 2
        self.symbol = Self.symbols[code] ?? code
    }

    /// 10^minorDigits: minor units in one major unit.
    public var minorPerMajor: Int64 {
        var value: Int64 = 1
        for _ in 0..<minorDigits { value *= 10 }
        return value
    }
}
