/// Recognises a payload's scheme from its first bytes and lints it by that scheme's rules. The input is never
/// changed: what is linted is what would be printed.
public enum PayloadLinter {
    /// The most bytes a payload may have: what one QR code holds at all (version 40, level L).
    public static let maximumBytes = PaymentLink.maximumBytes

    public static func scheme(of text: String) -> PaymentScheme? {
        if text.hasPrefix("000201") { return .emv }
        if text.hasPrefix("BCD\n") || text.hasPrefix("BCD\r\n") { return .epc }
        if text.hasPrefix("SPC\n") || text.hasPrefix("SPC\r\n") { return .swiss }
        if text.hasPrefix("SPD*") { return .spayd }
        if text.lowercased().hasPrefix("upi://") { return .upi }
        return nil
    }

    public static func lint(_ text: String) -> PayloadReport {
        guard text.utf8.count <= maximumBytes else {
            var report = PayloadReport(scheme: nil, text: String(text.prefix(64)))
            report.problem(
                "payload", "too-long", "is \(text.utf8.count) bytes; no QR code holds more than \(maximumBytes)")
            return report
        }
        switch scheme(of: text) {
        case .emv: return EMVLinter.lint(text)
        case .epc: return EPCPayload.lint(text)
        case .swiss: return SwissQRBillPayload.lint(text)
        case .spayd: return SPAYDPayload.lint(text)
        case .upi: return UPIPayload.lint(text)
        default:
            var report = PayloadReport(scheme: nil, text: text)
            let lower = text.lowercased()
            let hint =
                lower.hasPrefix("https://") || lower.hasPrefix("http://")
                ? "it is a link: print it with --link"
                : "expected an EMV code (000201…), an EPC code (BCD), a Swiss QR-bill (SPC), SPAYD (SPD*) "
                    + "or UPI (upi://pay?)"
            report.problem(
                "payload", "unknown-scheme",
                "\"\(Excerpt.of(text, limit: 24))\" is not a payment code qrdesk knows: \(hint)")
            return report
        }
    }
}

/// Builds a scheme's payload from named fields: unknown fields, missing fields and alternatives given twice are
/// refused by name; every value is checked by the scheme's rules; the result is linted before it is returned.
public enum PayloadBuilder {
    public static func build(_ scheme: PaymentScheme, _ values: SchemeFieldValues) throws(PayloadError) -> SchemePayload
    {
        var problems = BuildProblems()
        let fields = scheme.fields
        let known = Set(fields.map(\.name))
        for name in values.values.keys.sorted() where !known.contains(name) {
            let suggestion =
                Suggestion.closest(to: name, in: fields.map(\.name)).map { " (did you mean --\($0)?)" } ?? ""
            problems.add(
                name, "unknown-field",
                "\(scheme.rawValue) has no field --\(name)\(suggestion); it takes "
                    + fields.map { "--\($0.name)" }.joined(separator: ", "))
        }
        for field in fields where field.required && field.group == nil && values[field.name] == nil {
            problems.add(field.name, "missing", "is required: \(field.help)")
        }
        for field in fields where field.isSwitch {
            if let value = values.values[field.name], value != "true", !value.isEmpty {
                problems.add(field.name, "invalid-value", "is a switch and takes no value")
            }
        }
        let groups = Dictionary(grouping: fields.filter { $0.group != nil }, by: { $0.group ?? "" })
        for (_, members) in groups.sorted(by: { $0.key < $1.key }) {
            let given = members.filter { values[$0.name] != nil }
            let names = members.map { "--\($0.name)" }.joined(separator: ", ")
            if given.count > 1 {
                problems.add(given[1].name, "exclusive", "give one of \(names), not \(given.count)")
            } else if given.isEmpty && members.contains(where: \.required) {
                problems.add(members[0].name, "missing", "give one of \(names)")
            }
        }
        do throws(PayloadError) {
            let text = try text(scheme, values)
            try problems.check(scheme)
            return try SchemePayload(text: text)
        } catch {
            // Every problem at once: the scheme's own checks run even when a field is unknown or missing, and a
            // field already reported is not reported twice.
            let named = Set(problems.list.map(\.field))
            throw PayloadError(
                scheme: scheme, problems: problems.list + error.problems.filter { !named.contains($0.field) })
        }
    }

    private static func text(_ scheme: PaymentScheme, _ values: SchemeFieldValues) throws(PayloadError) -> String {
        switch scheme {
        case .pix: try PIXPayload.build(values)
        case .promptpay: try PromptPayPayload.build(values)
        case .paynow: try PayNowPayload.build(values)
        case .vietqr: try VietQRPayload.build(values)
        case .epc: try EPCPayload.build(values)
        case .swiss: try SwissQRBillPayload.build(values)
        case .spayd: try SPAYDPayload.build(values)
        case .upi: try UPIPayload.build(values)
        case .emv:
            throw PayloadError(
                scheme: .emv,
                problems: [
                    PayloadProblem(
                        field: "scheme", code: "not-buildable",
                        message: "qrdesk lints EMV codes of other profiles but does not build them")
                ])
        }
    }
}
