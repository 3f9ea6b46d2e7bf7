import Foundation

/// Reads an input file (a list, a receipt, a template, a logo) no larger than its budget. The budget is
/// checked while reading, so a 200 MB file — or `/dev/zero` — costs at most the budget plus one byte.
public enum InputFile {
    public static func read(_ url: URL, limit: Int, displayName: String? = nil) throws(FileError) -> [UInt8] {
        let name = displayName ?? url.path
        let handle = try openRegularFile(url.path, name: name)
        defer { try? handle.close() }
        return try read(handle, limit: limit, name: name)
    }

    /// Opens `path` for reading only if it is a regular file. A FIFO or a device would block `open(2)` or
    /// `read(2)` forever, so the file is opened without blocking, checked with `fstat`, and only then read.
    static func openRegularFile(_ path: String, name: String) throws(FileError) -> FileHandle {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileError(path: name, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw FileError(path: name, reason: "cannot read the file (\(message))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            let kind: String =
                switch status.st_mode & S_IFMT {
                case S_IFIFO: "a named pipe (FIFO)"
                case S_IFDIR: "a folder"
                case S_IFCHR, S_IFBLK: "a device"
                case S_IFSOCK: "a socket"
                default: "not a regular file"
                }
            throw FileError(
                path: name,
                reason:
                    "is \(kind), not a regular file: give the path of a file (or - for standard input where a command "
                    + "reads it)"
            )
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Standard input (`-`), under the same budget.
    public static func readStandardInput(limit: Int) throws(FileError) -> [UInt8] {
        try read(FileHandle.standardInput, limit: limit, name: "<stdin>")
    }

    private static func read(_ handle: FileHandle, limit: Int, name: String) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            while bytes.count <= limit {
                // One byte past the limit tells "exactly the limit" from "more"; the subtraction cannot overflow.
                guard let chunk = try handle.read(upToCount: min(1 << 20, limit - bytes.count) + 1), !chunk.isEmpty
                else { break }
                bytes += chunk
            }
        } catch {
            throw FileError(path: name, reason: "cannot read the file (\(reason(error)))")
        }
        guard bytes.count <= limit else {
            throw FileError(
                path: name, reason: "is larger than \(limit) bytes, the most qrdesk reads for this kind of file")
        }
        return bytes
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return (error as NSError).localizedDescription
    }
}
