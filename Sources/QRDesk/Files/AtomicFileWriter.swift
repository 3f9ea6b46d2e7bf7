import Foundation
import QRDeskCore

/// Writes one file at a path of the user's choosing (a merged manifest, a bundle), with the same atomic and
/// durable write as every file in an output folder.
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to url: URL) throws(FileError) {
        try OutputFolder(url.deletingLastPathComponent()).write(bytes, to: url.lastPathComponent)
    }
}
