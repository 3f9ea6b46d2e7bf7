import Foundation

/// JSON text to `DataNode`s through Foundation's JSON parser (strict about escapes, surrogate pairs and
/// nesting depth). Keys are sorted so that errors about them come in a stable order.
enum JSONDocumentReader {
    static func read(_ bytes: [UInt8], maximumValues: Int) throws(FieldError) -> DataNode {
        let shape = scan(bytes)
        if let (line, closer) = shape.trailingComma {
            throw FieldError(path: "", line: line, reason: "not valid JSON: a comma before \"\(closer)\"; JSON allows none there, remove it")
        }
        // Counted before parsing: Foundation's tree costs far more memory per value than the text does.
        guard shape.values <= maximumValues else {
            throw FieldError(path: "", line: nil, reason: "holds more than the \(maximumValues) values (objects, lists, texts, numbers) this kind of document may have")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw FieldError(path: "", line: nil, reason: "not valid JSON: \(detail)")
        }
        var budget = NodeBudget(inputBytes: bytes.count, maximumValues: maximumValues)
        return try convert(object, budget: &budget)
    }

    /// One pass over the text, outside strings: an upper bound on the number of values (every value but the
    /// first follows a "," "[" or "{"; an object in a list counts twice, which errs on the side of caution), and the first comma before `]` or `}` — a JSON5 extension Foundation's
    /// parser accepts where RFC 8259, Python and every JSON Schema validator refuse it.
    static func scan(_ bytes: [UInt8]) -> (values: Int, trailingComma: (line: Int, closer: Character)?) {
        var inString = false, escaped = false, line = 1, pendingComma: Int?, values = 1
        var trailing: (line: Int, closer: Character)?
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; pendingComma = nil
            case UInt8(ascii: ","): pendingComma = line; values += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"): pendingComma = nil; values += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if let comma = pendingComma, trailing == nil { trailing = (comma, Character(UnicodeScalar(byte))) }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            default: pendingComma = nil
            }
        }
        return (values, trailing)
    }

    private static func convert(_ object: Any, budget: inout NodeBudget) throws(FieldError) -> DataNode {
        try budget.spend()
        switch object {
        case is NSNull:
            return DataNode(.null)
        case let text as String:
            return DataNode(.string(text))
        case let number as NSNumber:
            // Foundation gives JSON's true/false as NSNumber with the C type "c"; no JSON number is parsed as one.
            if String(cString: number.objCType) == "c" { return DataNode(.bool(number.boolValue)) }
            return DataNode(.number(number.description))
        case let array as [Any]:
            var nodes: [DataNode] = []
            nodes.reserveCapacity(array.count)
            for element in array { nodes.append(try convert(element, budget: &budget)) }
            return DataNode(.list(nodes))
        case let dictionary as [String: Any]:
            var pairs: [(key: String, node: DataNode)] = []
            for key in dictionary.keys.sorted() {
                guard let value = dictionary[key] else { continue }
                pairs.append((key, try convert(value, budget: &budget)))
            }
            return DataNode(.mapping(pairs))
        default:
            throw FieldError(path: "", line: nil, reason: "not valid JSON: an unexpected value")
        }
    }
}
