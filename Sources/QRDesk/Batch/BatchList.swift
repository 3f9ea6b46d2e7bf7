import CSV
import Crypto
import Foundation
import QRDeskCore

/// A batch list read from CSV (a spreadsheet export), YAML or JSON: rows plus the defaults at the top of a
/// YAML/JSON file. CSV goes through CSV.swift: quoted fields, embedded commas and newlines, CRLF or LF, a BOM.
public struct BatchList: Sendable {
    /// The card request's columns (`CardKeys`), plus a row's id and a receipt row's document.
    public static let knownColumns: Set<String> = Set(CardKeys.all.map(\.column) + ["id", "receipt"])

    /// Other names spreadsheets use for a column.
    static let aliases: [String: String] = [
        "url": "link", "payment link": "link", "payment_link": "link", "language": "lang", "color": "accent",
    ]

    public let file: String
    /// Folder that relative `logo` and `receipt` paths are read from: the list's own folder.
    public let baseDirectory: URL
    public let rows: [BatchRow]
    public let defaults: [String: String]
    public let inputSHA256: String
    /// Note columns and keys (`_comment`): skipped, and named once on stderr.
    public let noteColumns: [String]

    public enum ListError: Error, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        case empty(file: String)
        case headerOnly(file: String)
        case missingColumn(file: String, header: [String])
        case malformed(file: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(file, reason): return "\(file): \(reason)"
            case let .empty(file):
                return "\(file): the list is empty; it needs a header row (id,name,link,…) and at least one row"
            case let .headerOnly(file): return "\(file): the list has a header but no rows"
            case let .missingColumn(file, header):
                return
                    "\(file): the header (\(header.joined(separator: ","))) has no \"id\" column, or neither \"name\" "
                    + "and \"link\" (or \"payload\") for cards nor \"receipt\" for receipts; add the missing column"
            case let .malformed(file, reason): return "\(file): \(reason)"
            }
        }
    }

    /// A list made in memory (a server's form): `fields` by column name, rows numbered from 1; its SHA-256 is
    /// of the rows' values, so the same form gives the same manifest.
    public static func inMemory(name: String, rows: [[String: String]]) -> BatchList {
        let text = rows.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") }
            .joined(separator: "\n\n")
        return BatchList(
            file: name, baseDirectory: URL(fileURLWithPath: "/nonexistent"),
            rows: rows.enumerated().map {
                BatchRow(number: $0.offset + 1, location: "row \($0.offset + 1)", fields: $0.element)
            },
            defaults: [:], inputSHA256: SHA256.hash(data: Data(text.utf8)).hexString, noteColumns: [])
    }

    /// Budgets checked while reading, before any row is planned. YAML and JSON lists are parsed into a tree, so
    /// they are held to fewer bytes than CSV.
    public static let maximumBytes = 64 << 20
    public static let maximumStructuredBytes = 16 << 20
    public static let maximumRows = 100_000
    /// The longest cell: a link at its maximum plus room; a longer cell is a pasted file, not a value.
    public static let maximumCellBytes = 4_096

    public static func read(_ url: URL, displayName: String) throws(ListError) -> BatchList {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(url, limit: maximumBytes, displayName: displayName) } catch {
            throw .unreadable(file: displayName, reason: error.reason)
        }
        return try parse(
            bytes, fileExtension: url.pathExtension, displayName: displayName,
            baseDirectory: url.deletingLastPathComponent())
    }

    /// A list from its bytes; the extension (csv, yaml, yml, json) says how to read it.
    public static func parse(
        _ bytes: [UInt8], fileExtension: String, displayName: String, baseDirectory base: URL
    ) throws(ListError) -> BatchList {
        guard bytes.count <= maximumBytes else {
            throw .unreadable(file: displayName, reason: "is larger than \(maximumBytes) bytes")
        }
        var bytes = bytes
        let hash = SHA256.hash(data: bytes).hexString
        // spreadsheet exports often start with a BOM
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let lowered = fileExtension.lowercased()
        if lowered == "yaml" || lowered == "yml" || lowered == "json" {
            guard bytes.count <= maximumStructuredBytes else {
                throw .unreadable(
                    file: displayName,
                    reason:
                        "is larger than \(maximumStructuredBytes) bytes, the most qrdesk reads of a YAML or JSON "
                        + "list; use CSV, or split it (see --shard)"
                )
            }
            return try readStructured(
                bytes, format: lowered == "json" ? .json : .yaml, file: displayName, base: base, hash: hash)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(file: displayName, reason: "not UTF-8 text; export the list as UTF-8")
        }
        return try readCSV(text, file: displayName, base: base, hash: hash)
    }

    /// Columns and keys starting with "_" are notes for people (`_comment`) and are skipped.
    static func isNote(_ column: String) -> Bool { column.hasPrefix("_") }

    /// A column or key qrdesk does not know is refused, with the known one it most resembles: a misspelt
    /// `tagine` would otherwise print cards without their tagline.
    static func unknownColumnMessage(_ column: String) -> String {
        let hint = Suggestion.closest(to: column, in: knownColumns.sorted()).map { "did you mean \"\($0)\"? " } ?? ""
        return
            "unknown column \"\(Excerpt.of(column, limit: 40))\"; \(hint)known columns: "
            + "\(knownColumns.sorted().joined(separator: ", ")); start a column's name with \"_\" to keep notes "
            + "qrdesk skips"
    }

    private static func readCSV(_ text: String, file: String, base: URL, hash: String) throws(ListError) -> BatchList {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty(file: file) }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw .malformed(file: file, reason: "not a readable CSV file: \(error)")
        }
        let header = (reader.headerRow ?? []).map { name -> String in
            let lowered = name.trimmingCharacters(in: .whitespaces).lowercased()
            return Self.aliases[lowered] ?? lowered
        }
        let columns = Set(header)
        if let unknown = header.first(where: { !$0.isEmpty && !isNote($0) && !knownColumns.contains($0) }) {
            throw .malformed(file: file, reason: "header: \(unknownColumnMessage(unknown))")
        }
        if let repeated = header.first(where: { name in !name.isEmpty && header.filter { $0 == name }.count > 1 }) {
            throw .malformed(file: file, reason: "header: the column \"\(repeated)\" appears twice; keep one")
        }
        guard columns.contains("id"),
            (columns.contains("name") && (columns.contains("link") || columns.contains("payload")))
                || columns.contains("receipt")
        else {
            throw .missingColumn(file: file, header: header)
        }
        var rows: [BatchRow] = []
        while let record = reader.next() {
            // blank trailing lines
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard rows.count < maximumRows else {
                throw .malformed(file: file, reason: "has more than \(maximumRows) rows; split it (see --shard)")
            }
            var fields: [String: String] = [:]
            var problem: BatchRow.Problem?
            for (index, value) in record.enumerated() where index < header.count {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, knownColumns.contains(header[index]) else { continue }
                if trimmed.utf8.count > maximumCellBytes, problem == nil {
                    problem = .init(
                        column: header[index],
                        message: "is \(trimmed.utf8.count) bytes; a cell may hold at most \(maximumCellBytes)")
                    continue
                }
                fields[header[index]] = trimmed
            }
            let number = rows.count + 2
            rows.append(BatchRow(number: number, location: "\(file): row \(number)", fields: fields, problem: problem))
        }
        if let error = reader.error {
            throw .malformed(file: file, reason: "CSV error after row \(rows.count + 1): \(error)")
        }
        guard !rows.isEmpty else { throw .headerOnly(file: file) }
        return BatchList(
            file: file, baseDirectory: base, rows: rows, defaults: [:], inputSHA256: hash,
            noteColumns: header.filter { isNote($0) })
    }

    /// `{defaults: {…}, rows: [{…}, …]}`, or a bare list of rows. Values are text (or lists of text for
    /// `variants` and `formats`); a number or true/false is refused rather than guessed at.
    private static func readStructured(
        _ bytes: [UInt8], format: DataFormat, file: String, base: URL, hash: String
    ) throws(ListError) -> BatchList {
        let root: DataField
        do { root = try DataField.parse(bytes, format: format, maximumValues: maximumRows * 20) } catch {
            throw .malformed(file: file, reason: error.description)
        }
        if root.isMissing { throw .empty(file: file) }
        if root.isMapping {
            do { try root.allowKeys(["defaults", "rows"]) } catch {
                throw .malformed(file: file, reason: error.description)
            }
        }
        let rowsField = root.isMapping ? root["rows"] : root
        let items: [DataField]
        do { items = try rowsField.items() } catch {
            throw .malformed(file: file, reason: "\(error.description); expected rows: [ {id, name, link}, … ]")
        }
        guard !items.isEmpty else { throw .headerOnly(file: file) }
        guard items.count <= maximumRows else {
            throw .malformed(
                file: file, reason: "has \(items.count) rows; at most \(maximumRows) (split it, see --shard)")
        }
        let defaults: [String: String]
        do { defaults = try values(of: root.isMapping ? root["defaults"] : DataField(root: nil)) } catch {
            throw .malformed(file: file, reason: error.description)
        }
        let rows = items.enumerated().map { index, field in
            let location = "\(file): \(field.path)\(field.line.map { " (line \($0))" } ?? "")"
            do throws(FieldError) {
                return BatchRow(number: index + 1, location: location, fields: try values(of: field))
            } catch {
                // The row's own problem, reported with it; the other rows go on.
                let column = error.path.split(separator: ".").last.map { String($0.split(separator: "[").first ?? $0) }
                var partial: [String: String] = [:]
                if case let .string(id)? = field["id"].node?.value { partial["id"] = id }
                return BatchRow(
                    number: index + 1, location: location, fields: partial,
                    problem: .init(column: column, message: error.reason))
            }
        }
        let notes = Set(items.flatMap(\.keys)).union(root["defaults"].keys).filter(isNote)
        return BatchList(
            file: file, baseDirectory: base, rows: rows, defaults: defaults, inputSHA256: hash,
            noteColumns: notes.sorted())
    }

    /// One row's (or the defaults') values by column, strictly typed.
    private static func values(of field: DataField) throws(FieldError) -> [String: String] {
        guard !field.isMissing else { return [:] }
        guard field.isMapping else { throw field.error("expected a row: a mapping such as {id: …, name: …, link: …}") }
        var values: [String: String] = [:]
        for key in field.keys where !isNote(key) {
            let entry = field[key]
            guard knownColumns.contains(key) else { throw entry.error(unknownColumnMessage(key)) }
            let text: String?
            if case .list? = entry.node?.value {
                guard key == "variants" || key == "formats" else { throw entry.error("expected text, got a list") }
                text = try entry.items().map { item throws(FieldError) in try item.string() }.joined(separator: ",")
            } else {
                text = try entry.optionalString()
            }
            guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { continue }
            guard trimmed.utf8.count <= maximumCellBytes else {
                throw entry.error("is \(trimmed.utf8.count) bytes; a value may hold at most \(maximumCellBytes)")
            }
            values[key] = trimmed
        }
        return values
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256.Digest {
    var hexString: String { Array(self).hexString }
}
