import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// The two-sided appointment card measured on its files: the PDF's two 85 × 55 mm pages (the front's name, the
/// next visit's words and lines to write on, no code; the back's code, verified, and trust line), and the PNG and
/// SVG showing both sides side by side.
@Suite("Appointment card: two sides")
struct AppointmentCardTests {
    static func request(language: String, formats: [OutputFormat]) throws -> CardRequest {
        var request = try Cards.request(template: "appointment-card", language: language, formats: formats)
        request.dpi = 150
        return request
    }

    /// A poppler tool's output on the PDF, its path last but one (before `-`) or last.
    static func poppler(_ tool: String, _ pdf: [UInt8], _ arguments: [String], dash: Bool = true) throws -> String {
        let folder = try TestSupport.temporaryDirectory("qrdesk-appointment")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("card.pdf")
        try Data(pdf).write(to: file)
        return try TestSupport.run(tool, arguments + [file.path] + (dash ? ["-"] : [])).stdout
    }

    static func pdfText(_ pdf: [UInt8], page: Int) throws -> String {
        try poppler("pdftotext", pdf, ["-f", "\(page)", "-l", "\(page)"])
    }

    @Test(arguments: ["en", "de", "ru", "he"])
    func thePDFHasTheFrontThenTheBackWithTheCode(_ language: String) throws {
        let artifacts = try Cards.render(try Self.request(language: language, formats: [.pdf]))
        let strings = try Cards.library.strings
        for artifact in artifacts {
            let reader = try PDFReadBack(artifact.bytes)
            #expect(reader.pageCount == 2)
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.map(\.page) == [2], "\(report)")
            let front = try Self.pdfText(artifact.bytes, page: 1).filter { !$0.isFormatCharacter }
            for key in ["nextVisit", "visitDate", "visitTime"] {
                let words = strings.text(key, language: language)
                #expect(front.contains(words), "\(artifact.fileName) front lacks \(words): \(front)")
            }
            #expect(front.contains("Studio Nova"))
            let back = try Self.pdfText(artifact.bytes, page: 2).filter { !$0.isFormatCharacter }
            #expect(back.contains("pay.example.com"), "\(back)")
            // Both pages are 85 × 55 mm.
            let info = try Self.poppler("pdfinfo", artifact.bytes, ["-f", "1", "-l", "2"], dash: false)
            let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
            #expect(sizes.count == 2 && sizes.allSatisfy { $0.contains("240.945 x 155.906 pts") }, "\(sizes)")
        }
    }

    /// PNG and SVG: the sides side by side, 5 mm apart — 175 × 55 mm — and the code read back from the back.
    @Test func thePNGAndSVGShowBothSides() throws {
        let artifacts = try Cards.render(try Self.request(language: "en", formats: [.svg, .png]))
        #expect(artifacts.count == 3)
        for artifact in artifacts {
            let image =
                artifact.format == .svg
                ? try TestSupport.rasterizeSVG(artifact.bytes, dpi: 150) : try PNGDecoder.greyImage(artifact.bytes)
            let width = Double(image.width) / 150 * 25.4, height = Double(image.height) / 150 * 25.4
            #expect(abs(width - 175) < 0.5 && abs(height - 55) < 0.5, "\(artifact.fileName): \(width) × \(height)")
            // Ink on both halves: the front's words at the left, the code at the right.
            let half = image.width / 2
            let left = (0..<image.height).contains { y in (0..<half).contains { image[$0, y] < 128 } }
            let right = (0..<image.height).contains { y in (half..<image.width).contains { image[$0, y] < 128 } }
            #expect(left && right)
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.count == 1, "\(report)")
        }
    }
}
