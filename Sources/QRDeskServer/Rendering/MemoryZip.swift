import Foundation
import QRDesk
import ZIPFoundation

/// A small zip made in memory (a receipt's pages): entries in the given order, one fixed timestamp, so the
/// same files always give the same bytes.
enum MemoryZip {
    static func make(_ entries: [(name: String, bytes: [UInt8])], epochSeconds: Int) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let stamp = PrintKitBundle.entryDate(epochSeconds: epochSeconds)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Array(data)
    }
}
