import Foundation
import QRDesk
import QRDeskCore
import Testing
import TestSupport

/// `qrdesk preflight` measured both ways on a corpus made here: the good card passes every PDF/X-1a rule, and each
/// damaged copy fails exactly the rule it breaks, on its page.
@Suite("Preflight")
struct PreflightTests {
    typealias Corpus = PreflightCorpus

    static func check(_ corpus: Corpus, _ preflight: Preflight = Preflight()) throws -> PreflightReport {
        preflight.check(try corpus.bytes(), name: "corpus.pdf")
    }

    @Test func theGoodCardPassesAndItsCodeIsMeasuredAtTheTrim() throws {
        let report = try Self.check(Corpus())
        #expect(report.passed, "\(report.findings)")
        let code = try #require(report.codes.first)
        #expect(code.payload == Corpus.link)
        #expect(code.moduleMillimetres == 1.0)
        #expect((code.quietZoneInsideTrim ?? 0) >= 4)
    }

    /// One defect per file, as a shop's preflight would meet them.
    static let damaged: [(String, PreflightRule, @Sendable (inout Corpus) -> Void)] = [
        ("an RGB fill", .colourSpace, { $0.extra = "0 0 1 rg \(Corpus.at(60)) \(Corpus.at(20)) 30 30 re f\n" }),
        (
            "an RGB image", .colourSpace,
            {
                $0.images["Im1"] = Corpus.image(side: 100, colourSpace: "DeviceRGB")
                $0.extra = "q 20 0 0 20 \(Corpus.at(70)) \(Corpus.at(20)) cm /Im1 Do Q\n"
            }
        ),
        ("no TrimBox", .boxes, { $0.trimBox = nil }),
        (
            "a BleedBox inside the TrimBox", .boxes,
            {
                $0.bleedBox = "[\(Corpus.at(1)) \(Corpus.at(1)) \(Corpus.at(99)) \(Corpus.at(99))]"
            }
        ),
        (
            "an unembedded font", .fonts,
            {
                $0.fonts["F1"] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
                $0.extra = "0 0 0 1 k BT /F1 14 Tf \(Corpus.at(60)) \(Corpus.at(30)) Td (Pay) Tj ET\n"
            }
        ),
        (
            "a 0.05 pt hairline", .hairline,
            {
                $0.extra =
                    "0 0 0 1 K 0.05 w \(Corpus.at(60)) \(Corpus.at(30)) m \(Corpus.at(90)) \(Corpus.at(30)) l S\n"
            }
        ),
        (
            "a 150 ppi photo", .imageResolution,
            {
                $0.images["Im1"] = Corpus.image(side: 50, colourSpace: "DeviceCMYK")
                $0.extra = "q 24 0 0 24 \(Corpus.at(70)) \(Corpus.at(20)) cm /Im1 Do Q\n"
            }
        ),
        ("a quiet zone the trim cuts", .qrQuietZone, { $0.codeOrigin = (x: -3, y: 10) }),
        ("a code whose quiet zone reaches into the margin", .safeMargin, { $0.codeOrigin = (x: 1, y: 10) }),
        ("0.4 mm modules", .qrModule, { $0.moduleMillimetres = 0.4 }),
        (
            "text 1 mm from the trim", .safeMargin,
            {
                $0.fonts["F1"] = "type3"
                $0.extra = "0 0 0 1 k BT /F1 14 Tf \(Corpus.at(1)) \(Corpus.at(60)) Td (aaa) Tj ET\n"
            }
        ),
        (
            "a soft mask", .transparency,
            {
                $0.images["Im1"] = Corpus.image(side: 100, colourSpace: "DeviceCMYK", extra: "/SMask MASK")
                $0.extra = "q 20 0 0 20 \(Corpus.at(70)) \(Corpus.at(20)) cm /Im1 Do Q\n"
            }
        ),
        (
            "constant alpha", .transparency,
            {
                $0.extGStates["GS1"] = "<< /Type /ExtGState /ca 0.5 >>"
                $0.extra = "q /GS1 gs 0 0 0 1 k \(Corpus.at(60)) \(Corpus.at(20)) 30 30 re f Q\n"
            }
        ),
        ("a rich-black QR", .richBlack, { $0.moduleColour = "0.6 0.5 0.5 1 k" }),
        (
            "small text in four inks", .richBlack,
            {
                $0.fonts["F1"] = "type3"
                $0.extra = "0.6 0.5 0.5 1 k BT /F1 8 Tf \(Corpus.at(60)) \(Corpus.at(30)) Td (aaa) Tj ET\n"
            }
        ),
        (
            "a band short of the bleed", .bleed,
            {
                $0.band =
                    "0.8 0.2 0 0 k \(Corpus.at(0)) \(Corpus.at(80)) \(Corpus.n(100 * Corpus.millimetre)) 40 re f\n"
            }
        ),
        ("no PDF/X keys", .pdfxID, { $0.identity = false }),
        ("no output intent", .outputIntent, { $0.outputIntent = false }),
        ("no /Trapped", .trapped, { $0.trapped = false }),
    ]

    @Test(arguments: damaged.indices)
    func eachDefectFailsExactlyItsRule(_ index: Int) throws {
        let (name, rule, damage) = Self.damaged[index]
        var corpus = Corpus()
        damage(&corpus)
        let report = try Self.check(corpus)
        #expect(report.unreadable == nil, "\(name): \(report.unreadable ?? "")")
        #expect(Set(report.findings.map(\.rule)) == [rule], "\(name): \(report.findings)")
        let pageRules: Set<PreflightRule> = [.pdfxID, .outputIntent, .trapped]
        #expect(report.findings.allSatisfy { $0.page == (pageRules.contains(rule) ? nil : 1) }, "\(name)")
    }

    /// The scan-distance rule runs when a distance is given: 1 mm modules read from 0.5 m, not from 3 m.
    @Test func theScanDistanceRuleHoldsCodesToTheDistanceGiven() throws {
        let near = try Self.check(Corpus(), Preflight(scanDistance: ScanDistance(metres: 0.5)))
        let far = try Self.check(Corpus(), Preflight(scanDistance: ScanDistance(metres: 3)))
        #expect(near.passed, "\(near.findings)")
        #expect(far.findings.map(\.rule) == [.qrScanDistance], "\(far.findings)")
    }

    /// An office PDF from Cairo (RGB, a transparency group, no boxes, no PDF/X keys) fails x1a on exactly those
    /// rules, and passes qr-only: its code is fine.
    @Test func anOfficePDFFailsX1aAndPassesQROnly() throws {
        let request = CardRequest(
            content: CardContent(businessName: "Studio Nova", code: .link(try PaymentLink(Corpus.link))),
            variants: [.color], formats: [.pdf])
        let pdf = try #require(try CardRenderer(library: TestSupport.library()).render(request).first).bytes
        let x1a = Preflight().check(pdf, name: "office.pdf")
        #expect(
            Set(x1a.findings.map(\.rule)) == [.pdfxID, .outputIntent, .trapped, .boxes, .colourSpace, .transparency],
            "\(x1a.findings)")
        #expect(Preflight(profile: .qrOnly).check(pdf, name: "office.pdf").passed)
    }

    /// Another encoder's PDF (segno's, a navy code on an RGB page without boxes) is reported for its colour space
    /// and boxes under x1a, and passes qr-only.
    @Test func anotherEncodersPDFIsJudgedByTheSameRules() throws {
        let folder = try TestSupport.temporaryDirectory("qrdesk-preflight")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("segno.pdf")
        let made = try TestSupport.run(
            "python3",
            [
                "-c",
                "import segno, sys; segno.make(sys.argv[1], error='m').save(sys.argv[2], scale=10, border=4, "
                    + "dark='#1A1A8A')", Corpus.link, file.path,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let pdf = [UInt8](try Data(contentsOf: file))
        let x1a = Preflight().check(pdf, name: "segno.pdf")
        let rules = Set(x1a.findings.map(\.rule))
        #expect(rules.isSuperset(of: [.colourSpace, .boxes]), "\(x1a.findings)")
        #expect(x1a.codes.map(\.payload) == [Corpus.link])
        let office = Preflight(profile: .qrOnly).check(pdf, name: "segno.pdf")
        #expect(office.passed, "\(office.findings)")
    }

    @Test func aFileThatIsNotAPDFIsUnreadable() throws {
        let report = Preflight().check(Array("hello".utf8), name: "note.txt")
        #expect(report.unreadable != nil && !report.passed)
        let cut = Preflight().check(Array(try Corpus().bytes().prefix(200)), name: "cut.pdf")
        #expect(cut.unreadable != nil || !cut.passed)
    }
}
