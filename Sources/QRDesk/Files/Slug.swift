import Foundation

/// A folder name from a business name: lower-case ASCII letters, digits and hyphens (`Salón Luna` → `salon-luna`).
/// Names with no Latin letters (`صالون`) get a stable name from a hash, so reruns land in the same folder.
public enum Slug {
    public static func make(_ name: String) -> String {
        let latin = name.applyingTransform(.toLatin, reverse: false) ?? name
        let folded = latin.folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
            locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 60 { slug = String(slug.prefix(60)); while slug.hasSuffix("-") { slug.removeLast() } }
        return slug.isEmpty ? "card-\(stableHash(name))" : slug
    }

    /// `StableHash` in hex.
    public static func stableHash(_ text: String) -> String {
        String(StableHash.fnv1a(text), radix: 16)
    }
}
