import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QRDesk
import QRDeskCore
import QRDeskNative
import QRDeskServer
import Testing
import TestSupport
import ZIPFoundation

/// `POST /v1/kits` with a zip: the list and the logos it names come back as cards carrying each row's own logo;
/// names that leave the archive, links and zip bombs are refused before anything inflates, and the server stays
/// healthy.
@Suite("qrdesk serve: kits with logos")
struct KitArchiveTests {
    /// A 60 × 20 logo of one grey level, as a PNG.
    static func logo(level: UInt8) throws -> [UInt8] {
        try PNGEncoder.encode(grey: GreyImage(width: 60, height: 20, level: level), dpi: 300)
    }

    static func zip(_ entries: [(name: String, bytes: [UInt8], type: Entry.EntryType)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.name, type: entry.type, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(try #require(archive.data))
    }

    static func post(_ zip: [UInt8], to client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/v1/kits?formats=svg&variants=color", method: .post, headers: [.contentType: "application/zip"],
            body: ByteBuffer(bytes: zip)
        ) { $0 }
    }

    /// The grey level of the logo an SVG embeds (its `data:image/png;base64,` image).
    static func embeddedLogoLevel(_ svg: String) throws -> Double {
        let start = try #require(svg.range(of: "data:image/png;base64,"))
        let encoded = svg[start.upperBound...].prefix { $0 != "\"" }
        let png = try #require(Data(base64Encoded: String(encoded)))
        let image = try PNGDecoder.greyImage(Array(png))
        return Double(image.pixels.reduce(0) { $0 + Int($1) }) / Double(image.pixels.count)
    }

    @Test func eachRowGetsTheLogoItsZipCarries() async throws {
        let list =
            "id,name,link,logo\nsalon-a,Salon A,\(ServerFixture.link),logos/a.png\n"
            + "salon-b,Salon B,\(ServerFixture.link),logos/b.png\n"
            + "salon-c,Salon C,\(ServerFixture.link),logos/none.png\n"
        let zip = try Self.zip([
            ("list.csv", Array(list.utf8), .file), ("logos/", [], .directory),
            ("logos/a.png", try Self.logo(level: 40), .file), ("logos/b.png", try Self.logo(level: 200), .file),
        ])
        try await ServerFixture.app().test(.router) { client in
            let response = try await Self.post(zip, to: client)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let failed = try #require(HTTPField.Name("QRDesk-Failed-Rows"))
            #expect(response.headers[failed] == "1")
            let kit = try Archive(data: Data(buffer: response.body), accessMode: .read)
            func svg(_ row: String) throws -> String {
                var bytes: [UInt8] = []
                _ = try kit.extract(try #require(kit["\(row)/counter-a5-color.svg"])) { bytes += $0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            #expect(abs(try Self.embeddedLogoLevel(try svg("salon-a")) - 40) < 2)
            #expect(abs(try Self.embeddedLogoLevel(try svg("salon-b")) - 200) < 2)
            for row in ["salon-a", "salon-b"] {
                var bytes: [UInt8] = []
                _ = try kit.extract(try #require(kit["\(row)/counter-a5-color.svg"])) { bytes += $0 }
                #expect(FileAudit(gates: AuditGates(expect: ServerFixture.link)).audit(bytes, name: row).passed)
            }
            // The row naming a file the zip does not hold fails alone, and says so.
            var manifest: [UInt8] = []
            _ = try kit.extract(try #require(kit["manifest.json"])) { manifest += $0 }
            #expect(String(decoding: manifest, as: UTF8.self).contains("logos/none.png was not sent with the list"))
        }
    }

    @Test(arguments: [
        ("../evil.png", "climbs out of the archive"), ("/etc/qrdesk.png", "is an absolute path"),
        ("logos\\a.png", "has a backslash"), ("C:/logo.png", "has a backslash or a colon"),
    ])
    func namesThatLeaveTheArchiveAreRefused(name: String, message: String) async throws {
        let list = "id,name,link,logo\na,A,\(ServerFixture.link),\(name)\n"
        let zip = try Self.zip([("list.csv", Array(list.utf8), .file), (name, try Self.logo(level: 40), .file)])
        try await ServerFixture.app().test(.router) { client in
            let response = try await Self.post(zip, to: client)
            let problem = try ServerFixture.problem(response)
            #expect(response.status == .unprocessableContent && problem["code"] as? String == "document")
            #expect((problem["detail"] as? String)?.contains(message) == true, "\(problem)")
        }
    }

    @Test func linksBombsAndBudgetsAreRefusedAndTheServerStaysHealthy() async throws {
        let list = Array("id,name,link,logo\na,A,\(ServerFixture.link),logo.png\n".utf8)
        let bomb = try Self.zip([("list.csv", list, .file), ("logo.png", [UInt8](repeating: 0, count: 8 << 20), .file)])
        #expect(bomb.count < 100_000)
        let link = try Self.zip([("list.csv", list, .file), ("logo.png", Array("/etc/passwd".utf8), .symlink)])
        let tooLarge = try Self.zip([
            ("list.csv", list, .file),
            ("logo.png", (0..<(9 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }, .file),
        ])
        let noList = try Self.zip([("logo.png", try Self.logo(level: 40), .file)])
        let twoLists = try Self.zip([("a.csv", list, .file), ("b.csv", list, .file)])
        let notZip = Array("PK\u{3}\u{4} not really".utf8)
        try await ServerFixture.app().test(.router) { client in
            for (zip, message) in [
                (bomb, "(a zip bomb)"), (link, "is a link"), (tooLarge, "a file in a kit may have at most"),
                (noList, "holds no list"), (twoLists, "holds several lists"), (notZip, "is not a zip archive"),
            ] {
                let response = try await Self.post(zip, to: client)
                let problem = try ServerFixture.problem(response)
                #expect(response.status == .unprocessableContent, "\(message)")
                #expect((problem["detail"] as? String)?.contains(message) == true, "\(problem)")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "ok\n")
            }
        }
    }
}
