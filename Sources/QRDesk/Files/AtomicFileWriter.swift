import Foundation

/// Writes files so that a reader (or a crash) never sees half of one: the bytes go to a hidden temporary
/// file in the same folder, which is then renamed over the target in one step.
public enum AtomicFileWriter {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Prefix of temporary files; a run killed mid-write leaves only these, which the next run removes.
    public static let temporaryPrefix = ".qrdesk-tmp-"

    public static func write(_ bytes: [UInt8], to url: URL) throws(WriteError) {
        try stream(to: url) { output throws(WriteError) in try output.write(bytes) }
    }

    /// Writes a file produced piece by piece, so a large file (a manifest of 30 000 entries) never has to be
    /// held in memory whole.
    public static func stream(to url: URL, _ produce: (ChunkedOutput) throws(WriteError) -> Void) throws(WriteError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: url.path, reason: "cannot create the folder \(directory.path): \(error.localizedDescription)")
        }
        let temporary = directory.appendingPathComponent("\(temporaryPrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(url.lastPathComponent)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        let output = ChunkedOutput(descriptor: descriptor, path: url.path)
        do {
            try produce(output)
            try output.flush()
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        close(descriptor)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    /// A buffered writer to an open file descriptor.
    public final class ChunkedOutput {
        private let descriptor: Int32
        private let path: String
        private var buffer: [UInt8] = []
        private static let chunk = 64 * 1024

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
            buffer.reserveCapacity(Self.chunk)
        }

        public func write(_ bytes: [UInt8]) throws(WriteError) {
            if buffer.count + bytes.count > Self.chunk { try flush() }
            if bytes.count >= Self.chunk { try writeAll(bytes) } else { buffer += bytes }
        }

        public func write(_ text: String) throws(WriteError) { try write(Array(text.utf8)) }

        func flush() throws(WriteError) {
            guard !buffer.isEmpty else { return }
            try writeAll(buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        private func writeAll(_ bytes: [UInt8]) throws(WriteError) {
            var written = 0
            let failure: Int32? = bytes.withUnsafeBytes { raw in
                while written < raw.count {
                    let result = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                    if result < 0 { if errno == EINTR { continue }; return errno }
                    written += result
                }
                return nil
            }
            if let failure { throw WriteError(path: path, reason: String(cString: strerror(failure))) }
        }
    }
}
