/// Lints an EMV merchant-presented code: the layout (IDs, lengths, tag 00 first and 63 last, no tag twice), the
/// CRC, the common fields' shapes, then the rules of the profile its merchant account template names. Any order
/// of the other tags is accepted.
enum EMVLinter {
    static func lint(_ text: String) -> PayloadReport {
        var report = PayloadReport(scheme: .emv, text: text)
        let scalars = Array(text.unicodeScalars)
        let objects = EMVCode.objects(in: scalars[...], path: "tag ", report: &report)
        guard !objects.isEmpty else { return report }
        var context = EMVContext()
        for object in objects {
            if context.top[object.id] != nil {
                report.problem("tag \(object.id)", "duplicate-tag", "appears twice; a data object may appear once")
                continue
            }
            context.top[object.id] = object
            if EMVDataObject.isTemplate(object.id) {
                let children = EMVCode.children(of: object, path: "tag ", report: &report)
                context.children[object.id] = children
                for child in children { report.field("tag \(object.id).\(child.id)", child.value) }
            } else {
                report.field("tag \(object.id)", object.value)
            }
        }
        checkFrame(objects, scalars: scalars, context: context, report: &report)
        let scheme = EMVProfile.scheme(of: context)
        report.scheme = scheme
        for id in EMVProfile.mandatoryTags(scheme) where context.top[id] == nil {
            report.problem("tag \(id)", "missing-tag", "is missing; \(scheme.title) codes carry tag \(id)")
        }
        checkCommonFields(context, scheme: scheme, report: &report)
        switch scheme {
        case .pix: PIXPayload.lint(context, report: &report)
        case .promptpay: PromptPayPayload.lint(context, report: &report)
        case .paynow: PayNowPayload.lint(context, report: &report)
        case .vietqr: VietQRPayload.lint(context, report: &report)
        default:
            if !context.top.keys.contains(where: { Int($0).map { (2...51).contains($0) } ?? false }) {
                report.problem(
                    "tags 02–51", "missing-tag", "no merchant account information: the code says nobody to pay")
            }
        }
        report.payeeName = context.top["59"]?.value
        report.amount = context.top["54"]?.value
        report.currency = context.top["53"].flatMap { EMVProfile.currencies[$0.value] }
        return report
    }

    /// Tag 00 first and `01`, tag 63 last with the CRC of the bytes before it.
    private static func checkFrame(
        _ objects: [EMVDataObject], scalars: [Unicode.Scalar], context: EMVContext, report: inout PayloadReport
    ) {
        if objects.first?.id != "00" {
            report.problem("tag 00", "order", "the payload format indicator must be the first data object")
        }
        if let format = context.top["00"], format.value != "01" {
            report.problem(
                "tag 00", "invalid-value", "the payload format indicator is \"\(format.value)\"; it must be 01")
        }
        if let method = context.top["01"], method.value != "11", method.value != "12" {
            report.problem(
                "tag 01", "invalid-value",
                "the point of initiation is \"\(Excerpt.of(method.value, limit: 10))\"; "
                    + "use 11 (reusable) or 12 (single use)"
            )
        }
        guard let crc = context.top["63"] else {
            report.problem("tag 63", "missing-tag", "is missing; every EMV code ends with 6304 and its CRC")
            return
        }
        guard objects.last?.id == "63" else {
            report.problem("tag 63", "order", "the CRC must be the last data object")
            return
        }
        let covered = String(String.UnicodeScalarView(scalars[0..<(crc.offset + 4)]))
        let expected = CRC16.hex(CRC16.ccittFalse(covered.utf8))
        if crc.value.unicodeScalars.count != 4 {
            report.problem(
                "tag 63", "length-mismatch", "the CRC has \(crc.value.count) characters; it has 4 (\(expected))")
        } else if crc.value != expected {
            let message =
                crc.value.uppercased() == expected
                ? "the CRC \(crc.value) is written in lower case; write it as \(expected)"
                : "CRC is \(crc.value), the payload's bytes give \(expected)"
            report.problem("tag 63", crc.value.uppercased() == expected ? "crc-case" : "crc-mismatch", message)
        }
    }

    private static func checkCommonFields(_ context: EMVContext, scheme: PaymentScheme, report: inout PayloadReport) {
        let shapes: [(id: String, pattern: (String) -> Bool, expectation: String)] = [
            ("52", { $0.count == 4 && $0.allSatisfy(\.isASCIIDigit) }, "a 4-digit merchant category code"),
            ("53", { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }, "a 3-digit ISO 4217 currency number"),
            (
                "58", { $0.count == 2 && $0.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) } },
                "two capital letters"
            ),
        ]
        for shape in shapes {
            guard let value = context.top[shape.id]?.value, !shape.pattern(value) else { continue }
            report.problem(
                "tag \(shape.id)", "invalid-value", "\"\(Excerpt.of(value, limit: 12))\" is not \(shape.expectation)")
        }
        for (id, limit, what) in [("59", 25, "merchant name"), ("60", 15, "merchant city")] {
            guard let value = context.top[id]?.value else { continue }
            if value.unicodeScalars.count > limit {
                report.problem(
                    "tag \(id)", "too-long",
                    "the \(what) has \(value.unicodeScalars.count) characters; at most \(limit) are allowed")
            } else if value.isEmpty {
                report.problem("tag \(id)", "empty", "the \(what) is empty")
            }
        }
        if let amount = context.top["54"]?.value {
            let currency = context.top["53"].flatMap { EMVProfile.currencies[$0.value] }
            if let problem = EMVProfile.amountProblem(amount, currency: currency) {
                report.problem("tag 54", "invalid-amount", problem)
            }
        }
        if let expected = EMVProfile.currencyNumber(scheme), let value = context.top["53"]?.value, value != expected {
            report.problem(
                "tag 53", "invalid-value", "\(scheme.title) codes are in currency \(expected), not \(value)")
        }
        if let expected = EMVProfile.country(scheme), let value = context.top["58"]?.value, value != expected {
            report.problem("tag 58", "invalid-value", "\(scheme.title) codes carry country \(expected), not \(value)")
        }
    }
}

/// The data objects of one EMV code, by ID, and the children of its templates.
struct EMVContext {
    var top: [String: EMVDataObject] = [:]
    var children: [String: [EMVDataObject]] = [:]

    func child(_ template: String, _ id: String) -> String? {
        children[template]?.first { $0.id == id }?.value
    }
}

/// What tells the profiles apart, and what each requires of the common tags.
enum EMVProfile {
    static let currencies: [String: String] = ["986": "BRL", "764": "THB", "702": "SGD", "704": "VND", "356": "INR"]

    static func scheme(of context: EMVContext) -> PaymentScheme {
        for (id, children) in context.children.sorted(by: { $0.key < $1.key }) {
            guard let number = Int(id), (26...51).contains(number),
                let gui = children.first(where: { $0.id == "00" })?.value
            else { continue }
            switch gui.lowercased() {
            case PIXPayload.gui: return .pix
            case "sg.paynow": return .paynow
            case PromptPayPayload.aid.lowercased() where id == "29": return .promptpay
            case VietQRPayload.aid.lowercased() where id == "38": return .vietqr
            default: continue
            }
        }
        return .emv
    }

    /// The tags each profile's published codes always carry (EMVCo lists 52, 53, 58, 59, 60, but PromptPay and
    /// VietQR codes in use omit 52, 59 and 60, and PIX codes may omit 01).
    static func mandatoryTags(_ scheme: PaymentScheme) -> [String] {
        switch scheme {
        case .pix: ["00", "26", "52", "53", "58", "59", "60", "62", "63"]
        case .promptpay: ["00", "01", "29", "53", "58", "63"]
        case .paynow: ["00", "01", "26", "52", "53", "58", "59", "60", "63"]
        case .vietqr: ["00", "01", "38", "53", "58", "63"]
        default: ["00", "52", "53", "58", "59", "60", "63"]
        }
    }

    static func currencyNumber(_ scheme: PaymentScheme) -> String? {
        switch scheme {
        case .pix: "986"
        case .promptpay: "764"
        case .paynow: "702"
        case .vietqr: "704"
        default: nil
        }
    }

    static func country(_ scheme: PaymentScheme) -> String? {
        switch scheme {
        case .pix: "BR"
        case .promptpay: "TH"
        case .paynow: "SG"
        case .vietqr: "VN"
        default: nil
        }
    }

    /// Tag 54: at most 13 characters, digits with an optional point, and no more decimals than the currency has.
    static func amountProblem(_ text: String, currency code: String?) -> String? {
        guard text.count <= 13, let value = DecimalText(text) else {
            return
                "\"\(Excerpt.of(text, limit: 16))\" is not an amount (digits, an optional point, at most 13 characters)"
        }
        if let code, let currency = Currency(code: code), value.scale > currency.minorDigits {
            return "\"\(text)\" has \(value.scale) decimals; \(code) has \(currency.minorDigits)"
        }
        if value.units == 0 { return "the amount is zero; leave tag 54 out to let the payer type the amount" }
        return nil
    }
}
