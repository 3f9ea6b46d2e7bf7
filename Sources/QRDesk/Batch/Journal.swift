import Foundation
import Synchronization

/// `DIR/.qrdesk-journal.jsonl`: one line per finished row, appended as rows complete, so a run killed with
/// kill -9 can be resumed: the next run trusts a journal line whose files still match their hashes.
/// It is removed once manifest.json is written.
final class Journal: Sendable {
    static let fileName = ".qrdesk-journal.jsonl"

    struct Line: Codable {
        var id: String
        var fingerprint: String
        var artifacts: [Manifest.Entry]
    }

    /// Where one line sits in the journal, so the manifest can be written from the journal in path order
    /// without holding every row's entries in memory.
    struct Record: Sendable {
        let offset: UInt64
        let length: Int
    }

    private let state: Mutex<(handle: FileHandle?, position: UInt64)>
    let url: URL

    init(directory: URL) throws {
        url = directory.appendingPathComponent(Self.fileName)
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        let end = try handle.seekToEnd()
        state = Mutex((handle, end))
    }

    func append(_ line: Line) -> Record? {
        guard let data = try? JSONEncoder().encode(line) else { return nil }
        return state.withLock { state -> Record? in
            guard let handle = state.handle else { return nil }
            let record = Record(offset: state.position, length: data.count)
            handle.write(data + Data([10]))
            state.position += UInt64(data.count + 1)
            return record
        }
    }

    /// Reads back the lines at `records`, in the order given.
    func read(_ records: [Record], _ body: (Line) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        for record in records {
            try handle.seek(toOffset: record.offset)
            guard let data = try handle.read(upToCount: record.length) else { continue }
            try body(try JSONDecoder().decode(Line.self, from: data))
        }
    }

    func close() {
        state.withLock { try? $0.handle?.close(); $0.handle = nil }
    }

    /// Lines from an earlier, interrupted run; a torn last line (killed mid-write) is skipped.
    static func read(directory: URL) -> [Line] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path) else { return [] }
        return data.split(separator: 10).compactMap { try? JSONDecoder().decode(Line.self, from: Data($0)) }
    }

    static func remove(directory: URL) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(fileName))
    }
}
