import Foundation
import Testing
import TestSupport

/// The built `qrdesk` binary, run as a user would: paths printed, exit codes, messages, nothing written on error.
@Suite("qrdesk command line")
struct CLITests {
    func qrdesk(_ arguments: [String], in folder: URL) throws -> TestSupport.ProcessResult {
        try TestSupport.qrdesk(arguments, in: folder)
    }

    func filesUnder(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter {
            !$0.hasSuffix("/")
        }.sorted()
    }

    @Test func cardWritesTheThreeDefaultFilesAndPrintsTheirPaths() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try qrdesk(
            ["card", "--link", TestSupport.sampleLink, "--name", "Salón Luna", "--lang", "es"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == ["color.pdf", "color.svg", "bw.pdf"].map { "output/salon-luna/counter-a5-\($0)\n" }.joined()
        )
        #expect(
            filesUnder(folder.appendingPathComponent("output/salon-luna")) == [
                "counter-a5-bw.pdf", "counter-a5-color.pdf", "counter-a5-color.svg",
            ])
        // A second process writes the same bytes.
        let first = try Data(contentsOf: folder.appendingPathComponent("output/salon-luna/counter-a5-color.pdf"))
        _ = try qrdesk(
            ["card", "--link", TestSupport.sampleLink, "--name", "Salón Luna", "--lang", "es", "--out", "again"],
            in: folder)
        #expect(try Data(contentsOf: folder.appendingPathComponent("again/salon-luna/counter-a5-color.pdf")) == first)
    }

    @Test func jsonListsWhatWasWritten() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try qrdesk(
            [
                "card", "--link", TestSupport.sampleLink, "--name", "Studio Nova", "--template", "sticker-100",
                "--variant", "bw", "--format", "png,pdf", "--dpi", "150", "--json", "--out", "kit",
            ], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        struct Listing: Decodable {
            struct Entry: Decodable { let path, template, variant, format: String; let bytes: Int };
            let artifacts: [Entry]
        }
        let listing = try JSONDecoder().decode(Listing.self, from: Data(result.stdoutBytes))
        #expect(
            listing.artifacts.map(\.path) == [
                "kit/studio-nova/sticker-100-bw.pdf", "kit/studio-nova/sticker-100-bw.png",
            ])
        for entry in listing.artifacts {
            let size =
                try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(entry.path).path)[.size]
                as? Int
            #expect(size == entry.bytes)
        }
    }

    @Test(arguments: [
        (
            ["--link", "http://pay.example.com/p/1"],
            "--link: link \"http://pay.example.com/p/1\" is not https; a payment page must be served over https; pass "
                + "--allow-http"
        ),
        (["--link", "https://evil.example/p/1", "--allowed-host", "pay.example.com"], "not an allowed host"),
        (["--link", "https://pay.example.com/p/1", "--accent", "#7C7C7C"], "choose a darker --accent"),
        (["--link", "https://pay.example.com/p/1", "--qr-color", "#BBBBBB"], "too little to scan reliably"),
        (
            ["--link", "https://pay.example.com/p/1", "--template", "nope"],
            "no template \"nope\"; known templates: appointment-card, card-a6"
        ),
        (["--link", "https://pay.example.com/p/1", "--lang", "xx"], "--lang: no texts for \"xx\""),
        (
            [
                "--link", "https://pay.example.com/p/" + String(repeating: "a", count: 1000), "--template",
                "sticker-100",
            ],
            "the template is read from 0.5 m, which needs modules of at least 0.91 mm; shorten the link to at most "
                + "271 bytes"
        ),
        (
            [
                "--link", "https://pay.example.com/p/" + String(repeating: "a", count: 1500), "--template",
                "sticker-100", "--scan-distance", "10cm",
            ],
            "below the 0.5 mm a printer and a phone camera need"
        ),
    ])
    func badInputFailsWithAMessageAndWritesNothing(arguments: [String], message: String) throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try qrdesk(["card", "--name", "Studio Nova"] + arguments, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(filesUnder(folder).isEmpty, "files written: \(filesUnder(folder))")
    }

    @Test func templatesListsEverySizeAndAUserFolderCanAddOne() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try qrdesk(["templates"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("counter-a5       card     148mm × 210mm · QR 98mm"))
        #expect(result.stdout.contains("poster-letter    card     215.9mm × 279.4mm"))
        #expect(result.stdout.contains("epson-tm-t88     printer  576 dots at 203 dpi, cut partial, drawer, native QR"))
        // A user's template is picked up without any Swift change.
        let own = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        let a5 = try String(
            contentsOf: TestSupport.templatesDirectory.appendingPathComponent("counter-a5.yaml"), encoding: .utf8)
        try a5.replacingOccurrences(of: "id: counter-a5", with: "id: my-card").write(
            to: own.appendingPathComponent("my-card.yaml"), atomically: true, encoding: .utf8)
        let listed = try qrdesk(["templates", "--templates", "mine"], in: folder)
        #expect(listed.stdout.contains("my-card "))
        let card = try qrdesk(
            ["card", "--link", TestSupport.sampleLink, "--name", "X", "--template", "my-card", "--templates", "mine"],
            in: folder)
        #expect(card.status == 0, "\(card.stderr)")
        // A broken one is named with its field.
        try a5.replacingOccurrences(of: "height: 18mm", with: "height: 18").write(
            to: own.appendingPathComponent("my-card.yaml"), atomically: true, encoding: .utf8)
        let broken = try qrdesk(["templates", "--templates", "mine"], in: folder)
        #expect(broken.status == 1)
        #expect(
            broken.stderr.contains(
                "mine/my-card.yaml: line 17: elements[0].box.height: expected a length with its unit, such as "
                    + "\"70mm\""),
            "\(broken.stderr)")
    }
}

@Suite("qrdesk receipt")
struct ReceiptCLITests {
    func qrdesk(_ arguments: [String], in folder: URL, stdin: String? = nil) throws -> TestSupport.ProcessResult {
        guard let stdin else { return try TestSupport.qrdesk(arguments, in: folder) }
        try stdin.write(to: folder.appendingPathComponent("stdin.json"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
        return try TestSupport.run(
            "/bin/sh", ["-c", "\"$0\" \"$@\" < stdin.json", try TestSupport.qrdeskBinary()] + arguments,
            currentDirectory: folder, environment: environment)
    }

    @Test func readsStandardInputAndWritesToOutputReceipts() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try String(
            contentsOf: Receipts.examples.appendingPathComponent("partial-usd-en.json"), encoding: .utf8)
        let result = try qrdesk(["receipt", "-", "--format", "pdf,png"], in: folder, stdin: json)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "output/receipts/lux-2026-7781-receipt-80mm.pdf\noutput/receipts/lux-2026-7781-receipt-80mm.png\n")
    }

    @Test func refusedReceiptWritesNothing() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try String(contentsOf: Receipts.examples.appendingPathComponent("paid-eur-en.json"), encoding: .utf8)
            .replacingOccurrences(
                of: "\"footer\"", with: "\"paymentLink\": \"https://pay.example.com/p/again\", \"footer\"")
        try json.write(to: folder.appendingPathComponent("paid.json"), atomically: true, encoding: .utf8)
        let result = try qrdesk(["receipt", "paid.json"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("qrdesk: paid.json: paymentLink: the visit is fully paid"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("output").path))
    }
}
