import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

@Suite("Trust: nothing outside --out is touched")
struct FileTrustTests {
    static let link = TestSupport.sampleLink

    /// A row folder planted as a link to a folder outside: the row fails naming the link, the others are written,
    /// and nothing outside changes.
    @Test func plantedFolderLinkIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: sandbox.out.appendingPathComponent("salon-1"), withDestinationURL: sandbox.outside)
        try sandbox.write("id,name,link\nsalon-1,A,\(Self.link)\nsalon-2,B,\(Self.link)\n", to: "list.csv")
        let batch = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(
            batch.status == 1 && batch.stderr.contains("out/salon-1: is a symbolic link; qrdesk never follows a link"),
            "\(batch.stderr)")
        #expect(sandbox.outputFiles.contains("salon-2/counter-a5-bw.pdf"))
        // The card command, whose folder is named after the business.
        try FileManager.default.createSymbolicLink(
            at: sandbox.out.appendingPathComponent("studio-nova"), withDestinationURL: sandbox.outside)
        let card = try sandbox.qrdesk(["card", "--link", Self.link, "--name", "Studio Nova", "--out", "out"])
        #expect(card.status == 1 && card.stderr.contains("out/studio-nova: is a symbolic link"), "\(card.stderr)")
        #expect(sandbox.outsideIsUntouched)
    }

    /// A file planted as a link is replaced by the real file, never written through.
    @Test func plantedFileLinkIsReplacedNotFollowed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.out.appendingPathComponent("studio-nova")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("counter-a5-bw.pdf"), withDestinationURL: sandbox.sentinel)
        let card = try sandbox.qrdesk([
            "card", "--link", Self.link, "--name", "Studio Nova", "--variant", "bw", "--format", "pdf", "--out", "out",
        ])
        #expect(card.status == 0, "\(card.stderr)")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: folder.appendingPathComponent("counter-a5-bw.pdf").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(sandbox.outsideIsUntouched)
    }

    /// A journal planted as a link gets nothing appended to its target: the run stops before rendering, naming it.
    @Test func plantedJournalLinkIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: sandbox.out.appendingPathComponent(".qrdesk-journal.jsonl"), withDestinationURL: sandbox.sentinel)
        try sandbox.write("id,name,link\nsalon-1,A,\(Self.link)\n", to: "list.csv")
        let batch = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet"])
        #expect(
            batch.status == 1 && batch.stderr.contains("out/.qrdesk-journal.jsonl: is a symbolic link"),
            "\(batch.stderr)")
        #expect(sandbox.outsideIsUntouched)
    }

    /// A second run on a folder another run holds is refused at once, naming the holder; the lock file goes
    /// away with the lock.
    @Test func secondRunOnTheSameFolderIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("id,name,link\nsalon-1,A,\(Self.link)\n", to: "list.csv")
        do {
            let lock = try OutputFolder(sandbox.out).lock()
            let second = try sandbox.qrdesk(["batch", "list.csv", "--out", "out", "--quiet"])
            #expect(
                second.status == 1
                    && second.stderr.contains("another qrdesk (process \(getpid())) is writing to this folder"),
                "\(second.stderr)")
            withExtendedLifetime(lock) {}
        }
        #expect(sandbox.outputFiles.isEmpty, "the lock file is removed with the lock: \(sandbox.outputFiles)")
        let after = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(after.status == 0 && !sandbox.outputFiles.contains(".qrdesk.lock"))
    }

    /// A full disk (here: a file-size limit, which fails writes with EFBIG as ENOSPC would): every row that cannot
    /// be written is listed with the path and the system's reason, no temporary file is left, nothing traps.
    @Test func fullDiskIsReportedNotATrap() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "id,name,link\n" + (1...4).map { "salon-\($0),Salon \($0),\(Self.link)" }.joined(separator: "\n") + "\n",
            to: "list.csv")
        let result = try sandbox.shell(
            "trap '' XFSZ; ulimit -f 16; exec \"$Q\" batch list.csv --out out --quiet --variant bw --format pdf")
        #expect(result.status == 1, "\(result.stderr)")
        for row in 1...4 {
            #expect(
                result.stderr.contains("(id salon-\(row)):") && result.stderr.contains("File too large"),
                "\(result.stderr)")
        }
        #expect(!sandbox.outputFiles.contains { $0.contains(OutputFolder.temporaryPrefix) }, "\(sandbox.outputFiles)")
        #expect(sandbox.outsideIsUntouched)
    }

    /// The disk fills between a row's files and its journal line (here: a journal left by an interrupted run sits
    /// just under a file-size limit the PDFs fit in): each row fails saying so, its new files are removed, and the
    /// manifest lists exactly the files on disk. The next run, with room, writes every row.
    @Test func aRowWhoseJournalLineFailsLeavesNoFilesBehind() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(
            "id,name,link\n" + (1...2).map { "salon-\($0),Salon \($0),\(Self.link)" }.joined(separator: "\n") + "\n",
            to: "list.csv")
        try FileManager.default.createDirectory(at: sandbox.out, withIntermediateDirectories: true)
        // 40,900 bytes of a line no run wrote (skipped on resume); the limit is 80 blocks of 512 bytes: 40,960.
        try Data((String(repeating: "x", count: 40_899) + "\n").utf8)
            .write(to: sandbox.out.appendingPathComponent(".qrdesk-journal.jsonl"))
        let result = try sandbox.shell(
            "trap '' XFSZ; ulimit -f 80; exec \"$Q\" batch list.csv --out out --quiet --variant bw --format pdf")
        #expect(result.status == 1, "\(result.stderr)")
        for row in 1...2 {
            #expect(
                result.stderr.contains("(id salon-\(row)):") && result.stderr.contains(".qrdesk-journal.jsonl")
                    && result.stderr.contains("the 1 file(s) written for it were removed"),
                "\(result.stderr)")
        }
        let manifest = try #require(Manifest.read(sandbox.out.appendingPathComponent("manifest.json")))
        let listed = Set(manifest.artifacts.map(\.path))
        let onDisk = sandbox.outputFiles.filter { !$0.hasPrefix(".") && $0 != "manifest.json" }
        #expect(manifest.failures.count == 2 && Set(onDisk) == listed, "on disk \(onDisk), listed \(listed)")

        let again = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let complete = try #require(Manifest.read(sandbox.out.appendingPathComponent("manifest.json")))
        #expect(
            complete.artifacts.map(\.path) == ["salon-1/counter-a5-bw.pdf", "salon-2/counter-a5-bw.pdf"]
                && sandbox.outputFiles == ["manifest.json", "salon-1/counter-a5-bw.pdf", "salon-2/counter-a5-bw.pdf"],
            "\(sandbox.outputFiles)")
        #expect(sandbox.outsideIsUntouched)
    }

    /// Closed standard error or output: the messages are lost, the exit status is not, and nothing traps.
    @Test func closedStandardStreamsDoNotTrap() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let refused = try sandbox.shell(
            "\"$Q\" card --link http://pay.example.com/p/1 --name A --out out 2>&-; echo \"status $?\"")
        #expect(refused.stdout.contains("status 1"), "\(refused.stdout)")
        let written = try sandbox.shell(
            "\"$Q\" card --link \(Self.link) --name A --variant bw --format pdf --out out >&-; echo \"status $?\"")
        #expect(written.stdout.contains("status 0"), "\(written.stdout) \(written.stderr)")
    }

    /// --bundle naming a folder: a clear error, and no temporary zip left anywhere.
    @Test func bundleIntoAFolderLeavesNothingBehind() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("id,name,link\nsalon-1,A,\(Self.link)\n", to: "list.csv")
        let result = try sandbox.qrdesk([
            "batch", "list.csv", "--out", "out", "--quiet", "--variant", "bw", "--format", "pdf", "--bundle", "outside",
        ])
        #expect(
            result.status == 1 && result.stderr.contains("outside: is a folder; --bundle names the zip file to write"),
            "\(result.stderr)")
        let leftovers = (FileManager.default.enumerator(atPath: sandbox.root.path)?.allObjects as? [String] ?? [])
            .filter { $0.contains(OutputFolder.temporaryPrefix) }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(sandbox.outsideIsUntouched)
    }
}

@Suite("Trust: logos of every PNG kind")
struct LogoTrustTests {
    /// A 16-bit RGB and an 8-bit palette PNG (written by Python's zlib, independently of qrdesk's own PNG writer):
    /// each prints in colour, and thresholded to pure black and white in the bw variant.
    @Test(arguments: ["rgb16", "palette"])
    func unusualLogosThresholdAndRender(kind: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let script = """
            import struct, sys, zlib
            kind, path = sys.argv[1], sys.argv[2]
            w, h = 64, 32
            def chunk(t, b):
                return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
            if kind == 'rgb16':
                dark, white = b'\\x20\\x00\\x40\\x00\\xc0\\x00', b'\\xff' * 6
                rows = b''.join(b'\\0' + b''.join((dark if x < w // 2 else white) for x in range(w)) for _ in range(h))
                ihdr, extra = struct.pack('>IIBBBBB', w, h, 16, 2, 0, 0, 0), b''
            else:
                rows = b''.join(b'\\0' + bytes(0 if x < w // 2 else 1 for x in range(w)) for _ in range(h))
                ihdr = struct.pack('>IIBBBBB', w, h, 8, 3, 0, 0, 0)
                extra = chunk(b'PLTE', b'\\x20\\x40\\xc0\\xff\\xff\\xff')
            body = chunk(b'IHDR', ihdr) + extra + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')
            open(path, 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + body)
            """
        let logo = sandbox.root.appendingPathComponent("logo.png")
        let made = try TestSupport.run("python3", ["-c", script, kind, logo.path])
        #expect(made.status == 0, "\(made.stderr)")
        let result = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "Logo", "--logo", "logo.png", "--format", "png",
            "--dpi", "150", "--out", "out",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let template = try Cards.library.card("counter-a5")
        let box = try #require(template.elements.first { if case .logo = $0.kind { true } else { false } }).frame
        for variant in ["color", "bw"] {
            let png = [UInt8](
                try Data(contentsOf: sandbox.out.appendingPathComponent("logo/counter-a5-\(variant).png")))
            let image = try PNGDecoder.greyImage(png)
            let scale = 150.0 / 72
            // The logo's left half is dark blue, its right half white; sample the middle of the dark half.
            let info = try #require(PNGInfo(Array(try Data(contentsOf: logo))))
            let placed = info.aspectFit(in: box)
            let x = Int((placed.x + placed.width * 0.25) * scale), y = Int((placed.y + placed.height * 0.5) * scale)
            let right = Int((placed.x + placed.width * 0.75) * scale)
            if variant == "bw" {
                #expect(image[x, y] == 0 && image[right, y] == 255, "bw: \(image[x, y]) / \(image[right, y])")
            } else {
                #expect(
                    image[x, y] < 100 && image[x, y] > 20 && image[right, y] > 240,
                    "colour: \(image[x, y]) / \(image[right, y])")
            }
        }
    }
}

/// docs/ci.md's workflow, run as written: its `run:` steps with the built qrdesk in place of the release build,
/// the render job once per shard into a folder of its own, the publish job on the union of their kits.
@Suite("The documented CI workflow runs")
struct DocumentedWorkflowTests {
    struct Step { let run: String }

    static func workflow() throws -> DataField {
        let doc = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```yaml\n")),
            end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        return try DataField.parse(Array(doc[start.upperBound..<end.lowerBound].utf8), format: .yaml)
    }

    static func runs(_ job: DataField) throws -> [String] {
        try job["steps"].items().compactMap { try $0["run"].optionalString() }.filter { !$0.contains("swift build") }
    }

    @Test func shardsMergeCheckAndBundle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let workflow = try Self.workflow()
        var environment: [String: String] = [:]
        for key in workflow["env"].keys { environment[key] = try workflow["env"][key].string() }
        #expect(environment["SOURCE_DATE_EPOCH"] != nil, "the workflow pins SOURCE_DATE_EPOCH for every job")
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("examples/locations.csv"),
            to: sandbox.root.appendingPathComponent("locations.csv"))
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("examples/receipts"),
            to: sandbox.root.appendingPathComponent("receipts"))
        let binary = try TestSupport.qrdeskBinary()
        func run(_ command: String, in folder: URL, shard: String? = nil) throws -> TestSupport.ProcessResult {
            var script = command.replacingOccurrences(of: ".build/release/qrdesk", with: "\"\(binary)\"")
            if let shard { script = script.replacingOccurrences(of: "${{ matrix.shard }}", with: shard) }
            var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            env["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
            return try TestSupport.run("/bin/sh", ["-c", script], currentDirectory: folder, environment: env)
        }
        // Render: each shard in its own checkout, as separate CI jobs are.
        let render = workflow["jobs"]["render"],
            shards = try render["strategy"]["matrix"]["shard"].items().map { try $0.integer(in: 1...64) }
        #expect(shards == [1, 2, 3, 4])
        let union = sandbox.root.appendingPathComponent("publish/kit")
        try FileManager.default.createDirectory(at: union, withIntermediateDirectories: true)
        for shard in shards {
            let job = sandbox.root.appendingPathComponent("render-\(shard)")
            try FileManager.default.createDirectory(at: job, withIntermediateDirectories: true)
            for item in ["locations.csv", "receipts"] {
                try FileManager.default.copyItem(
                    at: sandbox.root.appendingPathComponent(item), to: job.appendingPathComponent(item))
            }
            for command in try Self.runs(render) {
                let result = try run(command, in: job, shard: "\(shard)")
                // The list has a receipt row: rows are rendered or reported; a failing row fails the job.
                #expect(result.status == 0, "render \(shard): \(command)\n\(result.stderr)")
            }
            // upload-artifact + download-artifact (merge-multiple): the union of the kits.
            try TestSupport.run("/bin/sh", ["-c", "cp -R kit/. \"\(union.path)\"/"], currentDirectory: job)
        }
        // Publish, in a checkout of its own with the downloaded kit.
        let publish = sandbox.root.appendingPathComponent("publish")
        for item in ["locations.csv", "receipts"] {
            try FileManager.default.copyItem(
                at: sandbox.root.appendingPathComponent(item), to: publish.appendingPathComponent(item))
        }
        for command in try Self.runs(workflow["jobs"]["publish"]) {
            let result = try run(command, in: publish)
            #expect(result.status == 0, "publish: \(command)\n\(result.stdout)\n\(result.stderr)")
        }
        let manifest = try #require(Manifest.read(union.appendingPathComponent("manifest.json")))
        #expect(manifest.failures.isEmpty && manifest.artifacts.count >= 10)
        let listing = try TestSupport.run(
            "python3",
            [
                "-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
                publish.appendingPathComponent("print-kit.zip").path,
            ])
        #expect(
            listing.stdout.split(separator: "\n").map(String.init)
                == (manifest.artifacts.map(\.path) + ["manifest.json"]).sorted())

        // The gate says why: a publish job without the render's SOURCE_DATE_EPOCH finds every row stale, and why.
        environment["SOURCE_DATE_EPOCH"] = "1800000000"
        let gate = try run(".build/release/qrdesk batch locations.csv --out kit --check", in: publish)
        #expect(
            gate.status == 1 && gate.stderr.contains("the creation date differs")
                && gate.stderr.contains("SOURCE_DATE_EPOCH"), "\(gate.stderr)")
    }
}

extension LogoTrustTests {
    /// A logo cut short inside its image data, with a wrong checksum, or without its end chunk is refused with
    /// what is wrong, before anything is written (it used to be embedded as given, an image no viewer decodes).
    @Test func damagedLogosAreRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let good = [UInt8](
            try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Tests/QRDeskTests/Goldens/logo.png")))
        var badChecksum = good
        badChecksum[good.count - 20] ^= 0xFF
        // Well-framed files (every chunk whole, every CRC right) whose image data does not decode.
        let imageData = try #require(PNGChunks(good).chunks.first { $0.type == "IDAT" }?.data)
        var badAdler = imageData
        badAdler[badAdler.count - 1] ^= 0xFF
        let cases: [([UInt8], String)] = [
            (Array(good.prefix(good.count - 30)), "chunk claims"),
            (badChecksum, "checksum of its IDAT chunk"),
            (Array(good.prefix(good.count - 12)), "no end chunk (IEND)"),
            (good + [0x00], "1 bytes after its end"),
            (
                PNGChunks(good).replacing("IDAT", with: Array(imageData.prefix(imageData.count / 2))).bytes,
                "its image data is a stream cut short for the 60 × 20 pixels its header declares"
            ),
            (
                PNGChunks(good).replacing("IDAT", with: badAdler).bytes,
                "its image data is a damaged stream for the 60 × 20 pixels"
            ),
            // libpng stops reading once it has its rows, so bytes after the stream's end would pass it.
            (
                PNGChunks(good).replacing("IDAT", with: imageData + [0, 0, 0]).bytes,
                "with 3 bytes after its end"
            ),
            // The stream inflates to the right size, but a row names a filter PNG does not have: libpng refuses.
            (try Self.logoWithRowFilter(7), "its image data does not decode to the 4 × 2 pixels"),
        ]
        for (bytes, message) in cases {
            try Data(bytes).write(to: sandbox.root.appendingPathComponent("logo.png"))
            let result = try sandbox.qrdesk([
                "card", "--link", TestSupport.sampleLink, "--name", "Logo", "--logo", "logo.png", "--out", "out",
            ])
            #expect(
                result.status == 1 && result.stderr.contains("the logo PNG is damaged (")
                    && result.stderr.contains(message),
                "\(message): \(result.stderr)")
            #expect(sandbox.outputFiles.isEmpty)
        }
        try Data(good).write(to: sandbox.root.appendingPathComponent("logo.png"))
        #expect(
            try sandbox.qrdesk([
                "card", "--link", TestSupport.sampleLink, "--name", "Logo", "--logo", "logo.png", "--out", "out",
            ]).status == 0)
    }
}

extension LogoTrustTests {
    /// A 4 × 2 grey PNG whose rows all use filter `filter` (0–4 are PNG's; anything else is damage).
    static func logoWithRowFilter(_ filter: Int) throws -> [UInt8] {
        let script = """
            import struct, sys, zlib
            def chunk(t, b):
                return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
            rows = bytes([int(sys.argv[1]), 0, 128, 255, 64]) * 2
            ihdr = struct.pack('>IIBBBBB', 4, 2, 8, 0, 0, 0, 0)
            body = chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')
            sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + body)
            """
        let made = try TestSupport.run("python3", ["-c", script, "\(filter)"])
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdoutBytes
    }

    /// What every format embeds is the decoded image, written anew: the same pixels, alpha kept, and none of the
    /// given file's other chunks (a text chunk with a location here).
    @Test func theEmbeddedLogoIsTheDecodedImage() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let good = [UInt8](
            try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Tests/QRDeskTests/Goldens/logo.png")))
        let location = Array("Comment\u{0}GPS 51.4545 N 2.5879 W".utf8)
        let withText = PNGChunks(good).inserting("tEXt", location, before: "IEND")
        try Data(withText.bytes).write(to: sandbox.root.appendingPathComponent("logo.png"))
        let result = try sandbox.qrdesk([
            "card", "--link", TestSupport.sampleLink, "--name", "Logo", "--logo", "logo.png", "--out", "out",
            "--variant", "color", "--format", "svg",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(
            contentsOf: sandbox.out.appendingPathComponent("logo/counter-a5-color.svg"), encoding: .utf8)
        let prefix = "data:image/png;base64,"
        let start = try #require(svg.range(of: prefix)).upperBound
        let end = try #require(svg[start...].firstIndex(of: "\""))
        let embedded = [UInt8](try #require(Data(base64Encoded: String(svg[start..<end]))))
        let chunks = PNGChunks(embedded)
        #expect(chunks.chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks.chunks.first?.data[9] == 6, "colour type: RGB with alpha, as the logo has")
        #expect(!String(decoding: embedded, as: UTF8.self).contains("GPS"))
        let given = try PNGDecoder.greyImage(good), written = try PNGDecoder.greyImage(embedded)
        // Straight alpha from premultiplied pixels rounds by at most one level.
        #expect(given.width == 60 && given.height == 20 && written.width == 60 && written.height == 20)
        #expect(zip(given.pixels, written.pixels).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    }
}

/// A PNG file as its chunks, to build well-framed files with damaged contents (each chunk's CRC recomputed).
struct PNGChunks {
    struct Chunk {
        var type: String
        var data: [UInt8]
    }
    var chunks: [Chunk] = []

    init(_ bytes: [UInt8]) {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard offset + 12 + length <= bytes.count else { break }
            chunks.append(
                Chunk(
                    type: String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self),
                    data: Array(bytes[offset + 8..<offset + 8 + length])))
            offset += 12 + length
        }
    }

    func replacing(_ type: String, with data: [UInt8]) -> PNGChunks {
        var copy = self
        for index in copy.chunks.indices where copy.chunks[index].type == type { copy.chunks[index].data = data }
        return copy
    }

    func inserting(_ type: String, _ data: [UInt8], before other: String) -> PNGChunks {
        var copy = self
        let index = copy.chunks.firstIndex { $0.type == other } ?? copy.chunks.endIndex
        copy.chunks.insert(Chunk(type: type, data: data), at: index)
        return copy
    }

    var bytes: [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        for chunk in chunks {
            let body = Array(chunk.type.utf8) + chunk.data
            png += bigEndian(UInt32(chunk.data.count)) + body + bigEndian(CRC32.of(body[...]))
        }
        return png
    }
}
