import Crypto
import Foundation
import QRDeskCore
import QRDeskNative
import Synchronization

public struct BatchSettings: Sendable {
    public var outputDirectory: URL
    public var jobs: Int
    public var shard: Shard?
    public var quiet: Bool
    /// Press sheet for imposing the run's cards (`a3`), and cards per sheet; nil for no imposition.
    public var sheet: String?
    public var cardsPerSheet: Int

    public init(
        outputDirectory: URL, jobs: Int = ProcessInfoCores.count, shard: Shard? = nil, quiet: Bool = false,
        sheet: String? = nil, cardsPerSheet: Int = 4
    ) {
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.shard = shard
        self.quiet = quiet
        self.sheet = sheet
        self.cardsPerSheet = cardsPerSheet
    }
}

/// What a run did, for the closing summary and the exit status.
public struct BatchReport: Sendable {
    /// Where the manifest was written (nil for `--check`, which writes nothing).
    public var manifestURL: URL?
    public var artifactCount: Int
    public var failures: [BatchFailure]
    public var rowsSelected: Int
    public var rowsRendered: Int
    public var rowsUnchanged: Int
    public var filesWritten: Int
    public var filesUnchanged: Int
    public var seconds: Double
    /// For `--check`: artifacts that are missing or would change.
    public var stale: [String]
    /// Things worth saying that are not failures (templates too large to impose).
    public var notes: [String] = []
    /// Why no manifest was written (a full disk), when that happened; the failures are still listed.
    public var manifestError: String?

    /// The manifest, read back from its file: for tests and bundles (a big run's manifest is large).
    public func loadManifest() throws -> Manifest {
        guard let manifestURL, let manifest = Manifest.read(manifestURL) else {
            throw FileError(path: manifestURL?.path ?? "manifest", reason: "no manifest was written")
        }
        return manifest
    }
}

/// Renders every row of a list on every core. Rows are independent: a bad row is reported and skipped, the
/// others are written. Output bytes and the manifest do not depend on the number of jobs or on timing.
public struct BatchRunner: Sendable {
    public static let manifestName = "manifest.json"

    /// A shard writes its own manifest beside the others; `qrdesk manifest merge` joins them into manifest.json.
    public static func manifestName(for shard: Shard?) -> String {
        shard.map { "manifest.shard-\($0.index)-of-\($0.count).json" } ?? manifestName
    }

    let list: BatchList
    let planner: BatchPlanner
    let settings: BatchSettings

    public init(list: BatchList, planner: BatchPlanner, settings: BatchSettings) {
        self.list = list
        self.planner = planner
        self.settings = settings
    }

    enum RowResult: Sendable {
        /// The row's entries are in the journal at `record`; only this small handle stays in memory.
        /// `warning`: what the CLI would warn of for this row (an explicit ecc that costs reach).
        case done(id: String, record: Journal.Record, written: Int, unchanged: Int, reused: Bool, warning: String?)
        case failed(BatchFailure)
    }

    // MARK: Planning

    /// Rows of this shard; a repeated id is a failure here, before any work.
    func selectRows() -> (rows: [BatchRow], failures: [BatchFailure]) {
        var rows: [BatchRow] = [], failures: [BatchFailure] = []
        // Ids that differ only in case name the same folder on macOS and Windows (and in the unzipped bundle).
        var firstRowOfID: [String: (id: String, row: Int)] = [:]
        for row in list.rows where settings.shard?.contains(id: row.id) ?? true {
            if let id = row.id, let first = firstRowOfID[RowID.folderKey(id)] {
                let same =
                    first.id == id
                    ? "is already used by row \(first.row)"
                    : "names the same folder as \"\(first.id)\" of row \(first.row) on case-insensitive systems "
                        + "(macOS, Windows)"
                failures.append(
                    BatchFailure(
                        row: row, column: "id",
                        message: "id \"\(id)\" \(same); ids must be unique (each names a folder)"))
                continue
            }
            if let id = row.id { firstRowOfID[RowID.folderKey(id)] = (id, row.number) }
            rows.append(row)
        }
        return (rows, failures)
    }

    /// Rows of this shard, planned; duplicate ids and unusable rows become failures.
    func planRows() -> (planned: [PlannedRow], failures: [BatchFailure], selected: Int) {
        let (rows, duplicates) = selectRows()
        var planned: [PlannedRow] = [], failures = duplicates
        for row in rows {
            do { planned.append(try planner.plan(row, list: list)) } catch { failures.append(error) }
        }
        return (planned, failures, rows.count + duplicates.count)
    }

    /// What an earlier run recorded, from its manifest and from the journal of an interrupted run.
    func previousEntries(in folder: OutputFolder) -> [String: (fingerprint: String, entries: [Manifest.Entry])] {
        var previous: [String: (String, [Manifest.Entry])] = [:]
        let manifests = folder.entries().map(\.name).filter {
            $0 == Self.manifestName || ($0.hasPrefix("manifest.shard-") && $0.hasSuffix(".json"))
        }
        for name in manifests {
            guard let bytes = (try? folder.read(name, limit: Manifest.maximumBytes)) ?? nil,
                let manifest = Manifest.decode(bytes)
            else { continue }
            for (id, entries) in Dictionary(grouping: manifest.artifacts, by: \.id) {
                if let fingerprint = entries.first?.fingerprint, entries.allSatisfy({ $0.fingerprint == fingerprint }) {
                    previous[id] = (fingerprint, entries)
                }
            }
        }
        for line in Journal.read(folder: folder) { previous[line.id] = (line.fingerprint, line.artifacts) }
        return previous
    }

    func isIntact(_ entry: Manifest.Entry, in folder: OutputFolder) -> Bool {
        folder.holds(entry.path, bytes: entry.bytes, sha256: entry.sha256)
    }

    // MARK: Running

    public func run() throws -> BatchReport {
        let folder = try OutputFolder(settings.outputDirectory)
        let lock = try folder.lock()
        defer { withExtendedLifetime(lock) {} }
        folder.removeTemporaryFiles()
        // Rows are planned inside the workers, so no list-sized set of requests is ever held in memory.
        let (rows, planFailures) = selectRows()
        let selected = rows.count + planFailures.count
        let previous = previousEntries(in: folder)
        let journal = try Journal(folder: folder)
        let progress = ProgressReporter(total: rows.count, quiet: settings.quiet)
        let collected = Mutex<[RowResult]>([])
        progress.run {
            let results = ParallelMap.run(rows, jobs: settings.jobs) { batchRow -> RowResult in
                let result: RowResult
                do throws(BatchFailure) {
                    let row = try planner.plan(batchRow, list: list)
                    result = process(row, previous: previous[row.id], journal: journal, folder: folder)
                } catch {
                    result = .failed(error)
                }
                if case let .done(_, _, written, unchanged, _, _) = result {
                    progress.record(files: written, unchanged: unchanged, failed: false)
                } else {
                    progress.record(files: 0, unchanged: 0, failed: true)
                }
                return result
            }
            collected.withLock { $0 = results }
        }
        var done: [(id: String, record: Journal.Record)] = [], failures = planFailures, succeeded: [BatchRow] = []
        var warnings: [String] = []
        var written = 0, unchanged = 0, reusedRows = 0, renderedRows = 0
        let results = collected.withLock { results in
            defer { results = [] }; return results
        }
        for (row, result) in zip(rows, results) {
            switch result {
            case let .done(id, record, rowWritten, rowUnchanged, reused, warning):
                done.append((id, record)); written += rowWritten; unchanged += rowUnchanged
                if let warning { warnings.append("\(row.location) (id \(id)): \(warning)") }
                if reused { reusedRows += 1 } else { renderedRows += 1 }
                if settings.sheet != nil { succeeded.append(row) }
            case let .failed(failure): failures.append(failure)
            }
        }
        var notes: [String] = warnings, sheetEntries: [Manifest.Entry] = []
        if let sheet = settings.sheet {
            do {
                let (entries, sheetNotes) = try SheetBuilder(
                    sheet: sheet, cardsPerSheet: settings.cardsPerSheet, library: planner.library,
                    creationDate: planner.creationDate, folder: folder, verify: planner.verify
                )
                .build(succeeded.compactMap { try? planner.plan($0, list: list) })
                sheetEntries = entries
                notes += sheetNotes
            } catch {
                notes.append("press sheets were not written: \(error)")
            }
        }
        // Paths are "<id>/<file>": ordering rows by "<id>/" orders their entries by path.
        done.sort { $0.id + "/" < $1.id + "/" }
        let header = Manifest(
            qrdesk: QRDeskVersion.current,
            date: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil ? planner.creationDate : nil,
            input: .init(
                file: URL(fileURLWithPath: list.file).lastPathComponent, sha256: list.inputSHA256, rows: list.rows.count
            ),
            shard: settings.shard?.description, artifacts: [], failures: failures)
        let manifestName = Self.manifestName(for: settings.shard)
        var count = 0
        var report = BatchReport(
            manifestURL: nil, artifactCount: 0, failures: header.failures, rowsSelected: selected,
            rowsRendered: renderedRows,
            rowsUnchanged: reusedRows, filesWritten: written, filesUnchanged: unchanged, seconds: progress.elapsed,
            stale: [],
            notes: notes)
        do {
            try Manifest.write(to: manifestName, in: folder, header: header) { each in
                // Sheets live under "_sheets/", which sorts before every row id (ids start with a letter or digit).
                for entry in sheetEntries { each(entry); count += 1 }
                try journal.read(done.map(\.record)) { line in
                    for entry in line.artifacts.sorted(by: { $0.path < $1.path }) { each(entry); count += 1 }
                }
            }
        } catch {
            // The journal stays, so the next run resumes from it; the failed rows are still reported.
            report.manifestError =
                "the manifest was not written (\(error)); the journal \(Journal.fileName) keeps what was rendered, "
                + "and the next run resumes from it"
            return report
        }
        Journal.remove(folder: folder)
        report.manifestURL = settings.outputDirectory.appendingPathComponent(manifestName)
        report.artifactCount = count
        return report
    }

    func process(
        _ row: PlannedRow, previous: (fingerprint: String, entries: [Manifest.Entry])?, journal: Journal,
        folder: OutputFolder
    ) -> RowResult {
        if let previous, previous.fingerprint == row.fingerprint, !previous.entries.isEmpty,
            previous.entries.allSatisfy({ isIntact($0, in: folder) })
        {
            let entries = previous.entries.map { entry in
                var entry = entry; entry.row = row.row.number; return entry
            }
            do {
                let record = try journal.append(.init(id: row.id, fingerprint: row.fingerprint, artifacts: entries))
                return .done(
                    id: row.id, record: record, written: 0, unchanged: entries.count, reused: true,
                    warning: warning(for: row))
            } catch {
                return .failed(BatchFailure(row: row.row, column: nil, message: "cannot write the journal: \(error)"))
            }
        }
        // Files this attempt put on disk: if the row cannot be finished (a later file, the folder's fsync or the
        // journal line fails), they go again, so the manifest (made from the journal) lists exactly what is there.
        var newlyWritten: [String] = []
        do {
            let artifacts = try KitAssembler.render(row, planner: planner)
            var entries: [Manifest.Entry] = [], written = 0, unchanged = 0
            for artifact in artifacts {
                let entry = row.entry(for: artifact)
                let path = entry.path
                // Same bytes already on disk: leave the file (and its timestamp) alone.
                if isIntact(entry, in: folder) {
                    unchanged += 1
                } else {
                    try folder.write(artifact.bytes, to: path, syncFolder: false)
                    newlyWritten.append(path)
                    written += 1
                }
                entries.append(entry)
            }
            // One fsync of the row's folder makes all its renames durable, before the journal says the row is done.
            if written > 0 { try folder.sync(folder: row.id) }
            let record = try journal.append(.init(id: row.id, fingerprint: row.fingerprint, artifacts: entries))
            return .done(
                id: row.id, record: record, written: written, unchanged: unchanged, reused: false,
                warning: warning(for: row))
        } catch {
            for path in newlyWritten { folder.remove(path) }
            let removed =
                newlyWritten.isEmpty
                ? ""
                : "; the \(newlyWritten.count) file(s) written for it were removed, and the next run writes them again"
            return .failed(
                BatchFailure(
                    row: row.row, column: Self.column(for: error), message: "\(planner.door.describe(error))\(removed)")
            )
        }
    }

    /// What a card row's plan warns of (an explicit ecc that shrinks the modules), in the list's words.
    func warning(for row: PlannedRow) -> String? {
        guard case let .card(request) = row.job, request.errorCorrection != nil else { return nil }
        let plan = try? CardRenderer(library: planner.library, creationDate: planner.creationDate).plan(for: request)
        return plan?.warning(naming: planner.door.keyNaming)
    }

    /// The column a render error points at, so the message says where to look.
    static func column(for error: Error) -> String? {
        if let request = RequestError(rendering: error) { return request.key.column }
        if case LayoutError.rollBlockTooLong = error { return "receipt" }
        return nil
    }

    // MARK: Checking

    /// `--check`: which artifacts of this list are missing or stale, writing nothing.
    public func check() -> BatchReport {
        let (planned, failures, selected) = planRows()
        // --check writes nothing, not even the folder: a missing folder means every row is stale.
        let folder = try? OutputFolder(settings.outputDirectory, create: false)
        let previous = folder.map(previousEntries) ?? [:]
        var stale: [String] = [], upToDate = 0
        for row in planned {
            guard let recorded = previous[row.id], !recorded.entries.isEmpty else {
                stale.append("\(row.id)/: not rendered yet")
                continue
            }
            guard recorded.fingerprint == row.fingerprint else {
                stale.append("\(row.id)/: \(row.inputs.staleness(since: recorded.entries.first?.inputs))")
                continue
            }
            for entry in recorded.entries {
                if let folder, isIntact(entry, in: folder) {
                    upToDate += 1
                } else {
                    stale.append("\(entry.path): missing or changed")
                }
            }
        }
        return BatchReport(
            manifestURL: nil, artifactCount: upToDate, failures: failures, rowsSelected: selected, rowsRendered: 0,
            rowsUnchanged: planned.count, filesWritten: 0, filesUnchanged: upToDate, seconds: 0, stale: stale)
    }
}
