import Foundation

/// Reads an input file (a list, a receipt, a template, a logo) no larger than its budget. The budget is
/// checked while reading, so a 200 MB file — or `/dev/zero` — costs at most the budget plus one byte.
public enum InputFile {
    public static func read(_ url: URL, limit: Int, displayName: String? = nil) throws(FileError) -> [UInt8] {
        let name = displayName ?? url.path
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw FileError(path: name, reason: "cannot read the file (\(reason(error)))")
        }
        defer { try? handle.close() }
        return try read(handle, limit: limit, name: name)
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
                guard let chunk = try handle.read(upToCount: min(1 << 20, limit - bytes.count) + 1), !chunk.isEmpty else { break }
                bytes += chunk
            }
        } catch {
            throw FileError(path: name, reason: "cannot read the file (\(reason(error)))")
        }
        guard bytes.count <= limit else {
            throw FileError(path: name, reason: "is larger than \(limit) bytes, the most qrdesk reads for this kind of file")
        }
        return bytes
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(code))) }
        return (error as NSError).localizedDescription
    }
}
