import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// Print-at-home sheets measured on their PDFs: as many copies as fit on A4 or Letter with their ink 5 mm inside
/// the sheet's edge, every copy's code read back, dashed cut guides along every cut, and nothing at all within
/// 5 mm of the edge; a two-sided card's fronts and backs on two pages.
@Suite("Print-at-home sheets")
struct HomeSheetTests {
    static let expected: [(template: String, sheet: String, copies: Int)] = [
        ("appointment-card", "a4", 10), ("appointment-card", "letter", 10), ("card-a6", "a4", 2),
        ("card-a6", "letter", 2), ("stand-4x6", "a4", 2), ("stand-4x6", "letter", 2), ("tent-a6", "a4", 2),
        ("insert-dl", "a4", 2), ("sticker-100", "letter", 4),
    ]

    @Test(arguments: expected)
    func copiesFitWithTheirInkInsideTheOfficeMargin(template: String, sheet: String, copies: Int) throws {
        var request = try Cards.request(template: template, variants: [.color, .bw], formats: [.pdf])
        request.content.logoPNG = try Logo.sample()
        request.printSheet = sheet
        let artifacts = try Cards.render(request)
        let sheets = artifacts.filter { $0.fileName.hasSuffix("-\(sheet).pdf") }
        #expect(sheets.map(\.fileName) == ["color", "bw"].map { "\(template)-\($0)-\(sheet).pdf" })
        let sides = try Cards.library.card(template).front == nil ? 1 : 2
        let codesPerCopy = try Cards.codesPerFile(template)
        for artifact in sheets {
            let reader = try PDFReadBack(artifact.bytes)
            #expect(reader.pageCount == sides)
            let report = FileAudit(gates: AuditGates(expect: TestSupport.sampleLink)).audit(
                artifact.bytes, name: artifact.fileName)
            #expect(report.passed && report.codes.count == copies * codesPerCopy, "\(artifact.fileName): \(report)")
            for page in 1...sides {
                let image = try TestSupport.rasterizePDF(artifact.bytes, dpi: 72, page: page)
                let size = try #require(HomeSheet.sheets[sheet])
                #expect(abs(Double(image.width) - size.width) <= 1 && abs(Double(image.height) - size.height) <= 1)
                // 5 mm is 14.2 points: the outer 14 rows and columns carry no ink.
                let margin = 14
                let inked = (0..<image.height).contains { y in
                    (0..<image.width).contains { x in
                        (x < margin || y < margin || x >= image.width - margin || y >= image.height - margin)
                            && image[x, y] < 250
                    }
                }
                #expect(!inked, "\(artifact.fileName) page \(page): ink within 5 mm of the edge")
            }
        }
        print("\(template) on \(sheet): \(copies) copies")
    }

    /// The guides lie along every cut between copies, dashed, never within 5 mm of the edge.
    @Test func guidesRunAlongTheCuts() throws {
        let request = try Cards.request(template: "appointment-card", variants: [.color], formats: [.pdf])
        let document = try #require(try CardRenderer(library: try Cards.library).documents(for: request)[.color])
        let card = document.pages[1]
        let sheet = try HomeSheet(sheetName: "a4", card: card.size, ink: HomeSheet.ink(of: [card]))
        #expect(sheet.columns == 2 && sheet.rows == 5)
        let page = sheet.page(of: card, blackAndWhite: false)
        let guides = page.items.filter { $0.name == HomeSheet.guideName }
        // Three vertical cuts (left, middle, right) and six horizontal ones, each inside the 5 mm margin.
        #expect(guides.count == 9, "\(guides.count) guides")
        let margin = HomeSheet.edgeMargin
        for guide in guides {
            guard case let .line(from, to, color, _, dashed) = guide.shape else { Issue.record("not a line"); continue }
            #expect(dashed && color == HomeSheet.guideColor)
            for point in [from, to] {
                #expect(point.x >= margin - 1e-6 && point.x <= page.size.width - margin + 1e-6)
                #expect(point.y >= margin - 1e-6 && point.y <= page.size.height - margin + 1e-6)
            }
        }
    }

    @Test func aSheetIsRefusedWhereItCannotApply() throws {
        let decoder = CardRequestDecoder(library: try Cards.library, linkPolicy: .strict, door: .commandLine)
        for (values, phrase) in [
            (["template": "card-a6", "printSheet": "a3"], "expected a4 or letter"),
            (["template": "slip-80mm", "printSheet": "a4"], "roll"),
        ] {
            do {
                _ = try decoder.decode(
                    CardRequestDecoder.textValues(values.merging(["link": TestSupport.sampleLink, "name": "N"]) { $1 }))
                Issue.record("\(values) was accepted")
            } catch {
                #expect(error.key == CardKeys.printSheet && error.reason.contains(phrase), "\(error.reason)")
            }
        }
    }
}
