/// What a printed payment link may be. A static QR at a desk is a phishing target, so the default is strict.
public struct LinkPolicy: Hashable, Sendable {
    /// Allow plain `http` (never the default: payment pages must be https).
    public var allowsHTTP: Bool
    /// When not empty, the only hosts a link may point to (case-insensitive, exact match).
    public var allowedHosts: [String]
    /// When not empty, the only accounts a scheme payload may pay (PIX keys, IBANs, VPAs, PromptPay and PayNow
    /// proxies), compared without spaces and case.
    public var allowedPayees: [String]

    public init(allowsHTTP: Bool = false, allowedHosts: [String] = [], allowedPayees: [String] = []) {
        self.allowsHTTP = allowsHTTP
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
        self.allowedPayees = allowedPayees.map(SchemePayload.comparableAccount)
    }

    /// Why `payload` may not be printed under this policy, or nil: it pays an account not on the list.
    public func payeeProblem(_ payload: SchemePayload) -> String? {
        guard !allowedPayees.isEmpty else { return nil }
        guard let account = payload.payeeAccount else {
            return "the \(payload.scheme.title) code names no account, so it cannot be shown to pay an allowed payee"
        }
        guard allowedPayees.contains(SchemePayload.comparableAccount(account)) else {
            return "pays \(Excerpt.of(account, limit: 40)), which is not an allowed payee "
                + "(\(allowedPayees.joined(separator: ", "))): a code that sends money elsewhere"
        }
        return nil
    }

    public static let strict = LinkPolicy()
}
