/// One parsed value of a YAML or JSON document, with the line it starts on (YAML; JSON parsers do not say).
/// Readers see only this, so a document means the same thing whichever syntax it was written in.
public struct DataNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number, kept as written (YAML) or as the parser printed it (JSON): readers decide what it may be.
        case number(String)
        case string(String)
        case list([DataNode])
        /// Keys in document order (YAML) or sorted (JSON), never repeated.
        case mapping([(key: String, node: DataNode)])
    }

    public let value: Value
    public let line: Int?

    public init(_ value: Value, line: Int? = nil) {
        self.value = value
        self.line = line
    }

    /// The word an error uses for what was found instead of what was expected.
    public var kindName: String {
        switch value {
        case .null: "nothing (null)"
        case .bool: "true/false"
        case .number: "a number"
        case .string: "text"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// Every node a reader builds is counted against a budget: proportional to the input's size, so a few bytes
/// of YAML aliases (a "billion laughs" document) cannot expand into gigabytes, and at most what the kind of
/// document can hold.
struct NodeBudget {
    private var remaining: Int
    private let maximumValues: Int

    init(inputBytes: Int, maximumValues: Int) {
        remaining = min(inputBytes + 1_024, maximumValues)
        self.maximumValues = maximumValues
    }

    mutating func spend() throws(FieldError) {
        remaining -= 1
        guard remaining >= 0 else {
            throw FieldError(
                path: "", line: nil,
                reason:
                    "holds more values than its size allows (YAML aliases repeated?) or than the \(maximumValues) "
                    + "this kind of document may have"
            )
        }
    }
}
