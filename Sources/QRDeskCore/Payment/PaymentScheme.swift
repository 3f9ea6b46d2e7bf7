/// The static payment codes qrdesk builds, lints and prints beside links. `emv` is any other EMV
/// merchant-presented code: linted for its structure and CRC, never rebuilt.
public enum PaymentScheme: String, CaseIterable, Hashable, Sendable {
    case pix, promptpay, paynow, vietqr, epc, swiss, spayd, upi, emv

    /// The schemes `qrdesk payload build` makes.
    public static let buildable: [PaymentScheme] = [.pix, .promptpay, .paynow, .vietqr, .epc, .swiss, .spayd, .upi]

    public var title: String {
        switch self {
        case .pix: "PIX"
        case .promptpay: "PromptPay"
        case .paynow: "PayNow"
        case .vietqr: "VietQR"
        case .epc: "EPC (GiroCode)"
        case .swiss: "Swiss QR-bill"
        case .spayd: "SPAYD (QR platba)"
        case .upi: "UPI"
        case .emv: "EMV merchant-presented"
        }
    }

    /// The error correction level the scheme's standard prescribes; nil lets qrdesk choose for the print size.
    public var mandatedLevel: ErrorCorrectionLevel? {
        switch self {
        case .epc, .swiss: .medium
        default: nil
        }
    }

    /// The fields `payload build` takes, in the order its help lists them.
    public var fields: [SchemeField] {
        switch self {
        case .pix:
            [
                .init(
                    "key", "KEY", "PIX key: CPF/CNPJ digits, +55 phone, e-mail or random key (UUID).", required: true),
                .init("name", "TEXT", "Receiver's name (at most 25 characters).", required: true),
                .init("city", "TEXT", "Receiver's city (at most 15 characters).", required: true),
                .init("amount", "AMOUNT", "Amount in BRL, e.g. 30.00; omit to let the payer type it."),
                .init("txid", "ID", "Transaction id: up to 25 letters and digits (default ***)."),
                .init("description", "TEXT", "A description the payer's app shows."),
            ]
        case .promptpay:
            [
                .init(
                    "phone", "PHONE", "Thai mobile number, e.g. 0801234567 or +66 80 123 4567.", required: true,
                    group: "id"),
                .init("national-id", "DIGITS", "National or tax id (13 digits).", required: true, group: "id"),
                .init("ewallet", "DIGITS", "E-wallet id (15 digits).", required: true, group: "id"),
                .init("amount", "AMOUNT", "Amount in THB, e.g. 4.22; omit to let the payer type it."),
            ]
        case .paynow:
            [
                .init("mobile", "PHONE", "Singapore mobile number, e.g. +6591234567.", required: true, group: "proxy"),
                .init(
                    "uen", "UEN", "Unique Entity Number of the business, e.g. 201403121W.", required: true,
                    group: "proxy"),
                .init("name", "TEXT", "Merchant name (at most 25 characters).", required: true),
                .init("amount", "AMOUNT", "Amount in SGD, e.g. 12.50."),
                .init("reference", "TEXT", "Bill reference (at most 25 characters)."),
                .init("editable", nil, "The payer may change the amount."),
                .init("expiry", "YYYY-MM-DD", "Last day the code may be paid."),
            ]
        case .vietqr:
            [
                .init("bank-bin", "DIGITS", "The bank's 6-digit NAPAS BIN, e.g. 970415.", required: true),
                .init(
                    "account", "ACCOUNT", "Account number at that bank (up to 19 letters or digits).", required: true),
                .init("amount", "AMOUNT", "Amount in VND (whole dong)."),
                .init("purpose", "TEXT", "Purpose of the transfer."),
            ]
        case .epc:
            [
                .init("name", "TEXT", "Beneficiary's name (at most 70 characters).", required: true),
                .init("iban", "IBAN", "Beneficiary's IBAN.", required: true),
                .init("bic", "BIC", "Beneficiary's BIC (needed with --epc-version 001)."),
                .init("amount", "AMOUNT", "Amount in EUR, 0.01 to 999999999.99."),
                .init("reference", "RF…", "Structured creditor reference (ISO 11649).", group: "remittance"),
                .init("text", "TEXT", "Unstructured remittance text (at most 140 characters).", group: "remittance"),
                .init("purpose", "CODE", "Purpose code: four letters, e.g. GDDS."),
                .init("info", "TEXT", "Note to the payer (at most 70 characters)."),
                .init("epc-version", "001|002", "EPC069-12 version (default 002)."),
            ]
        case .swiss:
            Self.swissFields
        case .spayd:
            [
                .init("iban", "IBAN", "Receiving account's IBAN.", required: true),
                .init("bic", "BIC", "Receiving bank's BIC."),
                .init("amount", "AMOUNT", "Amount, e.g. 480.50."),
                .init("currency", "CODE", "Currency (default CZK)."),
                .init("message", "TEXT", "Message for the receiver (at most 60 characters)."),
                .init("vs", "DIGITS", "Variable symbol (up to 10 digits)."),
            ]
        case .upi:
            [
                .init("vpa", "VPA", "Payee's UPI address, handle@psp.", required: true),
                .init("name", "TEXT", "Payee's name.", required: true),
                .init("amount", "AMOUNT", "Amount in INR, e.g. 499.00."),
                .init("note", "TEXT", "Transaction note."),
                .init("mcc", "CODE", "Merchant category code (4 digits)."),
                .init("ref", "ID", "Transaction reference."),
            ]
        case .emv:
            []
        }
    }

    private static let swissFields: [SchemeField] =
        [
            SchemeField("iban", "IBAN", "Creditor's IBAN or QR-IBAN (CH or LI).", required: true),
            SchemeField("creditor-name", "TEXT", "Creditor's name (at most 70 characters).", required: true),
            SchemeField("creditor-street", "TEXT", "Creditor's street."),
            SchemeField("creditor-building", "TEXT", "Creditor's building number."),
            SchemeField("creditor-postcode", "TEXT", "Creditor's postcode.", required: true),
            SchemeField("creditor-town", "TEXT", "Creditor's town.", required: true),
            SchemeField("creditor-country", "CC", "Creditor's country (two letters).", required: true),
            SchemeField("amount", "AMOUNT", "Amount, 0.01 to 999999999.99; omit to let the payer type it."),
            SchemeField("currency", "CHF|EUR", "Currency.", required: true),
            SchemeField("reference", "REF", "QR reference (27 digits, with a QR-IBAN) or RF creditor reference."),
            SchemeField("message", "TEXT", "Unstructured message (at most 140 characters)."),
        ]
        + ["name", "street", "building", "postcode", "town", "country"].map {
            SchemeField("debtor-\($0)", $0 == "country" ? "CC" : "TEXT", "Debtor's \($0) (optional).")
        }
}

/// One field of a scheme's `payload build`: its flag (kebab-case), value name and help. Fields sharing a `group`
/// are alternatives, at most one of them given (a PromptPay phone *or* national id); for those, `required` means
/// one of the group must be.
public struct SchemeField: Hashable, Sendable {
    public let name: String
    /// nil for a switch (`--editable`), which takes no value.
    public let valueName: String?
    public let help: String
    public let required: Bool
    public let group: String?

    public init(_ name: String, _ valueName: String?, _ help: String, required: Bool = false, group: String? = nil) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.required = required
        self.group = group
    }

    public var isSwitch: Bool { valueName == nil }
}
