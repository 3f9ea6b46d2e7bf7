import Foundation
import QRDeskCore

/// `DIR/manifest.json`: every artifact with its source row, its settings and its SHA-256, and every failed row.
/// Deterministic: entries sorted, no wall-clock time (a date only when SOURCE_DATE_EPOCH pins it), so CI can diff it.
public struct Manifest: Codable, Equatable, Sendable {
    public struct Input: Codable, Equatable, Sendable {
        public var file: String
        public var sha256: String
        public var rows: Int
    }

    public struct Entry: Codable, Equatable, Sendable {
        public var path: String
        public var row: Int
        public var id: String
        public var kind: String
        public var template: String
        public var variant: String
        public var format: String
        public var link: String?
        public var bytes: Int
        public var sha256: String
        /// Of the row's resolved inputs: an unchanged fingerprint and hash mean the file need not be rendered again.
        public var fingerprint: String
        /// The fingerprint's parts (`FingerprintInputs.recorded`), for `--check` to say what changed.
        public var inputs: [String: String]?
    }

    public var qrdesk: String
    public var date: String?
    public var input: Input
    /// Present in a shard's manifest only; `qrdesk manifest merge` drops it.
    public var shard: String?
    public var artifacts: [Entry]
    public var failures: [BatchFailure]

    public init(
        qrdesk: String, date: String?, input: Input, shard: String?, artifacts: [Entry], failures: [BatchFailure]
    ) {
        self.qrdesk = qrdesk
        self.date = date
        self.input = input
        self.shard = shard
        self.artifacts = artifacts
        self.artifacts.sort { $0.path < $1.path }
        self.failures = failures.sorted { ($0.row, $0.column ?? "") < ($1.row, $1.column ?? "") }
    }

    /// The manifest as JSON bytes (keys sorted, two-space indent): for comparisons and small manifests.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        try? writeJSON(artifacts: { each in artifacts.forEach { each($0) } }) { bytes += $0 }
        return bytes
    }

    public func write(to url: URL) throws {
        try Self.write(to: url.lastPathComponent, in: OutputFolder(url.deletingLastPathComponent()), header: self) {
            each in artifacts.forEach { each($0) }
        }
    }

    /// Writes a manifest to a file as it is produced, entry by entry: a 10 000-row manifest never exists in
    /// memory as one buffer or one encoder tree. `header` gives everything but the artifacts, which
    /// `artifacts` hands over one at a time, in path order.
    static func write(
        to name: String, in folder: OutputFolder, header: Manifest, artifacts: (_ each: (Entry) -> Void) throws -> Void
    ) throws {
        try folder.stream(to: name) { output throws(FileError) in
            var failure: FileError?
            do {
                try header.writeJSON(artifacts: artifacts) { chunk in
                    guard failure == nil else { return }
                    do throws(FileError) { try output.write(chunk) } catch { failure = error }
                }
            } catch let error as FileError {
                throw error
            } catch {
                throw FileError(path: folder.display(name), reason: "\(error)")
            }
            if let failure { throw failure }
        }
    }

    /// The JSON text in pieces. Hand-written rather than JSONEncoder: same bytes every time, and streamable.
    func writeJSON(artifacts: (_ each: (Entry) -> Void) throws -> Void, _ emit: @escaping ([UInt8]) -> Void) throws {
        var line = JSONLine()
        func flush() { emit(line.bytes); line.bytes.removeAll(keepingCapacity: true) }
        line.raw("{\n  \"artifacts\": [")
        var index = 0
        try artifacts { entry in
            line.raw(index == 0 ? "\n    {" : ",\n    {")
            index += 1
            line.field("bytes", entry.bytes, first: true, indent: 6)
            line.field("fingerprint", entry.fingerprint, indent: 6)
            line.field("format", entry.format, indent: 6)
            line.field("id", entry.id, indent: 6)
            if let inputs = entry.inputs {
                line.raw(",\n      \"inputs\": {")
                for (index, key) in inputs.keys.sorted().enumerated() {
                    line.field(key, inputs[key] ?? "", first: index == 0, indent: 8)
                }
                line.raw("\n      }")
            }
            line.field("kind", entry.kind, indent: 6)
            if let link = entry.link { line.field("link", link, indent: 6) }
            line.field("path", entry.path, indent: 6)
            line.field("row", entry.row, indent: 6)
            line.field("sha256", entry.sha256, indent: 6)
            line.field("template", entry.template, indent: 6)
            line.field("variant", entry.variant, indent: 6)
            line.raw("\n    }")
            if line.bytes.count > 32 * 1024 { flush() }
        }
        line.raw(index == 0 ? "]" : "\n  ]")
        if let date { line.raw(",\n  \"date\": "); line.string(date) }
        line.raw(",\n  \"failures\": [")
        for (index, failure) in failures.enumerated() {
            line.raw(index == 0 ? "\n    {" : ",\n    {")
            var first = true
            if let column = failure.column { line.field("column", column, first: first, indent: 6); first = false }
            if let id = failure.id { line.field("id", id, first: first, indent: 6); first = false }
            line.field("location", failure.location, first: first, indent: 6)
            line.field("message", failure.message, indent: 6)
            line.field("row", failure.row, indent: 6)
            line.raw("\n    }")
        }
        line.raw(failures.isEmpty ? "]" : "\n  ]")
        line.raw(",\n  \"input\": {")
        line.field("file", input.file, first: true, indent: 4)
        line.field("rows", input.rows, indent: 4)
        line.field("sha256", input.sha256, indent: 4)
        line.raw("\n  },\n  \"qrdesk\": ")
        line.string(qrdesk)
        if let shard { line.raw(",\n  \"shard\": "); line.string(shard) }
        line.raw("\n}\n")
        flush()
    }

    /// Manifests are read whole; one of a 100,000-row list is far below this.
    static let maximumBytes = 512 << 20

    public static func read(_ url: URL) -> Manifest? {
        guard let bytes = try? InputFile.read(url, limit: maximumBytes) else { return nil }
        return decode(bytes)
    }

    static func decode(_ bytes: [UInt8]) -> Manifest? {
        try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
    }

    public enum MergeError: Error, CustomStringConvertible {
        case differentInputs([String])
        case overlapping(path: String)
        case none

        public var description: String {
            switch self {
            case let .differentInputs(hashes):
                return
                    "the manifests come from different lists (input sha256 \(hashes.joined(separator: ", "))); merge "
                    + "the shards of one run"
            case let .overlapping(path): return "two manifests both list \(path); were the same shard merged twice?"
            case .none: return "no manifests to merge"
            }
        }
    }

    /// The manifest a single run over all rows would have written, from the manifests of its shards.
    public static func merge(_ manifests: [Manifest]) throws(MergeError) -> Manifest {
        guard let first = manifests.first else { throw .none }
        let hashes = Set(manifests.map(\.input.sha256))
        guard hashes.count == 1 else { throw .differentInputs(hashes.sorted()) }
        var seen = Set<String>()
        for entry in manifests.flatMap(\.artifacts) {
            guard seen.insert(entry.path).inserted else { throw .overlapping(path: entry.path) }
        }
        let failures = Array(Set(manifests.flatMap(\.failures)))
        return Manifest(
            qrdesk: first.qrdesk, date: first.date, input: first.input, shard: nil,
            artifacts: manifests.flatMap(\.artifacts), failures: failures)
    }
}

/// JSON text under construction: strings escaped as RFC 8259 requires, UTF-8 kept as it is.
struct JSONLine {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes += text.utf8 }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [92, 34]
            case UInt8(ascii: "\\"): bytes += [92, 92]
            case 0x0A: bytes += [92, UInt8(ascii: "n")]
            case 0x0D: bytes += [92, UInt8(ascii: "r")]
            case 0x09: bytes += [92, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func field(_ name: String, _ value: String, first: Bool = false, indent: Int) {
        key(name, first: first, indent: indent)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int, first: Bool = false, indent: Int) {
        key(name, first: first, indent: indent)
        raw(String(value))
    }

    private mutating func key(_ name: String, first: Bool, indent: Int) {
        raw(first ? "\n" : ",\n")
        bytes += repeatElement(UInt8(ascii: " "), count: indent)
        string(name)
        raw(": ")
    }
}
