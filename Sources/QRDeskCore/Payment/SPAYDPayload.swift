/// SPAYD, the Czech "QR platba" (Short Payment Descriptor 1.0): `SPD*1.0*` then `KEY:value` pairs separated by
/// `*` — ACC (IBAN, optionally `+BIC`), AM (amount), CC (currency), MSG (message ≤ 60), X-VS (variable
/// symbol ≤ 10 digits) … Keys are upper case; a `*` inside a value is written `%2A`.
enum SPAYDPayload {
    static let header = "SPD*1.0*"

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        var account = ""
        do throws(IBANError) { account = try IBAN(values["iban"] ?? "").text } catch {
            problems.add("iban", error.code, error.description)
        }
        if let bic = values["bic"]?.uppercased() {
            if BIC.isShaped(bic) { account += "+" + bic } else { problems.add("bic", "invalid-bic", BIC.problem(bic)) }
        }
        let currency = values["currency"]?.uppercased() ?? "CZK"
        if Currency(code: currency) == nil {
            problems.add("currency", "invalid-value", "\"\(Excerpt.of(currency, limit: 8))\" is not a currency code")
        }
        let amount = problems.amount(values, currency: Currency(code: currency) == nil ? "CZK" : currency)
        if let amount, amount.count > 10 { problems.add("amount", "too-long", "\(amount) has more than 10 characters") }
        let message = problems.limited(values, "message", limit: 60)
        let symbol = values["vs"]
        if let symbol, !(1...10).contains(symbol.count) || !symbol.allSatisfy(\.isASCIIDigit) {
            problems.add(
                "vs", "invalid-value", "\"\(Excerpt.of(symbol, limit: 12))\" is not a variable symbol (1–10 digits)")
        }
        try problems.check(.spayd)
        var pairs = ["ACC:" + account]
        if let amount { pairs.append("AM:" + amount) }
        pairs.append("CC:" + currency)
        if let message { pairs.append("MSG:" + escaped(message)) }
        if let symbol { pairs.append("X-VS:" + symbol) }
        return header + pairs.joined(separator: "*")
    }

    static func escaped(_ value: String) -> String {
        var result = ""
        for character in value { result += character == "*" ? "%2A" : String(character) }
        return result
    }

    static func lint(_ text: String) -> PayloadReport {
        var report = PayloadReport(scheme: .spayd, text: text)
        guard text.hasPrefix(header) else {
            report.problem("header", "invalid-value", "a SPAYD code starts with SPD*1.0*")
            return report
        }
        var segments = text.dropFirst(header.count).split(separator: "*", omittingEmptySubsequences: false).map(
            String.init)
        if segments.last == "" { segments.removeLast() }
        var seen: Set<String> = []
        for segment in segments {
            guard let colon = segment.firstIndex(of: ":") else {
                report.problem(
                    "payload", "unescaped-star",
                    "\"\(Excerpt.of(segment, limit: 20))\" is not KEY:value; a * inside a value must be written %2A")
                continue
            }
            let key = String(segment[..<colon])
            let value = String(segment[segment.index(after: colon)...])
            report.field(key, value)
            if key != key.uppercased() {
                report.problem(key, "key-case", "keys are upper case: write \(key.uppercased())")
            }
            if !seen.insert(key.uppercased()).inserted { report.problem(key, "duplicate-key", "appears twice") }
            check(key.uppercased(), value, report: &report)
        }
        if !seen.contains("ACC") { report.problem("ACC", "missing", "the account (ACC) is missing") }
        report.amount = report.fields.first { $0.name.uppercased() == "AM" }?.value
        report.currency = report.fields.first { $0.name.uppercased() == "CC" }?.value ?? "CZK"
        return report
    }

    private static func check(_ key: String, _ value: String, report: inout PayloadReport) {
        switch key {
        case "ACC":
            let parts = value.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            do throws(IBANError) { report.payeeAccount = try IBAN(parts[0]).text } catch {
                report.problem("ACC", error.code, error.description)
            }
            if parts.count > 2 || (parts.count == 2 && !BIC.isShaped(parts[1])) {
                report.problem("ACC", "invalid-bic", BIC.problem(parts.dropFirst().joined(separator: "+")))
            }
        case "AM":
            if value.count > 10 || DecimalText(value).map({ $0.scale > 2 }) ?? true {
                report.problem(
                    "AM", "invalid-amount",
                    "\"\(Excerpt.of(value, limit: 14))\" is not an amount (at most 10 characters, 2 decimals)")
            }
        case "CC":
            if Currency(code: value) == nil {
                report.problem("CC", "invalid-value", "\"\(Excerpt.of(value, limit: 8))\" is not a currency code")
            }
        case "MSG":
            if value.count > 60 { report.problem("MSG", "too-long", "has \(value.count) characters; at most 60") }
        case "RN":
            report.payeeName = value
        case "X-VS", "X-SS", "X-KS":
            if !(1...10).contains(value.count) || !value.allSatisfy(\.isASCIIDigit) {
                report.problem(key, "invalid-value", "\"\(Excerpt.of(value, limit: 14))\" is not 1–10 digits")
            }
        default: break
        }
    }
}
