import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore

/// `qrdesk verify` as a print shop or a security team runs it: on committed third-party and damaged fixtures
/// (made once by scripts/make-verify-fixtures.py with the qrencode CLI), a photo, and a whole kit.
@Suite("qrdesk verify")
struct VerifyCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/verify")
    static let link = "https://pay.example.com/p/Xk9fA2"

    func verify(_ arguments: [String], in sandbox: Sandbox) throws -> TestSupport.ProcessResult {
        try sandbox.qrdesk(["verify"] + arguments)
    }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// Another generator's PNG (300 dpi) and SVG (in cm): payload, version, level, module size and distance.
    @Test func thirdPartyFilesVerify() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try verify(
            [
                fixture("qrencode-L-300dpi.png"), fixture("qrencode-H.svg"), "--json", "--expect", Self.link,
                "--allowed-host", "pay.example.com", "--min-module", "1",
            ], in: sandbox)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let codes = files.compactMap { ($0["codes"] as? [[String: Any]])?.first }
        #expect(codes.map { $0["version"] as? Int } == [2, 4])
        #expect(codes.map { $0["errorCorrection"] as? String } == ["L", "H"])
        // 12 px at 300 dpi = 1.016 mm; 8.68 cm over 41 modules = 2.117 mm.
        #expect(codes.map { $0["moduleMillimetres"] as? Double } == [1.02, 2.12])
        #expect(codes.map { $0["ratedDistanceMetres"] as? Double } == [0.56, 1.16])
        #expect(codes.allSatisfy { $0["wrongModules"] as? Int == 0 && $0["quietZoneModules"] as? Int == 4 })
    }

    @Test(arguments: [
        ("quiet-zone-1.png", [String](), "has a quiet zone of 1 module; phones need 4 light modules around the code"),
        ("wrong-module.png", [], "has 1 damaged module (unlike the symbol its own codewords rebuild to)"),
        (
            "other-host.png", ["--allowed-host", "pay.example.com"],
            "points to pay.evil.example, which is not an allowed host (pay.example.com)"
        ),
        (
            "other-host.png", ["--expect", "https://pay.example.com/p/Xk9fA2"],
            "scans as \"https://pay.evil.example/p/Xk9fA2\", not the expected"
        ),
        ("qrencode-L-300dpi.png", ["--scan-distance", "1m"], "reads from 0.56 m, less than the 1 m asked for"),
        ("qrencode-L-300dpi.png", ["--min-module", "1.5"], "has 1.02 mm modules, below the 1.5 mm asked for"),
        ("photo.jpg", ["--min-module", "0.5"], "has no physical size in the file"),
    ])
    func badFilesFailWithTheRightMessage(file: String, options: [String], message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try verify([fixture(file)] + options, in: sandbox)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(file): FAILED") && result.stdout.contains("✗ \(message)"), "\(result.stdout)")
    }

    /// A photo of a printed code: tilted, in perspective, unevenly lit, noisy, JPEG. It decodes and its grid is
    /// measured.
    @Test func photoDecodes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try verify(
            [fixture("photo.jpg"), "--expect", Self.link, "--allowed-host", "pay.example.com"], in: sandbox)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("version 3-M, 29 modules, quiet zone 4 modules"), "\(result.stdout)")
    }

    @Test func unreadableInputIsAProblemNotACrash() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("hello", to: "note.txt")
        // A PNG header claiming 100,000 × 100,000 pixels: refused from the header.
        var bomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bomb += [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 0, 0, 0, 0, 0, 0, 0, 0]
        try Data(bomb).write(to: sandbox.root.appendingPathComponent("bomb.png"))
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31]).write(to: sandbox.root.appendingPathComponent("torn.pdf"))
        let result = try verify(["note.txt", "bomb.png", "torn.pdf", "missing.png"], in: sandbox)
        #expect(result.status == 1 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("note.txt: FAILED\n  ✗ is not a PDF, SVG, PNG or JPEG file"))
        #expect(
            result.stdout.contains(
                "bomb.png: FAILED\n  ✗ claims 100000 × 100000 pixels, more than the 64 megapixels"))
        #expect(result.stdout.contains("torn.pdf: FAILED\n  ✗ cannot be read: poppler"))
        #expect(result.stdout.contains("missing.png: FAILED\n  ✗ cannot read the file"))
    }

    /// A kit audited against its manifest: all good; then one file changed, one removed, one replaced by a link.
    @Test func manifestAuditCatchesChangedMissingAndLinkedFiles() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            """
            id,name,link,template
            salon-1,Salon One,https://pay.example.com/p/one,counter-a5
            salon-2,Salon Two,https://pay.example.com/p/two,card-a6
            salon-3,Salon Three,https://pay.example.com/p/three,sticker-100

            """, to: "list.csv")
        let batch = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet", "--format", "pdf,svg"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let audit = try verify(
            ["--manifest", "out/manifest.json", "--allowed-host", "pay.example.com", "--json"], in: sandbox)
        #expect(audit.status == 0, "\(audit.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        #expect((json["files"] as? [Any])?.count == 9 && json["passed"] as? Bool == true)

        // Another host's code pasted over salon-1's file; salon-2's SVG removed; salon-3's PDF a link to outside.
        let other = try sandbox.qrdesk([
            "card", "--link", "https://pay.evil.example/p/one", "--name", "Salon One", "--out", "evil",
            "--variant", "color", "--format", "pdf",
        ])
        #expect(other.status == 0, "\(other.stderr)")
        let manager = FileManager.default
        let colour = sandbox.out.appendingPathComponent("salon-1/counter-a5-color.pdf")
        try manager.removeItem(at: colour)
        try manager.copyItem(at: sandbox.root.appendingPathComponent("evil/salon-one/counter-a5-color.pdf"), to: colour)
        try manager.removeItem(at: sandbox.out.appendingPathComponent("salon-2/card-a6-color.svg"))
        let linked = sandbox.out.appendingPathComponent("salon-3/sticker-100-bw.pdf")
        try manager.moveItem(at: linked, to: sandbox.outside.appendingPathComponent("moved.pdf"))
        try manager.createSymbolicLink(
            at: linked, withDestinationURL: sandbox.outside.appendingPathComponent("moved.pdf"))
        let failed = try verify(["--manifest", "out/manifest.json"], in: sandbox)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("out/salon-1/counter-a5-color.pdf: FAILED\n  ✗ is "), "\(failed.stdout)")
        #expect(failed.stdout.contains("out/salon-2/card-a6-color.svg: FAILED\n  ✗ is missing"))
        #expect(
            failed.stdout.contains(
                "out/salon-3/sticker-100-bw.pdf: FAILED\n  ✗ is missing (or is a link or a folder, which qrdesk does "
                    + "not follow)"
            ))
        #expect(failed.stdout.contains("out/salon-1/counter-a5-bw.pdf: ok"))
    }
}
