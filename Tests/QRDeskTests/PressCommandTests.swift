import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// `--press` and `qrdesk preflight` from the command line and a list, as a print run uses them.
@Suite("Press files from the command line")
struct PressCommandTests {
    @Test func cardWritesPressFilesThatPreflightPasses() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let card = try sandbox.qrdesk([
            "card", "--name", "Studio Nova", "--link", TestSupport.sampleLink, "--format", "pdf", "--press",
            "--crop-marks", "--output-condition", "fogra51", "--accent-cmyk", "100,72,0,18", "--out", "out",
        ])
        #expect(card.status == 0, "\(card.stderr)")
        let written = card.stdout.split(separator: "\n").map(String.init)
        #expect(
            written == [
                "out/studio-nova/counter-a5-color.pdf", "out/studio-nova/counter-a5-bw.pdf",
                "out/studio-nova/counter-a5-color-press.pdf", "out/studio-nova/counter-a5-bw-press.pdf",
            ])
        let press = written.filter { $0.hasSuffix("-press.pdf") }
        let good = try sandbox.qrdesk(["preflight", "--json"] + press)
        #expect(good.status == 0, "\(good.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        let bytes = try Data(contentsOf: sandbox.root.appendingPathComponent(press[0]))
        #expect(String(decoding: bytes, as: UTF8.self).contains("/OutputConditionIdentifier (FOGRA51)"))

        // The screen PDF fails x1a (exit 1) and passes qr-only; a file that is not a PDF exits 2.
        let screen = try sandbox.qrdesk(["preflight", written[0]])
        #expect(screen.status == 1 && screen.stdout.contains("colour-space:"), "\(screen.stdout)")
        #expect(try sandbox.qrdesk(["preflight", "--profile", "qr-only", written[0]]).status == 0)
        try sandbox.write("not a pdf", to: "note.pdf")
        let unreadable = try sandbox.qrdesk(["preflight", "note.pdf", press[0]])
        #expect(unreadable.status == 2 && unreadable.stdout.contains("UNREADABLE"), "\(unreadable.stdout)")
    }

    @Test(arguments: [
        (["--bleed", "3"], "--bleed: applies to press files only"),
        (["--press", "--bleed", "11"], "--bleed: expected millimetres from 0 to 10"),
        (["--press", "--output-condition", "FOGRA99"], "--output-condition: \"FOGRA99\" is not a registered"),
        (["--accent-cmyk", "100,72,0"], "--accent-cmyk: expected four percentages"),
        (["--press", "--icc", "missing.icc"], "missing.icc"),
    ])
    func badPressOptionsAreRefusedByName(_ options: [String], _ message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.qrdesk(
            ["card", "--name", "Studio Nova", "--link", TestSupport.sampleLink, "--out", "out"] + options)
        #expect(result.status != 0 && result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("out/studio-nova").path))
    }

    @Test func aListRowAsksForPressFiles() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "id,name,link,press,bleed\nnova,Studio Nova,\(TestSupport.sampleLink),yes,2\n"
                + "lumen,Lumen Clinic,https://pay.example.com/p/L2,no,\n", to: "list.csv")
        let result = try sandbox.qrdesk(["batch", "list.csv", "--variant", "color", "--format", "pdf", "--out", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let nova = try FileManager.default.contentsOfDirectory(
            atPath: sandbox.root.appendingPathComponent("out/nova").path)
        let lumen = try FileManager.default.contentsOfDirectory(
            atPath: sandbox.root.appendingPathComponent("out/lumen").path)
        #expect(Set(nova) == ["counter-a5-color.pdf", "counter-a5-color-press.pdf"])
        #expect(lumen == ["counter-a5-color.pdf"])
        let pdf = try [UInt8](
            Data(contentsOf: sandbox.root.appendingPathComponent("out/nova/counter-a5-color-press.pdf")))
        let report = Preflight().check(pdf, name: "nova")
        #expect(report.passed, "\(report.findings)")
    }

    /// `--sheet` with press rows: a press sheet beside the screen one, PDF/X-1a with the sheet as its trim, holding
    /// the press rows' cards (each read back), and listed in the manifest.
    @Test func pressRowsGoOntoPressSheets() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "id,name,link,template,press\na,Studio A,https://pay.example.com/p/A1,card-a6,yes\n"
                + "b,Studio B,https://pay.example.com/p/B2,card-a6,yes\n"
                + "c,Studio C,https://pay.example.com/p/C3,card-a6,\n",
            to: "list.csv")
        let result = try sandbox.qrdesk([
            "batch", "list.csv", "--sheet", "a3", "--nup", "4", "--variant", "color", "--format", "pdf", "--out", "out",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = sandbox.root.appendingPathComponent("out/_sheets")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: sheets.path))
                == ["card-a6-color-a3-4up.pdf", "card-a6-color-a3-4up-press.pdf"])
        let press = try [UInt8](Data(contentsOf: sheets.appendingPathComponent("card-a6-color-a3-4up-press.pdf")))
        let report = Preflight().check(press, name: "sheet")
        #expect(report.passed, "\(report.findings)")
        #expect(Set(report.codes.map(\.payload)) == ["https://pay.example.com/p/A1", "https://pay.example.com/p/B2"])
        let graph = try PDFObjectReader.read(press, name: "sheet")
        let page = try #require(graph.pages.first)
        #expect(PDFRect(box: page["TrimBox"]) == PDFRect(box: page["MediaBox"]))
        let manifest = try String(contentsOf: sandbox.root.appendingPathComponent("out/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("_sheets/card-a6-color-a3-4up-press.pdf"))
    }
}
