import Foundation
import Testing
import QRDesk
import TestSupport

/// Inputs that are not regular files — a FIFO as a template, a logo, a receipt, a list — are refused at once,
/// with a message naming them, instead of blocking forever; nothing is written.
@Suite("Inputs that are not files")
struct NonFileInputTests {
    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let templates = sandbox.root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for path in ["templates/x.yaml", "logo.png", "receipt.json", "list.csv"] {
            #expect(mkfifo(sandbox.root.appendingPathComponent(path).path, 0o600) == 0)
        }
        let link = ["--link", TestSupport.sampleLink, "--name", "Studio Nova", "--out", "out"]
        let cases: [([String], String)] = [
            (["card"] + link + ["--templates", "templates"], "templates/x.yaml"),
            (["card"] + link + ["--logo", "logo.png"], "logo.png"),
            (["receipt", "receipt.json", "--out", "out"], "receipt.json"),
            (["batch", "list.csv", "--out", "out"], "list.csv"),
        ]
        for (arguments, name) in cases {
            if arguments.contains("logo.png") || arguments.contains("receipt.json") || arguments.contains("list.csv") {
                try? FileManager.default.removeItem(at: templates.appendingPathComponent("x.yaml"))
            }
            let result = try sandbox.qrdesk(arguments)
            #expect(result.status != 0)
            #expect(
                result.stderr.contains("\(name): is a named pipe (FIFO), not a regular file"),
                "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.out.path), "\(arguments) wrote into out/")
        }
        #expect(try String(contentsOf: sandbox.sentinel, encoding: .utf8) == Sandbox.sentinelText)
    }
}

/// A printer address holds an IPv6 literal only in brackets; anything else is refused rather than guessed.
@Suite("Printer addresses")
struct PrinterAddressTests {
    @Test func ipv6LiteralsMustBeBracketed() throws {
        #expect(try PrinterURI("tcp://[fe80::1]:9100") == .tcp(host: "fe80::1", port: 9100))
        #expect(try PrinterURI("tcp://[::1]") == .tcp(host: "::1", port: 9100))
        #expect(try PrinterURI("tcp://printer.local:9101") == .tcp(host: "printer.local", port: 9101))
        for bad in [
            "tcp://fe80::1", "tcp://fe80::1:9100", "tcp://[fe80::1]x", "tcp://[fe80::1", "tcp://[printer]:9100",
            "tcp://a:b:c",
        ] {
            #expect(throws: PrinterError.badURI(bad)) { try PrinterURI(bad) }
        }
    }
}
