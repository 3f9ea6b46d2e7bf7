import Crypto
import Foundation
import QRDeskCore

/// What one row asks for, checked and resolved against the defaults: a card or a receipt request, the
/// row's output folder, and a fingerprint of everything that decides its bytes.
public struct PlannedRow: Sendable {
    public enum Job: Sendable {
        case card(CardRequest)
        case receipt(ReceiptRequest)
    }

    public let row: BatchRow
    public let id: String
    public let job: Job
    /// SHA-256 over the resolved settings, the inputs' bytes and the templates: equal fingerprints, equal files.
    public let fingerprint: String
    /// The fingerprint's parts, recorded in the manifest so `--check` can say which one changed.
    public let inputs: FingerprintInputs

    public var kind: String { if case .card = job { "card" } else { "receipt" } }
    public var link: String? {
        switch job {
        case let .card(request): request.content.code.text
        case let .receipt(request): request.receipt.balanceCode?.text
        }
    }
}

/// Turns rows into planned jobs. Row values override the list's defaults, which override the command line's.
public struct BatchPlanner: Sendable {
    public let library: TemplateLibrary
    public let libraryFingerprint: String
    public let commandLineDefaults: [String: String]
    public let linkPolicy: LinkPolicy
    public let verify: Bool
    public let dpi: Int
    public let creationDate: String
    /// `batch --print`: every receipt row also gets its ESC/POS stream, which is then sent to the printer.
    public var printsReceipts = false
    /// `--icc`: the CMYK output profile press files and CMYK accents are converted with.
    public var iccProfilePath: String?
    /// Where the list came from: `qrdesk batch`, or a kit over HTTP (whose refusals name no command-line option).
    public var door: RequestDoor = .list
    /// Files a list may name that the server holds in memory (the card form's logo), by name. Over HTTP these
    /// are the only files a row can name: nothing is read from the server's disk.
    public var providedFiles: [String: [UInt8]] = [:]

    public init(
        library: TemplateLibrary, libraryFingerprint: String, commandLineDefaults: [String: String],
        linkPolicy: LinkPolicy,
        verify: Bool, dpi: Int, creationDate: String
    ) {
        self.library = library
        self.libraryFingerprint = libraryFingerprint
        self.commandLineDefaults = commandLineDefaults
        self.linkPolicy = linkPolicy
        self.verify = verify
        self.dpi = dpi
        self.creationDate = creationDate
    }

    public func plan(_ row: BatchRow, list: BatchList) throws(BatchFailure) -> PlannedRow {
        func fail(_ column: String?, _ message: String) -> BatchFailure {
            BatchFailure(row: row, column: column, message: message)
        }
        if let problem = row.problem { throw fail(problem.column, problem.message) }
        guard let id = row.id else {
            throw fail("id", "the id is empty; every row needs an id (it names the row's folder)")
        }
        if let problem = RowID.problem(with: id) { throw fail("id", problem) }
        var values = list.defaults.merging(commandLineDefaults) { _, commandLine in commandLine }
        values.merge(row.fields) { _, row in row }
        var inputs = FingerprintInputs(
            row: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"),
            templates: libraryFingerprint, date: creationDate, qrdesk: QRDeskVersion.current,
            options:
                "verify=\(verify) dpi=\(dpi) http=\(linkPolicy.allowsHTTP) "
                + "hosts=\(linkPolicy.allowedHosts.joined(separator: ","))"
                + (printsReceipts ? " escpos" : ""), files: "")

        func read(_ path: String, limit: Int) throws(ListFileError) -> [UInt8] {
            if let provided = providedFiles[path] {
                guard provided.count <= limit else {
                    throw ListFileError(description: "\(path): larger than the \(limit >> 20) MiB a file may have")
                }
                return provided
            }
            guard door.namesFiles else {
                throw ListFileError(
                    description:
                        "\(path) was not sent with the list: over HTTP a list names only the files in its zip"
                )
            }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : list.baseDirectory.appendingPathComponent(path)
            do { return try InputFile.read(url, limit: limit, displayName: path) } catch {
                throw ListFileError(
                    description: "\(error.description) (relative paths are read from the list's folder)")
            }
        }
        func readFile(_ column: String, limit: Int) throws(BatchFailure) -> ([UInt8], String)? {
            guard let path = values[column] else { return nil }
            do { return (try read(path, limit: limit), path) } catch { throw fail(column, error.description) }
        }

        let job: PlannedRow.Job
        if let (data, path) = try readFile("receipt", limit: ReceiptLimits.documentBytes) {
            inputs.files += "receipt=\(SHA256.hash(data: data).hexString)"
            let receipt: Receipt
            do {
                receipt = try ReceiptReader.parse(
                    data, file: path, format: .forFile(named: path), linkPolicy: linkPolicy)
            } catch { throw fail("receipt", error.description) }
            // Defaults name a card template; a receipt row names its own, or prints on the 80 mm roll.
            var cells: [String: String] = [:]
            if let template = row.fields["template"] { cells[ReceiptKeys.template.json] = template }
            if let formats = values[ReceiptKeys.format.column] { cells[ReceiptKeys.format.json] = formats }
            if let lang = values[ReceiptKeys.lang.column] { cells[ReceiptKeys.lang.json] = lang }
            if let rowDPI = row.fields[ReceiptKeys.dpi.column] { cells[ReceiptKeys.dpi.json] = rowDPI }
            var request: ReceiptRequest
            do {
                request = try ReceiptOptionsDecoder(library: library, door: door)
                    .decode(CardRequestDecoder.textValues(cells)) { receipt }
            } catch let error as RequestError {
                throw fail(error.key.column, error.reason(for: door))
            } catch {
                throw fail("receipt", "\(error)")
            }
            if printsReceipts, !request.formats.contains(.escpos) { request.formats.append(.escpos) }
            if cells[ReceiptKeys.dpi.json] == nil { request.dpi = dpi }
            request.verify = verify
            job = .receipt(request)
        } else {
            // Columns as the vocabulary's keys; `id` and `receipt` are the list's own.
            var cells: [String: String] = [:]
            for (column, value) in values { if let key = CardKeys.key(named: column) { cells[key.json] = value } }
            var request: CardRequest
            do throws(RequestError) {
                request = try CardRequestDecoder(library: library, linkPolicy: linkPolicy, door: door)
                    .decode(CardRequestDecoder.textValues(cells)) { path in
                        try read(path, limit: PNGInfo.maximumFileBytes)
                    }
            } catch {
                throw fail(error.key.column, error.reason(for: door))
            }
            if cells[CardKeys.dpi.json] == nil { request.dpi = dpi }
            request.verify = verify
            if request.press != nil || request.accentCMYK != nil, let iccProfilePath {
                request.iccProfilePath = iccProfilePath
                let profile = FileManager.default.contents(atPath: iccProfilePath) ?? Data()
                inputs.files += "icc=\(SHA256.hash(data: profile).hexString)"
            }
            if let logo = request.content.logoPNG { inputs.files += "logo=\(SHA256.hash(data: logo).hexString)" }
            job = .card(request)
        }
        return PlannedRow(row: row, id: id, job: job, fingerprint: inputs.fingerprint, inputs: inputs)
    }

    /// A file a row names that cannot be read, said once with where relative paths start.
    struct ListFileError: Error, CustomStringConvertible {
        let description: String
    }

    /// A hash of every template and string file, so a template change re-renders every row that uses the library.
    public static func fingerprint(ofTemplatesIn directories: [URL]) -> String {
        var hasher = SHA256()
        for directory in directories {
            let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            for file in files {
                hasher.update(data: Data(file.utf8))
                if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) {
                    hasher.update(data: data)
                }
            }
        }
        return hasher.finalize().hexString
    }
}
