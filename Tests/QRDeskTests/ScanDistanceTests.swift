import Foundation
import Testing
import QRDesk
import QRDeskCore
import QRDeskNative
import TestSupport

/// Codes sized for where they are read from, with error correction that never costs reach.
@Suite("Scan distance and error correction")
struct ScanDistanceTests {
    static let base = "https://pay.example.com/p/"
    static func link(_ bytes: Int) -> String { base + String(repeating: "x", count: bytes - base.utf8.count) }

    @Test func modelConstantsGiveTheMeasuredReach() {
        // 1920 px across 70°: f = 1371 px; 2.5 px per module: 0.55 m of reach per millimetre of module.
        #expect(abs(ScanDistanceModel.focalPixels - 1371.0) < 0.5)
        #expect(abs(ScanDistanceModel.reachMetres(moduleMillimetres: 1) - 0.548) < 0.001)
        #expect(abs(ScanDistanceModel.minimumModuleMillimetres(distanceMetres: 1) - 1.823) < 0.001)
    }

    /// The automatic level never shrinks a module: its version is always level L's, and it is the highest level
    /// that fits that version. Checked for every link length a QR code can hold.
    @Test func boostNeverShrinksModules() {
        let sizing = QRSizing(
            boxMillimetres: 80, quietZone: 4, printFloorMillimetres: 0.5, scanDistance: ScanDistance(metres: 0.1))
        for bytes in 1...QRCapacity.bytes(version: 40, level: .low) {
            guard let plan = sizing.automaticPlan(linkBytes: bytes) else { Issue.record("\(bytes) bytes"); return }
            #expect(plan.version == QRCapacity.smallestVersion(bytes: bytes, level: .low))
            #expect(QRCapacity.bytes(version: plan.version, level: plan.level) >= bytes)
            let higher = ErrorCorrectionLevel.allCases.drop { $0 != plan.level }.dropFirst()
            #expect(
                higher.allSatisfy { QRCapacity.bytes(version: plan.version, level: $0) < bytes },
                "\(bytes) bytes chose \(plan.level)")
        }
    }

    /// Per card template: the longest link its refusal names renders (and reads back), one byte more is refused
    /// with advice. The figures are the template's rated capacity at its own scan distance.
    @Test(arguments: [
        ("counter-a5", 154, 1.0), ("poster-a4", 134, 1.5), ("poster-letter", 134, 1.5), ("card-a6", 367, 0.5),
        ("sticker-100", 271, 0.5), ("counter-a5-landscape", 271, 1.0), ("stand-4x6", 367, 0.5), ("stand-5x7", 520, 0.5),
        ("insert-dl", 586, 0.5),
    ])
    func longestLinkAtTheTemplatesDistance(template: String, longest: Int, metres: Double) throws {
        let library = try Cards.library
        #expect(try library.card(template).scanDistance == ScanDistance(metres: metres))
        let renderer = CardRenderer(library: library, creationDate: "2024-01-01T00:00:00Z")
        let fits = try Cards.request(link: Self.link(longest), template: template, variants: [.bw], formats: [.pdf])
        let plan = try renderer.plan(for: fits)
        #expect(plan.reachMetres >= metres && plan.level == .low)
        do {
            _ = try renderer.plan(for: try Cards.request(link: Self.link(longest + 1), template: template))
            Issue.record("\(longest + 1) bytes should not fit \(template)")
        } catch let error as QRSizeError {
            #expect(error.longestLinkBytes == longest)
            #expect(error.description.contains("shorten the link to at most \(longest) bytes"))
            #expect(error.description.contains("the template is read from \(ScanDistance(metres: metres))"))
            // The advice names the key as each door does: an option, a column, the API's key.
            #expect(error.description(naming: RequestDoor.commandLine.keyNaming).contains("set --scan-distance to "))
            #expect(error.description(naming: RequestDoor.list.keyNaming).contains("set column \"scan-distance\" to "))
            #expect(error.description(naming: RequestDoor.api.keyNaming).contains("set \"scanDistance\" to "))
        }
        if template == "counter-a5" {
            // The boundary link is written and read back (module by module, quiet zone, decode, phone model at 1 m).
            let artifact = try renderer.render(fits)[0]
            #expect(try Cards.decode(artifact) == [Self.link(longest)])
        }
    }

    @Test func anotherTemplateIsOfferedWhenItTakesTheLink() throws {
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        do {
            _ = try renderer.plan(for: try Cards.request(link: Self.link(160)))
            Issue.record("a 160-byte link should not fit the A5 card from 1 m")
        } catch let error as QRSizeError {
            #expect(
                error.alternatives.map(\.template) == [
                    "counter-a5-landscape", "insert-dl", "stand-5x7", "card-a6", "stand-4x6", "tent-a6", "sticker-100",
                    "slip-80mm", "slip-58mm", "appointment-card",
                ])
            // The farthest-reaching first.
            #expect(
                error.description.contains(
                    "use a template that takes it: counter-a5-landscape (reads this link from 1.17 m)"))
        }
        // Read from closer, the same card takes it.
        var closer = try Cards.request(link: Self.link(160), variants: [.bw], formats: [.pdf])
        closer.scanDistance = ScanDistance(metres: 0.8)
        #expect(try renderer.plan(for: closer).reachMetres >= 0.8)
    }

    /// An explicit level is honoured, and warned about when it costs reach; refused when it costs too much.
    @Test func explicitLevelWarnsWhenItCostsReach() throws {
        let renderer = CardRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
        var request = try Cards.request(template: "card-a6")
        #expect(try renderer.plan(for: request).warning == nil)
        request.errorCorrection = .high
        let plan = try renderer.plan(for: request)
        #expect(plan.level == .high)
        let warning = try #require(plan.warning(naming: RequestDoor.commandLine.keyNaming))
        #expect(
            warning.hasPrefix(
                "--ecc H makes the QR modules 1.56 mm instead of 1.89 mm at level M: phones read the card from 0.85 m "
                    + "instead of 1.04 m"
            ))
        // On the A5 card read from 1 m, H shrinks a 100-byte link's modules below what 1 m needs.
        var a5 = try Cards.request(link: Self.link(100))
        a5.errorCorrection = .high
        #expect { try renderer.plan(for: a5) } throws: { error in
            (error as? QRSizeError)?.description(naming: RequestDoor.commandLine.keyNaming)
                .contains("lower --ecc (L gives the largest modules)") == true
        }
    }

    @Test func distancesAreParsedWithUnits() throws {
        #expect(try ScanDistance(parsing: "1m").metres == 1)
        #expect(try ScanDistance(parsing: "50cm").metres == 0.5)
        #expect(try ScanDistance(parsing: "300mm").metres == 0.3)
        #expect(try ScanDistance(parsing: "0.8").metres == 0.8)
        for bad in ["", "m", "-1m", "1e3", "11m", "1 km", "nan"] {
            #expect(throws: ScanDistanceParseError.self, "\(bad)") { try ScanDistance(parsing: bad) }
        }
    }
}
