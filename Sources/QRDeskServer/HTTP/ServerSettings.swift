import QRDeskCore

/// What `qrdesk serve` listens on and allows. Loopback by default; any other address needs a token.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Bearer token every request but `/healthz` must carry; required when `host` is not loopback.
    public var token: String?
    /// Hosts a printed link may point to (empty: any https host). A public generator of payment QRs is a
    /// phishing tool, so a deployment should name its payment host.
    public var allowedHosts: [String]
    /// Accounts a printed payment code may pay (empty: any); see `LinkPolicy.allowedPayees`.
    public var allowedPayees: [String]
    /// The largest request body read, in bytes (a logo is at most 8 MiB, sent base64-encoded).
    public var maximumBodyBytes: Int
    /// Renders at once (CPU work, off the event loop), and how many more may wait before `503 Retry-After`.
    public var renderSlots: Int
    public var queueLimit: Int
    /// The most rows a kit made over HTTP may have (`qrdesk batch` has no such limit).
    public var maximumKitRows: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, allowedHosts: [String] = [],
        allowedPayees: [String] = [],
        maximumBodyBytes: Int = 12 << 20, renderSlots: Int = 2, queueLimit: Int = 16, maximumKitRows: Int = 1_000
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.allowedHosts = allowedHosts
        self.allowedPayees = allowedPayees
        self.maximumBodyBytes = maximumBodyBytes
        self.renderSlots = renderSlots
        self.queueLimit = queueLimit
        self.maximumKitRows = maximumKitRows
    }

    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }

    /// Why these settings may not run, or nil.
    public var problem: String? {
        if !isLoopback && (token ?? "").isEmpty {
            return
                "serving on \(host) needs a token (--token-file or QRDESK_TOKEN): loopback is the only address served "
                + "without one"
        }
        if let token, !token.isEmpty, token.utf8.count < 16 {
            return "the token is \(token.utf8.count) bytes; use at least 16 random bytes"
        }
        guard (0...65_535).contains(port) else { return "--port must be 0…65535" }
        return nil
    }
}
