import QRDeskCore
import QRDeskNative

/// A request value that cannot be used: the key it belongs to, why in words that name no door, and the refusal
/// code. Each door words it (`--qr-color: …`, `column "qr-color": …`, `qrColor` in a problem's `field`).
public struct RequestError: Error, Sendable {
    public let key: RequestKey
    public let reason: String
    public let code: String
    /// Advice that holds only where a command-line option can change the outcome (`--allow-http`).
    public let commandLineFix: String?
    /// An engine error whose advice names keys: each door has it name them its own way.
    public let advising: (any KeyAdvising & Sendable)?
    /// The refusal in the string catalog's words, where it has them (a page shows it in the reader's language).
    public var message: CatalogMessage?

    public init(
        key: RequestKey, reason: String, code: String? = nil, commandLineFix: String? = nil,
        advising: (any KeyAdvising & Sendable)? = nil
    ) {
        self.key = key
        self.reason = reason
        self.code = code ?? key.refusal
        self.commandLineFix = commandLineFix
        self.advising = advising
    }

    /// The reason as `door` says it: keys named its way, with the door's advice, and without advice it cannot
    /// act on.
    public func reason(for door: RequestDoor) -> String {
        let said = advising.map { $0.description(naming: door.keyNaming) } ?? reason
        guard door.hasCommandLine, let commandLineFix else { return said }
        return "\(said); \(commandLineFix)"
    }

    /// The whole message at `door`, naming the key the door's way.
    public func description(for door: RequestDoor) -> String {
        "\(door.name(of: key)): \(reason(for: door))"
    }
}

extension RequestError {
    /// A link refusal, with the command-line advice only where the link policy is a command-line option.
    public init(link error: LinkError) {
        let code = if case .hostNotAllowed = error { "link-host" } else { "link-invalid" }
        self.init(key: CardKeys.link, reason: error.description, code: code, commandLineFix: error.commandLineFix)
        message = error.message
    }

    /// What the engine threw while rendering, as a refusal of the key it is about, with its code: the one
    /// mapping from an engine error to a field, for the API, the page and a list's column. nil when the error is
    /// about no key (a receipt part too long, a fault).
    public init?(rendering error: Error) {
        switch error {
        case let request as RequestError: self = request
        case let link as LinkError: self.init(link: link)
        case let size as QRSizeError:
            self.init(
                key: size.isPayload ? CardKeys.payload : CardKeys.link, reason: size.description,
                code: size.isPayload ? "payload-invalid" : "link-too-long", advising: size)
        case is QREncoder.EncodeError:
            self.init(key: CardKeys.link, reason: "\(error)", code: "link-too-long")
        case let page as PrintResolution.PageTooLarge:
            self.init(key: CardKeys.dpi, reason: page.description, code: "too-large", advising: page)
        case let template as TemplateError:
            self.init(key: CardKeys.template, reason: template.description, code: "template")
        case let layout as LayoutError:
            let found: (RequestKey, String)? =
                switch layout {
                case .textContrastTooLow: (CardKeys.accent, "accent-contrast")
                case .qrContrastTooLow, .qrDarkerGround: (CardKeys.qrColor, "qr-contrast")
                case .logoNotPNG, .logoTooLarge, .logoDamaged: (CardKeys.logo, "logo")
                case let .missingGlyph(element, _): (Self.key(ofElement: element), "missing-glyph")
                case .qrBoxTooSmall: (CardKeys.template, "template")
                case .trustLineTooLong: (CardKeys.name, "invalid")
                case .rollBlockTooLong: nil
                }
            guard let (key, code) = found else { return nil }
            self.init(key: key, reason: layout.description, code: code, advising: layout)
        default: return nil
        }
    }

    /// The key whose text a template element prints (`business-name` prints the name).
    static func key(ofElement element: String) -> RequestKey {
        switch element {
        case "business-name": CardKeys.name
        default: CardKeys.key(named: element).flatMap { $0.formField == nil ? nil : $0 } ?? CardKeys.name
        }
    }
}
