import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

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

func parseScanDistance(_ text: String?) throws -> ScanDistance? {
    guard let text else { return nil }
    do { return try ScanDistance(parsing: text) } catch { throw ValidationError("--scan-distance: \(error.description)") }
}
