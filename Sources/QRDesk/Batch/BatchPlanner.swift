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
        case let .card(request): request.content.link.text
        case let .receipt(request): request.receipt.paymentLink?.text
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

    public init(library: TemplateLibrary, libraryFingerprint: String, commandLineDefaults: [String: String], linkPolicy: LinkPolicy,
                verify: Bool, dpi: Int, creationDate: String) {
        self.library = library
        self.libraryFingerprint = libraryFingerprint
        self.commandLineDefaults = commandLineDefaults
        self.linkPolicy = linkPolicy
        self.verify = verify
        self.dpi = dpi
        self.creationDate = creationDate
    }

    public func plan(_ row: BatchRow, list: BatchList) throws(BatchFailure) -> PlannedRow {
        func fail(_ column: String?, _ message: String) -> BatchFailure { BatchFailure(row: row, column: column, message: message) }
        if let problem = row.problem { throw fail(problem.column, problem.message) }
        guard let id = row.id else { throw fail("id", "the id is empty; every row needs an id (it names the row's folder)") }
        if let problem = RowID.problem(with: id) { throw fail("id", problem) }
        var values = list.defaults.merging(commandLineDefaults) { _, commandLine in commandLine }
        values.merge(row.fields) { _, row in row }
        var inputs = FingerprintInputs(
            row: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"),
            templates: libraryFingerprint, date: creationDate, qrdesk: QRDeskVersion.current,
            options: "verify=\(verify) dpi=\(dpi) http=\(linkPolicy.allowsHTTP) hosts=\(linkPolicy.allowedHosts.joined(separator: ","))"
                + (printsReceipts ? " escpos" : ""), files: "")

        func readFile(_ column: String, limit: Int) throws(BatchFailure) -> ([UInt8], String)? {
            guard let path = values[column] else { return nil }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : list.baseDirectory.appendingPathComponent(path)
            do { return (try InputFile.read(url, limit: limit, displayName: path), path) } catch {
                throw fail(column, "\(error.description) (relative paths are read from the list's folder)")
            }
        }

        let job: PlannedRow.Job
        if let (data, path) = try readFile("receipt", limit: ReceiptLimits.documentBytes) {
            inputs.files += "receipt=\(SHA256.hash(data: data).hexString)"
            let receipt: Receipt
            do {
                receipt = try ReceiptReader.parse(data, file: path, format: .forFile(named: path), linkPolicy: linkPolicy)
            } catch { throw fail("receipt", error.description) }
            // Defaults name a card template; a receipt row names its own, or prints on the 80 mm roll.
            let template = row.fields["template"] ?? "receipt-80mm"
            guard library.receipts[template] != nil else {
                throw fail("template", TemplateError.unknownTemplate(id: template, known: library.receipts.keys.sorted()).description)
            }
            var formats = try parseValues(values["formats"], as: OutputFormat.self, column: "formats", row: row) ?? [.pdf]
            if printsReceipts, !formats.contains(.escpos) { formats.append(.escpos) }
            if let lang = values["lang"], !library.strings.hasLanguage(lang) { throw fail("lang", "no texts for \"\(lang)\"; available: \(library.strings.languages.joined(separator: ", "))") }
            job = .receipt(ReceiptRequest(receipt: receipt, templateID: template, formats: formats, language: values["lang"], dpi: dpi, verify: verify))
        } else {
            guard let name = values["name"], !name.isEmpty else { throw fail("name", "is empty; a card row needs the business name") }
            for column in ["name", "tagline", "address"] {
                if let text = values[column], let problem = PrintedText.problem(with: text, limit: column == "address" ? PrintedText.longLimit : PrintedText.shortLimit,
                                                                                  multiline: true) {
                    throw fail(column, problem)
                }
            }
            guard let linkText = values["link"] else { throw fail("link", "is empty; a card row needs its payment link") }
            let link: PaymentLink
            do { link = try PaymentLink(linkText, policy: linkPolicy) } catch { throw fail("link", error.description) }
            let templateID = values["template"] ?? "counter-a5"
            guard library.cards[templateID] != nil else {
                throw fail("template", TemplateError.unknownTemplate(id: templateID, known: library.cards.keys.sorted()).description)
            }
            let language = values["lang"] ?? "en"
            guard library.strings.hasLanguage(language) else {
                throw fail("lang", "no texts for \"\(language)\"; available: \(library.strings.languages.joined(separator: ", "))")
            }
            func color(_ column: String) throws(BatchFailure) -> RGBColor? {
                guard let text = values[column] else { return nil }
                guard let color = RGBColor(hex: text) else { throw fail(column, "expected a colour such as #1A73E8, got \"\(text)\"") }
                return color
            }
            var logo: [UInt8]?
            if let (data, path) = try readFile("logo", limit: PNGInfo.maximumFileBytes) {
                do { _ = try PNGInfo.checkLogo(data) } catch { throw fail("logo", "\(path): \(error.description)") }
                logo = data
                inputs.files += "logo=\(SHA256.hash(data: data).hexString)"
            }
            var ecc: ErrorCorrectionLevel?
            if let text = values["ecc"] {
                guard let level = ErrorCorrectionLevel(letter: text) else { throw fail("ecc", "expected L, M, Q or H, got \"\(text)\"") }
                ecc = level
            }
            var scanDistance: ScanDistance?
            if let text = values["scan-distance"] {
                do { scanDistance = try ScanDistance(parsing: text) } catch { throw fail("scan-distance", error.description) }
            }
            let content = CardContent(businessName: name, tagline: values["tagline"], address: values["address"], link: link, language: language,
                                      accent: try color("accent"), qrColor: try color("qr-color"), logoPNG: logo)
            var request = CardRequest(content: content, templateID: templateID, errorCorrection: ecc, scanDistance: scanDistance, dpi: dpi, verify: verify)
            if let variants = try parseValues(values["variants"], as: Variant.self, column: "variants", row: row) { request.variants = variants }
            if let formats = try parseValues(values["formats"], as: OutputFormat.self, column: "formats", row: row) { request.formats = formats }
            job = .card(request)
        }
        return PlannedRow(row: row, id: id, job: job, fingerprint: inputs.fingerprint, inputs: inputs)
    }

    private func parseValues<T: RawRepresentable & CaseIterable>(_ text: String?, as type: T.Type, column: String, row: BatchRow) throws(BatchFailure) -> [T]?
    where T.RawValue == String {
        guard let text else { return nil }
        var result: [T] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
            let value = part.lowercased() == "colour" ? "color" : part.lowercased()
            guard let parsed = T(rawValue: value) else {
                throw BatchFailure(row: row, column: column, message: "unknown value \"\(part)\"; expected \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !result.contains(where: { $0.rawValue == parsed.rawValue }) { result.append(parsed) }
        }
        return result.isEmpty ? nil : result
    }

    /// A hash of every template and string file, so a template change re-renders every row that uses the library.
    public static func fingerprint(ofTemplatesIn directories: [URL]) -> String {
        var hasher = SHA256()
        for directory in directories {
            let files = (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            for file in files {
                hasher.update(data: Data(file.utf8))
                if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) { hasher.update(data: data) }
            }
        }
        return hasher.finalize().hexString
    }
}
