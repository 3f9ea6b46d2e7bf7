import Foundation
import QRDesk
import QRDeskCore
import ZIPFoundation

/// A kit sent as a zip: the list and the files its rows name (logos, receipt documents), read in memory. Nothing
/// outside the archive can be named and nothing is written to disk: an entry's name must be a plain relative path
/// (no `/` at the start, no `..`, no backslash, no drive), links are refused, and the budgets — entries, each
/// entry's size and compression ratio, the total — are checked from the archive's directory before anything is
/// inflated, then again while inflating (a directory that understates a size is caught by the count).
struct KitArchive {
    static let maximumEntries = 2_001
    /// A list as large as `qrdesk batch` reads from YAML or JSON; a logo or receipt as large as a file may be.
    static let maximumListBytes = 16 << 20
    static let maximumFileBytes = PNGInfo.maximumFileBytes
    static let maximumTotalBytes = 256 << 20
    /// Deflate rarely passes 10:1 on PNG logos or JSON; 100:1 is a bomb.
    static let maximumCompressionRatio: UInt64 = 100
    static let listExtensions = ["csv", "json", "yaml", "yml"]

    let list: [UInt8]
    /// csv, json or yaml.
    let listExtension: String
    let listName: String
    /// Every other file, by its path inside the archive: what the list's `logo` and `receipt` columns may name.
    let files: [String: [UInt8]]

    static func read(_ zip: [UInt8]) throws(ProblemDetails) -> KitArchive {
        let archive: Archive
        do { archive = try Archive(data: Data(zip), accessMode: .read) } catch {
            throw refusal("is not a zip archive this server can read (\(error))")
        }
        var entries: [Entry] = []
        var declaredTotal: UInt64 = 0
        for entry in archive {
            guard entries.count < maximumEntries else {
                throw refusal("holds more than \(maximumEntries) entries; a kit holds its list and the files it names")
            }
            let name = entry.path
            if let problem = pathProblem(name) { throw refusal("entry \"\(Excerpt.of(name, limit: 60))\" \(problem)") }
            switch entry.type {
            case .directory: continue
            case .symlink:
                throw refusal("entry \"\(Excerpt.of(name, limit: 60))\" is a link; a kit's zip holds plain files only")
            case .file: break
            }
            let limit = UInt64(isList(name) ? maximumListBytes : maximumFileBytes)
            guard entry.uncompressedSize <= limit else {
                throw refusal(
                    "entry \"\(Excerpt.of(name, limit: 60))\" is \(entry.uncompressedSize) bytes; a file in a kit may "
                        + "have at most \(limit)")
            }
            let (ratio, overflow) = entry.compressedSize.multipliedReportingOverflow(by: maximumCompressionRatio)
            guard overflow || entry.uncompressedSize <= max(ratio, 1 << 16) else {
                throw refusal(
                    "entry \"\(Excerpt.of(name, limit: 60))\" inflates \(entry.compressedSize) bytes to "
                        + "\(entry.uncompressedSize), more than \(maximumCompressionRatio):1 (a zip bomb)")
            }
            declaredTotal += entry.uncompressedSize
            guard declaredTotal <= UInt64(maximumTotalBytes) else {
                throw refusal("inflates to more than \(maximumTotalBytes >> 20) MiB in all")
            }
            entries.append(entry)
        }
        let lists = entries.filter { isList($0.path) && !$0.path.contains("/") }
        let named = lists.filter { ($0.path as NSString).deletingPathExtension.lowercased() == "list" }
        guard let listEntry = named.count == 1 ? named[0] : (lists.count == 1 ? lists[0] : nil) else {
            throw refusal(
                lists.isEmpty
                    ? "holds no list: put list.csv (or list.yaml, list.json) at the top of the archive"
                    : "holds several lists (\(lists.map(\.path).joined(separator: ", "))); name the kit's list.csv, "
                        + "list.yaml or list.json")
        }
        var files: [String: [UInt8]] = [:]
        var list: [UInt8] = []
        for entry in entries {
            let bytes = try inflate(entry, from: archive)
            if entry.path == listEntry.path { list = bytes } else { files[entry.path] = bytes }
        }
        let fileExtension = (listEntry.path as NSString).pathExtension.lowercased()
        return KitArchive(
            list: list, listExtension: fileExtension == "yml" ? "yaml" : fileExtension, listName: listEntry.path,
            files: files)
    }

    static func isList(_ name: String) -> Bool {
        listExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Why `name` may not be an entry of a kit: it must stay inside the archive wherever it is unpacked.
    static func pathProblem(_ name: String) -> String? {
        if name.isEmpty { return "has no name" }
        if name.hasPrefix("/") { return "is an absolute path; entries are named relative to the archive" }
        if name.contains("\\") || name.contains(":") {
            return "has a backslash or a colon (a Windows path or drive); use / between folders"
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0 == ".." }) { return "climbs out of the archive (..)" }
        if parts.dropLast().contains(where: { $0.isEmpty || $0 == "." }) { return "has an empty or . folder" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "has a control character in its name"
        }
        return nil
    }

    /// An entry's bytes, counted as they inflate: more than its directory declared is refused.
    private static func inflate(_ entry: Entry, from archive: Archive) throws(ProblemDetails) -> [UInt8] {
        var bytes: [UInt8] = []
        let declared = Int(clamping: entry.uncompressedSize)
        bytes.reserveCapacity(declared)
        do {
            _ = try archive.extract(entry) { chunk in
                guard bytes.count + chunk.count <= Int(entry.uncompressedSize) else {
                    throw CocoaError(.fileReadTooLarge)
                }
                bytes += chunk
            }
        } catch {
            throw refusal("entry \"\(Excerpt.of(entry.path, limit: 60))\" does not inflate to the size it declares")
        }
        return bytes
    }

    static func refusal(_ detail: String) -> ProblemDetails {
        ProblemDetails(
            status: .unprocessableContent, title: "Unusable kit archive", detail: "the zip \(detail)", field: "list",
            code: .document)
    }
}
