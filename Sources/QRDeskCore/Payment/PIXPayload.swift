import Foundation

/// PIX (Banco Central do Brasil, BR Code manual): an EMV code whose tag 26 holds `br.gov.bcb.pix`, the receiver's
/// key and an optional description; currency 986, country BR, name ≤ 25, city ≤ 15, and tag 62/05 the
/// transaction id (`***` when there is none). Names are kept as written: some payer apps reject accents, so
/// lint warns on non-ASCII without failing.
enum PIXPayload {
    static let gui = "br.gov.bcb.pix"

    /// The manual's field order: 00, 26, 52, 53, 54, 58, 59, 60, 62, 63 (its static example has no tag 01).
    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        let key = values["key"].map(normalizedKey) ?? ""
        if let reason = keyProblem(key) { problems.add("key", "pix-key", reason) }
        let name = problems.limited(values, "name", limit: 25)
        let city = problems.limited(values, "city", limit: 15)
        let amount = problems.amount(values, currency: "BRL")
        let txid = values["txid"] ?? "***"
        if let reason = txidProblem(txid) { problems.add("txid", "pix-txid", reason) }
        let description = problems.limited(values, "description", limit: 72)
        try problems.check(.pix)
        var account = try EMVCode.object("00", gui, field: "key") + EMVCode.object("01", key, field: "key")
        if let description { account += try EMVCode.object("02", description, field: "description") }
        return try EMVCode.payload([
            ("00", "01", "payload"), ("26", account, "description"), ("52", "0000", "payload"),
            ("53", "986", "payload"), ("54", amount, "amount"), ("58", "BR", "payload"), ("59", name, "name"),
            ("60", city, "city"), ("62", try EMVCode.object("05", txid, field: "txid"), "txid"),
        ])
    }

    static func lint(_ context: EMVContext, report: inout PayloadReport) {
        guard let account = context.top.first(where: { context.child($0.key, "00")?.lowercased() == gui })?.key
        else { return }
        if let key = context.child(account, "01") {
            if let reason = keyProblem(key) { report.problem("tag \(account).01", "pix-key", reason) }
            report.payeeAccount = key
        } else if context.child(account, "25") == nil {
            report.problem("tag \(account).01", "missing-tag", "the PIX key is missing")
        }
        if let txid = context.child("62", "05") {
            if let reason = txidProblem(txid) { report.problem("tag 62.05", "pix-txid", reason) }
        } else if context.top["62"] != nil {
            report.problem("tag 62.05", "missing-tag", "the transaction id is missing; use *** when there is none")
        }
        for (id, what) in [("59", "name"), ("60", "city")] {
            guard let value = context.top[id]?.value, !value.unicodeScalars.allSatisfy(\.isASCII) else { continue }
            report.warning(
                "tag \(id)", "non-ascii",
                "the \(what) \"\(Excerpt.of(value, limit: 25))\" has letters outside ASCII, which some payer apps "
                    + "reject; consider writing it without accents")
        }
    }

    /// Phone keys are written `+55…`; e-mail keys lower case; CPF/CNPJ as bare digits.
    static func normalizedKey(_ key: String) -> String {
        key.contains("@") ? key.lowercased() : key
    }

    /// Why `key` is not a PIX key, or nil: CPF or CNPJ digits with valid check digits, `+55` and 10–11 digits,
    /// an e-mail address (≤ 77 characters), or a random key (a UUID).
    static func keyProblem(_ key: String) -> String? {
        let scalars = key.unicodeScalars
        if key.isEmpty { return "the PIX key is empty" }
        if key.allSatisfy(\.isASCIIDigit) {
            switch key.count {
            case 11: return BrazilianTaxID.isValidCPF(key) ? nil : "\(key) fails the CPF check digits"
            case 14: return BrazilianTaxID.isValidCNPJ(key) ? nil : "\(key) fails the CNPJ check digits"
            default:
                return "\(Excerpt.of(key, limit: 20)) has \(key.count) digits: a CPF has 11, a CNPJ 14, and a "
                    + "phone key is written +55 and the number"
            }
        }
        if key.hasPrefix("+") {
            let digits = key.dropFirst()
            return key.hasPrefix("+55") && (12...13).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit)
                ? nil : "\(Excerpt.of(key, limit: 20)) is not a Brazilian phone key (+55, area code and number)"
        }
        if key.contains("@") {
            let parts = key.split(separator: "@", omittingEmptySubsequences: false)
            let valid =
                parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && key.count <= 77
                && !scalars.contains { $0.properties.isWhitespace }
            return valid ? nil : "\(Excerpt.of(key, limit: 30)) is not an e-mail key"
        }
        if key.count == 36, UUID(uuidString: key) != nil { return nil }
        return "\(Excerpt.of(key, limit: 30)) is not a PIX key: use CPF/CNPJ digits, +55 and a phone number, an "
            + "e-mail address, or a random key (UUID)"
    }

    static func txidProblem(_ txid: String) -> String? {
        if txid == "***" { return nil }
        let allowed = txid.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        guard (1...25).contains(txid.count), allowed else {
            return "\"\(Excerpt.of(txid, limit: 30))\" is not a transaction id: up to 25 letters A–Z, a–z and "
                + "digits, or *** for none"
        }
        return nil
    }
}
