import CSV
import Crypto
import Foundation
import QRDeskCore

/// A batch list read from CSV (a spreadsheet export), YAML or JSON: rows plus the defaults at the top of a
/// YAML/JSON file. CSV goes through CSV.swift: quoted fields, embedded commas and newlines, CRLF or LF, a BOM.
public struct BatchList: Sendable {
    public static let knownColumns: Set<String> = [
        "id", "name", "link", "tagline", "address", "template", "lang", "accent", "qr-color", "logo", "variants", "formats", "ecc", "receipt",
    ]

    /// Other names spreadsheets use for a column.
    static let aliases: [String: String] = ["url": "link", "payment link": "link", "payment_link": "link", "language": "lang", "color": "accent"]

    public let file: String
    /// Folder that relative `logo` and `receipt` paths are read from: the list's own folder.
    public let baseDirectory: URL
    public let rows: [BatchRow]
    public let defaults: [String: String]
    public let inputSHA256: String
    /// Columns the list has that qrdesk does not use (reported once, not an error).
    public let ignoredColumns: [String]

    public enum ListError: Error, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        case empty(file: String)
        case headerOnly(file: String)
        case missingColumn(file: String, header: [String])
        case malformed(file: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(file, reason): return "\(file): \(reason)"
            case let .empty(file): return "\(file): the list is empty; it needs a header row (id,name,link,…) and at least one row"
            case let .headerOnly(file): return "\(file): the list has a header but no rows"
            case let .missingColumn(file, header):
                return "\(file): the header (\(header.joined(separator: ","))) has no \"id\" column, or neither \"name\" and \"link\" for cards nor \"receipt\" for receipts; add the missing column"
            case let .malformed(file, reason): return "\(file): \(reason)"
            }
        }
    }

    public static func read(_ url: URL, displayName: String) throws(ListError) -> BatchList {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .unreadable(file: displayName, reason: "cannot read the file")
        }
        var bytes = [UInt8](data)
        let hash = SHA256.hash(data: data).hexString
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) } // spreadsheet exports often start with a BOM
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw .unreadable(file: displayName, reason: "not UTF-8 text; export the list as UTF-8") }
        let base = url.deletingLastPathComponent()
        let lowered = url.pathExtension.lowercased()
        if lowered == "yaml" || lowered == "yml" || lowered == "json" {
            return try readStructured(text, file: displayName, base: base, hash: hash)
        }
        return try readCSV(text, file: displayName, base: base, hash: hash)
    }

    private static func readCSV(_ text: String, file: String, base: URL, hash: String) throws(ListError) -> BatchList {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty(file: file) }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch { throw .malformed(file: file, reason: "not a readable CSV file: \(error)") }
        let header = (reader.headerRow ?? []).map { name -> String in
            let lowered = name.trimmingCharacters(in: .whitespaces).lowercased()
            return Self.aliases[lowered] ?? lowered
        }
        let columns = Set(header)
        guard columns.contains("id"), (columns.contains("name") && columns.contains("link")) || columns.contains("receipt") else {
            throw .missingColumn(file: file, header: header)
        }
        var rows: [BatchRow] = []
        while let record = reader.next() {
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue } // blank trailing lines
            var fields: [String: String] = [:]
            for (index, value) in record.enumerated() where index < header.count {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, Self.knownColumns.contains(header[index]) { fields[header[index]] = trimmed }
            }
            let number = rows.count + 2
            rows.append(BatchRow(number: number, location: "\(file): row \(number)", fields: fields))
        }
        if let error = reader.error { throw .malformed(file: file, reason: "CSV error after row \(rows.count + 1): \(error)") }
        guard !rows.isEmpty else { throw .headerOnly(file: file) }
        return BatchList(file: file, baseDirectory: base, rows: rows, defaults: [:], inputSHA256: hash,
                         ignoredColumns: header.filter { !Self.knownColumns.contains($0) && !$0.isEmpty })
    }

    /// `{defaults: {…}, rows: [{…}, …]}`, or a bare list of rows.
    private static func readStructured(_ text: String, file: String, base: URL, hash: String) throws(ListError) -> BatchList {
        let root: DataField
        do { root = try DataField.parse(text) } catch { throw .malformed(file: file, reason: error.description) }
        if root.isMissing { throw .empty(file: file) }
        let rowsField = root.isMapping ? root["rows"] : root
        let items: [DataField]
        do { items = try rowsField.items() } catch { throw .malformed(file: file, reason: "\(error.description); expected rows: [ {id, name, link}, … ]") }
        guard !items.isEmpty else { throw .headerOnly(file: file) }
        func flatten(_ field: DataField) -> [String: String] {
            var values: [String: String] = [:]
            for key in field.keys {
                let entry = field[key]
                if let list = try? entry.items(), !list.isEmpty {
                    values[key] = list.compactMap { $0.optionalString() }.joined(separator: ",")
                } else if let value = entry.optionalString(), !value.trimmingCharacters(in: .whitespaces).isEmpty {
                    values[key] = value.trimmingCharacters(in: .whitespaces)
                }
            }
            return values
        }
        let rows = items.enumerated().map { index, field in
            BatchRow(number: index + 1, location: "\(file): \(field.path)\(field.line.map { " (line \($0))" } ?? "")", fields: flatten(field))
        }
        let defaults = root.isMapping ? flatten(root["defaults"]) : [:]
        let used = Set(rows.flatMap(\.fields.keys)).union(defaults.keys)
        return BatchList(file: file, baseDirectory: base, rows: rows, defaults: defaults, inputSHA256: hash,
                         ignoredColumns: used.filter { !Self.knownColumns.contains($0) }.sorted())
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
