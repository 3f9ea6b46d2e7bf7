/// A content stream as operations: each operator with the operands before it (numbers, names, strings, arrays,
/// dictionaries), inline images as one `BI` operation holding their dictionary. Lenient as viewers are: a token
/// it cannot read is skipped, never trusted.
public struct ContentOperation: Sendable {
    public let name: String
    public let operands: [PDFValue]
}

public enum ContentLexer {
    /// Operands kept per operator: more is a broken stream (a path's points come one operator at a time).
    static let maximumOperands = 64

    public static func operations(_ bytes: [UInt8], limit: Int) -> [ContentOperation] {
        var lexer = Lexer(bytes: bytes)
        var operations: [ContentOperation] = []
        var operands: [PDFValue] = []
        while operations.count < limit, let token = lexer.next() {
            switch token {
            case let .value(value):
                if operands.count < maximumOperands { operands.append(value) }
            case let .keyword(word):
                if word == "BI" {
                    operations.append(ContentOperation(name: "BI", operands: [.dictionary(lexer.inlineImage())]))
                } else if word == "true" || word == "false" {
                    operands.append(.bool(word == "true"))
                } else if word == "null" {
                    operands.append(.null)
                } else {
                    operations.append(ContentOperation(name: word, operands: operands))
                }
                operands.removeAll(keepingCapacity: true)
            }
        }
        return operations
    }
}

private enum Token {
    case value(PDFValue)
    case keyword(String)
}

private struct Lexer {
    let bytes: [UInt8]
    var index = 0
    /// Arrays and dictionaries open: nesting past `maximumNesting` is read as nothing, so a crafted stream
    /// cannot exhaust the stack.
    var nesting = 0
    static let maximumNesting = 32

    static func isWhitespace(_ byte: UInt8) -> Bool { [0, 9, 10, 12, 13, 32].contains(byte) }
    static func isDelimiter(_ byte: UInt8) -> Bool { Array("()<>[]{}/%".utf8).contains(byte) }

    mutating func skipWhitespaceAndComments() {
        while index < bytes.count {
            if Self.isWhitespace(bytes[index]) {
                index += 1
            } else if bytes[index] == UInt8(ascii: "%") {
                while index < bytes.count, bytes[index] != 10, bytes[index] != 13 { index += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() -> Token? {
        skipWhitespaceAndComments()
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "["):
            index += 1
            guard nesting < Self.maximumNesting else { return .value(.null) }
            nesting += 1
            defer { nesting -= 1 }
            return .value(.array(collection(until: UInt8(ascii: "]"))))
        case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<"):
            index += 2
            guard nesting < Self.maximumNesting else { return .value(.null) }
            nesting += 1
            defer { nesting -= 1 }
            return .value(.dictionary(dictionary()))
        case UInt8(ascii: "<"):
            return .value(.string(hexString()))
        case UInt8(ascii: "("):
            return .value(.string(literalString()))
        case UInt8(ascii: "/"):
            index += 1
            return .value(.name(name()))
        case UInt8(ascii: "]"), UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            // A stray closing delimiter: skipped as a keyword no operator has.
            index += 1
            return .keyword("")
        default:
            let word = regular()
            if let number = Self.number(word) { return .value(.number(number)) }
            return .keyword(word)
        }
    }

    /// Values up to `end`; a keyword inside an array is a broken stream and ends it.
    mutating func collection(until end: UInt8) -> [PDFValue] {
        var items: [PDFValue] = []
        while true {
            skipWhitespaceAndComments()
            guard index < bytes.count else { return items }
            if bytes[index] == end { index += 1; return items }
            guard let token = next() else { return items }
            switch token {
            case let .value(value): if items.count < 100_000 { items.append(value) }
            case let .keyword(word):
                if word == "true" || word == "false" {
                    items.append(.bool(word == "true"))
                } else {
                    items.append(.null)
                }
            }
        }
    }

    mutating func dictionary() -> [String: PDFValue] {
        var entries: [String: PDFValue] = [:]
        var key: String?
        while true {
            skipWhitespaceAndComments()
            guard index < bytes.count else { return entries }
            if bytes[index] == UInt8(ascii: ">"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
                index += 2
                return entries
            }
            guard let token = next() else { return entries }
            let value: PDFValue
            switch token {
            case let .value(item): value = item
            case let .keyword(word): value = word == "true" || word == "false" ? .bool(word == "true") : .null
            }
            if let pending = key {
                entries[pending] = value
                key = nil
            } else if case let .name(name) = value {
                key = name
            }
        }
    }

    mutating func regular() -> String {
        let start = index
        while index < bytes.count, !Self.isWhitespace(bytes[index]), !Self.isDelimiter(bytes[index]) { index += 1 }
        if index == start { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func name() -> String {
        var result: [UInt8] = []
        while index < bytes.count, !Self.isWhitespace(bytes[index]), !Self.isDelimiter(bytes[index]) {
            if bytes[index] == UInt8(ascii: "#"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                result.append(value)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    mutating func hexString() -> [UInt8] {
        index += 1
        var digits: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            if let value = Self.hexValue(bytes[index]) { digits.append(value) }
            index += 1
        }
        index += 1
        if digits.count % 2 == 1 { digits.append(0) }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    mutating func literalString() -> [UInt8] {
        index += 1
        var depth = 1
        var result: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return result }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(10)
                case UInt8(ascii: "r"): result.append(13)
                case UInt8(ascii: "t"): result.append(9)
                case UInt8(ascii: "b"): result.append(8)
                case UInt8(ascii: "f"): result.append(12)
                case 10: break
                case 13: if index < bytes.count, bytes[index] == 10 { index += 1 }
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 where index < bytes.count && (48...55).contains(bytes[index]) {
                        value = value * 8 + Int(bytes[index] - 48)
                        index += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                default: result.append(escaped)
                }
            case UInt8(ascii: "("):
                depth += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return result }
                result.append(byte)
            default:
                result.append(byte)
            }
        }
        return result
    }

    /// An inline image's dictionary (`BI … ID`), its data skipped up to `EI`.
    mutating func inlineImage() -> [String: PDFValue] {
        var entries: [String: PDFValue] = [:]
        var key: String?
        while let token = next() {
            if case let .keyword(word) = token, word == "ID" { break }
            guard case let .value(value) = token else { continue }
            if let pending = key {
                entries[pending] = value
                key = nil
            } else if case let .name(name) = value {
                key = name
            }
        }
        index += 1
        // The data ends at whitespace, `EI`, and whitespace or the end.
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "E"), bytes[index + 1] == UInt8(ascii: "I"), index > 0,
                Self.isWhitespace(bytes[index - 1]), index + 2 >= bytes.count || Self.isWhitespace(bytes[index + 2])
            {
                index += 2
                return entries
            }
            index += 1
        }
        index = bytes.count
        return entries
    }

    static func number(_ word: String) -> Double? {
        guard let first = word.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (48...57).contains(first),
            word.utf8.allSatisfy({ (48...57).contains($0) || $0 == 46 || $0 == 45 || $0 == 43 })
        else { return nil }
        if let value = Double(word), value.isFinite { return value }
        return word == "-" || word == "." ? 0 : nil
    }
}
