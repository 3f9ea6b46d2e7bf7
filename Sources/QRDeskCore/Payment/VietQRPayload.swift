/// VietQR (NAPAS): an EMV code whose tag 38 holds the AID `A000000727`, a template of the bank's 6-digit BIN (00)
/// and the account (01), and the service `QRIBFTTA` (transfer to an account); currency 704, country VN, an
/// optional purpose in 62/08.
enum VietQRPayload {
    static let aid = "A000000727"

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        let bin = values["bank-bin"] ?? ""
        if !binIsShaped(bin) {
            problems.add("bank-bin", "invalid-bin", "\"\(Excerpt.of(bin, limit: 20))\" is not a 6-digit bank BIN")
        }
        let account = values["account"] ?? ""
        if !accountIsShaped(account) {
            problems.add(
                "account", "invalid-account",
                "\"\(Excerpt.of(account, limit: 30))\" is not an account number (1–19 letters or digits)")
        }
        let amount = problems.amount(values, currency: "VND")
        let purpose = problems.limited(values, "purpose", limit: 25)
        try problems.check(.vietqr)
        let beneficiary =
            try EMVCode.object("00", bin, field: "bank-bin") + EMVCode.object("01", account, field: "account")
        let template =
            try EMVCode.object("00", aid, field: "payload") + EMVCode.object("01", beneficiary, field: "account")
            + EMVCode.object("02", "QRIBFTTA", field: "payload")
        return try EMVCode.payload([
            ("00", "01", "payload"), ("01", amount == nil ? "11" : "12", "payload"), ("38", template, "account"),
            ("53", "704", "payload"), ("54", amount, "amount"), ("58", "VN", "payload"),
            ("62", try EMVCode.wrapping("08", purpose, field: "purpose"), "purpose"),
        ])
    }

    static func binIsShaped(_ bin: String) -> Bool { bin.count == 6 && bin.allSatisfy(\.isASCIIDigit) }

    static func accountIsShaped(_ account: String) -> Bool {
        (1...19).contains(account.count)
            && account.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
            }
    }

    static func lint(_ context: EMVContext, report: inout PayloadReport) {
        guard let beneficiary = context.child("38", "01") else {
            report.problem("tag 38.01", "missing-tag", "the beneficiary (bank BIN and account) is missing")
            return
        }
        var scratch = PayloadReport(scheme: .vietqr, text: beneficiary)
        let objects = EMVCode.objects(in: Array(beneficiary.unicodeScalars)[...], path: "tag 38.01.", report: &scratch)
        report.problems += scratch.problems
        let bin = objects.first { $0.id == "00" }?.value
        let account = objects.first { $0.id == "01" }?.value
        if let bin, !binIsShaped(bin) {
            report.problem(
                "tag 38.01.00", "invalid-value", "\"\(Excerpt.of(bin, limit: 12))\" is not a 6-digit bank BIN")
        }
        if let account, !accountIsShaped(account) {
            report.problem(
                "tag 38.01.01", "invalid-value", "\"\(Excerpt.of(account, limit: 24))\" is not an account number")
        }
        if bin == nil || account == nil {
            report.problem("tag 38.01", "missing-tag", "the beneficiary needs the bank BIN (00) and the account (01)")
        }
        if let service = context.child("38", "02"), service != "QRIBFTTA", service != "QRIBFTTC" {
            report.problem(
                "tag 38.02", "invalid-value",
                "the service is \"\(Excerpt.of(service, limit: 12))\"; "
                    + "use QRIBFTTA (to an account) or QRIBFTTC (to a card)"
            )
        }
        report.payeeAccount = [bin, account].compactMap { $0 }.joined(separator: " ")
    }
}
