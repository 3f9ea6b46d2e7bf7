import Foundation

/// A file qrdesk could not read or write, with the path and the system's reason: a full disk, a missing
/// permission, a link it refuses to follow.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The error of the last failed system call.
    public static func system(_ path: String, _ code: Int32 = errno) -> FileError {
        FileError(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): \(reason)" }
}
