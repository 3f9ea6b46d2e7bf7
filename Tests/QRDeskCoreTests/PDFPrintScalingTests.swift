import Foundation
import Testing
@testable import QRDeskCore

@Suite("PDF print scaling")
struct PDFPrintScalingTests {
    /// A minimal classic PDF shaped like Cairo's output, with every offset right (computed, not typed).
    static func classicPDF() -> String {
        var text = "%PDF-1.4\n"
        let pagesOffset = text.utf8.count
        text += "1 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        let catalogOffset = text.utf8.count
        text += "2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n"
        let xrefOffset = text.utf8.count
        func entry(_ offset: Int) -> String {
            String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        text += "xref\n0 3\n0000000000 65535 f \n\(entry(pagesOffset))\(entry(catalogOffset))"
        text += "trailer\n<< /Size 3\n   /Root 2 0 R\n>>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        return text
    }

    @Test func appendsAnIncrementalUpdateWithPrintScalingNone() throws {
        let original = Self.classicPDF()
        let patched = String(decoding: try PDFPrintScaling.apply(to: Array(original.utf8)), as: UTF8.self)
        #expect(patched.hasPrefix(original))
        let update = patched.dropFirst(original.utf8.count)
        #expect(
            update.contains(
                "2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n   /ViewerPreferences << /PrintScaling /None "
                    + ">>\n>>\nendobj"
            ))
        let previous = try #require(original.range(of: "xref\n")).lowerBound.utf16Offset(in: original)
        #expect(update.contains("/Prev \(previous)"))
        // The new xref entry points at the new catalog object, and the new startxref at the new xref.
        let offset = original.utf8.count
        #expect(
            update.contains(
                "xref\n2 1\n\(String(repeating: "0", count: 10 - String(offset).count))\(offset) 00000 n \n"))
        let newXref = offset + (try #require(update.range(of: "xref\n2 1")).lowerBound.utf16Offset(in: update))
        #expect(update.hasSuffix("startxref\n\(newXref)\n%%EOF\n"))
        // And a real PDF reader accepts the result and sees the preference.
        let check = try qpdf(["--check"], patched)
        #expect(check.contains("No syntax or stream encoding errors"), "\(check)")
        #expect(try qpdf(["--show-object=trailer", "--filtered-stream-data"], patched).contains("/Root 2 0 R"))
    }

    /// A startxref that points nowhere is refused rather than patched into a file readers reject.
    @Test func wrongStartXrefIsRefused() {
        let broken = Self.classicPDF().replacingOccurrences(of: "startxref\n", with: "startxref\n1")
        #expect(throws: PDFPrintScaling.PatchError.self) { try PDFPrintScaling.apply(to: Array(broken.utf8)) }
    }

    /// Newer Cairo writes cross-reference streams and object streams; such a file (made by qpdf) is refused
    /// with a clear error instead of crashing or corrupting it. qrdesk itself pins Cairo to PDF 1.5, which Cairo 1.16
    /// writes with a classic table.
    @Test func crossReferenceStreamsAreRefusedCleanly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrdesk-objstm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.pdf")
        try Data(Self.classicPDF().utf8).write(to: input)
        _ = try Self.run("qpdf", ["--object-streams=generate", input.path, output.path])
        let modern = [UInt8](try Data(contentsOf: output))
        #expect(String(decoding: modern, as: UTF8.self).contains("/XRef"))
        #expect(throws: PDFPrintScaling.PatchError.crossReferenceStream) { try PDFPrintScaling.apply(to: modern) }
    }

    func qpdf(_ arguments: [String], _ pdf: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "qrdesk-scaling-\(UUID().uuidString).pdf")
        try Data(pdf.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Self.run("qpdf", arguments + [file.path])
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
