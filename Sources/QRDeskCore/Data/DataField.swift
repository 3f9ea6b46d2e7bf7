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

/// A read-only view of one node of a parsed document that knows its own path, so every error can say exactly
/// which field was wrong. Readers are strict: a value of the wrong type is an error, never a guess, and
/// `allowKeys` refuses a key the reader does not know (a misspelt `discout` must not vanish silently).
public struct DataField {
    public let node: DataNode?
    public let path: String
    private let parentLine: Int?

    public init(root: DataNode?) {
        self.node = root
        self.path = ""
        self.parentLine = nil
    }

    private init(node: DataNode?, path: String, parentLine: Int?) {
        self.node = node
        self.path = path
        self.parentLine = parentLine
    }

    /// Parses a whole document of at most `maximumValues` values (checked before the tree is built). The caller
    /// has already checked its size against the budget for its kind.
    public static func parse(
        _ bytes: [UInt8], format: DataFormat, maximumValues: Int = 100_000
    ) throws(FieldError) -> DataField {
        switch format {
        case .json:
            return DataField(root: try JSONDocumentReader.read(bytes, maximumValues: maximumValues))
        case .yaml:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw FieldError(path: "", line: nil, reason: "not UTF-8 text; save the file as UTF-8")
            }
            return DataField(root: try YAMLDocumentReader.read(text, maximumValues: maximumValues))
        }
    }

    public var line: Int? { node?.line ?? parentLine }

    public var isMissing: Bool {
        guard let node else { return true }
        if case .null = node.value { return true }
        return false
    }

    public func error(_ reason: String) -> FieldError { FieldError(path: path, line: line, reason: reason) }

    private func wrongType(_ expected: String) -> FieldError {
        error("expected \(expected), got \(node?.kindName ?? "nothing")")
    }

    public subscript(key: String) -> DataField {
        var child: DataNode?
        if case let .mapping(pairs)? = node?.value { child = pairs.first { $0.key == key }?.node }
        return DataField(node: child, path: path.isEmpty ? key : "\(path).\(key)", parentLine: line)
    }

    /// The keys of a mapping, in document order; none for anything else.
    public var keys: [String] {
        guard case let .mapping(pairs)? = node?.value else { return [] }
        return pairs.map(\.key)
    }

    public var isMapping: Bool {
        if case .mapping? = node?.value { return true }
        return false
    }

    /// Requires a mapping (when present) whose keys are all among `known`; an unknown key is named with its
    /// path and the known key it most resembles.
    public func allowKeys(_ known: [String]) throws(FieldError) {
        guard !isMissing else { return }
        guard isMapping else { throw wrongType("a mapping of \(known.joined(separator: ", "))") }
        for key in keys where !known.contains(key) {
            let child = self[key]
            let hint = Suggestion.closest(to: key, in: known).map { "did you mean \"\($0)\"? " } ?? ""
            throw child.error(
                "unknown field \"\(Excerpt.of(key, limit: 40))\"; \(hint)known fields here: "
                    + "\(known.joined(separator: ", "))"
            )
        }
    }

    /// The items of a list; a missing field is an empty list.
    public func items() throws(FieldError) -> [DataField] {
        guard let node, !isMissing else { return [] }
        guard case let .list(nodes) = node.value else { throw wrongType("a list") }
        return nodes.enumerated().map { DataField(node: $1, path: "\(path)[\($0)]", parentLine: line) }
    }

    public func string() throws(FieldError) -> String {
        guard let value = try optionalString() else { throw error("is required") }
        return value
    }

    /// Text, or nil when absent; a number or true/false where text belongs is an error (quote it).
    public func optionalString() throws(FieldError) -> String? {
        guard let node, !isMissing else { return nil }
        guard case let .string(text) = node.value else {
            if case let .number(text) = node.value {
                throw error(
                    "expected text, got the number \(Excerpt.of(text, limit: 30)); write it in quotes: "
                        + "\"\(Excerpt.of(text, limit: 30))\""
                )
            }
            throw wrongType("text")
        }
        return text
    }

    public func nonEmptyString() throws(FieldError) -> String {
        let value = try string()
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw error("must not be empty") }
        return value
    }

    /// Text that is printed: required, not blank, at most `limit` characters and free of control characters.
    public func printedText(limit: Int, multiline: Bool = false) throws(FieldError) -> String {
        let value = try nonEmptyString()
        if let problem = PrintedText.problem(with: value, limit: limit, multiline: multiline) { throw error(problem) }
        return multiline ? PrintedText.lineBreaksNormalized(value) : value
    }

    /// Printed text that may be absent.
    public func optionalPrintedText(limit: Int, multiline: Bool = false) throws(FieldError) -> String? {
        isMissing ? nil : try printedText(limit: limit, multiline: multiline)
    }

    public func length() throws(FieldError) -> Length {
        if case let .number(text)? = node?.value {
            throw error(
                "expected a length with its unit, such as \"70mm\" or \"12pt\", got the bare number "
                    + "\(Excerpt.of(text, limit: 20))"
            )
        }
        let text = try string()
        do { return try Length(parsing: text) } catch { throw self.error(error.description) }
    }

    public func optionalLength(default value: Length) throws(FieldError) -> Length {
        isMissing ? value : try length()
    }

    /// A scan distance with its unit (`1m`, `50cm`), or `value` when absent.
    public func optionalScanDistance(default value: ScanDistance) throws(FieldError) -> ScanDistance {
        if isMissing { return value }
        if case let .number(text)? = node?.value {
            throw error(
                "expected a distance with its unit, such as \"1m\" or \"50cm\", got the bare number "
                    + "\(Excerpt.of(text, limit: 20))"
            )
        }
        let text = try string()
        do { return try ScanDistance(parsing: text) } catch { throw self.error(error.description) }
    }

    /// A whole number written as a number (`4`, not `"4"`), within `range`.
    public func integer(in range: ClosedRange<Int>) throws(FieldError) -> Int {
        guard let node, !isMissing else { throw error("is required") }
        guard case let .number(text) = node.value else {
            throw wrongType("a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard let value = Int(text), range.contains(value) else {
            throw error(
                "expected a whole number from \(range.lowerBound) to \(range.upperBound), got "
                    + "\(Excerpt.of(text, limit: 30))"
            )
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
            let known = T.allCases.map { $0.rawValue }
            let hint = Suggestion.closest(to: text, in: known).map { "did you mean \"\($0)\"? " } ?? ""
            throw error(
                "\(hint)expected one of \(known.joined(separator: ", ")), got \"\(Excerpt.of(text, limit: 40))\"")
        }
        return result
    }

    public func boolean(default value: Bool) throws(FieldError) -> Bool {
        guard let node, !isMissing else { return value }
        guard case let .bool(result) = node.value else { throw wrongType("true or false") }
        return result
    }
}
