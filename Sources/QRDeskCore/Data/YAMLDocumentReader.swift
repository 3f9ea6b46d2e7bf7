import Yams

/// YAML text to `DataNode`s through Yams (libyaml). Plain scalars are typed by the YAML 1.2 core schema
/// (`yes` and `on` stay text; `017` is a number, so an id written that way must be quoted); repeated keys are
/// refused rather than letting the last one win silently.
enum YAMLDocumentReader {
    static func read(_ text: String, maximumValues: Int) throws(FieldError) -> DataNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw FieldError(path: "", line: nil, reason: "not valid YAML: \(Excerpt.of("\(error)", limit: 300))")
        }
        guard let root else { return DataNode(.null) }
        var budget = NodeBudget(inputBytes: text.utf8.count, maximumValues: maximumValues)
        return try convert(root, path: "", budget: &budget)
    }

    private static func convert(_ node: Node, path: String, budget: inout NodeBudget) throws(FieldError) -> DataNode {
        try budget.spend()
        let line = node.mark?.line
        switch node {
        case let .scalar(scalar):
            return DataNode(resolve(scalar), line: line)
        case let .sequence(sequence):
            var nodes: [DataNode] = []
            for (index, element) in sequence.enumerated() {
                nodes.append(try convert(element, path: "\(path)[\(index)]", budget: &budget))
            }
            return DataNode(.list(nodes), line: line)
        case let .mapping(mapping):
            var pairs: [(key: String, node: DataNode)] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.scalar?.string else {
                    throw FieldError(path: path, line: keyNode.mark?.line ?? line, reason: "a key must be plain text")
                }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard seen.insert(key).inserted else {
                    throw FieldError(path: childPath, line: keyNode.mark?.line, reason: "is written twice; keep one")
                }
                pairs.append((key, try convert(valueNode, path: childPath, budget: &budget)))
            }
            return DataNode(.mapping(pairs), line: line)
        case .alias:
            throw FieldError(path: path, line: line, reason: "an unresolved YAML alias")
        }
    }

    /// The YAML 1.2 core schema for plain scalars; quoted scalars are always text.
    private static func resolve(_ scalar: Node.Scalar) -> DataNode.Value {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        return isCoreNumber(text) ? .number(text) : .string(text)
    }

    /// The core schema's int and float forms (`17`, `-3`, `0x1F`, `0o17`, `1.5`, `.5`, `1e3`, `.inf`, `.nan`),
    /// checked by hand: this runs for every plain scalar.
    static func isCoreNumber(_ text: String) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        func digits(_ part: Substring, _ allowed: (Character) -> Bool) -> Bool {
            !part.isEmpty && part.allSatisfy(allowed)
        }
        let decimal: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        if body.hasPrefix("0x") { return digits(body.dropFirst(2)) { $0.isASCII && $0.isHexDigit } }
        if body.hasPrefix("0o") { return digits(body.dropFirst(2)) { ("0"..."7").contains($0) } }
        var mantissa = body, exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            var rest = body[body.index(after: e)...]
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            exponent = rest
        }
        if let exponent, !digits(exponent, decimal) { return false }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return digits(parts[0], decimal)
        case 2:
            return (parts[0].isEmpty || digits(parts[0], decimal))
                && (parts[1].isEmpty ? !parts[0].isEmpty : digits(parts[1], decimal))
        default: return false
        }
    }
}
