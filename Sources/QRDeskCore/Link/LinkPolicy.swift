/// What a printed payment link may be. A static QR at a desk is a phishing target, so the default is strict.
public struct LinkPolicy: Hashable, Sendable {
    /// Allow plain `http` (never the default: payment pages must be https).
    public var allowsHTTP: Bool
    /// When not empty, the only hosts a link may point to (case-insensitive, exact match).
    public var allowedHosts: [String]

    public init(allowsHTTP: Bool = false, allowedHosts: [String] = []) {
        self.allowsHTTP = allowsHTTP
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
    }

    public static let strict = LinkPolicy()
}
