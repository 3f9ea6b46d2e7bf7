import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// Scheme payloads printed as cards: every scheme on every template, variant and format decodes back byte for
/// byte and passes `verify`, which names its scheme; a payload lint refuses never reaches a card.
@Suite struct SchemeCardTests {
    static let payloads: [(PaymentScheme, [String: String])] = [
        (.pix, ["key": "11144477735", "name": "Salão Bela", "city": "SAO PAULO", "amount": "80.00"]),
        (.promptpay, ["phone": "0812345678", "amount": "350.00"]),
        (.paynow, ["uen": "201403121W", "name": "NOVA CLINIC", "amount": "45.50"]),
        (.vietqr, ["bank-bin": "970415", "account": "0011001932418", "amount": "250000", "purpose": "cat toc"]),
        (
            .epc,
            ["name": "Praxis Dr. Weber", "iban": "DE89370400440532013000", "amount": "65.00", "text": "Termin 4711"]
        ),
        (.spayd, ["iban": "CZ6508000000192000145399", "amount": "480.50", "message": "Strih"]),
        (.upi, ["vpa": "lunaspa@okaxis", "name": "Luna Spa", "amount": "499.00"]),
    ]

    static let templates = ["counter-a5", "poster-a4", "poster-letter", "card-a6", "sticker-100"]

    func request(_ values: [String: String]) throws -> CardRequest {
        try CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine).decode(
            CardRequestDecoder.textValues(values))
    }

    func payload(_ index: Int) throws -> String {
        try PayloadBuilder.build(Self.payloads[index].0, SchemeFieldValues(Self.payloads[index].1)).text
    }

    @Test(arguments: templates)
    func everySchemeScansOnEveryVariantAndFormat(template: String) throws {
        for index in Self.payloads.indices {
            let text = try payload(index)
            let request = try request([
                "payload": text, "name": "Studio Nova", "template": template, "format": "pdf,svg,png",
                "scanDistance": "0.5m", "dpi": "150",
            ])
            let artifacts = try Cards.render(request)
            #expect(artifacts.count == 5)
            for artifact in artifacts {
                #expect(try Cards.decode(artifact) == [text], "\(Self.payloads[index].0) \(artifact.fileName)")
                let report = FileAudit(gates: AuditGates()).audit(artifact.bytes, name: artifact.fileName)
                #expect(report.passed, "\(artifact.fileName): \(report.problems) \(report.codes.map(\.problems))")
                #expect(report.codes.map(\.scheme) == [Self.payloads[index].0.rawValue])
                if Self.payloads[index].0 == .epc { #expect(report.codes.map(\.errorCorrection) == ["M"]) }
            }
        }
    }

    @Test func theCardNamesThePayeeNotThePayload() throws {
        let text = try payload(0)
        let artifacts = try Cards.render(
            try request([
                "payload": text, "name": "Salão Bela", "format": "pdf", "variant": "color", "scanDistance": "0.8m",
            ]))
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("card.pdf")
        try Data(artifacts[0].bytes).write(to: file)
        let extracted = try TestSupport.run("pdftotext", [file.path, "-"]).stdout
        #expect(extracted.contains("Pay to: Salão Bela · PIX"))
        #expect(!extracted.contains("br.gov.bcb.pix"))
        #expect(!extracted.contains("Or open:"))
    }

    @Test func aPayloadThatFailsLintIsRefusedWithTheLintsWords() throws {
        let text = try payload(0)
        let broken = String(text.dropLast(4)) + "0000"
        #expect {
            try request(["payload": broken, "name": "Salao Bela"])
        } throws: { error in
            let refusal = try #require(error as? RequestError)
            return refusal.key == CardKeys.payload && refusal.code == "payload-invalid"
                && refusal.description(for: .commandLine).hasPrefix(
                    "--payload: the PIX payload is not valid: tag 63: CRC is 0000")
        }
    }

    @Test func standardsWinOverOptions() throws {
        // EPC is printed at M whatever else would be chosen, and another level is refused.
        #expect(try request(["payload": try payload(4), "name": "Praxis"]).errorCorrection == .medium)
        #expect(throws: RequestError.self) { try request(["payload": try payload(4), "name": "Praxis", "ecc": "L"]) }
        // A link and a payload together are refused, and so is neither.
        #expect(throws: RequestError.self) {
            try request(["payload": try payload(4), "link": TestSupport.sampleLink, "name": "Praxis"])
        }
        #expect(throws: RequestError.self) { try request(["name": "Praxis"]) }
        // The Swiss bill's code needs its cross and its payment part, which cards do not draw.
        let swiss = try PayloadBuilder.build(
            .swiss,
            SchemeFieldValues([
                "iban": "CH9300762011623852957", "creditor-name": "Physio Zuerich", "creditor-postcode": "8001",
                "creditor-town": "Zuerich", "creditor-country": "CH", "currency": "CHF",
            ]))
        #expect {
            try request(["payload": swiss.text, "name": "Physio"])
        } throws: { error in
            (error as? RequestError)?.reason.contains("Swiss cross") == true
        }
    }

    @Test func anAllowListOfPayeesRefusesAnyOtherAccount() throws {
        let decoder = CardRequestDecoder(
            library: try Cards.library, linkPolicy: LinkPolicy(allowedPayees: ["DE89 3704 0044 0532 0130 00"]),
            door: .commandLine)
        _ = try decoder.decode(CardRequestDecoder.textValues(["payload": try payload(4), "name": "Praxis"]))
        let other = try PayloadBuilder.build(
            .epc, SchemeFieldValues(["name": "Praxis", "iban": "DE33100205000001194700", "amount": "65"]))
        #expect {
            try decoder.decode(CardRequestDecoder.textValues(["payload": other.text, "name": "Praxis"]))
        } throws: { error in
            (error as? RequestError)?.code == "payload-payee"
        }
        // verify holds any file to the same list.
        let artifacts = try Cards.render(
            try request(["payload": other.text, "name": "Praxis", "format": "png", "variant": "bw", "dpi": "150"]))
        let gates = AuditGates(allowedPayees: ["DE89370400440532013000"])
        let report = FileAudit(gates: gates).audit(artifacts[0].bytes, name: "card.png")
        #expect(!report.passed)
        #expect(report.codes.first?.problems.first?.contains("not an allowed payee") == true)
    }

    @Test func aReceiptBalanceCanBePaidByASchemeCode() throws {
        let receipt = """
            {"number": "R-1", "visit": {"id": "V-1", "date": "2026-03-01T10:00:00-03:00"},
             "location": {"name": "Salao Bela"}, "currency": "BRL",
             "items": [{"kind": "service", "name": "Corte", "quantity": "1", "unitPrice": "120.00",
                        "tax": {"system": "none", "rate": "0"}}],
             "payments": [{"method": "cash", "amount": "40.00", "time": "2026-03-01T10:30:00-03:00",
                           "attribute": "partial-payment"}],
             "paymentPayload": "PAYLOAD"}
            """
        let due = try PayloadBuilder.build(
            .pix,
            SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "80.00"]))
        let parsed = try ReceiptReader.parse(
            receipt.replacingOccurrences(of: "PAYLOAD", with: due.text), file: "r.json")
        #expect(parsed.balanceCode?.text == due.text)
        let wrong = try PayloadBuilder.build(
            .pix,
            SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO", "amount": "8.00"]))
        #expect {
            try ReceiptReader.parse(receipt.replacingOccurrences(of: "PAYLOAD", with: wrong.text), file: "r.json")
        } throws: { error in
            "\(error)".contains("asks for 8.00 BRL, but the balance due is 80.00 BRL")
        }
        let open = try PayloadBuilder.build(
            .pix, SchemeFieldValues(["key": "11144477735", "name": "Salao Bela", "city": "SAO PAULO"]))
        #expect(throws: ReceiptError.self) {
            try ReceiptReader.parse(receipt.replacingOccurrences(of: "PAYLOAD", with: open.text), file: "r.json")
        }
    }
}
