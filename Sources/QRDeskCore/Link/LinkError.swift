/// Why a link was refused. Each message quotes the link and says how to fix it in words that name no front door;
/// `commandLineFix` is the advice only a command line can act on.
public enum LinkError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(bytes: Int)
    case forbiddenCharacter(link: String, offset: Int, scalar: String)
    case nonASCII(link: String, offset: Int, character: String)
    case notAbsolute(link: String)
    case unsupportedScheme(link: String, scheme: String)
    case plainHTTP(link: String)
    case credentials(link: String)
    case missingHost(link: String)
    case hostNotAllowed(link: String, host: String, allowed: [String])
    case malformed(link: String)

    public var description: String {
        switch self {
        case .empty:
            return "the link is empty; give the payment page's full address, such as https://pay.example.com/p/Xk9fA2"
        case let .tooLong(bytes):
            return
                "the link is \(bytes) bytes long; a payment link may be at most \(PaymentLink.maximumBytes) bytes "
                + "(the most any QR code holds); shorten it"
        case let .forbiddenCharacter(link, offset, scalar):
            return
                "link \"\(Excerpt.of(link))\" has \(scalar) at character \(offset + 1); links may not contain spaces "
                + "or control characters (percent-encode them, e.g. %20)"
        case let .nonASCII(link, offset, character):
            return
                "link \"\(Excerpt.of(link))\" has the non-ASCII character \"\(character)\" at character "
                + "\(offset + 1); phone scanners disagree on such links, so percent-encode it (and write the host "
                + "in punycode)"
        case let .notAbsolute(link):
            return "link \"\(Excerpt.of(link))\" is not an absolute URL; write it in full with https://"
        case let .unsupportedScheme(link, scheme):
            return
                "link \"\(Excerpt.of(link))\" uses the scheme \"\(scheme)\"; a payment QR must open a web page over "
                + "https"
        case let .plainHTTP(link):
            return "link \"\(Excerpt.of(link))\" is not https; a payment page must be served over https"
        case let .credentials(link):
            return
                "link \"\(Excerpt.of(link))\" carries a user name or password before the host; remove the "
                + "\"user:password@\" part"
        case let .missingHost(link):
            return "link \"\(Excerpt.of(link))\" has no host; write it as https://HOST/path"
        case let .hostNotAllowed(link, host, allowed):
            return
                "link \"\(Excerpt.of(link))\" points to \"\(host)\", which is not an allowed host "
                + "(\(allowed.joined(separator: ", "))); a printed QR to another host is how QR phishing works"
        case let .malformed(link):
            return
                "link \"\(Excerpt.of(link))\" is not a valid URL; check for unencoded characters such as non-ASCII "
                + "letters or brackets"
        }
    }

    /// The option that accepts the link anyway, for doors that have options (the CLI and its lists).
    public var commandLineFix: String? {
        if case .plainHTTP = self { return "pass --allow-http to print it anyway" }
        return nil
    }
}
