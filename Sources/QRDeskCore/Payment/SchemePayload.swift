/// What `payload lint` found in a payload: its scheme, its fields in payload order, who it pays, and every
/// problem. A report without errors is a `SchemePayload`, the only form a scheme code is printed from.
public struct PayloadReport: Hashable, Sendable {
    public var scheme: PaymentScheme?
    public var text: String
    public var fields: [PayloadFieldValue]
    public var problems: [PayloadProblem]
    /// The name the client should check before paying (the merchant's or beneficiary's).
    public var payeeName: String?
    /// The account the money goes to: a PIX key, an IBAN, a VPA, a PromptPay or PayNow proxy.
    public var payeeAccount: String?

    public init(scheme: PaymentScheme?, text: String) {
        self.scheme = scheme
        self.text = text
        self.fields = []
        self.problems = []
    }

    public var isClean: Bool { !problems.contains(where: \.isError) }

    mutating func field(_ name: String, _ value: String) { fields.append(PayloadFieldValue(name: name, value: value)) }

    mutating func problem(_ field: String, _ code: String, _ message: String) {
        problems.append(PayloadProblem(field: field, code: code, message: message))
    }

    mutating func warning(_ field: String, _ code: String, _ message: String) {
        problems.append(.warning(field: field, code: code, message: message))
    }
}

/// One named value of a payload, as `--json` lists it (`tag 59` → `Fulano de Tal`, `IBAN` → `DE89…`).
public struct PayloadFieldValue: Hashable, Sendable {
    public let name: String
    public let value: String
}

/// A lint-clean scheme payload: the string the QR encodes byte for byte, and what the card shows about it.
public struct SchemePayload: Hashable, Sendable {
    public let report: PayloadReport
    public let scheme: PaymentScheme

    /// - Throws: `PayloadError` with every error when the payload is not clean (warnings are kept).
    public init(_ report: PayloadReport) throws(PayloadError) {
        guard let scheme = report.scheme, report.isClean else {
            throw PayloadError(scheme: report.scheme, problems: report.problems)
        }
        self.report = report
        self.scheme = scheme
    }

    /// Lints `text` and keeps it when clean.
    public init(text: String) throws(PayloadError) { try self.init(PayloadLinter.lint(text)) }

    public var text: String { report.text }
    public var payeeName: String? { report.payeeName }
    public var payeeAccount: String? { report.payeeAccount }
    public var warnings: [PayloadProblem] { report.problems.filter { !$0.isError } }
}
