/// PromptPay (Bank of Thailand): an EMV code whose tag 29 holds the AID `A000000677010111` and one proxy — a
/// phone as `0066` and 9 digits (01), a national or tax id of 13 digits (02), or an e-wallet id of 15 (03);
/// currency 764, country TH. Its published codes omit 52, 59 and 60, and put 58 before 53.
enum PromptPayPayload {
    static let aid = "A000000677010111"

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        var proxy: (id: String, value: String)?
        if let phone = values["phone"] {
            if let value = phoneProxy(phone) {
                proxy = ("01", value)
            } else {
                problems.add(
                    "phone", "invalid-phone",
                    "\"\(Excerpt.of(phone, limit: 20))\" is not a Thai mobile number "
                        + "(0 and 9 digits, or +66 and 9 digits)"
                )
            }
        } else if let id = values["national-id"] {
            let digits = id.filter { $0 != "-" && $0 != " " }
            if digits.count == 13, digits.allSatisfy(\.isASCIIDigit) {
                proxy = ("02", digits)
            } else {
                problems.add("national-id", "invalid-id", "\"\(Excerpt.of(id, limit: 20))\" is not 13 digits")
            }
        } else if let wallet = values["ewallet"] {
            let digits = wallet.filter { $0 != "-" && $0 != " " }
            if digits.count == 15, digits.allSatisfy(\.isASCIIDigit) {
                proxy = ("03", digits)
            } else {
                problems.add("ewallet", "invalid-id", "\"\(Excerpt.of(wallet, limit: 20))\" is not 15 digits")
            }
        }
        let amount = problems.amount(values, currency: "THB")
        try problems.check(.promptpay)
        guard let proxy else { throw PayloadError(scheme: .promptpay, problems: []) }
        let account =
            try EMVCode.object("00", aid, field: "phone") + EMVCode.object(proxy.id, proxy.value, field: "phone")
        return try EMVCode.payload([
            ("00", "01", "payload"), ("01", amount == nil ? "11" : "12", "payload"), ("29", account, "phone"),
            ("58", "TH", "payload"), ("53", "764", "payload"), ("54", amount, "amount"),
        ])
    }

    /// `0801234567`, `080-123-4567` or `+66 80 123 4567` → `0066801234567`.
    static func phoneProxy(_ phone: String) -> String? {
        var digits = phone.filter { $0 != "-" && $0 != " " }
        if digits.hasPrefix("+66") {
            digits.removeFirst(3)
        } else if digits.hasPrefix("0") {
            digits.removeFirst()
        } else {
            return nil
        }
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return "0066" + digits
    }

    static func lint(_ context: EMVContext, report: inout PayloadReport) {
        let proxies: [(id: String, count: Int, what: String)] = [
            ("01", 13, "a phone as 0066 and 9 digits"), ("02", 13, "a national or tax id of 13 digits"),
            ("03", 15, "an e-wallet id of 15 digits"),
        ]
        let given = proxies.filter { context.child("29", $0.id) != nil }
        guard given.count == 1, let proxy = given.first, let value = context.child("29", proxy.id) else {
            report.problem(
                "tag 29", given.isEmpty ? "missing-tag" : "invalid-value",
                "holds \(given.count) proxies; a PromptPay code names exactly one: "
                    + "01 phone, 02 national id or 03 e-wallet"
            )
            return
        }
        let shaped =
            value.count == proxy.count && value.allSatisfy(\.isASCIIDigit)
            && (proxy.id != "01" || value.hasPrefix("0066"))
        if !shaped {
            report.problem(
                "tag 29.\(proxy.id)", "invalid-value", "\"\(Excerpt.of(value, limit: 20))\" is not \(proxy.what)")
        }
        report.payeeAccount = value
    }
}
