import Foundation

/// JSON text to `DataNode`s through Foundation's JSON parser (strict about escapes, surrogate pairs and
/// nesting depth). Keys are sorted so that errors about them come in a stable order.
enum JSONDocumentReader {
    static func read(_ bytes: [UInt8], maximumValues: Int) throws(FieldError) -> DataNode {
        let shape = scan(bytes)
        if let (line, closer) = shape.trailingComma {
            throw FieldError(
                path: "", line: line,
                reason: "not valid JSON: a comma before \"\(closer)\"; JSON allows none there, remove it")
        }
        // Counted before parsing: Foundation's tree costs far more memory per value than the text does.
        guard shape.values <= maximumValues else {
            throw FieldError(
                path: "", line: nil,
                reason:
                    "holds more than the \(maximumValues) values (objects, lists, texts, numbers) this kind of "
                    + "document may have"
            )
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw syntaxError(bytes, parserDetail: detail)
        }
        var budget = NodeBudget(inputBytes: bytes.count, maximumValues: maximumValues)
        return try convert(object, budget: &budget)
    }

    /// Foundation says "Invalid value around character 431": the line and column of that byte, what stands there,
    /// and the likely fix where the text around it makes one clear.
    static func syntaxError(_ bytes: [UInt8], parserDetail: String) -> FieldError {
        if parserDetail.contains("end of file") || parserDetail.contains("end of data") {
            let lines = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return FieldError(
                path: "", line: lines,
                reason: "not valid JSON: the text ends inside a value; a closing quote, } or ] is missing")
        }
        guard let range = parserDetail.range(of: "around character "),
            let offset = Int(parserDetail[range.upperBound...].prefix { $0.isNumber }), offset >= 0,
            offset <= bytes.count
        else {
            return FieldError(path: "", line: nil, reason: "not valid JSON: \(parserDetail)")
        }
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        let lineEnd = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let excerpt = Excerpt.of(
            String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces), limit: 50)
        let here = offset < bytes.count ? bytes[offset] : 0
        let previous = before.last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let endsValue: (UInt8) -> Bool = { byte in
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "l")
        }
        let startsValue =
            here == UInt8(ascii: "\"") || here == UInt8(ascii: "{") || here == UInt8(ascii: "[")
            || (here >= 0x30 && here <= 0x39) || here == UInt8(ascii: "-")
        let isLetter =
            (here | 0x20) >= UInt8(ascii: "a") && (here | 0x20) <= UInt8(ascii: "z") || here == UInt8(ascii: "_")
        var fix = ""
        if here == UInt8(ascii: "'") {
            fix = "; JSON quotes texts and keys with double quotes (\"), not single ones"
        } else if let previous, endsValue(previous), startsValue || isLetter {
            fix = "; a comma is missing between this value and the one before it"
        } else if let previous, previous == UInt8(ascii: "{") || previous == UInt8(ascii: ","), isLetter {
            fix = "; keys need double quotes (\"key\": …)"
        }
        return FieldError(
            path: "", line: line,
            reason: "not valid JSON at column \(column) (\"\(excerpt)\")\(fix)")
    }

    /// One pass over the text, outside strings: an upper bound on the number of values (every value but the
    /// first follows a "," "[" or "{"; an object in a list counts twice, which errs on the side of caution), and the
    /// first comma before `]` or `}` — a JSON5 extension Foundation's
    /// parser accepts where RFC 8259, Python and every JSON Schema validator refuse it.
    static func scan(_ bytes: [UInt8]) -> (values: Int, trailingComma: (line: Int, closer: Character)?) {
        var inString = false, escaped = false, line = 1, pendingComma: Int?, values = 1
        var trailing: (line: Int, closer: Character)?
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
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
