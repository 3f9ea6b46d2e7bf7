import Foundation

/// A validated payment link: absolute https (or explicitly allowed http), a host, no credentials,
/// no spaces or control characters, and on the allow-list when one is given.
public struct PaymentLink: Hashable, Sendable, CustomStringConvertible {
    /// The link exactly as given: this is what the QR encodes, byte for byte.
    public let text: String
    /// Lower-cased host.
    public let host: String

    /// The most bytes any QR code holds (version 40, level L); a longer link cannot be printed at all.
    public static let maximumBytes = 2_953

    public init(_ text: String, policy: LinkPolicy = .strict) throws(LinkError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumBytes else { throw .tooLong(bytes: text.utf8.count) }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || scalar.properties.isWhitespace {
                let name =
                    value == 0x20 ? "a space" : "the control character U+\(String(value, radix: 16, uppercase: true))"
                throw .forbiddenCharacter(link: text, offset: offset, scalar: name)
            }
            if !scalar.isASCII { throw .nonASCII(link: text, offset: offset, character: String(scalar)) }
        }
        guard let schemeEnd = text.range(of: "://") else { throw .notAbsolute(link: text) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme.first?.isLetter == true, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else {
            throw .notAbsolute(link: text)
        }
        switch scheme {
        case "https": break
        case "http": if !policy.allowsHTTP { throw .plainHTTP(link: text) }
        default: throw .unsupportedScheme(link: text, scheme: scheme)
        }
        // The authority is everything up to the first "/", "?" or "#": credentials are checked there, not in the path.
        let afterScheme = text[schemeEnd.upperBound...]
        let authority = afterScheme.prefix { !"/?#".contains($0) }
        if authority.contains("@") { throw .credentials(link: text) }
        guard let components = URLComponents(string: text) else { throw .malformed(link: text) }
        guard let host = components.host, !host.isEmpty else { throw .missingHost(link: text) }
        let lowered = host.lowercased()
        if !policy.allowedHosts.isEmpty, !policy.allowedHosts.contains(lowered) {
            throw .hostNotAllowed(link: text, host: lowered, allowed: policy.allowedHosts)
        }
        self.text = text
        self.host = lowered
    }

    /// Host, path and query without the scheme: the plain-text fallback printed under the QR.
    public var displayText: String {
        guard let range = text.range(of: "://") else { return text }
        var rest = String(text[range.upperBound...])
        if rest.hasSuffix("/") { rest.removeLast() }
        return rest
    }

    public var description: String { text }
}
