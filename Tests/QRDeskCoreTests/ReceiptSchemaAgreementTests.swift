import Foundation
import Testing
import QRDeskCore

/// qrdesk's receipt reader and docs/receipt.schema.json must agree: every example and every bad fixture gets the
/// same verdict from the reader and from a real JSON Schema validator (Python's jsonschema, run by
/// scripts/validate-receipts.py). Fixtures in `rule-invalid/` break a rule no schema can state (totals, tax
/// systems, minor digits): the schema accepts them, the reader refuses them. Each bad fixture's `.expected`
/// file holds the message the reader must give.
@Suite("Receipt reader and JSON Schema agree")
struct ReceiptSchemaAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/receipts")

    static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    /// The validator's verdict per file: nil when valid, else its message.
    static func schemaVerdicts(_ files: [URL]) throws -> [String: String?] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", root.appendingPathComponent("scripts/validate-receipts.py").path] + files.map(\.path)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey: "validate-receipts.py failed (run scripts/install-deps.sh): \(problem)"
                ])
        }
        var verdicts: [String: String?] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            guard let file = object["file"] as? String, let valid = object["valid"] as? Bool else { continue }
            verdicts[file] = valid ? String?.none : (object["message"] as? String ?? "invalid")
        }
        return verdicts
    }

    static func readerError(_ file: URL) -> String? {
        do {
            _ = try ReceiptReader.parse([UInt8](try Data(contentsOf: file)), file: file.lastPathComponent)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readerAndSchemaGiveTheSameVerdict() throws {
        let examples = try Self.files(in: Self.root.appendingPathComponent("examples/receipts"))
        let schemaInvalid = try Self.files(in: Self.fixtures.appendingPathComponent("schema-invalid"))
        let ruleInvalid = try Self.files(in: Self.fixtures.appendingPathComponent("rule-invalid"))
        #expect(examples.count >= 7 && schemaInvalid.count >= 15 && ruleInvalid.count >= 5)
        let verdicts = try Self.schemaVerdicts(examples + schemaInvalid + ruleInvalid)

        for file in examples {
            #expect(
                verdicts[file.path] == .some(nil),
                "schema refuses the example \(file.lastPathComponent): \(String(describing: verdicts[file.path]))")
            #expect(
                Self.readerError(file) == nil,
                "reader refuses the example \(file.lastPathComponent): \(Self.readerError(file) ?? "")")
        }
        for file in schemaInvalid + ruleInvalid {
            let expected = try String(
                contentsOf: file.deletingPathExtension().appendingPathExtension("expected"), encoding: .utf8
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
            let readerMessage = Self.readerError(file)
            #expect(
                readerMessage?.contains(expected) == true,
                "\(file.lastPathComponent): expected «\(expected)», got «\(readerMessage ?? "accepted")»")
            let schemaRefuses = verdicts[file.path].map { $0 != nil }
            let isRule = ruleInvalid.contains(file)
            let verdict = String(describing: verdicts[file.path])
            #expect(
                schemaRefuses == !isRule,
                "\(file.lastPathComponent): the schema \(isRule ? "refuses" : "accepts") it: \(verdict)")
        }
    }

    /// The schema's currency list is qrdesk's.
    @Test func schemaCurrenciesAreTheReadersCurrencies() throws {
        let schema =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.root.appendingPathComponent("docs/receipt.schema.json"))) as? [String: Any]
        let properties = schema?["properties"] as? [String: Any]
        let codes = (properties?["currency"] as? [String: Any])?["enum"] as? [String] ?? []
        #expect(!codes.isEmpty && codes.allSatisfy { Currency(code: $0) != nil })
        #expect(Currency(code: "EUE") == nil && !codes.contains("EUE"))
    }
}
