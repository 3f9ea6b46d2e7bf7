import Crypto
import Foundation
import QRDeskCore

/// `qrdesk verify --manifest kit/manifest.json`: the print shop's proof and the security team's audit of a kit.
/// Every file the manifest lists must be present below the kit folder (read without following links), hold the
/// bytes it records (size and SHA-256), and — for cards — scan as the recorded link and nothing else; a receipt's
/// recorded link must be among its codes. The gates apply to every code in every file.
public struct ManifestAudit: Sendable {
    public let gates: AuditGates
    public let jobs: Int

    public init(gates: AuditGates, jobs: Int = ProcessInfoCores.count) {
        self.gates = gates
        self.jobs = jobs
    }

    public func audit(manifestAt url: URL, displayName: String) throws -> [FileAuditReport] {
        let bytes = try InputFile.read(url, limit: Manifest.maximumBytes, displayName: displayName)
        guard let manifest = Manifest.decode(bytes) else {
            throw FileError(
                path: displayName, reason: "is not a qrdesk manifest (expected the manifest.json a batch run writes)")
        }
        let folder = try OutputFolder(url.deletingLastPathComponent(), create: false)
        let kit = (displayName as NSString).deletingLastPathComponent
        let gates = self.gates
        return ParallelMap.run(manifest.artifacts, jobs: jobs) { entry in
            Self.audit(entry, in: folder, kit: kit, gates: gates)
        }
    }

    static func audit(
        _ entry: Manifest.Entry, in folder: OutputFolder, kit: String, gates: AuditGates
    ) -> FileAuditReport {
        let name = kit.isEmpty ? entry.path : "\(kit)/\(entry.path)"
        func failed(_ problem: String) -> FileAuditReport {
            FileAuditReport(file: name, kind: entry.format, pages: 0, codes: [], problems: [problem])
        }
        let data: [UInt8]?
        do { data = try folder.read(entry.path, limit: max(entry.bytes, 0)) } catch {
            return failed(
                "is \(folder.regularFileSize(entry.path).map { "\($0) bytes" } ?? "of another size"), not the "
                    + "\(entry.bytes) bytes the manifest records"
            )
        }
        guard let data else { return failed("is missing (or is a link or a folder, which qrdesk does not follow)") }
        guard data.count == entry.bytes else {
            return failed("is \(data.count) bytes, not the \(entry.bytes) bytes the manifest records")
        }
        let digest = SHA256.hash(data: data).hexString
        guard digest == entry.sha256 else {
            return failed(
                "has SHA-256 \(digest.prefix(16))…, not the \(entry.sha256.prefix(16))… the manifest records: the "
                    + "file was changed after the run"
            )
        }
        guard ["pdf", "svg", "png"].contains(entry.format) else {
            return FileAuditReport(file: name, kind: entry.format, pages: 0, codes: [], problems: [])
        }
        var entryGates = gates
        if entry.kind == "card", let link = entry.link { entryGates.expect = link }
        var report = FileAudit(gates: entryGates).audit(data, name: name)
        if entry.kind == "receipt", let link = entry.link, !report.codes.contains(where: { $0.payload == link }) {
            report.problems.append("holds no code for the recorded link \"\(Excerpt.of(link, limit: 80))\"")
        }
        return report
    }
}
