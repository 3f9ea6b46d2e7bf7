/// The Swiss QR-bill's code (SIX Swiss Implementation Guidelines for the QR-bill, 2.x): `SPC`, `0200`, `1`, the
/// creditor's IBAN or QR-IBAN (CH/LI), the creditor with a structured address (`S`), seven empty lines for the
/// ultimate creditor, amount and currency (CHF/EUR), the debtor (or seven empty lines), the reference type and
/// reference, an unstructured message, `EPD`, and optional bill information. A QR-IBAN (institution id
/// 30000–31999) requires a QR reference (`QRR`); a plain IBAN forbids it (`SCOR` or `NON`). Lines are joined by
/// CR LF (LF is also allowed); printed at error correction M with the Swiss cross.
enum SwissQRBillPayload {
    static let maximumCharacters = 997
    static let lineNames: [String] = [
        "QR type", "version", "coding", "IBAN", "creditor address type", "creditor name", "creditor street",
        "creditor building", "creditor postcode", "creditor town", "creditor country",
        "ultimate creditor address type", "ultimate creditor name", "ultimate creditor street",
        "ultimate creditor building", "ultimate creditor postcode", "ultimate creditor town",
        "ultimate creditor country", "amount", "currency", "debtor address type", "debtor name", "debtor street",
        "debtor building", "debtor postcode", "debtor town", "debtor country", "reference type", "reference",
        "message", "trailer", "bill information", "alternative procedure 1", "alternative procedure 2",
    ]
    static let addressLimits = [70, 70, 16, 16, 35, 2]

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        var iban: IBAN?
        do throws(IBANError) { iban = try IBAN(values["iban"] ?? "") } catch {
            problems.add("iban", error.code, error.description)
        }
        if let iban, !["CH", "LI"].contains(iban.countryCode) {
            problems.add("iban", "iban-country", "a QR-bill pays into a CH or LI account, not \(iban.countryCode)")
        }
        let creditor = address(values, party: "creditor", problems: &problems) ?? []
        let debtor = address(values, party: "debtor", problems: &problems)
        let currency = values["currency"]?.uppercased() ?? ""
        if currency != "CHF" && currency != "EUR" { problems.add("currency", "invalid-value", "use CHF or EUR") }
        let amount = problems.amount(values, currency: currency == "EUR" ? "EUR" : "CHF", range: 1...99_999_999_999)
        var referenceType = "NON"
        var reference = ""
        let isQRIBAN = iban.map(isQRIBAN) ?? false
        if let text = values["reference"] {
            do throws(ReferenceError) {
                if text.uppercased().hasPrefix("RF") {
                    reference = try CreditorReference(text).text
                    referenceType = "SCOR"
                } else {
                    reference = try QRReference(text).text
                    referenceType = "QRR"
                }
            } catch { problems.add("reference", error.code, error.description) }
        }
        if isQRIBAN && referenceType != "QRR" {
            problems.add("reference", "qrr-required", "a QR-IBAN needs a QR reference (27 digits); give --reference")
        } else if !isQRIBAN && referenceType == "QRR" {
            problems.add(
                "reference", "qrr-forbidden",
                "a QR reference needs a QR-IBAN; use an RF reference or none with this IBAN")
        }
        let message = problems.limited(values, "message", limit: 140) ?? ""
        try problems.check(.swiss)
        let lines =
            ["SPC", "0200", "1", iban?.text ?? ""] + creditor + Array(repeating: "", count: 7)
            + [amount ?? "", currency] + (debtor ?? Array(repeating: "", count: 7))
            + [referenceType, reference, message, "EPD"]
        return lines.joined(separator: "\r\n")
    }

    /// `S`, name, street, building, postcode, town, country — or nil when the party gives nothing.
    private static func address(_ values: SchemeFieldValues, party: String, problems: inout BuildProblems) -> [String]?
    {
        let parts = ["name", "street", "building", "postcode", "town", "country"]
        let given = parts.map { values["\(party)-\($0)"] }
        guard given.contains(where: { $0 != nil }) else {
            if party == "creditor" {
                problems.add("creditor-name", "missing", "the creditor's name and address are needed")
            }
            return nil
        }
        for (index, part) in parts.enumerated() {
            let field = "\(party)-\(part)"
            let required = ["name", "postcode", "town", "country"].contains(part)
            if required && given[index] == nil { problems.add(field, "missing", "is needed when a \(party) is given") }
            _ = problems.limited(values, field, limit: addressLimits[index])
        }
        if let country = given[5],
            !(country.count == 2 && country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }))
        {
            problems.add(
                "\(party)-country", "invalid-value",
                "\"\(Excerpt.of(country, limit: 8))\" is not a two-letter country code")
        }
        return ["S"] + given.map { $0 ?? "" }
    }

    /// A QR-IBAN's institution id (characters 5–9) is 30000–31999.
    static func isQRIBAN(_ iban: IBAN) -> Bool {
        let id = iban.text.dropFirst(4).prefix(5)
        return Int(id).map { (30000...31999).contains($0) } ?? false
    }

    static func lint(_ text: String) -> PayloadReport {
        var report = PayloadReport(scheme: .swiss, text: text)
        let lines = LinePayload.lines(text, report: &report)
        for (index, line) in lines.enumerated() where index < lineNames.count { report.field(lineNames[index], line) }
        func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
        if text.count > maximumCharacters {
            report.problem(
                "payload", "too-long",
                "has \(text.count) characters; a QR-bill's code holds at most \(maximumCharacters)")
        }
        if lines.count < 31 {
            report.problem(
                "trailer", "missing",
                "the code has \(lines.count) lines and no EPD trailer (line 31); a QR-bill's code has 31 to 34")
            return report
        }
        if lines.count > lineNames.count {
            report.problem("payload", "too-many-lines", "has \(lines.count) lines; at most \(lineNames.count)")
        }
        if line(1) != "0200" {
            report.problem(
                "version", "invalid-value", "\"\(Excerpt.of(line(1), limit: 8))\": qrdesk reads version 0200")
        }
        if line(2) != "1" { report.problem("coding", "invalid-value", "must be 1 (UTF-8, Latin character set)") }
        var iban: IBAN?
        do throws(IBANError) { iban = try IBAN(line(3)) } catch {
            report.problem("IBAN", error.code, error.description)
        }
        if let iban, !["CH", "LI"].contains(iban.countryCode) {
            report.problem("IBAN", "iban-country", "a QR-bill pays into a CH or LI account, not \(iban.countryCode)")
        }
        checkAddress(lines, from: 4, party: "creditor", report: &report)
        if (11...17).contains(where: { !line($0).isEmpty }) {
            report.problem(
                "ultimate creditor name", "must-be-empty",
                "the ultimate creditor's lines are reserved and must be empty")
        }
        let amount = line(18)
        if !amount.isEmpty {
            if let value = DecimalText(amount), value.scale == 2, let cents = value.scaled(to: 2) {
                if !(1...99_999_999_999).contains(cents) {
                    report.problem("amount", "amount-range", "\(amount) is outside 0.01 to 999999999.99")
                }
            } else {
                report.problem(
                    "amount", "invalid-amount", "\"\(Excerpt.of(amount, limit: 16))\" is not an amount with 2 decimals")
            }
        }
        if line(19) != "CHF" && line(19) != "EUR" { report.problem("currency", "invalid-value", "must be CHF or EUR") }
        if (20...26).contains(where: { !line($0).isEmpty }) {
            checkAddress(lines, from: 20, party: "debtor", report: &report)
        }
        let isQR = iban.map(isQRIBAN) ?? false
        let reference = line(28)
        switch line(27) {
        case "QRR":
            do throws(ReferenceError) { _ = try QRReference(reference) } catch {
                report.problem("reference", error.code, error.description)
            }
            if iban != nil && !isQR {
                report.problem("reference type", "qrr-forbidden", "QRR needs a QR-IBAN; this IBAN takes SCOR or NON")
            }
        case "SCOR":
            do throws(ReferenceError) { _ = try CreditorReference(reference) } catch {
                report.problem("reference", error.code, error.description)
            }
            if isQR { report.problem("reference type", "qrr-required", "a QR-IBAN takes a QR reference (QRR)") }
        case "NON":
            if !reference.isEmpty {
                report.problem("reference", "must-be-empty", "reference type NON carries no reference")
            }
            if isQR { report.problem("reference type", "qrr-required", "a QR-IBAN takes a QR reference (QRR)") }
        default:
            report.problem(
                "reference type", "invalid-value", "\"\(Excerpt.of(line(27), limit: 8))\" is not QRR, SCOR or NON")
        }
        if line(29).count + line(31).count > 140 {
            report.problem(
                "message", "too-long",
                "the message and bill information have \(line(29).count + line(31).count) characters "
                    + "together; at most 140"
            )
        }
        if line(30) != "EPD" { report.problem("trailer", "invalid-value", "line 31 must be EPD") }
        report.payeeName = line(5).isEmpty ? nil : line(5)
        report.amount = amount.isEmpty ? nil : amount
        report.currency = line(19)
        report.payeeAccount = iban?.text
        return report
    }

    private static func checkAddress(
        _ lines: [String], from start: Int, party: String, report: inout PayloadReport
    ) {
        func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
        let type = line(start)
        if type != "S" {
            report.problem(
                "\(party) address type", "invalid-value",
                type == "K"
                    ? "combined addresses (K) are no longer accepted; give street, building, postcode and town (S)"
                    : "\"\(Excerpt.of(type, limit: 8))\" must be S (structured address)")
        }
        let names = ["name", "street", "building", "postcode", "town", "country"]
        for (offset, name) in names.enumerated() {
            let value = line(start + 1 + offset)
            if value.count > addressLimits[offset] {
                report.problem(
                    "\(party) \(name)", "too-long", "has \(value.count) characters; at most \(addressLimits[offset])")
            }
            if ["name", "postcode", "town", "country"].contains(name), value.isEmpty {
                report.problem("\(party) \(name)", "missing", "the \(party)'s \(name) is missing")
            }
        }
        let country = line(start + 6)
        if !country.isEmpty && !(country.count == 2 && country.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }) {
            report.problem(
                "\(party) country", "invalid-value",
                "\"\(Excerpt.of(country, limit: 8))\" is not a two-letter country code")
        }
    }
}
