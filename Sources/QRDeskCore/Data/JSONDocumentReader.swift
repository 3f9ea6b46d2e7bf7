import Foundation

/// JSON text to `DataNode`s through Foundation's JSON parser (strict about escapes, surrogate pairs and
/// nesting depth). Keys are sorted so that errors about them come in a stable order.
enum JSONDocumentReader {
    static func read(_ bytes: [UInt8]) throws(FieldError) -> DataNode {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw FieldError(path: "", line: nil, reason: "not valid JSON: \(detail)")
        }
        var budget = NodeBudget(inputBytes: bytes.count)
        return try convert(object, budget: &budget)
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
