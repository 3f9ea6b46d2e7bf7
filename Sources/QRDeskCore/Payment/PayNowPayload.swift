import Foundation

/// PayNow (Singapore, SGQR): an EMV code whose tag 26 holds `SG.PAYNOW`, the proxy type (0 mobile, 2 UEN), the
/// proxy, whether the payer may edit the amount (0/1) and an optional expiry `YYYYMMDD`; currency 702, country
/// SG, city `Singapore`.
enum PayNowPayload {
    static let gui = "SG.PAYNOW"

    static func build(_ values: SchemeFieldValues) throws(PayloadError) -> String {
        var problems = BuildProblems()
        var proxy: (type: String, value: String)?
        if let mobile = values["mobile"] {
            if let value = mobileProxy(mobile) {
                proxy = ("0", value)
            } else {
                problems.add(
                    "mobile", "invalid-phone",
                    "\"\(Excerpt.of(mobile, limit: 20))\" is not a Singapore number (+65 and 8 digits)")
            }
        } else if let uen = values["uen"] {
            let value = uen.uppercased()
            if uenIsShaped(value) {
                proxy = ("2", value)
            } else {
                problems.add(
                    "uen", "invalid-uen", "\"\(Excerpt.of(uen, limit: 20))\" is not a UEN (9 or 10 letters and digits)")
            }
        }
        let name = problems.limited(values, "name", limit: 25)
        let amount = problems.amount(values, currency: "SGD")
        let reference = problems.limited(values, "reference", limit: 25)
        var expiry: String?
        if let text = values["expiry"] {
            expiry = text.replacingOccurrences(of: "-", with: "")
            if text.count != 10 || !dateIsValid(expiry ?? "") {
                problems.add(
                    "expiry", "invalid-date", "\"\(Excerpt.of(text, limit: 20))\" is not a date written YYYY-MM-DD")
            }
        }
        try problems.check(.paynow)
        guard let proxy else { throw PayloadError(scheme: .paynow, problems: []) }
        // Without an amount the payer types one, so the amount is editable whatever the switch says.
        let editable = values.isOn("editable") || amount == nil
        var account =
            try EMVCode.object("00", gui, field: "payload") + EMVCode.object("01", proxy.type, field: "payload")
        account +=
            try EMVCode.object("02", proxy.value, field: "mobile")
            + EMVCode.object("03", editable ? "1" : "0", field: "editable")
        if let expiry { account += try EMVCode.object("04", expiry, field: "expiry") }
        return try EMVCode.payload([
            ("00", "01", "payload"), ("01", amount == nil ? "11" : "12", "payload"), ("26", account, "payload"),
            ("52", "0000", "payload"), ("53", "702", "payload"), ("54", amount, "amount"), ("58", "SG", "payload"),
            ("59", name, "name"), ("60", "Singapore", "payload"),
            ("62", try EMVCode.wrapping("01", reference, field: "reference"), "reference"),
        ])
    }

    /// `91234567`, `+65 9123 4567` → `+6591234567`.
    static func mobileProxy(_ mobile: String) -> String? {
        var digits = mobile.filter { $0 != "-" && $0 != " " }
        if digits.hasPrefix("+65") { digits.removeFirst(3) }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return "+65" + digits
    }

    static func uenIsShaped(_ uen: String) -> Bool {
        (9...10).contains(uen.count)
            && uen.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    static func dateIsValid(_ digits: String) -> Bool {
        guard digits.count == 8 || digits.count == 14, digits.allSatisfy(\.isASCIIDigit),
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.dropFirst(6).prefix(2))
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }

    static func lint(_ context: EMVContext, report: inout PayloadReport) {
        guard let account = context.top.first(where: { context.child($0.key, "00")?.uppercased() == gui })?.key else {
            return
        }
        let type = context.child(account, "01")
        let value = context.child(account, "02")
        switch (type, value) {
        case let ("0", value?):
            if mobileProxy(value) != value {
                report.problem(
                    "tag \(account).02", "invalid-value", "\"\(Excerpt.of(value, limit: 20))\" is not +65 and 8 digits")
            }
        case let ("2", value?):
            if !uenIsShaped(value) {
                report.problem("tag \(account).02", "invalid-value", "\"\(Excerpt.of(value, limit: 20))\" is not a UEN")
            }
        case (nil, _), (_, nil):
            report.problem("tag \(account).01", "missing-tag", "a PayNow code needs its proxy type (01) and proxy (02)")
        case let (type?, _):
            report.problem(
                "tag \(account).01", "invalid-value", "the proxy type is \"\(type)\"; use 0 (mobile) or 2 (UEN)")
        }
        if let editable = context.child(account, "03"), editable != "0", editable != "1" {
            report.problem("tag \(account).03", "invalid-value", "editable is \"\(editable)\"; use 0 or 1")
        }
        if let expiry = context.child(account, "04"), !dateIsValid(expiry) {
            report.problem(
                "tag \(account).04", "invalid-date", "\"\(Excerpt.of(expiry, limit: 20))\" is not a date YYYYMMDD")
        }
        report.payeeAccount = value
    }
}
