/// Brazil's CPF (11 digits, people) and CNPJ (14 digits, companies), each ending in two modulo-11 check digits:
/// the forms a PIX key takes when it is a tax number.
public enum BrazilianTaxID {
    /// True when `digits` is a CPF with valid check digits (and not one digit repeated, which passes the
    /// arithmetic but is never issued).
    public static func isValidCPF(_ digits: String) -> Bool {
        let values = digits.compactMap { $0.isASCIIDigit ? $0.wholeNumberValue : nil }
        guard values.count == 11, digits.count == 11, Set(values).count > 1 else { return false }
        return checkDigit(values.prefix(9), weights: Array((2...10).reversed())) == values[9]
            && checkDigit(values.prefix(10), weights: Array((2...11).reversed())) == values[10]
    }

    public static func isValidCNPJ(_ digits: String) -> Bool {
        let values = digits.compactMap { $0.isASCIIDigit ? $0.wholeNumberValue : nil }
        guard values.count == 14, digits.count == 14, Set(values).count > 1 else { return false }
        let first = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
        return checkDigit(values.prefix(12), weights: first) == values[12]
            && checkDigit(values.prefix(13), weights: [6] + first) == values[13]
    }

    private static func checkDigit(_ values: ArraySlice<Int>, weights: [Int]) -> Int {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        return remainder < 2 ? 0 : 11 - remainder
    }
}
