/// An ISO 11649 structured creditor reference: `RF`, two check digits (MOD 97-10) and 1–21 letters or digits.
public struct CreditorReference: Hashable, Sendable {
    public let text: String

    public init(_ written: String) throws(ReferenceError) {
        let text = String(written.unicodeScalars.filter { $0 != " " }.map(Character.init)).uppercased()
        guard text.hasPrefix("RF"), (5...25).contains(text.count),
            text.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit),
            text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw .malformed(written, expected: "RF, two check digits and up to 21 letters or digits")
        }
        guard Modulo97.remainder(String(text.dropFirst(4)) + String(text.prefix(4))) == 1 else {
            throw .checkDigit(written, kind: "ISO 11649 (RF)")
        }
        self.text = text
    }

    /// The RF reference for a creditor's own reference: `RF` and the check digits that make it valid.
    public static func make(_ reference: String) -> CreditorReference? {
        guard let digits = Modulo97.checkDigits(reference.uppercased() + "RF00") else { return nil }
        return try? CreditorReference("RF" + digits + reference)
    }
}

/// A payment reference whose shape or check digit is wrong.
public enum ReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String, expected: String)
    case checkDigit(String, kind: String)

    public var code: String {
        switch self {
        case .malformed: "reference-malformed"
        case .checkDigit: "check-digit"
        }
    }

    public var description: String {
        switch self {
        case let .malformed(text, expected):
            "\"\(Excerpt.of(text, limit: 40))\" is not a reference: expected \(expected)"
        case let .checkDigit(text, kind):
            "\"\(Excerpt.of(text, limit: 40))\" fails the \(kind) check digit: a character is mistyped"
        }
    }
}
