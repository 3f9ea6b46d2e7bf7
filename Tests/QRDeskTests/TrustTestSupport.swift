import Foundation
import TestSupport

/// A sandbox for hostile-input tests: a working folder whose `out/` is qrdesk's output folder, and an
/// `outside/` folder with a sentinel file that no run may touch (links planted inside `out/` point there).
struct Sandbox {
    let root: URL
    var out: URL { root.appendingPathComponent("out") }
    var outside: URL { root.appendingPathComponent("outside") }
    var sentinel: URL { outside.appendingPathComponent("keep.txt") }
    static let sentinelText = "not qrdesk's to touch\n"

    init() throws {
        root = try TestSupport.temporaryDirectory("qrdesk-trust")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Self.sentinelText.utf8).write(to: sentinel)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(name))
    }

    func qrdesk(_ arguments: [String], environment extra: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
        environment.merge(extra) { $1 }
        return try TestSupport.run(
            try TestSupport.qrdeskBinary(), arguments, currentDirectory: root, environment: environment)
    }

    /// Runs qrdesk through `sh -c` (for `ulimit`, `trap` and closed descriptors); `$Q` is the binary.
    func shell(_ script: String) throws -> TestSupport.ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["QRDESK_TEMPLATES"] = TestSupport.templatesDirectory.path
        environment["Q"] = try TestSupport.qrdeskBinary()
        return try TestSupport.run("/bin/sh", ["-c", script], currentDirectory: root, environment: environment)
    }

    /// The outside folder is exactly as created: one file, unchanged.
    var outsideIsUntouched: Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outside.path)) ?? []
        return names == ["keep.txt"] && (try? String(contentsOf: sentinel, encoding: .utf8)) == Self.sentinelText
    }

    /// Files below `out/` (relative paths), hidden ones included.
    var outputFiles: [String] {
        (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted()
    }
}

/// Receipt documents for hostile tests, built as JSON text.
enum HostileReceipts {
    static func item(
        _ index: Int, name: String? = nil, quantity: String = "1", price: String = "10.000", discount: String? = nil
    ) -> String {
        let discountField = discount.map { ", \"discount\": \"\($0)\"" } ?? ""
        return
            "{\"kind\": \"service\", \"name\": \"\(name ?? "Item \(index)")\", \"sku\": \"S-\(index)\", \"quantity\": "
            + "\"\(quantity)\", \"unitPrice\": \"\(price)\"\(discountField), \"tax\": {\"system\": \"vat\", "
            + "\"rate\": \"100\", \"mode\": \"added\"}}"
    }

    static func document(
        currency: String = "KWD", items: [String], payments: [String] = [], extra: String = ""
    ) -> String {
        """
        {"number": "H-1", "visit": {"id": "V-1", "date": "2026-11-21T15:30:00+03:00"}, "location": {"name": "Salon"},
         "currency": "\(currency)", "items": [\(items.joined(separator: ","))],
         "payments": [\(payments.joined(separator: ","))]\(extra)}
        """
    }

    static func payment(_ amount: String) -> String { "{\"method\": \"cash\", \"amount\": \"\(amount)\"}" }
}
