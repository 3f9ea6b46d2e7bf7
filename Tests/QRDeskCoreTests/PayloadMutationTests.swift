import Foundation
import QRDeskCore
import Testing

/// Lint against corrupted payloads: each mutation of a clean payload is reported with its field and code, and
/// none is accepted.
@Suite struct PayloadMutationTests {
    static let clean: [(PaymentScheme, [String: String])] = [
        (
            .pix,
            ["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "80.00", "txid": "VISITA42"]
        ),
        (.pix, ["key": "+5511987654321", "name": "Studio Nova", "city": "RIO", "description": "Corte"]),
        (.promptpay, ["phone": "0812345678", "amount": "350.00"]),
        (.paynow, ["uen": "201403121W", "name": "NOVA CLINIC", "amount": "45.50", "reference": "INV42"]),
        (.paynow, ["mobile": "+6591234567", "name": "LUNA SPA", "editable": "true", "expiry": "2027-03-31"]),
        (.vietqr, ["bank-bin": "970415", "account": "0011001932418", "amount": "250000", "purpose": "cat toc"]),
        (
            .epc,
            [
                "name": "Praxis Dr. Weber", "iban": "DE89370400440532013000", "amount": "65.00",
                "reference": "RF18539007547034",
            ]
        ),
        (
            .swiss,
            [
                "iban": "CH4431999123000889012", "creditor-name": "Physio Zuerich", "creditor-street": "Bahnhofstrasse",
                "creditor-building": "1", "creditor-postcode": "8001", "creditor-town": "Zuerich",
                "creditor-country": "CH",
                "amount": "120.00", "currency": "CHF", "reference": "210000000003139471430009017",
            ]
        ),
        (
            .spayd,
            ["iban": "CZ6508000000192000145399", "amount": "480.50", "message": "Strih*barva", "vs": "1234567890"]
        ),
        (.upi, ["vpa": "lunaspa@okaxis", "name": "Luna Spa", "amount": "499.00", "note": "Facial 60 min"]),
    ]

    func payload(_ index: Int) throws -> String {
        try PayloadBuilder.build(Self.clean[index].0, SchemeFieldValues(Self.clean[index].1)).text
    }

    func errors(_ text: String) -> [PayloadProblem] { PayloadLinter.lint(text).problems.filter(\.isError) }

    @Test func everyBuiltPayloadIsClean() throws {
        for index in Self.clean.indices {
            let report = PayloadLinter.lint(try payload(index))
            #expect(report.scheme == Self.clean[index].0)
            #expect(report.problems.filter(\.isError) == [], "\(Self.clean[index].0)")
        }
    }

    /// Every single-character substitution anywhere in an EMV code is caught (the CRC alone sees them all).
    @Test func everyCharacterFlipOfAnEMVCodeIsCaught() throws {
        var tried = 0
        for index in Self.clean.indices where [.pix, .promptpay, .paynow, .vietqr].contains(Self.clean[index].0) {
            let scalars = Array(try payload(index).unicodeScalars)
            for position in scalars.indices {
                var mutated = scalars
                mutated[position] =
                    scalars[position] == "7" ? "8" : (("0"..."9").contains(scalars[position]) ? "7" : "X")
                if mutated[position] == scalars[position] { mutated[position] = "Y" }
                let text = String(String.UnicodeScalarView(mutated))
                #expect(!errors(text).isEmpty, "accepted: \(text)")
                tried += 1
            }
        }
        #expect(tried > 600)
    }

    @Test func aCorruptCRCIsNamedWithBothValues() throws {
        let text = try payload(0)
        let crc = String(text.suffix(4))
        let wrong = crc == "0000" ? "0001" : "0000"
        let problems = errors(String(text.dropLast(4)) + wrong)
        #expect(problems.map(\.field) == ["tag 63"])
        #expect(problems.map(\.code) == ["crc-mismatch"])
        #expect(problems.first?.message == "CRC is \(wrong), the payload's bytes give \(crc)")
        #expect(
            errors(String(text.dropLast(4)) + crc.lowercased()).map(\.code)
                == (crc.lowercased() == crc ? [] : ["crc-case"]))
    }

    /// Rebuilds an EMV code from edited data objects with a correct CRC, so only the edit is to blame.
    func emv(_ text: String, editing edit: (inout [(id: String, value: String)]) -> Void) -> String {
        var objects: [(id: String, value: String)] = []
        var rest = Substring(text)
        while rest.count >= 4, let length = Int(rest.dropFirst(2).prefix(2)) {
            let scalars = Array(rest.unicodeScalars)
            let value = String(String.UnicodeScalarView(scalars[4..<(4 + length)]))
            objects.append((String(rest.prefix(2)), value))
            rest = Substring(String(String.UnicodeScalarView(scalars[(4 + length)...])))
        }
        objects.removeLast()  // the CRC
        edit(&objects)
        let body = objects.map { $0.id + String(format2: $0.value.unicodeScalars.count) + $0.value }.joined()
        return EMVCode.withCRC(body)
    }

    @Test func aDroppedMandatoryTagIsNamed() throws {
        for (index, tag) in [(0, "59"), (0, "53"), (2, "58"), (3, "60"), (0, "62")] {
            let text = emv(try payload(index)) { $0.removeAll { $0.id == tag } }
            let problems = errors(text)
            #expect(problems.contains { $0.field == "tag \(tag)" && $0.code == "missing-tag" }, "\(problems)")
        }
        // Without its merchant account template a VietQR code names no profile and nobody to pay.
        let orphan = emv(try payload(5)) { $0.removeAll { $0.id == "38" } }
        #expect(errors(orphan).contains { $0.field == "tags 02–51" && $0.code == "missing-tag" })
    }

    @Test func aLengthThatDisagreesWithItsValueIsNamed() throws {
        let text = try payload(0)
        // Tag 59 "Salao Bela" is 10 characters; say 11 and 09.
        for wrong in ["11", "09"] {
            let mutated = text.replacingFirst("5910Salao Bela", with: "59\(wrong)Salao Bela")
            let problems = errors(mutated)
            #expect(!problems.isEmpty)
            #expect(problems.contains { $0.code == "length-mismatch" || $0.code == "crc-mismatch" }, "\(problems)")
        }
        // With the CRC recomputed the layout itself is blamed.
        let relaid = EMVCode.withCRC(String(text.replacingFirst("5910Salao Bela", with: "5911Salao Bela").dropLast(8)))
        #expect(errors(relaid).contains { $0.code == "length-mismatch" }, "\(errors(relaid))")
    }

    @Test func anOverlongPIXNameAndCityAreNamed() throws {
        let text = emv(try payload(0)) { objects in
            for index in objects.indices where objects[index].id == "59" {
                objects[index].value = String(repeating: "N", count: 26)
            }
            for index in objects.indices where objects[index].id == "60" {
                objects[index].value = String(repeating: "C", count: 16)
            }
        }
        let problems = errors(text)
        #expect(problems.contains { $0.field == "tag 59" && $0.code == "too-long" })
        #expect(problems.contains { $0.field == "tag 60" && $0.code == "too-long" })
        // Accents are kept and warned about, not refused.
        let accented = emv(try payload(0)) { objects in
            for index in objects.indices where objects[index].id == "59" { objects[index].value = "Salão Bela" }
        }
        let report = PayloadLinter.lint(accented)
        #expect(report.isClean)
        #expect(report.problems.map(\.code) == ["non-ascii"])
    }

    @Test func invalidCheckDigitsAreNamed() throws {
        // A CPF key with a wrong check digit, CRC recomputed.
        let pix = emv(try payload(0)) { objects in
            for index in objects.indices where objects[index].id == "26" {
                objects[index].value = objects[index].value.replacingFirst("11144477735", with: "11144477736")
            }
        }
        #expect(errors(pix).contains { $0.field == "tag 26.01" && $0.code == "pix-key" })
        let epc = try payload(6)
        #expect(
            errors(epc.replacingFirst("DE89370400440532013000", with: "DE89370400440532013001")).map(\.field) == [
                "IBAN"
            ])
        #expect(errors(epc.replacingFirst("RF18539007547034", with: "RF18539007547035")).map(\.code) == ["check-digit"])
        let swiss = try payload(7)
        #expect(
            errors(swiss.replacingFirst("210000000003139471430009017", with: "210000000003139471430009018")).map(
                \.field) == ["reference"])
        #expect(
            errors(swiss.replacingFirst("CH4431999123000889012", with: "CH4431999123000889013")).contains {
                $0.field == "IBAN"
            })
        let spayd = try payload(8)
        #expect(
            errors(spayd.replacingFirst("CZ6508000000192000145399", with: "CZ6508000000192000145398")).map(\.field) == [
                "ACC"
            ])
        // A QR-IBAN without a QR reference, and a plain IBAN with one.
        #expect(
            errors(swiss.replacingFirst("QRR\r\n210000000003139471430009017", with: "NON\r\n")).map(\.code) == [
                "qrr-required"
            ])
    }

    @Test func schemeSpecificRulesAreNamed() throws {
        let epc = try payload(6)
        #expect(errors(epc.replacingFirst("EUR65", with: "EUR1000000000")).map(\.code) == ["amount-range"])
        #expect(errors(epc.replacingFirst("EUR65", with: "EUR0")).map(\.code) == ["amount-range"])
        #expect(errors(epc + "\n").map(\.code).contains("trailing-empty-line"))
        let spayd = try payload(8)
        #expect(spayd.contains("MSG:Strih%2Abarva"))
        #expect(errors(spayd.replacingFirst("%2A", with: "*")).map(\.code) == ["unescaped-star"])
        let upi = try payload(9)
        #expect(upi == "upi://pay?pa=lunaspa@okaxis&pn=Luna%20Spa&am=499.00&cu=INR&tn=Facial%2060%20min")
        #expect(errors(upi.replacingFirst("lunaspa@okaxis", with: "lunaspa")).map(\.code) == ["invalid-vpa"])
        #expect(errors(upi.replacingFirst("cu=INR", with: "cu=USD")).map(\.field) == ["cu"])
        // A signed UPI string is linted as given, never rebuilt.
        let signed = upi + "&sign=MEUCIQDx%2Babc"
        #expect(PayloadLinter.lint(signed).isClean)
        #expect(try SchemePayload(text: signed).text == signed)
    }

    @Test func garbageIsRefusedWithoutCrashing() {
        for text in [
            "", "0", "000201", "00020101", "0002010102", "6304", "000201630", "BCD", "SPC", "SPD*", "upi://pay?",
            "upi://pay?pa=%", "upi://pay?pa=%ZZ", "SPD*1.0*", "BCD\n", "SPC\r\n", String(repeating: "9", count: 5000),
            "https://pay.example.com/p/1", "00029901",
        ] {
            #expect(!PayloadLinter.lint(text).isClean, "accepted: \(text)")
        }
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
