import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

/// Options every card-producing command shares.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp("Extra folder of templates; a template here overrides a bundled one with the same id.", valueName: "DIR"))
    var templateDirectories: [String] = []

    func library() throws -> TemplateLibrary {
        try TemplateLocator.library(extra: templateDirectories.map { URL(fileURLWithPath: $0) })
    }
}

/// Splits repeatable, comma-separated values (`--format pdf,svg --format png`) and parses each.
func parseList<T: RawRepresentable & CaseIterable>(_ values: [String], as type: T.Type, option: String) throws -> [T] where T.RawValue == String {
    var result: [T] = []
    for value in values.flatMap({ $0.split(separator: ",") }) {
        let trimmed = value.trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = T(rawValue: trimmed == "colour" ? "color" : trimmed) else {
            throw ValidationError("\(option): unknown value \"\(value)\"; expected \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !result.contains(where: { $0.rawValue == parsed.rawValue }) { result.append(parsed) }
    }
    return result
}

func parseColor(_ text: String?, option: String) throws -> RGBColor? {
    guard let text else { return nil }
    guard let color = RGBColor(hex: text) else {
        throw ValidationError("\(option): expected a colour such as #1A73E8, got \"\(text)\"")
    }
    return color
}

/// A JSON list of what was written, for scripts: `{"artifacts":[{"path":…,"template":…,…}]}`.
struct WrittenList: Encodable {
    struct Entry: Encodable {
        var path: String
        var template: String
        var variant: String
        var format: String
        var bytes: Int
    }
    var artifacts: [Entry]

    func printJSON() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) { print(text) }
    }
}
