import Foundation

/// Masks a client's phone or e-mail for a printed receipt: enough to recognise, not enough to use.
/// `+1 555 123 42 17` → `+* *** *** 42 17`; `maria.k@example.com` → `m***@example.com`.
public enum ContactMask {
    /// Digits of a phone number left readable: the last four, never more.
    public static let visibleDigits = 4

    public static func mask(_ contact: String) -> String {
        let trimmed = contact.trimmingCharacters(in: .whitespaces)
        if let at = trimmed.firstIndex(of: "@") {
            guard let first = trimmed.first, at > trimmed.startIndex else { return "***" + trimmed[at...] }
            return "\(first)***" + trimmed[at...]
        }
        // A phone number: every digit but the last four becomes "*", spacing and "+" stay, so it still reads as a
        // number.
        var remaining = trimmed.filter(\.isNumber).count
        var masked = ""
        for character in trimmed {
            if character.isNumber {
                masked.append(remaining > visibleDigits ? "*" : character)
                remaining -= 1
            } else if character.isLetter {
                masked.append("*")
            } else {
                masked.append(character)
            }
        }
        return masked
    }
}
