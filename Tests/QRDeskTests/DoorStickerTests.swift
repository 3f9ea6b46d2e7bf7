import Foundation
import QRDesk
import QRDeskCore
import QRDeskNative
import Testing
import TestSupport

/// The die-cut door sticker measured on its files: the design clipped to the rounded cut (a band's corners follow
/// it) on screen, and in the press file a 2 mm bleed past the cut and the cut line in a separation that prints no
/// ink (`CutContour`, overprinting), which preflight accepts as a stroke and refuses as a fill.
@Suite("Door sticker: die-cut, its line a separation")
struct DoorStickerTests {
    static func artifacts(formats: [OutputFormat], press: Bool = false) throws -> [Artifact] {
        var request = try Cards.request(template: "door-150", formats: formats)
        request.dpi = 100
        if press { request.press = PressSettings(bleedMillimetres: 2) }
        return try Cards.render(request)
    }

    /// On screen the band runs to the top edge between the corners and stops at the rounded cut in them.
    @Test func theBandsCornersFollowTheCut() throws {
        for artifact in try Self.artifacts(formats: [.png, .svg]) {
            let image =
                artifact.format == .svg
                ? try TestSupport.rasterizeSVG(artifact.bytes, dpi: 100) : try PNGDecoder.greyImage(artifact.bytes)
            let millimetre = 100 / 25.4
            let corner = image[Int(1 * millimetre), Int(1 * millimetre)]
            let edge = image[image.width / 2, Int(1 * millimetre)]
            // 1 mm in from a 10 mm corner lies outside the cut's arc; the band's middle at the same height is inked.
            if artifact.variant == .color {
                #expect(corner > 250 && edge < 100, "\(artifact.fileName): corner \(corner), band \(edge)")
            } else {
                #expect(corner > 250, "\(artifact.fileName): corner \(corner)")
            }
            if artifact.format == .svg {
                #expect(String(decoding: artifact.bytes, as: UTF8.self).contains("clip-path"))
            }
        }
    }

    /// The press file: trim 150 mm, bleed 2 mm; the cut line on the CutContour plate only, along the trim; the
    /// process plates inked past the cut into the bleed (the band) but not in the bleed's corners, outside the
    /// rounded shape; preflight passes.
    @Test func thePressFileCarriesTheCutLineAsASeparation() throws {
        let files = try Self.artifacts(formats: [.pdf], press: true).filter { $0.fileName.hasSuffix("-press.pdf") }
        #expect(files.count == 2)
        for artifact in files {
            let report = Preflight().check(artifact.bytes, name: artifact.fileName)
            #expect(report.passed, "\(artifact.fileName): \(report.findings)")
            let page = try PDFReadBack(artifact.bytes)
            #expect(page.pageCount == 1)
            let mm = Length.mm(1).points, bleed = 2 * mm, trim = 150 * mm
            // Regions in points from the sheet's top-left: the cut line across the bottom edge's middle, the
            // code's centre, the band in the bleed above the top edge's middle, and the bleed's top-left corner.
            let regions = [
                Rect(x: bleed + 60 * mm, y: bleed + trim - 0.5 * mm, width: 30 * mm, height: 1 * mm),
                Rect(x: bleed + 70 * mm, y: bleed + 70 * mm, width: 10 * mm, height: 10 * mm),
                Rect(x: bleed + 60 * mm, y: 0.3 * mm, width: 30 * mm, height: 1.2 * mm),
                Rect(x: 0, y: 0, width: 2.5 * mm, height: 2.5 * mm),
            ]
            let plates = try PressFileTests.plates(artifact.bytes, regions: regions)
            let cut = try #require(plates["CutContour"], "no CutContour plate: \(plates.keys.sorted())")
            #expect(cut[0].inked > 0 && cut[1].inked == 0, "\(artifact.fileName): the cut line \(cut)")
            // Not printed: the line is on its own plate, no process ink under it at the bottom edge.
            for ink in ["Cyan", "Magenta", "Yellow", "Black"] {
                #expect(plates[ink]?[0].inked == 0, "\(artifact.fileName): \(ink) ink on the cut line")
                #expect(plates[ink]?[3].inked == 0, "\(artifact.fileName): \(ink) ink in the bleed's corner")
            }
            if artifact.variant == .color {
                let band = ["Cyan", "Magenta", "Yellow", "Black"].compactMap { plates[$0]?[2].inked }.max() ?? 0
                #expect(band > 0, "\(artifact.fileName): the band stops at the cut instead of bleeding")
            }
        }
    }

    /// A die line's separation is allowed for the cutter's stroke only: the same separation as a fill is refused.
    @Test func aDieLineSeparationAsAFillIsRefused() throws {
        let file = try #require(try Self.artifacts(formats: [.pdf], press: true).last)
        let folder = try TestSupport.temporaryDirectory("qrdesk-door")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.pdf")
        try Data(file.bytes).write(to: input)
        let script = """
            import sys, pikepdf
            pdf = pikepdf.open(sys.argv[1])
            page = pdf.pages[0]
            page.contents_add(pikepdf.Stream(pdf, b"q /CSCut cs 1 scn 20 20 50 50 re f Q\\n"), prepend=False)
            pdf.save(sys.argv[2])
            """
        let run = try TestSupport.run("python3", ["-c", script, input.path, output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = Preflight().check([UInt8](try Data(contentsOf: output)), name: "filled.pdf")
        #expect(report.findings.contains { $0.rule == .colourSpace }, "\(report.findings)")
    }
}
