/// A message in the string catalog's words: a key (`form.detail.link.plainHTTP`) and the values its placeholders
/// take (`{link}`). Refusals carry one so a page can say the whole problem in the reader's language; the API keeps
/// the engine's English detail.
public struct CatalogMessage: Hashable, Sendable {
    public var key: String
    public var arguments: [String: String]
    /// False when the engine's English detail says more than the catalog's English (a payment code's fields named
    /// with what is wrong with each): an English page then keeps the engine's words.
    public var replacesEnglish: Bool

    public init(key: String, arguments: [String: String] = [:], replacesEnglish: Bool = true) {
        self.key = key
        self.arguments = arguments
        self.replacesEnglish = replacesEnglish
    }

    /// The message in `language`, or nil when the catalog has no text for the key.
    public func text(in catalog: StringCatalog, language: String) -> String? {
        var text = catalog.text(key, language: language)
        guard text != key else { return nil }
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

extension LinkError {
    /// Every key `message` uses, for the catalog's list of known keys.
    public static let messageKeys = [
        "empty", "tooLong", "forbiddenCharacter", "nonASCII", "notAbsolute", "unsupportedScheme", "plainHTTP",
        "credentials", "missingHost", "hostNotAllowed", "malformed",
    ].map { "form.detail.link.\($0)" }

    /// The refusal in the catalog's words, for the pages.
    public var message: CatalogMessage {
        func message(_ name: String, _ arguments: [String: String] = [:]) -> CatalogMessage {
            CatalogMessage(key: "form.detail.link.\(name)", arguments: arguments)
        }
        switch self {
        case .empty: return message("empty")
        case let .tooLong(bytes):
            return message("tooLong", ["bytes": "\(bytes)", "maximum": "\(PaymentLink.maximumBytes)"])
        case let .forbiddenCharacter(link, offset, _):
            return message("forbiddenCharacter", ["link": Excerpt.of(link), "position": "\(offset + 1)"])
        case let .nonASCII(link, offset, character):
            return message(
                "nonASCII", ["link": Excerpt.of(link), "position": "\(offset + 1)", "character": character])
        case let .notAbsolute(link): return message("notAbsolute", ["link": Excerpt.of(link)])
        case let .unsupportedScheme(link, scheme):
            return message("unsupportedScheme", ["link": Excerpt.of(link), "scheme": scheme])
        case let .plainHTTP(link): return message("plainHTTP", ["link": Excerpt.of(link)])
        case let .credentials(link): return message("credentials", ["link": Excerpt.of(link)])
        case let .missingHost(link): return message("missingHost", ["link": Excerpt.of(link)])
        case let .hostNotAllowed(link, host, allowed):
            return message(
                "hostNotAllowed",
                ["link": Excerpt.of(link), "host": host, "allowed": allowed.joined(separator: ", ")])
        case let .malformed(link): return message("malformed", ["link": Excerpt.of(link)])
        }
    }
}
