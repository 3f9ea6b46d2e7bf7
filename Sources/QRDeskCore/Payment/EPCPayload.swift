import Foundation

/// The EPC069-12 SEPA credit transfer code ("GiroCode"): twelve lines joined by LF — `BCD`, version (`002`, or
/// `001` which needs a BIC), character set `1` (UTF-8), `SCT`, BIC, name ≤ 70, IBAN, `EUR` and the amount
/// (0.01–999999999.99), purpose (4), an RF reference *or* a text ≤ 140, information ≤ 70 — with no empty lines
/// after the last value, at most 331 bytes, printed at error correction M.
enum EPCPayload {
    static let maximumBytes = 331
    static let lineNames = [
        "service tag", "version", "character set", "identification", "BIC", "name", "IBAN", "amount", "purpose",
        "reference", "text", "information",
    ]

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        let version = values["epc-version"] ?? "002"
        if version != "001" && version != "002" { problems.add("epc-version", "invalid-value", "use 001 or 002") }
        let name = problems.limited(values, "name", limit: 70) ?? ""
        var iban = ""
        do throws(IBANError) { iban = try IBAN(values["iban"] ?? "").text } catch {
            problems.add("iban", error.code, error.description)
        }
        let bic = values["bic"]?.uppercased()
        if let bic, !BIC.isShaped(bic) { problems.add("bic", "invalid-bic", BIC.problem(bic)) }
        if version == "001" && bic == nil {
            problems.add("bic", "missing", "version 001 needs the BIC; give --bic or use 002")
        }
        let amount = problems.amount(values, currency: "EUR", range: 1...99_999_999_999).map(shortestAmount)
        var reference: String?
        if let text = values["reference"] {
            do throws(ReferenceError) { reference = try CreditorReference(text).text } catch {
                problems.add("reference", error.code, error.description)
            }
        }
        let text = problems.limited(values, "text", limit: 140)
        if reference != nil && text != nil {
            problems.add("text", "exclusive", "give either --reference or --text, not both")
        }
        let purpose = values["purpose"]?.uppercased()
        if let purpose, !purposeIsShaped(purpose) {
            problems.add(
                "purpose", "invalid-value", "\"\(Excerpt.of(purpose, limit: 10))\" is not a purpose code (4 letters)")
        }
        let info = problems.limited(values, "info", limit: 70)
        try problems.check(.epc)
        var lines = [
            "BCD", version, "1", "SCT", bic ?? "", name, iban, amount.map { "EUR" + $0 } ?? "", purpose ?? "",
            reference ?? "", text ?? "", info ?? "",
        ]
        while lines.last == "" { lines.removeLast() }
        let payload = lines.joined(separator: "\n")
        if payload.utf8.count > maximumBytes {
            throw PayloadError(
                scheme: .epc,
                problems: [
                    PayloadProblem(
                        field: "text", code: "too-long",
                        message:
                            "the code would be \(payload.utf8.count) bytes; EPC allows \(maximumBytes): "
                            + "shorten the name, text or information"
                    )
                ])
        }
        return payload
    }

    /// `12.30` → `12.3`, `20.00` → `20`: the EPC guidelines' own example writes `EUR12.3`.
    static func shortestAmount(_ plain: String) -> String {
        guard plain.contains(".") else { return plain }
        var text = plain
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func purposeIsShaped(_ purpose: String) -> Bool {
        purpose.count == 4 && purpose.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    static func lint(_ text: String) -> PayloadReport {
        var report = PayloadReport(scheme: .epc, text: text)
        let lines = LinePayload.lines(text, report: &report)
        for (index, line) in lines.enumerated() where index < lineNames.count { report.field(lineNames[index], line) }
        func line(_ index: Int) -> String { index < lines.count ? lines[index] : "" }
        if text.utf8.count > maximumBytes {
            report.problem(
                "payload", "too-long", "is \(text.utf8.count) bytes; an EPC code holds at most \(maximumBytes)")
        }
        if lines.count > lineNames.count {
            report.problem("payload", "too-many-lines", "has \(lines.count) lines; an EPC code has at most 12")
        }
        if lines.count < 7 { report.problem("IBAN", "missing", "the code ends before the IBAN (line 7)") }
        if lines.last == "" && lines.count > 1 {
            report.problem(
                "payload", "trailing-empty-line", "ends with an empty line; remove the line breaks after the last value"
            )
        }
        if line(1) != "001" && line(1) != "002" {
            report.problem("version", "invalid-value", "\"\(Excerpt.of(line(1), limit: 8))\" is not 001 or 002")
        }
        if line(2) != "1" {
            report.problem(
                "character set", "invalid-value",
                "\"\(Excerpt.of(line(2), limit: 8))\": qrdesk reads EPC codes in UTF-8 (1) only")
        }
        if line(3) != "SCT" { report.problem("identification", "invalid-value", "must be SCT") }
        let bic = line(4)
        if !bic.isEmpty && !BIC.isShaped(bic) { report.problem("BIC", "invalid-bic", BIC.problem(bic)) }
        if bic.isEmpty && line(1) == "001" { report.problem("BIC", "missing", "version 001 needs the BIC") }
        let name = line(5)
        if name.isEmpty { report.problem("name", "missing", "the beneficiary's name is missing") }
        if name.unicodeScalars.count > 70 {
            report.problem("name", "too-long", "has \(name.unicodeScalars.count) characters; at most 70")
        }
        if lines.count >= 7 {
            do throws(IBANError) { report.payeeAccount = try IBAN(line(6)).text } catch {
                report.problem("IBAN", error.code, error.description)
            }
        }
        let amount = line(7)
        if !amount.isEmpty {
            let digits = String(amount.dropFirst(3))
            if !amount.hasPrefix("EUR") {
                report.problem("amount", "invalid-amount", "\"\(Excerpt.of(amount, limit: 16))\" must start with EUR")
            } else if let value = DecimalText(digits), value.scale <= 2, let cents = value.scaled(to: 2) {
                if !(1...99_999_999_999).contains(cents) {
                    report.problem("amount", "amount-range", "EUR \(digits) is outside 0.01 to 999999999.99")
                }
            } else {
                report.problem(
                    "amount", "invalid-amount",
                    "\"\(Excerpt.of(digits, limit: 16))\" is not an amount with at most 2 decimals")
            }
        }
        if !line(8).isEmpty && !purposeIsShaped(line(8)) {
            report.problem(
                "purpose", "invalid-value",
                "\"\(Excerpt.of(line(8), limit: 8))\" is not a purpose code (4 capital letters)")
        }
        if !line(9).isEmpty {
            do throws(ReferenceError) { _ = try CreditorReference(line(9)) } catch {
                report.problem("reference", error.code, error.description)
            }
            if !line(10).isEmpty {
                report.problem("text", "exclusive", "an EPC code carries a reference or a text, not both")
            }
        }
        if line(10).unicodeScalars.count > 140 {
            report.problem("text", "too-long", "has \(line(10).unicodeScalars.count) characters; at most 140")
        }
        if line(11).unicodeScalars.count > 70 {
            report.problem("information", "too-long", "has \(line(11).unicodeScalars.count) characters; at most 70")
        }
        report.payeeName = name.isEmpty ? nil : name
        report.currency = "EUR"
        if amount.hasPrefix("EUR"), amount.count > 3 { report.amount = String(amount.dropFirst(3)) }
        return report
    }
}

/// A BIC (ISO 9362): 4 letters (bank), 2 letters (country), 2 letters or digits (location), optionally 3 more.
enum BIC {
    static func isShaped(_ bic: String) -> Bool {
        let scalars = Array(bic.unicodeScalars)
        guard scalars.count == 8 || scalars.count == 11 else { return false }
        let letter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) }
        let alphanumeric: (Unicode.Scalar) -> Bool = { letter($0) || ("0"..."9").contains($0) }
        return scalars[0..<6].allSatisfy(letter) && scalars[6...].allSatisfy(alphanumeric)
    }

    static func problem(_ bic: String) -> String {
        "\"\(Excerpt.of(bic, limit: 16))\" is not a BIC (8 or 11 characters: bank, country, location, branch)"
    }
}

/// Payloads made of lines (EPC, the Swiss bill): split on LF or CR LF, never mixing the two.
enum LinePayload {
    static func lines(_ text: String, report: inout PayloadReport) -> [String] {
        let crlf = text.contains("\r\n")
        let separator = crlf ? "\r\n" : "\n"
        let lines = text.components(separatedBy: separator)
        if lines.contains(where: { $0.unicodeScalars.contains { $0 == "\r" || $0 == "\n" } }) {
            report.problem("payload", "mixed-line-breaks", "mixes CR LF and LF line breaks; use one kind throughout")
        }
        return lines
    }
}
