/// ISO 7064 MOD 97-10, the check of an IBAN and of an ISO 11649 creditor reference: letters count as 10–35, the
/// number is reduced digit by digit (never held whole, so no length overflows).
enum Modulo97 {
    /// The remainder of the alphanumeric string read as a number; nil on a character that is not 0–9 or A–Z.
    static func remainder(_ text: String) -> Int? {
        var remainder = 0
        for scalar in text.unicodeScalars {
            let value: Int
            switch scalar.value {
            case 0x30...0x39: value = Int(scalar.value - 0x30)
            case 0x41...0x5A: value = Int(scalar.value - 0x41) + 10
            default: return nil
            }
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder
    }

    /// The two check digits that make `body + "00"` rearranged come out at 1: 98 − (remainder of it).
    static func checkDigits(_ rearrangedWithZeros: String) -> String? {
        guard let remainder = remainder(rearrangedWithZeros) else { return nil }
        let digits = 98 - remainder
        return digits < 10 ? "0\(digits)" : "\(digits)"
    }
}
