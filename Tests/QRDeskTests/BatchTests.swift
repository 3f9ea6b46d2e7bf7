import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

/// Batch runs against temporary folders. Rows use the bw PDF only where the format does not matter, to stay fast.
enum Batches {
    static func write(_ text: String, name: String = "list.csv", in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func rows(_ count: Int, from start: Int = 1) -> String {
        (start..<(start + count)).map { "salon-\($0),Salon \($0),https://pay.example.com/p/row\($0)" }.joined(
            separator: "\n")
    }

    static func runner(
        _ list: URL, out: URL, jobs: Int = 2, shard: Shard? = nil,
        defaults: [String: String] = ["variants": "bw", "formats": "pdf"]
    ) throws -> BatchRunner {
        let batchList = try BatchList.read(list, displayName: list.lastPathComponent)
        let planner = BatchPlanner(
            library: try Cards.library,
            libraryFingerprint: BatchPlanner.fingerprint(ofTemplatesIn: [TestSupport.templatesDirectory]),
            commandLineDefaults: defaults, linkPolicy: .strict, verify: true, dpi: 300,
            creationDate: "2024-01-01T00:00:00Z")
        return BatchRunner(
            list: batchList, planner: planner,
            settings: BatchSettings(outputDirectory: out, jobs: jobs, shard: shard, quiet: true))
    }

    /// Every file under a folder with its bytes, for comparing whole outputs.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []) {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}

@Suite("Batch lists")
struct BatchListTests {
    @Test func csvEdgeCases() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // BOM, CRLF, a quoted name with a comma, a quoted tagline with a newline and an escaped quote, a note column, a
        // blank line.
        let csv =
            "\u{FEFF}id,name,link,tagline,_notes\r\n"
            + "salon-1,\"Nova, Studio\",https://pay.example.com/p/1,\"Hair\r\nand \"\"care\"\"\",x\r\n"
            + "\r\n"
            + "salon-2,Luna,https://pay.example.com/p/2,,\r\n"
        let list = try BatchList.read(try Batches.write(csv, in: folder), displayName: "list.csv")
        #expect(list.rows.count == 2)
        #expect(
            list.rows[0].fields == [
                "id": "salon-1", "name": "Nova, Studio", "link": "https://pay.example.com/p/1",
                "tagline": "Hair\r\nand \"care\"",
            ])
        #expect(list.rows[1].fields == ["id": "salon-2", "name": "Luna", "link": "https://pay.example.com/p/2"])
        #expect(list.rows.map(\.number) == [2, 3])
        #expect(list.noteColumns == ["_notes"])
        // LF only, and `url` as the link column's other name.
        let lf = try BatchList.read(
            try Batches.write("id,name,url\nsalon-1,Nova,https://pay.example.com/p/1\n", in: folder),
            displayName: "list.csv")
        #expect(lf.rows[0].fields["link"] == "https://pay.example.com/p/1")
    }

    @Test(arguments: [
        ("", "the list is empty"),
        ("id,name,link\n", "the list has a header but no rows"),
        ("id,name\nsalon-1,Nova\n", "has no \"id\" column, or neither \"name\" and \"link\""),
        ("name,link\nNova,https://pay.example.com/p/1\n", "has no \"id\" column"),
    ])
    func unusableListsAreRefused(csv: String, message: String) throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try BatchList.read(try Batches.write(csv, in: folder), displayName: "list.csv")
        } throws: { error in
            "\(error)".hasPrefix("list.csv: ") && "\(error)".contains(message)
        }
    }

    @Test func yamlAndJSONListsCarryDefaults() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = """
            defaults: { template: sticker-100, lang: de, variants: [bw], formats: [pdf] }
            rows:
              - { id: salon-1, name: Nova, link: "https://pay.example.com/p/1" }
              - { id: salon-2, name: Luna, link: "https://pay.example.com/p/2", template: card-a6 }
            """
        let out = folder.appendingPathComponent("out")
        let report = try Batches.runner(try Batches.write(yaml, name: "list.yaml", in: folder), out: out, defaults: [:])
            .run()
        #expect(report.failures.isEmpty)
        #expect(
            try report.loadManifest().artifacts.map(\.path) == ["salon-1/sticker-100-bw.pdf", "salon-2/card-a6-bw.pdf"])
        let json =
            #"{ "rows": [ { "id": "r1", "name": "Nova", "link": "https://pay.example.com/p/1", "#
            + #""variants": "color", "formats": "svg" } ] }"#
        let jsonReport = try Batches.runner(
            try Batches.write(json, name: "list.json", in: folder), out: out, defaults: [:]
        ).run()
        #expect(try jsonReport.loadManifest().artifacts.map(\.path) == ["r1/counter-a5-color.svg"])
    }
}

@Suite("Batch runs")
struct BatchRunTests {
    @Test func badRowsAreReportedAndGoodRowsWritten() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = """
            id,name,link,template,accent
            good-1,Nova,https://pay.example.com/p/1,,
            bad-link,Luna,http://pay.example.com/p/2,,
            bad-template,Sol,https://pay.example.com/p/3,counter-a7,
            ,No Id,https://pay.example.com/p/4,,
            bad-accent,Mar,https://pay.example.com/p/5,,#7C7C7C
            good-1,Again,https://pay.example.com/p/6,,
            ../escape,Out,https://pay.example.com/p/7,,
            /etc,Root,https://pay.example.com/p/8,,
            a/b,Nested,https://pay.example.com/p/9,,
            .hidden,Dot,https://pay.example.com/p/10,,
            good-2,Luna,https://pay.example.com/p/11,,
            """
        let out = folder.appendingPathComponent("out")
        // The accent is checked where it is used: in the colour variant.
        let report = try Batches.runner(
            try Batches.write(csv, in: folder), out: out, defaults: ["variants": "color", "formats": "pdf"]
        ).run()
        #expect(try report.loadManifest().artifacts.map(\.id) == ["good-1", "good-2"])
        let failures = report.failures.map { "\($0.row) \($0.column ?? "-")" }
        #expect(failures == ["3 link", "4 template", "5 id", "6 accent", "7 id", "8 id", "9 id", "10 id", "11 id"])
        #expect(
            report.failures[0].description
                == "list.csv: row 3 (id bad-link): column \"link\": link \"http://pay.example.com/p/2\" is not https; "
                + "a payment page must be served over https; pass --allow-http to print it anyway"
        )
        #expect(report.failures[4].message.contains("is already used by row 2"))
        #expect(report.failures[5].message.contains("would write outside the output folder"))
        // Nothing escaped the output folder.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escape").path))
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == ["good-1", "good-2", "manifest.json"])
        let manifest = try #require(Manifest.read(out.appendingPathComponent("manifest.json")))
        #expect(manifest.failures.count == 9 && manifest.artifacts.count == 2)
    }

    @Test func outputDoesNotDependOnTheNumberOfJobs() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try Batches.write("id,name,link\n" + Batches.rows(12), in: folder)
        let defaults = ["variants": "color,bw", "formats": "pdf,svg"]
        _ = try Batches.runner(list, out: folder.appendingPathComponent("one"), jobs: 1, defaults: defaults).run()
        _ = try Batches.runner(list, out: folder.appendingPathComponent("four"), jobs: 4, defaults: defaults).run()
        let one = try Batches.snapshot(folder.appendingPathComponent("one")),
            four = try Batches.snapshot(folder.appendingPathComponent("four"))
        #expect(one.count == 12 * 3 + 1)
        #expect(one.keys.sorted() == four.keys.sorted())
        let identical = one == four
        #expect(identical)
    }

    @Test func rerunRewritesNothingAndRepairsWhatChanged() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try Batches.write("id,name,link\n" + Batches.rows(6), in: folder)
        let out = folder.appendingPathComponent("out")
        let first = try Batches.runner(list, out: out).run()
        #expect(first.rowsRendered == 6 && first.filesWritten == 6)
        let modified =
            try FileManager.default.attributesOfItem(
                atPath: out.appendingPathComponent("salon-1/counter-a5-bw.pdf").path)[.modificationDate] as? Date
        let second = try Batches.runner(list, out: out).run()
        #expect(second.rowsRendered == 0 && second.rowsUnchanged == 6 && second.filesWritten == 0)
        #expect(
            try FileManager.default.attributesOfItem(
                atPath: out.appendingPathComponent("salon-1/counter-a5-bw.pdf").path)[.modificationDate] as? Date
                == modified)
        #expect(try Batches.runner(list, out: out).check().stale.isEmpty)
        // A deleted file and a changed row: --check finds both and writes nothing; a run renders just those.
        try FileManager.default.removeItem(at: out.appendingPathComponent("salon-2/counter-a5-bw.pdf"))
        let changed = try Batches.write(
            "id,name,link\n" + Batches.rows(6).replacingOccurrences(of: "Salon 5,", with: "Salon Five,"), in: folder)
        let before = try Batches.snapshot(out)
        let check = try Batches.runner(changed, out: out).check()
        #expect(check.stale.count == 2)
        #expect(try Batches.snapshot(out) == before)
        let third = try Batches.runner(changed, out: out).run()
        #expect(third.rowsRendered == 2 && third.rowsUnchanged == 4 && third.filesWritten == 2)
    }

    @Test func shardsMergeIntoTheSingleRunManifest() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try Batches.write(
            "id,name,link\n" + Batches.rows(15) + "\nbad,Bad,http://x.example/p\n,No id,https://pay.example.com/p/x",
            in: folder)
        _ = try Batches.runner(list, out: folder.appendingPathComponent("single")).run()
        var manifests: [Manifest] = []
        var rowsSeen = 0
        for index in 1...3 {
            let shard = Shard("\(index)/3")!
            let out = folder.appendingPathComponent("shard-\(index)")
            let report = try Batches.runner(list, out: out, shard: shard).run()
            rowsSeen += report.rowsSelected
            manifests.append(
                try #require(Manifest.read(out.appendingPathComponent("manifest.shard-\(index)-of-3.json"))))
        }
        #expect(rowsSeen == 17)
        #expect(manifests.allSatisfy { !$0.artifacts.isEmpty })
        let merged = try Manifest.merge(manifests)
        let single = try #require(Manifest.read(folder.appendingPathComponent("single/manifest.json")))
        #expect(merged.encoded() == single.encoded())
        // Adding a row moves no other row between shards.
        let grown = try Batches.write("id,name,link\n" + Batches.rows(16), name: "grown.csv", in: folder)
        for index in 1...3 {
            let shard = Shard("\(index)/3")!
            let before = try BatchList.read(list, displayName: "l").rows.filter { shard.contains(id: $0.id) }
                .compactMap(\.id)
            let after = try BatchList.read(grown, displayName: "l").rows.filter { shard.contains(id: $0.id) }
                .compactMap(\.id)
            #expect(after.filter { $0 != "salon-16" } == before.filter { $0.hasPrefix("salon-") })
        }
    }

    @Test func receiptsCanBeListedToo() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Receipts.examples.appendingPathComponent("partial-usd-en.json"),
            to: folder.appendingPathComponent("r1.json"))
        let csv =
            "id,name,link,receipt,template,formats\nday-1,,,r1.json,receipt-58mm,\"pdf,png\"\n"
            + "day-2,,,missing.json,,\nsalon-1,Nova,https://pay.example.com/p/1,,,\n"
        let report = try Batches.runner(try Batches.write(csv, in: folder), out: folder.appendingPathComponent("out"))
            .run()
        #expect(
            try report.loadManifest().artifacts.map(\.path) == [
                "day-1/lux-2026-7781-receipt-58mm.pdf", "day-1/lux-2026-7781-receipt-58mm.png",
                "salon-1/counter-a5-bw.pdf",
            ])
        #expect(try report.loadManifest().artifacts[0].kind == "receipt")
        #expect(try report.loadManifest().artifacts[0].link == "https://pay.example.com/p/Lx7rT2aQ9m")
        #expect(report.failures.map(\.column) == ["receipt"])
    }

    @Test func bundleIsDeterministic() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let report = try Batches.runner(try Batches.write("id,name,link\n" + Batches.rows(3), in: folder), out: out)
            .run()
        try PrintKitBundle.write(
            manifest: try report.loadManifest(), manifestName: "manifest.json", from: out,
            to: folder.appendingPathComponent("a.zip"), epochSeconds: 946_684_800)
        try PrintKitBundle.write(
            manifest: try report.loadManifest(), manifestName: "manifest.json", from: out,
            to: folder.appendingPathComponent("b.zip"), epochSeconds: 946_684_800)
        let a = try Data(contentsOf: folder.appendingPathComponent("a.zip")),
            b = try Data(contentsOf: folder.appendingPathComponent("b.zip"))
        #expect(a == b)
        let listing = try TestSupport.run(
            "python3",
            [
                "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); "
                    + "print('\\n'.join(i.filename + ' ' + str(i.date_time) for i in z.infolist()))",
                folder.appendingPathComponent("a.zip").path,
            ])
        #expect(
            listing.stdout == """
                None
                manifest.json (2000, 1, 1, 0, 0, 0)
                salon-1/counter-a5-bw.pdf (2000, 1, 1, 0, 0, 0)
                salon-2/counter-a5-bw.pdf (2000, 1, 1, 0, 0, 0)
                salon-3/counter-a5-bw.pdf (2000, 1, 1, 0, 0, 0)

                """)
    }
}

@Suite("qrdesk batch")
struct BatchCLITests {
    func qrdesk(_ arguments: [String], in folder: URL) throws -> TestSupport.ProcessResult {
        try TestSupport.qrdesk(arguments, in: folder)
    }

    @Test func exitStatusAndCISummaryLines() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Batches.write("id,name,link\n" + Batches.rows(3), in: folder)
        let good = try qrdesk(["batch", "list.csv", "--variant", "bw", "--format", "pdf"], in: folder)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("batch: 3 rows: 3 rendered, 0 unchanged, 0 failed; 3 files written"))
        #expect(!good.stderr.contains("\u{1B}") && !good.stderr.contains("\r"), "control characters without a terminal")
        #expect(
            try qrdesk(["batch", "list.csv", "--variant", "bw", "--format", "pdf", "--check"], in: folder).status == 0)
        _ = try Batches.write("id,name,link\n" + Batches.rows(2) + "\nbad,Bad,http://pay.example.com/p/x", in: folder)
        let bad = try qrdesk(["batch", "list.csv", "--variant", "bw", "--format", "pdf"], in: folder)
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "qrdesk: list.csv: row 4 (id bad): column \"link\": link \"http://pay.example.com/p/x\" is not https"))
        #expect(
            try qrdesk(["batch", "list.csv", "--shard", "4/3"], in: folder).stderr.contains(
                "--shard <K/N>': expected K/N"))
    }

    /// Killed (SIGKILL) right after its fifth journal line, then run again: no partial file is left, the five
    /// journalled rows are reused, and the result equals a clean run.
    @Test func killedRunResumesToTheSameResult() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Batches.write("id,name,link\n" + Batches.rows(40), in: folder)
        let arguments = [
            "batch", "list.csv", "--quiet", "--variant", "color", "--format", "pdf,png", "--dpi", "150", "--jobs", "2",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
        environment["QRDESK_FAULT_KILL_AFTER_JOURNAL_LINES"] = "5"
        let killed = try TestSupport.run(
            try TestSupport.qrdeskBinary(), arguments + ["--out", "killed"], currentDirectory: folder,
            environment: environment)
        #expect(killed.status == SIGKILL, "the run was to be killed after five rows: \(killed.stderr)")
        let journal = try String(
            contentsOf: folder.appendingPathComponent("killed/.qrdesk-journal.jsonl"), encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 5)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("killed/manifest.json").path))

        let resumed = try qrdesk(arguments + ["--out", "killed"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("40 rows: 35 rendered, 5 unchanged"), "\(resumed.stdout)")
        let clean = try qrdesk(arguments + ["--out", "clean"], in: folder)
        #expect(clean.status == 0)
        let after = try Batches.snapshot(folder.appendingPathComponent("killed")),
            fresh = try Batches.snapshot(folder.appendingPathComponent("clean"))
        #expect(
            after.keys.sorted() == fresh.keys.sorted(),
            "left over: \(Set(after.keys).symmetricDifference(fresh.keys).sorted())")
        let identical = after == fresh
        #expect(identical)
    }
}

@Suite("Press sheets")
struct PressSheetTests {
    @Test func cardsAreImposedAndEveryCodeOnASheetScans() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try Batches.write(
            "id,name,link,template\n"
                + Batches.rows(5).split(separator: "\n").map { $0 + ",card-a6" }.joined(separator: "\n")
                + "\nbig,Big,https://pay.example.com/p/big,poster-a4", in: folder)
        let batchList = try BatchList.read(list, displayName: "list.csv")
        let planner = BatchPlanner(
            library: try Cards.library, libraryFingerprint: "x",
            commandLineDefaults: ["variants": "bw", "formats": "pdf"],
            linkPolicy: .strict, verify: true, dpi: 300, creationDate: "2024-01-01T00:00:00Z")
        let out = folder.appendingPathComponent("out")
        let report = try BatchRunner(
            list: batchList, planner: planner,
            settings: BatchSettings(outputDirectory: out, jobs: 2, quiet: true, sheet: "a3", cardsPerSheet: 4)
        ).run()
        let sheets = try report.loadManifest().artifacts.filter { $0.kind == "sheet" }
        #expect(sheets.map(\.path) == ["_sheets/card-a6-bw-a3-4up.pdf"])
        #expect(report.notes.count == 1 && report.notes[0].hasPrefix("poster-a4: 4 cards of 210mm × 297mm"))
        let pdf = [UInt8](try Data(contentsOf: out.appendingPathComponent(sheets[0].path)))
        #expect(Receipts.pdfPages(pdf).count == 2)  // 5 cards, 4 per sheet
        let first = try TestSupport.rasterizePDF(pdf, dpi: 100)
        #expect(Set(try ZBarDecoder().decode(first)) == Set((1...4).map { "https://pay.example.com/p/row\($0)" }))
        // The sheet was read back before it was written; verify agrees: five codes, every module as encoded.
        let audit = FileAudit(gates: AuditGates(allowedHosts: ["pay.example.com"])).audit(pdf, name: "sheet.pdf")
        #expect(audit.passed && audit.codes.count == 5 && audit.codes.allSatisfy { $0.wrongModules == 0 }, "\(audit)")
    }
}
