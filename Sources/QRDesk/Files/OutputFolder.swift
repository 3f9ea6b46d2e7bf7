import Foundation
import QRDeskCore

/// The folder qrdesk writes into (`--out`). Everything below it is reached through directory descriptors opened
/// with `O_NOFOLLOW`, so a symbolic link planted inside never redirects a write, a read or a removal elsewhere:
/// it is refused with a message naming it. Files land atomically and durably: written to a temporary name,
/// `fsync`ed, renamed over the target, and the folder `fsync`ed, so neither kill -9 nor a power cut leaves half
/// a file. The folder itself may be a link: the user named it.
public final class OutputFolder: Sendable {
    /// Prefix of temporary files; a run killed mid-write leaves only these, which the next batch run removes.
    public static let temporaryPrefix = ".qrdesk-tmp-"

    public let url: URL
    private let descriptor: Int32

    /// Opens the folder, creating it and its parents unless `create` is false.
    public init(_ url: URL, create: Bool = true) throws(FileError) {
        self.url = url
        if create {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map {
                    String(cString: strerror(Int32($0.code)))
                }
                throw FileError(
                    path: url.path, reason: "cannot create this folder (\(reason ?? error.localizedDescription))")
            }
        }
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(url.path) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    // MARK: Writing

    /// Writes `bytes` to `path` (relative, "/"-separated), creating folders on the way. `syncFolder: false`
    /// leaves the folder's `fsync` to the caller, who writes several files there and syncs once (`sync(folder:)`).
    public func write(_ bytes: [UInt8], to path: String, syncFolder: Bool = true) throws(FileError) {
        try stream(to: path, syncFolder: syncFolder) { output throws(FileError) in try output.write(bytes) }
    }

    /// Makes the renames into `path`'s folder ("" for the top) durable.
    public func sync(folder path: String) throws(FileError) {
        let (directory, _) = try openParent(of: path.isEmpty ? "." : "\(path)/.", create: false, allowDot: true)
        defer { close(directory) }
        guard fsync(directory) == 0 else { throw .system(display(path)) }
    }

    /// Writes a file produced piece by piece, so a large file (a manifest of 30 000 entries) is never held whole.
    public func stream(
        to path: String, syncFolder: Bool = true, _ produce: (ChunkedOutput) throws(FileError) -> Void
    ) throws(FileError) {
        let (directory, name) = try openParent(of: path, create: true)
        defer { close(directory) }
        let temporary = "\(Self.temporaryPrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(name)"
        let file = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw .system(display(path)) }
        let output = ChunkedOutput(descriptor: file, path: display(path))
        do throws(FileError) {
            try produce(output)
            try output.flush()
            guard fsync(file) == 0 else { throw .system(display(path)) }
        } catch {
            close(file)
            unlinkat(directory, temporary, 0)
            throw error
        }
        close(file)
        // rename replaces a link at the target by the file itself; it never writes through it.
        guard renameat(directory, temporary, directory, name) == 0 else {
            let failure = FileError.system(display(path))
            unlinkat(directory, temporary, 0)
            throw failure
        }
        guard fsync(directory) == 0 else { throw .system(display(path)) }
    }

    /// Moves a finished temporary file that another library wrote in this folder (a zip) over `name`, with the
    /// same `fsync`s as `stream`.
    func commit(temporary: String, as name: String) throws(FileError) {
        let file = openat(descriptor, temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw .system(display(temporary)) }
        let synced = fsync(file) == 0
        close(file)
        guard synced, renameat(descriptor, temporary, descriptor, name) == 0, fsync(descriptor) == 0 else {
            let failure = FileError.system(display(name))
            unlinkat(descriptor, temporary, 0)
            throw failure
        }
    }

    /// Opens `path` for appending (created when missing); the caller owns and closes the descriptor.
    func openForAppending(_ path: String) throws(FileError) -> Int32 {
        let (directory, name) = try openParent(of: path, create: true)
        defer { close(directory) }
        let file = openat(directory, name, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw refusal(path, in: directory, name: name) }
        return file
    }

    // MARK: Reading and removing

    /// The bytes of a regular file at `path`, or nil when there is none (a link or a folder counts as none).
    /// At most `limit` bytes are read.
    public func read(_ path: String, limit: Int) throws(FileError) -> [UInt8]? {
        guard let (directory, name) = try? openParent(of: path, create: false) else { return nil }
        defer { close(directory) }
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard status.st_size <= limit else {
            throw FileError(path: display(path), reason: "is larger than \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                pread(file, $0.baseAddress! + offset, $0.count - offset, off_t(offset))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw .system(display(path)) }
            offset += count
        }
        return bytes
    }

    /// The size of the regular file at `path`, or nil (missing, a link, a folder).
    public func regularFileSize(_ path: String) -> Int? {
        guard let (directory, name) = try? openParent(of: path, create: false) else { return nil }
        defer { close(directory) }
        var status = stat()
        guard fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return nil
        }
        return Int(status.st_size)
    }

    /// Removes the file at `path` if there is one; a link is removed itself, never its target.
    public func remove(_ path: String) {
        guard let (directory, name) = try? openParent(of: path, create: false) else { return }
        defer { close(directory) }
        unlinkat(directory, name, 0)
    }

    /// Names in the folder at `path` ("" for the top), with whether each is a real folder (links are not).
    public func entries(_ path: String = "") -> [(name: String, isFolder: Bool)] {
        let directory: Int32
        if path.isEmpty {
            // A fresh open, not dup: a dup shares the read position, and a second listing would see nothing.
            directory = openat(descriptor, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        } else {
            guard let (parent, name) = try? openParent(of: path, create: false) else { return [] }
            directory = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(parent)
        }
        guard directory >= 0, let stream = fdopendir(directory) else { return [] }
        defer { closedir(stream) }
        var result: [(String, Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var status = stat()
            let isFolder =
                fstatat(dirfd(stream), name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            result.append((name, isFolder))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Removes temporary files that a killed run left in the folder and its row folders.
    public func removeTemporaryFiles() {
        for entry in entries() {
            if entry.name.hasPrefix(Self.temporaryPrefix), !entry.isFolder { remove(entry.name) }
            guard entry.isFolder else { continue }
            for inner in entries(entry.name) where inner.name.hasPrefix(Self.temporaryPrefix) && !inner.isFolder {
                remove("\(entry.name)/\(inner.name)")
            }
        }
    }

    // MARK: Locking

    /// Takes the folder's lock (`.qrdesk.lock`), so a second run on the same folder cannot interleave its
    /// manifest and journal with this one's: it is refused at once, naming the process that holds the lock.
    /// The lock file is removed when the lock is released, so a finished folder holds only the kit.
    public func lock() throws(FileError) -> Lock {
        while true {
            let file = try openForAppending(Lock.fileName)
            guard flock(file, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                var holder = [UInt8](repeating: 0, count: 32)
                let count = holder.withUnsafeMutableBytes { pread(file, $0.baseAddress!, $0.count, 0) }
                close(file)
                let pid = String(decoding: holder.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                guard code == EWOULDBLOCK else { throw .system(display(Lock.fileName), code) }
                throw FileError(
                    path: url.path,
                    reason:
                        "another qrdesk\(pid.isEmpty ? "" : " (process \(pid))") is writing to this folder; wait for "
                        + "it to finish, or choose another --out"
                )
            }
            // The holder before us may have removed the file between our open and our lock: lock the file that is
            // there.
            var held = stat(), current = stat()
            guard fstat(file, &held) == 0, fstatat(descriptor, Lock.fileName, &current, AT_SYMLINK_NOFOLLOW) == 0,
                held.st_ino == current.st_ino, held.st_dev == current.st_dev
            else {
                close(file)
                continue
            }
            let pid = Array("\(getpid())\n".utf8)
            _ = ftruncate(file, 0)
            _ = pid.withUnsafeBytes { pwrite(file, $0.baseAddress!, $0.count, 0) }
            return Lock(descriptor: file, folder: descriptor)
        }
    }

    /// The folder's lock; released (and its file removed) when this goes away.
    public final class Lock: Sendable {
        static let fileName = ".qrdesk.lock"
        private let descriptor: Int32
        private let folder: Int32
        init(descriptor: Int32, folder: Int32) {
            self.descriptor = descriptor
            self.folder = dup(folder)
        }
        deinit {
            unlinkat(folder, Self.fileName, 0)
            close(descriptor)
            close(folder)
        }
    }

    // MARK: Paths

    /// The folder holding `path`'s last component, opened without following links (created when asked), and
    /// that last component. The caller closes the descriptor.
    private func openParent(of path: String, create: Bool, allowDot: Bool = false) throws(FileError) -> (Int32, String)
    {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let plain = components.dropLast(allowDot ? 1 : 0).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard let name = components.last, plain, !name.isEmpty, name != ".." else {
            throw FileError(path: display(path), reason: "is not a plain path inside the output folder")
        }
        var directory = dup(descriptor)
        guard directory >= 0 else { throw .system(url.path) }
        var walked = ""
        for component in components.dropLast() {
            walked = walked.isEmpty ? component : "\(walked)/\(component)"
            var next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, create {
                if mkdirat(directory, component, 0o755) != 0, errno != EEXIST {
                    let failure = FileError.system(display(walked))
                    close(directory)
                    throw failure
                }
                next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard next >= 0 else {
                let failure = refusal(walked, in: directory, name: component)
                close(directory)
                throw failure
            }
            close(directory)
            directory = next
        }
        return (directory, name)
    }

    /// Why `name` in `directory` cannot be opened: a link is named as such.
    private func refusal(_ path: String, in directory: Int32, name: String) -> FileError {
        let code = errno
        var status = stat()
        if fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            return FileError(
                path: display(path),
                reason:
                    "is a symbolic link; qrdesk never follows a link inside the output folder that it did not create "
                    + "(remove it)"
            )
        }
        return .system(display(path), code)
    }

    func display(_ path: String) -> String { url.appendingPathComponent(path).relativePath }
}

/// A buffered writer to an open file descriptor; every failure is a thrown `FileError`, never a trap.
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

    public func write(_ bytes: [UInt8]) throws(FileError) {
        if buffer.count + bytes.count > Self.chunk { try flush() }
        if bytes.count >= Self.chunk {
            try FileDescriptorWriter.writeAll(bytes, to: descriptor, path: path)
        } else {
            buffer += bytes
        }
    }

    public func write(_ text: String) throws(FileError) { try write(Array(text.utf8)) }

    func flush() throws(FileError) {
        guard !buffer.isEmpty else { return }
        try FileDescriptorWriter.writeAll(buffer, to: descriptor, path: path)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `write(2)` until every byte is written, retrying interrupted calls.
enum FileDescriptorWriter {
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            while written < raw.count {
                let result = Foundation.write(descriptor, base + written, raw.count - written)
                if result < 0 { if errno == EINTR { continue }; return errno }
                written += result
            }
            return nil
        }
        if let failure { throw .system(path, failure) }
    }
}
