import Foundation
import QRDesk
import QRDeskCore

/// A print kit made over HTTP: the list run through the same batch engine as `qrdesk batch --bundle`, in a
/// `TemporaryFolder` the server creates for the request (never a name from it) and removes afterwards. Lists over HTTP
/// name no files: a `logo` or `receipt` column would read the server's disk, so it is refused.
struct KitBuilder: Sendable {
    let library: TemplateLibrary
    let libraryFingerprint: String
    let linkPolicy: LinkPolicy
    let pool: RenderPool
    let maximumRows: Int

    /// The one file name a kit made from the page's form may use for its uploaded logo.
    static let logoName = "logo.png"
    /// A kit of the largest list (1,000 rows × 3 files of ~50 KB) is ~150 MB; the zip is held in memory to send.
    static let maximumZipBytes = 512 << 20

    struct Kit: Sendable {
        var zip: [UInt8]
        var failures: [BatchFailure]
    }

    /// `files` are written into the kit's folder by the server under fixed names (the form's logo).
    /// `fileExtension` says how to read the list: csv, json or yaml.
    func build(list: [UInt8], fileExtension: String, defaults: [String: String], files: [String: [UInt8]] = [:]) async throws(ProblemDetails) -> Kit {
        // The kit's own folder first: the list is read once, with it as the base, so the form's own logo (and
        // nothing else) resolves.
        let folder: TemporaryFolder
        do { folder = try TemporaryFolder(prefix: "qrdesk-serve") } catch { throw RenderProblem.from(error) }
        defer { folder.remove() }
        let batchList: BatchList
        do {
            batchList = try BatchList.parse(list, fileExtension: fileExtension, displayName: "list", baseDirectory: folder.url)
        } catch {
            throw ProblemDetails(status: .unprocessableContent, title: "Unreadable list", detail: error.description, field: "list", code: .document)
        }
        guard batchList.rows.count <= maximumRows else {
            throw ProblemDetails(status: .contentTooLarge, title: "Too many rows",
                                 detail: "the list has \(batchList.rows.count) rows; a kit over HTTP holds at most \(maximumRows) (use qrdesk batch for more)",
                                 field: "list", code: .tooLarge)
        }
        let namesFiles = batchList.rows.contains { row in row.fields.keys.contains { $0 == "logo" || $0 == "receipt" } }
            || batchList.defaults.keys.contains { $0 == "logo" || $0 == "receipt" }
        if namesFiles, files.isEmpty {
            throw ProblemDetails(status: .unprocessableContent, title: "Lists over HTTP name no files",
                                 detail: "the list has a logo or receipt column; over HTTP a list may not name files on the server — remove the column, or use qrdesk batch",
                                 field: "list", code: .document)
        }
        let library = self.library, fingerprint = libraryFingerprint, policy = linkPolicy
        do {
            return try await pool.run {
                for (name, bytes) in files { try Data(bytes).write(to: folder.url.appendingPathComponent(name), options: .withoutOverwriting) }
                var planner = BatchPlanner(library: library, libraryFingerprint: fingerprint, commandLineDefaults: defaults, linkPolicy: policy,
                                           verify: true, dpi: CardKeys.defaultDPI, creationDate: ReproducibleDate.current())
                planner.door = .listOverHTTP
                let output = folder.url.appendingPathComponent("kit")
                let report = try BatchRunner(list: batchList, planner: planner,
                                             settings: BatchSettings(outputDirectory: output, jobs: 1, quiet: true)).run()
                let zip = folder.url.appendingPathComponent("kit.zip")
                try PrintKitBundle.write(manifest: try report.loadManifest(), manifestName: BatchRunner.manifestName, from: output, to: zip,
                                         epochSeconds: ReproducibleDate.epochSeconds())
                return Kit(zip: try InputFile.read(zip, limit: Self.maximumZipBytes, displayName: "kit.zip"), failures: report.failures)
            }
        } catch {
            throw RenderProblem.from(error)
        }
    }
}
