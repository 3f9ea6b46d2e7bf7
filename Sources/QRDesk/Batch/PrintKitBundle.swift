import Foundation
import ZIPFoundation

/// `--bundle kit.zip`: the run's artifacts and manifest in one zip for the print shop. Deterministic: entries
/// in path order, one fixed timestamp (SOURCE_DATE_EPOCH or 2000-01-01), fixed permissions, deflate.
public enum PrintKitBundle {
    public static func write(manifest: Manifest, manifestName: String, from directory: URL, to url: URL, epochSeconds: Int) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent("\(AtomicFileWriter.temporaryPrefix)\(getpid())-\(url.lastPathComponent)")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try Archive(url: temporary, accessMode: .create)
        // ZIP stores local wall-clock time; shift so every time zone writes the same fields.
        let instant = Date(timeIntervalSince1970: TimeInterval(epochSeconds))
        let stamp = instant.addingTimeInterval(-TimeInterval(TimeZone.current.secondsFromGMT(for: instant)))
        let paths = manifest.artifacts.map(\.path) + [manifestName]
        do {
            for path in paths.sorted() {
                let data = try Data(contentsOf: directory.appendingPathComponent(path))
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                     permissions: 0o644, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw AtomicFileWriter.WriteError(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}
