import Foundation
import QRDeskCore

/// A private folder made with mkdtemp(3) (mode 0700, a name no one else can have chosen), removed with
/// everything in it. The server makes one per kit request.
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init(prefix: String) throws(FileError) {
        let parent = NSTemporaryDirectory()
        var template = Array((parent as NSString).appendingPathComponent("\(prefix)-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw FileError(path: parent, reason: "cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    /// Removes the folder; removal does not follow links inside it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}
