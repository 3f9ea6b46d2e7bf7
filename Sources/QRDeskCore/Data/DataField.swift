import Yams
import Foundation

/// A problem at one field of a YAML or JSON document: the path (`elements[2].box.width`), its line, and the reason.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let location = line.map { "line \($0): " } ?? ""
        return path.isEmpty ? "\(location)\(reason)" : "\(location)\(path): \(reason)"
    }
}

/// A read-only view of one node of a parsed YAML/JSON document that knows its own path,
/// so every error can say exactly which field was wrong. Yams does the parsing.
public struct DataField {
    public let node: Node?
    public let path: String
    private let parentLine: Int?

    public init(root: Node?) {
        self.node = root
        self.path = ""
        self.parentLine = nil
    }

    private init(node: Node?, path: String, parentLine: Int?) {
        self.node = node
        self.path = path
        self.parentLine = parentLine
    }

    /// Parses YAML (and so JSON, which YAML 1.2 contains).
    public static func parse(_ text: String) throws(FieldError) -> DataField {
        do {
            return DataField(root: try Yams.compose(yaml: text))
        } catch let error as YamlError {
            throw FieldError(path: "", line: nil, reason: "not valid YAML/JSON: \(error)")
        } catch {
            throw FieldError(path: "", line: nil, reason: "not valid YAML/JSON: \(error)")
        }
    }

    public var line: Int? { node?.mark.map { $0.line } ?? parentLine }
    public var isMissing: Bool { node == nil || isNullScalar }
    private var isNullScalar: Bool {
        guard let scalar = node?.scalar else { return false }
        return scalar.style == .plain && ["~", "null", "Null", "NULL", ""].contains(scalar.string)
    }

    public func error(_ reason: String) -> FieldError { FieldError(path: path, line: line, reason: reason) }

    public subscript(key: String) -> DataField {
        let child = node?.mapping?[key]
        return DataField(node: child, path: path.isEmpty ? key : "\(path).\(key)", parentLine: line)
    }

    public var keys: [String] { node?.mapping?.keys.compactMap { $0.string } ?? [] }

    public var isMapping: Bool { node?.mapping != nil }

    /// The items of a sequence; a missing field is an empty list.
    public func items() throws(FieldError) -> [DataField] {
        guard let node, !isNullScalar else { return [] }
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { DataField(node: $1, path: "\(path)[\($0)]", parentLine: line) }
    }

    public func string() throws(FieldError) -> String {
        guard let value = optionalString() else { throw error("is required") }
        return value
    }

    public func optionalString() -> String? {
        guard let scalar = node?.scalar, !isNullScalar else { return nil }
        return scalar.string
    }

    /// True for a scalar written in quotes (`"50.10"`), false for a bare one (`50.10`), which YAML/JSON may read as a number.
    public var isQuotedScalar: Bool {
        guard let style = node?.scalar?.style else { return false }
        return style == .singleQuoted || style == .doubleQuoted
    }

    public func nonEmptyString() throws(FieldError) -> String {
        let value = try string()
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("must not be empty") }
        return value
    }

    public func length() throws(FieldError) -> Length {
        let text = try string()
        do { return try Length(parsing: text) } catch { throw self.error(error.description) }
    }

    public func optionalLength(default value: Length) throws(FieldError) -> Length {
        isMissing ? value : try length()
    }

    public func integer(in range: ClosedRange<Int>) throws(FieldError) -> Int {
        let text = try string()
        guard let value = Int(text), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    public func optionalInteger(in range: ClosedRange<Int>, default value: Int) throws(FieldError) -> Int {
        isMissing ? value : try integer(in: range)
    }

    public func oneOf<T: RawRepresentable>(_ type: T.Type, default value: T? = nil) throws(FieldError) -> T
    where T.RawValue == String, T: CaseIterable {
        if isMissing, let value { return value }
        let text = try string()
        guard let result = T(rawValue: text) else {
            throw error("expected one of \(T.allCases.map { $0.rawValue }.joined(separator: ", ")), got \"\(text)\"")
        }
        return result
    }

    public func boolean(default value: Bool) throws(FieldError) -> Bool {
        if isMissing { return value }
        guard let result = node?.bool else { throw error("expected true or false, got \"\(optionalString() ?? "")\"") }
        return result
    }
}
