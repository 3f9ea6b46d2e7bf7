/// How a front door names a request key in advice: `--ecc` on the command line, `column "ecc"` in a list, `ecc`
/// in the API. Core messages that advise changing a key take one, so no door's spelling is baked into them;
/// their plain `description` names the key by its JSON name.
public struct KeyNaming: Sendable {
    private let nameOf: @Sendable (String) -> String

    /// - Parameter nameOf: the door's name for a key given by its JSON name (`scanDistance`).
    public init(_ nameOf: @escaping @Sendable (String) -> String) {
        self.nameOf = nameOf
    }

    public func callAsFunction(_ jsonKey: String) -> String { nameOf(jsonKey) }

    /// Keys by their JSON names, quoted: what a message says when no door has worded it.
    public static let plain = KeyNaming { "\"\($0)\"" }
}

/// An error whose advice names request keys, worded by the door that shows it.
public protocol KeyAdvising: Error, CustomStringConvertible {
    func description(naming: KeyNaming) -> String
}
