import Foundation
import QRDeskCore

import ZIPFoundation

/// `--bundle kit.zip`: the run's artifacts and manifest in one zip for the print shop. Deterministic: entries
/// in path order, one fixed timestamp (SOURCE_DATE_EPOCH or 2000-01-01), fixed permissions, deflate.
/// Every file is read through the output folder (never through a link) and must still match the SHA-256 its
/// manifest records, so the zip holds exactly what the manifest promises. A failed bundle leaves no file.
public enum PrintKitBundle {
    public static func write(
        manifest: Manifest, manifestName: String, from directory: URL, to url: URL, epochSeconds: Int
    ) throws {
        let folder = try OutputFolder(directory, create: false)
        let target = try OutputFolder(url.deletingLastPathComponent())
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileError(
                path: url.path, reason: "is a folder; --bundle names the zip file to write, such as kit.zip")
        }
        let temporaryName =
            "\(OutputFolder.temporaryPrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(url.lastPathComponent)"
        do {
            try writeArchive(
                manifest: manifest, manifestName: manifestName, folder: folder,
                to: target.url.appendingPathComponent(temporaryName), epochSeconds: epochSeconds)
            try target.commit(temporary: temporaryName, as: url.lastPathComponent)
        } catch {
            target.remove(temporaryName)
            throw error
        }
    }

    /// The modification date every entry carries. ZIP stores local wall-clock time; shifted so every time zone
    /// writes the same fields.
    public static func entryDate(epochSeconds: Int) -> Date {
        let instant = Date(timeIntervalSince1970: TimeInterval(epochSeconds))
        return instant.addingTimeInterval(-TimeInterval(TimeZone.current.secondsFromGMT(for: instant)))
    }

    private static func writeArchive(
        manifest: Manifest, manifestName: String, folder: OutputFolder, to temporary: URL, epochSeconds: Int
    ) throws {
        let archive = try Archive(url: temporary, accessMode: .create)
        let stamp = entryDate(epochSeconds: epochSeconds)
        var expected: [String: Manifest.Entry] = [:]
        for entry in manifest.artifacts { expected[entry.path] = entry }
        for path in (manifest.artifacts.map(\.path) + [manifestName]).sorted() {
            let found =
                if let entry = expected[path] {
                    folder.contents(path, bytes: entry.bytes, sha256: entry.sha256)
                } else {
                    try folder.read(path, limit: Manifest.maximumBytes)
                }
            guard let bytes = found else {
                throw FileError(
                    path: folder.display(path),
                    reason: "is missing or changed since the manifest was written; run the batch again before bundling")
            }
            let data = Data(bytes)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
