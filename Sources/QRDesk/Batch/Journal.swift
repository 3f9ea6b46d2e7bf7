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

    private let handle: Mutex<FileHandle?>

    init(directory: URL) throws {
        let url = directory.appendingPathComponent(Self.fileName)
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        self.handle = Mutex(handle)
    }

    func append(_ line: Line) {
        guard let data = try? JSONEncoder().encode(line) else { return }
        handle.withLock { $0?.write(data + Data([10])) }
    }

    func close() {
        handle.withLock { try? $0?.close(); $0 = nil }
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
