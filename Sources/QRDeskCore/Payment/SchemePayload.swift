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
    /// The amount the code asks for, as written in it (`80.00`, `EUR12.3` → `12.3`), and its ISO currency.
    public var amount: String?
    public var currency: String?

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

    /// The amount the code asks for, read exactly in its currency; nil when it asks for none (the payer types
    /// it) or its currency is not one qrdesk knows.
    public var amount: Money? {
        guard let text = report.amount, let code = report.currency, let currency = Currency(code: code) else {
            return nil
        }
        return try? Money.parse(text, currency: currency)
    }

    /// An account as the allow-list compares it: no spaces, lower case (`DE89 3704…` = `de893704…`).
    public static func comparableAccount(_ account: String) -> String {
        String(account.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).lowercased()
    }
}
