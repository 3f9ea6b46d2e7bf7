/// The Swiss QR reference (`QRR`): 27 digits, the last a check digit by the recursive modulo-10 algorithm of the
/// Swiss payment standards (the former ISR reference).
public struct QRReference: Hashable, Sendable {
    public let text: String

    static let carryTable = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5]

    public init(_ written: String) throws(ReferenceError) {
        let text = String(written.unicodeScalars.filter { $0 != " " }.map(Character.init))
        guard text.count == 27, text.allSatisfy(\.isASCIIDigit) else {
            throw .malformed(written, expected: "27 digits")
        }
        guard Self.checkDigit(of: String(text.prefix(26))) == text.last?.wholeNumberValue else {
            throw .checkDigit(written, kind: "QR reference (modulo 10, recursive)")
        }
        self.text = text
    }

    /// The check digit of a run of digits; nil on anything but 0–9.
    public static func checkDigit(of digits: String) -> Int? {
        var carry = 0
        for character in digits {
            guard let digit = character.wholeNumberValue, character.isASCIIDigit else { return nil }
            carry = carryTable[(carry + digit) % 10]
        }
        return (10 - carry) % 10
    }
}
