import Foundation
import Testing
import TestSupport

/// `qrdesk payload` as scripts and CI use it: the payload exactly and one newline, exit 0/1/2, and JSON.
@Suite struct PayloadCommandTests {
    func qrdesk(_ arguments: [String], in folder: URL) throws -> TestSupport.ProcessResult {
        try TestSupport.qrdesk(arguments, in: folder)
    }

    @Test func buildPrintsThePayloadAndOneNewline() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pix = try qrdesk(
            [
                "payload", "build", "pix", "--key", "123e4567-e12b-12d1-a456-426655440000", "--name", "Fulano de Tal",
                "--city", "BRASILIA",
            ], in: folder)
        #expect(pix.status == 0, "\(pix.stderr)")
        #expect(
            pix.stdout
                == "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
                + "5913Fulano de Tal6008BRASILIA62070503***63041D3D\n")
        // EPC is several lines by its standard; still exactly one newline after it.
        let epc = try qrdesk(
            [
                "payload", "build", "epc", "--name", "Praxis", "--iban", "DE89 3704 0044 0532 0130 00", "--amount",
                "65",
                "--text", "Termin",
            ], in: folder)
        #expect(epc.stdout == "BCD\n002\n1\nSCT\n\nPraxis\nDE89370400440532013000\nEUR65\n\n\nTermin\n")
        // A switch takes no value.
        let paynow = try qrdesk(
            ["payload", "build", "paynow", "--uen", "201403121W", "--name", "NOVA", "--amount", "10", "--editable"],
            in: folder)
        #expect(paynow.status == 0, "\(paynow.stderr)")
        #expect(paynow.stdout.contains("0210201403121W03011"))
    }

    @Test func buildRefusesEveryProblemByFieldAndWritesNothing() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try qrdesk(
            ["payload", "build", "pix", "--key", "11144477736", "--nme", "X", "--city", "SAO PAULO PAULO PAULO"],
            in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains("--nme: pix has no field --nme (did you mean --name?)") })
        #expect(lines.contains { $0.contains("--key: 11144477736 fails the CPF check digits") })
        #expect(lines.contains { $0.contains("--city: has 21 characters; at most 15 are allowed") })
        let unknown = try qrdesk(["payload", "build", "pixx"], in: folder)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean pix?"))
    }

    @Test func lintExitsZeroOneOrTwoAndSpeaksJSON() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
        #expect(try qrdesk(["payload", "lint", good], in: folder).status == 0)
        let bad = try qrdesk(["payload", "lint", "--json", String(good.dropLast(4)) + "6198"], in: folder)
        #expect(bad.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        #expect(json["scheme"] as? String == "promptpay")
        let problems = try #require(json["problems"] as? [[String: String]])
        #expect(problems.map { $0["field"] } == ["tag 63"])
        #expect(problems.map { $0["code"] } == ["crc-mismatch"])
        #expect(problems.first?["message"] == "CRC is 6198, the payload's bytes give 6197")
        let fields = try #require(json["fields"] as? [[String: String]])
        #expect(fields.first { $0["name"] == "tag 29.01" }?["value"] == "0066801234567")
        // From a file (one final newline is not part of the payload), and from standard input.
        let file = folder.appendingPathComponent("code.txt")
        try Data((good + "\n").utf8).write(to: file)
        #expect(try qrdesk(["payload", "lint", "--file", file.path], in: folder).status == 0)
        let piped = try TestSupport.run(
            "/bin/sh",
            ["-c", "printf '%s' \"$1\" | \"$2\" payload lint --file -", "sh", good, try TestSupport.qrdeskBinary()])
        #expect(piped.status == 0, "\(piped.stdout)\(piped.stderr)")
        let missing = try qrdesk(
            ["payload", "lint", "--file", folder.appendingPathComponent("none.txt").path], in: folder)
        #expect(missing.status == 2)
        #expect(
            try qrdesk(["payload", "lint", "https://pay.example.com/p/1"], in: folder).stdout.contains(
                "print it with --link"))
    }

    @Test func cardPrintsAPayloadFromAFile() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = try qrdesk(
            ["payload", "build", "upi", "--vpa", "lunaspa@okaxis", "--name", "Luna Spa", "--amount", "499"], in: folder)
        let file = folder.appendingPathComponent("upi.txt")
        try Data(built.stdout.utf8).write(to: file)
        let card = try qrdesk(
            [
                "card", "--payload-file", file.path, "--name", "Luna Spa", "--template", "card-a6", "--format", "png",
                "--variant", "bw", "--scan-distance", "0.4m",
            ], in: folder)
        #expect(card.status == 0, "\(card.stderr)")
        let verify = try qrdesk(["verify", "--json", "output/luna-spa/card-a6-bw.png"], in: folder)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("\"scheme\" : \"upi\""))
        #expect(verify.stdout.contains("upi://pay?pa=lunaspa@okaxis&pn=Luna%20Spa&am=499.00&cu=INR"))
    }

    @Test func billDrawsTheSwissPaymentPart() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = try qrdesk(
            [
                "payload", "build", "swiss", "--iban", "CH9300762011623852957", "--creditor-name", "Physio Zuerich",
                "--creditor-postcode", "8001", "--creditor-town", "Zuerich", "--creditor-country", "CH",
                "--currency", "CHF",
            ], in: folder)
        #expect(built.status == 0, "\(built.stderr)")
        let file = folder.appendingPathComponent("bill.txt")
        try Data(built.stdout.utf8).write(to: file)
        let bill = try qrdesk(["payload", "bill", "--payload-file", file.path, "--lang", "it"], in: folder)
        #expect(bill.status == 0, "\(bill.stderr)")
        #expect(bill.stdout == "output/swiss-qr-bill-it.pdf\n")
        let text = try TestSupport.run(
            "pdftotext", [folder.appendingPathComponent("output/swiss-qr-bill-it.pdf").path, "-"])
        #expect(text.stdout.contains("Sezione pagamento") && text.stdout.contains("Pagabile da (nome/indirizzo)"))
        let epc = try qrdesk(
            ["payload", "bill", "--payload", "BCD\n002\n1\nSCT\n\nPraxis\nDE89370400440532013000\nEUR65"], in: folder)
        #expect(epc.status == 1)
        #expect(epc.stderr.contains("not for this EPC (GiroCode) code"))
    }
}
