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

    /// The filled text, trimmed, with the UTF-8 byte ranges the `emphasised` placeholders' values took in it.
    public func filled(_ values: [String: String], emphasised: Set<String>) -> (text: String, ranges: [Range<Int>]) {
        var text = "", ranges: [Range<Int>] = []
        for piece in pieces {
            switch piece {
            case let .literal(literal): text += literal
            case let .placeholder(name):
                let value = values[name] ?? ""
                let start = text.utf8.count
                text += value
                if emphasised.contains(name), !value.isEmpty { ranges.append(start..<text.utf8.count) }
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let offset = text.range(of: trimmed).map({ text.utf8.distance(from: text.startIndex, to: $0.lowerBound) })
        else { return (trimmed, []) }
        let length = trimmed.utf8.count
        let shifted = ranges.compactMap { range -> Range<Int>? in
            let lower = max(0, range.lowerBound - offset), upper = min(length, range.upperBound - offset)
            return lower < upper ? lower..<upper : nil
        }
        return (trimmed, shifted)
    }

    public enum PatternError: Error, Hashable, Sendable {
        case unclosed(String)
    }
}
