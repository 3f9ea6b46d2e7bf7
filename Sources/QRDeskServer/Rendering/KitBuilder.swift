import Foundation
import QRDesk
import QRDeskCore

/// A print kit made over HTTP: the list run through the same batch engine as `qrdesk batch --bundle`, in a
/// folder the server creates for the request (never a name from it) and removes afterwards. Lists over HTTP
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
        var rows: Int
        var failures: [BatchFailure]
    }

    /// `files` are written into the kit's folder by the server under fixed names (the form's logo).
    /// `fileExtension` says how to read the list: csv, json or yaml.
    func build(list: [UInt8], fileExtension: String, defaults: [String: String], files: [String: [UInt8]] = [:]) async throws(ProblemDetails) -> Kit {
        let parsed: BatchList
        do {
            parsed = try BatchList.parse(list, fileExtension: fileExtension, displayName: "list", baseDirectory: URL(fileURLWithPath: "/nonexistent"))
        } catch {
            throw ProblemDetails(status: .unprocessableContent, title: "Unreadable list", detail: error.description, field: "list", code: .document)
        }
        guard parsed.rows.count <= maximumRows else {
            throw ProblemDetails(status: .contentTooLarge, title: "Too many rows",
                                 detail: "the list has \(parsed.rows.count) rows; a kit over HTTP holds at most \(maximumRows) (use qrdesk batch for more)",
                                 field: "list", code: .tooLarge)
        }
        let namesFiles = parsed.rows.contains { row in row.fields.keys.contains { $0 == "logo" || $0 == "receipt" } }
            || parsed.defaults.keys.contains { $0 == "logo" || $0 == "receipt" }
        if namesFiles, files.isEmpty {
            throw ProblemDetails(status: .unprocessableContent, title: "Lists over HTTP name no files",
                                 detail: "the list has a logo or receipt column; over HTTP a list may not name files on the server — remove the column, or use qrdesk batch",
                                 field: "list", code: .document)
        }
        let library = self.library, fingerprint = libraryFingerprint, policy = linkPolicy
        do {
            return try await pool.run {
                let folder = try TemporaryFolder()
                defer { folder.remove() }
                for (name, bytes) in files { try Data(bytes).write(to: folder.url.appendingPathComponent(name), options: .withoutOverwriting) }
                // Re-read with the kit's folder as the base, so the form's own logo (and nothing else) resolves.
                let batchList = try BatchList.parse(list, fileExtension: fileExtension, displayName: "list", baseDirectory: folder.url)
                let planner = BatchPlanner(library: library, libraryFingerprint: fingerprint, commandLineDefaults: defaults, linkPolicy: policy,
                                           verify: true, dpi: 300, creationDate: ReproducibleDate.current())
                let output = folder.url.appendingPathComponent("kit")
                let report = try BatchRunner(list: batchList, planner: planner,
                                             settings: BatchSettings(outputDirectory: output, jobs: 1, quiet: true)).run()
                let zip = folder.url.appendingPathComponent("kit.zip")
                try PrintKitBundle.write(manifest: try report.loadManifest(), manifestName: BatchRunner.manifestName, from: output, to: zip,
                                         epochSeconds: ReproducibleDate.epochSeconds())
                let bytes = try InputFile.read(zip, limit: Self.maximumZipBytes, displayName: "kit.zip")
                return Kit(zip: bytes, rows: batchList.rows.count, failures: report.failures)
            }
        } catch {
            throw RenderProblem.from(error)
        }
    }
}

/// A folder made with mkdtemp(3) for one request, removed with everything in it.
struct TemporaryFolder {
    let url: URL

    init() throws {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("qrdesk-serve-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw FileError(path: NSTemporaryDirectory(), reason: "cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
