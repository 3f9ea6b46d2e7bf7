import Foundation
import QRDesk
import QRDeskCore

/// A print kit made over HTTP, in memory: the list's rows planned through the request vocabulary and rendered,
/// read back and listed by the same engine as `qrdesk batch --bundle` (`KitAssembler`), then zipped. Nothing
/// touches the server's disk; a list over HTTP names only files sent with it: those in its zip (`KitArchive`), or
/// the card form's own uploaded logo, which the server hands the planner by name.
struct KitBuilder: Sendable {
    let library: TemplateLibrary
    let libraryFingerprint: String
    let linkPolicy: LinkPolicy
    let pool: RenderPool
    let maximumRows: Int

    /// The one file name a kit made from the page's form may use for its uploaded logo.
    static let logoName = "logo.png"
    /// A kit of the largest list (1,000 rows × 3 files of ~50 KB) is ~150 MB; its files are held in memory.
    static let maximumKitBytes = 512 << 20

    struct Kit: Sendable {
        var zip: [UInt8]
        var failures: [BatchFailure]
    }

    /// The columns whose cells name files (a logo, a receipt document): over HTTP only a zip can hold them.
    static func namesAFile(_ column: String) -> Bool { column == CardKeys.logo.column || column == "receipt" }

    /// A list from its bytes; `fileExtension` says how to read it: csv, json or yaml.
    func build(list: [UInt8], fileExtension: String, defaults: [String: String]) async throws(ProblemDetails) -> Kit {
        let batchList = try parse(list, fileExtension: fileExtension, displayName: "list")
        let namesFiles =
            batchList.rows.contains { $0.fields.keys.contains(where: Self.namesAFile) }
            || batchList.defaults.keys.contains(where: Self.namesAFile)
        if namesFiles {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Lists over HTTP name no files",
                detail:
                    "the list has a logo or receipt column; over HTTP a list names only files sent with it — send "
                    + "the list and those files as one zip (application/zip), or remove the column",
                field: "list", code: .document)
        }
        return try await assemble(batchList, defaults: defaults, files: [:])
    }

    /// A kit sent as a zip: its list, and the logos and receipt documents the list names by their paths inside
    /// the archive (`KitArchive` checks names and budgets before anything inflates).
    func build(zip: [UInt8], defaults: [String: String]) async throws(ProblemDetails) -> Kit {
        let archive = try KitArchive.read(zip)
        let batchList = try parse(archive.list, fileExtension: archive.listExtension, displayName: archive.listName)
        return try await assemble(batchList, defaults: defaults, files: archive.files)
    }

    private func parse(_ list: [UInt8], fileExtension: String, displayName: String) throws(ProblemDetails) -> BatchList
    {
        let batchList: BatchList
        do {
            batchList = try BatchList.parse(
                list, fileExtension: fileExtension, displayName: displayName,
                baseDirectory: URL(fileURLWithPath: "/nonexistent"))
        } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Unreadable list", detail: error.description, field: "list",
                code: .document)
        }
        guard batchList.rows.count <= maximumRows else {
            throw ProblemDetails(
                status: .contentTooLarge, title: "Too many rows",
                detail:
                    "the list has \(batchList.rows.count) rows; a kit over HTTP holds at most \(maximumRows) (use "
                    + "qrdesk batch for more)",
                field: "list", code: .tooLarge)
        }
        return batchList
    }

    /// The card form's kit: one row from the form's fields (by list column), the uploaded logo by name.
    func build(row: [String: String], files: [String: [UInt8]]) async throws(ProblemDetails) -> Kit {
        try await assemble(BatchList.inMemory(name: "card-form", rows: [row]), defaults: [:], files: files)
    }

    private func assemble(
        _ list: BatchList, defaults: [String: String], files: [String: [UInt8]]
    ) async throws(ProblemDetails) -> Kit {
        var planner = BatchPlanner(
            library: library, libraryFingerprint: libraryFingerprint, commandLineDefaults: defaults,
            linkPolicy: linkPolicy, verify: true, dpi: CardKeys.defaultDPI, creationDate: ReproducibleDate.current())
        planner.door = .listOverHTTP
        planner.providedFiles = files
        let assembler = KitAssembler(planner: planner)
        do {
            return try await pool.run {
                let kit = try assembler.assemble(list, jobs: 1, maximumBytes: Self.maximumKitBytes)
                let zip = try MemoryZip.make(
                    kit.files.map { (name: $0.path, bytes: $0.bytes) }, epochSeconds: ReproducibleDate.epochSeconds())
                return Kit(zip: zip, failures: kit.failures)
            }
        } catch {
            throw RenderProblem.from(error)
        }
    }
}
