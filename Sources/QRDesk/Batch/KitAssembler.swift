import Crypto
import Foundation
import QRDeskCore

/// A print kit made in memory, for a server: the same rows, planning (`BatchPlanner`, the request vocabulary),
/// renderers, read-back and manifest as `qrdesk batch`, without a folder. The files and the manifest come back
/// as bytes for a zip; a byte budget is checked as files are added.
public struct KitAssembler: Sendable {
    public let planner: BatchPlanner

    public init(planner: BatchPlanner) { self.planner = planner }

    public struct Kit: Sendable {
        /// Every file by its path in the kit (`<id>/<file>`), manifest.json included, in path order.
        public var files: [(path: String, bytes: [UInt8])]
        public var failures: [BatchFailure]
    }

    public struct TooLarge: Error, CustomStringConvertible, Sendable {
        public let maximumBytes: Int
        public var description: String {
            "the kit's files would take more than \(maximumBytes >> 20) MiB; send fewer rows or fewer formats"
        }
    }

    /// Every row of `list`: planned, rendered on `jobs` threads, read back; a bad row is a failure in the manifest.
    public func assemble(_ list: BatchList, jobs: Int, maximumBytes: Int) throws -> Kit {
        let runner = BatchRunner(
            list: list, planner: planner,
            settings: BatchSettings(outputDirectory: URL(fileURLWithPath: "/"), jobs: jobs))
        let (rows, failures, _) = runner.planRows()
        let results = ParallelMap.run(rows, jobs: jobs) { row -> Result<[Artifact], BatchFailure> in
            do { return .success(try Self.render(row, planner: planner)) } catch {
                return .failure(
                    BatchFailure(
                        row: row.row, column: BatchRunner.column(for: error), message: planner.door.describe(error)))
            }
        }
        var entries: [(Manifest.Entry, [UInt8])] = [], allFailures = failures, total = 0
        for (row, result) in zip(rows, results) {
            switch result {
            case let .success(artifacts):
                for artifact in artifacts {
                    total += artifact.bytes.count
                    guard total <= maximumBytes else { throw TooLarge(maximumBytes: maximumBytes) }
                    entries.append((row.entry(for: artifact), artifact.bytes))
                }
            case let .failure(failure): allFailures.append(failure)
            }
        }
        let manifest = Manifest(
            qrdesk: QRDeskVersion.current,
            date: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil ? planner.creationDate : nil,
            input: .init(
                file: URL(fileURLWithPath: list.file).lastPathComponent, sha256: list.inputSHA256, rows: list.rows.count
            ),
            shard: nil, artifacts: entries.map(\.0), failures: allFailures)
        let files =
            entries.map { (path: $0.0.path, bytes: $0.1) } + [
                (path: BatchRunner.manifestName, bytes: manifest.encoded())
            ]
        return Kit(files: files.sorted { $0.path < $1.path }, failures: manifest.failures)
    }

    static func render(_ row: PlannedRow, planner: BatchPlanner) throws -> [Artifact] {
        switch row.job {
        case let .card(request):
            return try CardRenderer(library: planner.library, creationDate: planner.creationDate).render(request)
        case let .receipt(request):
            return try ReceiptRenderer(library: planner.library, creationDate: planner.creationDate).render(request)
        }
    }
}

extension PlannedRow {
    /// The manifest's entry for one of this row's files: one home for what a kit records of a file.
    func entry(for artifact: Artifact) -> Manifest.Entry {
        Manifest.Entry(
            path: "\(id)/\(artifact.fileName)", row: row.number, id: id, kind: kind, template: artifact.templateID,
            variant: artifact.variant.rawValue, format: artifact.format.rawValue, link: link,
            bytes: artifact.bytes.count,
            sha256: SHA256.hash(data: artifact.bytes).hexString, fingerprint: fingerprint, inputs: inputs.recorded)
    }
}
