/// A UPI payment link (NPCI, India): `upi://pay?pa=VPA&pn=NAME&am=…&cu=INR&tn=…&mc=…&tr=…`, values
/// percent-encoded, the VPA `handle@psp`. A signed string (`sign=`) is the issuer's: linted, printed byte for
/// byte, never rebuilt.
enum UPIPayload {
    static let prefix = "upi://pay?"

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        let vpa = values["vpa"] ?? ""
        if !vpaIsShaped(vpa) { problems.add("vpa", "invalid-vpa", vpaProblem(vpa)) }
        let name = problems.limited(values, "name", limit: 99)
        let amount = problems.amount(values, currency: "INR")
        let note = problems.limited(values, "note", limit: 80)
        let mcc = values["mcc"]
        if let mcc, mcc.count != 4 || !mcc.allSatisfy(\.isASCIIDigit) {
            problems.add(
                "mcc", "invalid-value", "\"\(Excerpt.of(mcc, limit: 8))\" is not a 4-digit merchant category code")
        }
        let reference = problems.limited(values, "ref", limit: 35)
        try problems.check(.upi)
        var pairs = ["pa=" + vpa, "pn=" + encoded(name ?? "")]
        if let amount { pairs.append("am=" + amount) }
        pairs.append("cu=INR")
        if let note { pairs.append("tn=" + encoded(note)) }
        if let mcc { pairs.append("mc=" + mcc) }
        if let reference { pairs.append("tr=" + encoded(reference)) }
        return prefix + pairs.joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (a space is `%20`).
    static func encoded(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// The percent-decoded value; nil when an escape is broken or the bytes are not UTF-8.
    static func decoded(_ value: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = value.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = utf8.next(), let low = utf8.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func vpaIsShaped(_ vpa: String) -> Bool {
        let parts = vpa.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (2...256).contains(parts[0].count), (2...64).contains(parts[1].count) else {
            return false
        }
        let handle = parts[0].unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0))
        }
        let provider = parts[1].unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        return handle && provider
    }

    static func vpaProblem(_ vpa: String) -> String {
        "\"\(Excerpt.of(vpa, limit: 30))\" is not a UPI address (handle@psp, e.g. salon@okaxis)"
    }

    static func lint(_ text: String) -> PayloadReport {
        var report = PayloadReport(scheme: .upi, text: text)
        guard text.lowercased().hasPrefix(prefix) else {
            report.problem("payload", "invalid-value", "a UPI payment starts with upi://pay?")
            return report
        }
        var seen: Set<String> = []
        for pair in text.dropFirst(prefix.count).split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            guard parts.count == 2, !key.isEmpty else {
                report.problem("payload", "malformed", "\"\(Excerpt.of(String(pair), limit: 20))\" is not key=value")
                continue
            }
            guard let value = decoded(String(parts[1])) else {
                report.problem(key, "bad-escape", "has a broken %-escape or bytes that are not UTF-8")
                continue
            }
            report.field(key, value)
            if !seen.insert(key).inserted { report.problem(key, "duplicate-key", "appears twice") }
            switch key {
            case "pa":
                if vpaIsShaped(value) {
                    report.payeeAccount = value
                } else {
                    report.problem("pa", "invalid-vpa", vpaProblem(value))
                }
            case "pn": report.payeeName = value
            case "am":
                if DecimalText(value).map({ $0.scale > 2 || $0.units == 0 }) ?? true {
                    report.problem(
                        "am", "invalid-amount",
                        "\"\(Excerpt.of(value, limit: 16))\" is not an amount in rupees (2 decimals at most)")
                }
            case "cu":
                if value != "INR" {
                    report.problem("cu", "invalid-value", "UPI pays in INR, not \(Excerpt.of(value, limit: 8))")
                }
            case "mc":
                if value.count != 4 || !value.allSatisfy(\.isASCIIDigit) {
                    report.problem(
                        "mc", "invalid-value",
                        "\"\(Excerpt.of(value, limit: 8))\" is not a 4-digit merchant category code")
                }
            default: break
            }
        }
        report.amount = report.fields.first { $0.name == "am" }?.value
        report.currency = "INR"
        if !seen.contains("pa") { report.problem("pa", "missing", "the payee's address (pa) is missing") }
        if !seen.contains("pn") {
            report.warning("pn", "missing", "the payee's name (pn) is missing; payer apps show it to confirm")
        }
        return report
    }
}
