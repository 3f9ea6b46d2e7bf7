/// One thing wrong with a payment payload: which field, a stable code scripts can match, and words for people
/// that say how to fix it. A warning is reported without failing (a name some payer apps reject).
public struct PayloadProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// The field as the payload names it (`tag 63`, `tag 26.01`, `IBAN`, `AM`) or, when building, the flag's name.
    public let field: String
    /// A stable, kebab-case code: `crc-mismatch`, `length-mismatch`, `missing-tag`, `too-long`, `check-digit` …
    public let code: String
    public let message: String
    public let severity: Severity

    public init(field: String, code: String, message: String, severity: Severity = .error) {
        self.field = field
        self.code = code
        self.message = message
        self.severity = severity
    }

    public static func warning(field: String, code: String, message: String) -> PayloadProblem {
        PayloadProblem(field: field, code: code, message: message, severity: .warning)
    }

    public var isError: Bool { severity == .error }

    public var description: String { "\(field): \(message)" + (severity == .warning ? " (warning)" : "") }
}

/// A payload that cannot be built or printed, with every problem found (not just the first).
public struct PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public let scheme: PaymentScheme?
    public let problems: [PayloadProblem]

    public init(scheme: PaymentScheme?, problems: [PayloadProblem]) {
        self.scheme = scheme
        self.problems = problems
    }

    public var description: String {
        let errors = problems.filter(\.isError)
        let named = scheme.map { "the \($0.title) payload" } ?? "the payload"
        return "\(named) is not valid: " + errors.map(\.description).joined(separator: "; ")
    }
}
