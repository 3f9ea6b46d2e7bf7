import Foundation

/// Masks a client's phone or e-mail for a printed receipt: enough to recognise, not enough to use.
/// `+1 555 123 42 17` → `+1 *** *** 42 17`; `maria.k@example.com` → `m***@example.com`.
public enum ContactMask {
    public static func mask(_ contact: String) -> String {
        let trimmed = contact.trimmingCharacters(in: .whitespaces)
        if let at = trimmed.firstIndex(of: "@") {
            guard let first = trimmed.first, at > trimmed.startIndex else { return "***" + trimmed[at...] }
            return "\(first)***" + trimmed[at...]
        }
        let groups = trimmed.split(separator: " ")
        if groups.count >= 4 {
            return ([String(groups[0])] + Array(repeating: "***", count: groups.count - 3) + groups.suffix(2).map(String.init)).joined(separator: " ")
        }
        // Unspaced numbers: keep the first two and the last four characters.
        let characters = Array(trimmed.filter { $0 != " " })
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(2)) + String(repeating: "*", count: characters.count - 6) + String(characters.suffix(4))
    }
}
