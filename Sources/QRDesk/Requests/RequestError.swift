import QRDeskCore

/// A request value that cannot be used: the key it belongs to, why in words that name no door, and the refusal
/// code. Each door words it (`--qr-color: …`, `column "qr-color": …`, `qrColor` in a problem's `field`).
public struct RequestError: Error, Hashable, Sendable {
    public let key: RequestKey
    public let reason: String
    public let code: String
    /// Advice that holds only where a command-line option can change the outcome (`--allow-http`).
    public let commandLineFix: String?

    public init(key: RequestKey, reason: String, code: String? = nil, commandLineFix: String? = nil) {
        self.key = key
        self.reason = reason
        self.code = code ?? key.refusal
        self.commandLineFix = commandLineFix
    }

    /// The reason as `door` says it: with the door's advice, and without advice it cannot act on.
    public func reason(for door: RequestDoor) -> String {
        guard door.hasCommandLine, let commandLineFix else { return reason }
        return "\(reason); \(commandLineFix)"
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
    }
}
