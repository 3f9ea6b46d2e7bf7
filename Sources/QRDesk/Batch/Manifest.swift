import Foundation

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
    }

    public var qrdesk: String
    public var date: String?
    public var input: Input
    /// Present in a shard's manifest only; `qrdesk manifest merge` drops it.
    public var shard: String?
    public var artifacts: [Entry]
    public var failures: [BatchFailure]

    public init(qrdesk: String, date: String?, input: Input, shard: String?, artifacts: [Entry], failures: [BatchFailure]) {
        self.qrdesk = qrdesk
        self.date = date
        self.input = input
        self.shard = shard
        self.artifacts = artifacts.sorted { $0.path < $1.path }
        self.failures = failures.sorted { ($0.row, $0.column ?? "") < ($1.row, $1.column ?? "") }
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self)) + [10]
    }

    public static func read(_ url: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    public enum MergeError: Error, CustomStringConvertible {
        case differentInputs([String])
        case overlapping(path: String)
        case none

        public var description: String {
            switch self {
            case let .differentInputs(hashes): return "the manifests come from different lists (input sha256 \(hashes.joined(separator: ", "))); merge the shards of one run"
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
        return Manifest(qrdesk: first.qrdesk, date: first.date, input: first.input, shard: nil,
                        artifacts: manifests.flatMap(\.artifacts), failures: failures)
    }
}
