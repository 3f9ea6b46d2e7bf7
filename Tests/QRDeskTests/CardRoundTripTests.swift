import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

@Suite("Cards decode back to their link")
struct CardRoundTripTests {
    static let templates = Cards.templateIDs

    @Test(arguments: templates)
    func everyVariantAndFormatScans(template: String) throws {
        // A 61-byte link, or the sample link where the template's longest is shorter (the door sticker: 53).
        let longest = try #require(TemplateCatalog(library: try Cards.library).cards.first { $0.id == template })
        let link =
            longest.longestLinkBytes >= 61
            ? "https://pay.example.com/p/Xk9fA2mQ7tLzR4vB8nC1?loc=salon-0042" : TestSupport.sampleLink
        var request = try Cards.request(link: link, template: template, formats: [.pdf, .svg, .png])
        request.dpi = 150  // the 300 dpi default is checked in pageSizesAreExact; debug builds make big PNGs slow
        let artifacts = try Cards.render(request)
        // Colour: PDF, SVG, PNG; bw: PDF, PNG (the designer's SVG is colour unless bw is asked for alone).
        #expect(
            artifacts.map(\.fileName) == [
                "\(template)-color.pdf", "\(template)-color.svg", "\(template)-color.png",
                "\(template)-bw.pdf", "\(template)-bw.png",
            ])
        let links = Array(repeating: link, count: try Cards.codesPerFile(template))
        for artifact in artifacts {
            #expect(try Cards.decode(artifact) == links, "\(artifact.fileName) does not scan")
        }
        let bwSVG = try Cards.render(
            try Cards.request(link: link, template: template, variants: [.bw], formats: [.svg]))
        #expect(bwSVG.map(\.fileName) == ["\(template)-bw.svg"])
        #expect(try Cards.decode(bwSVG[0]) == links)
    }

    @Test func mixedCaseLinksStayExact() throws {
        // libqrencode upper-cases in its default string mode; qrdesk encodes the bytes in 8-bit mode.
        let link = "https://pay.example.com/p/aBcDeF?Ref=xYz"
        let artifacts = try Cards.render(try Cards.request(link: link, variants: [.color], formats: [.png]))
        #expect(try Cards.decode(artifacts[0]) == [link])
    }

    /// On the A6 card (read from 0.5 m) even level H leaves the sample link's modules large enough.
    @Test(arguments: [ErrorCorrectionLevel.low, .medium, .quartile, .high])
    func everyErrorCorrectionLevelScans(level: ErrorCorrectionLevel) throws {
        var request = try Cards.request(template: "card-a6", variants: [.bw], formats: [.png])
        request.errorCorrection = level
        let artifact = try Cards.render(request)[0]
        #expect(try Cards.decode(artifact) == [TestSupport.sampleLink])
    }

    @Test func encoderMatrixMatchesGolden() throws {
        let matrix = try QREncoder().encode(TestSupport.sampleLink, level: .medium)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Goldens/sample-link-M.txt")
        if let mismatch = try Golden.mismatch(Array((matrix.textForm + "\n").utf8), golden: golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
        #expect(matrix.version == 3 && matrix.width == 29)
    }
}
