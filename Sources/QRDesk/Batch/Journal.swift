import Foundation
import QRDeskCore
import Synchronization

/// `DIR/.qrdesk-journal.jsonl`: one line per finished row, appended as rows complete, so a run killed with
/// kill -9 can be resumed: the next run trusts a journal line whose files still match their hashes.
/// It is removed once manifest.json is written. It is opened through the output folder, never through a link,
/// and a failed append (a full disk) is an error for that row, never a trap.
final class Journal: Sendable {
    static let fileName = ".qrdesk-journal.jsonl"
    /// A journal is read back whole only to resume a run; 100,000 rows of entries fit in far less.
    static let maximumBytes = 512 << 20

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

    private let state: Mutex<(descriptor: Int32, position: UInt64, lines: Int)>
    private let path: String
    /// Fault injection for the resume test: the process kills itself (SIGKILL) right after this many lines,
    /// so the test interrupts the run at a known point instead of after a guessed sleep.
    static let killAfterLinesVariable = "QRDESK_FAULT_KILL_AFTER_JOURNAL_LINES"
    private let killAfterLines = ProcessInfo.processInfo.environment[Journal.killAfterLinesVariable].flatMap { Int($0) }

    init(folder: OutputFolder) throws(FileError) {
        path = folder.display(Self.fileName)
        let descriptor = try folder.openForAppending(Self.fileName)
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            let failure = FileError.system(path)
            close(descriptor)
            throw failure
        }
        state = Mutex((descriptor, UInt64(end), 0))
    }

    deinit { state.withLock { close($0.descriptor) } }

    func append(_ line: Line) throws(FileError) -> Record {
        let data: Data
        do { data = try JSONEncoder().encode(line) } catch {
            throw FileError(path: path, reason: "cannot encode a journal line: \(error)")
        }
        let bytes = [UInt8](data) + [10]
        return try state.withLock { state throws(FileError) -> Record in
            let record = Record(offset: state.position, length: data.count)
            do throws(FileError) {
                try FileDescriptorWriter.writeAll(bytes, to: state.descriptor, path: path)
            } catch {
                // A partly written line would corrupt the next one: cut the journal back to its last whole line.
                _ = ftruncate(state.descriptor, off_t(state.position))
                throw error
            }
            state.position += UInt64(bytes.count)
            state.lines += 1
            if state.lines == killAfterLines { kill(getpid(), SIGKILL) }
            return record
        }
    }

    /// Reads back the lines at `records`, in the order given.
    func read(_ records: [Record], _ body: (Line) throws -> Void) throws {
        for record in records {
            var data = Data(count: record.length)
            let count = state.withLock { state in
                data.withUnsafeMutableBytes {
                    pread(state.descriptor, $0.baseAddress!, record.length, off_t(record.offset))
                }
            }
            guard count == record.length else { throw FileError.system(path) }
            try body(try JSONDecoder().decode(Line.self, from: data))
        }
    }

    /// Lines from an earlier, interrupted run; a torn last line (killed mid-write) is skipped.
    static func read(folder: OutputFolder) -> [Line] {
        guard let bytes = (try? folder.read(fileName, limit: maximumBytes)) ?? nil else { return [] }
        return bytes.split(separator: 10).compactMap { try? JSONDecoder().decode(Line.self, from: Data($0)) }
    }

    static func remove(folder: OutputFolder) {
        folder.remove(fileName)
    }
}
