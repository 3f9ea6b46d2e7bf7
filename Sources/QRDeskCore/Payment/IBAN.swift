/// An International Bank Account Number (ISO 13616): country, two check digits (MOD 97-10), and the country's
/// account number of its registered length. Spaces a person typed are removed; letters are read upper case.
public struct IBAN: Hashable, Sendable, CustomStringConvertible {
    /// The electronic form: no spaces, upper case.
    public let text: String

    public var countryCode: String { String(text.prefix(2)) }
    public var description: String { text }

    /// Registered lengths of the countries whose codes qrdesk builds (SEPA, and the Swiss bill's CH/LI); any other
    /// country is held to the standard's 15–34 characters.
    static let lengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
        "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
        "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
        "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    ]

    public init(_ written: String) throws(IBANError) {
        let text = String(written.unicodeScalars.filter { $0 != " " }.map(Character.init)).uppercased()
        guard text.count >= 5, text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw .malformed(written)
        }
        let country = String(text.prefix(2))
        guard country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }),
            text.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit)
        else { throw .malformed(written) }
        let expected = Self.lengths[country]
        guard expected.map({ $0 == text.count }) ?? (15...34).contains(text.count) else {
            throw .wrongLength(written, country: country, length: text.count, expected: expected ?? 34)
        }
        let rearranged = String(text.dropFirst(4)) + String(text.prefix(4))
        guard Modulo97.remainder(rearranged) == 1 else { throw .checkDigits(written) }
        self.text = text
    }
}

public enum IBANError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case wrongLength(String, country: String, length: Int, expected: Int)
    case checkDigits(String)

    public var code: String {
        switch self {
        case .malformed: "iban-malformed"
        case .wrongLength: "iban-length"
        case .checkDigits: "check-digit"
        }
    }

    public var description: String {
        switch self {
        case let .malformed(text):
            "\"\(Excerpt.of(text, limit: 40))\" is not an IBAN (two letters, two digits, then the account number)"
        case let .wrongLength(text, country, length, expected):
            "\"\(Excerpt.of(text, limit: 40))\" has \(length) characters; a \(country) IBAN has \(expected)"
        case let .checkDigits(text):
            "\"\(Excerpt.of(text, limit: 40))\" fails the IBAN check (MOD 97): a character is mistyped"
        }
    }
}
