import Foundation

/// What `--json` prints: sorted keys, unescaped slashes, indented for people reading a terminal.
func printJSON<Value: Encodable>(_ value: Value) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) { print(text) }
}

/// The shape `verify --json` and `preflight --json` share: whether every file passed, and each file's report.
struct FileReports<Report: Encodable>: Encodable {
    var passed: Bool
    var files: [Report]
}
