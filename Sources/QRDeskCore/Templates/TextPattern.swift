/// A template's text with `{placeholders}`: the one reading of the pattern, for the template reader (which
/// refuses unknown names and unclosed braces) and the layout (which fills the names in).
public struct TextPattern: Hashable, Sendable {
    public enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    public let pieces: [Piece]

    /// The pieces of `text`; a `{` without its `}` is refused.
    public init(_ text: String) throws(PatternError) {
        var pieces: [Piece] = [], rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw .unclosed(text) }
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            pieces.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    public var placeholders: [String] {
        pieces.compactMap { if case let .placeholder(name) = $0 { name } else { nil } }
    }

    /// The text with each placeholder replaced by its value (an unknown one by nothing), trimmed.
    public func filled(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case let .literal(text): text
            case let .placeholder(name): values[name] ?? ""
            }
        }.joined().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public enum PatternError: Error, Hashable, Sendable {
        case unclosed(String)
    }
}
