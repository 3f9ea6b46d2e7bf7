/// A PDF file assembled object by object: numbered objects, streams compressed with Flate, then the
/// cross-reference table and trailer. Classic (PDF 1.3) syntax throughout, which every RIP reads.
struct PDFObjectTable {
    private var bodies: [[UInt8]?] = []

    /// A number for an object written later (a parent its children point to).
    mutating func reserve() -> Int {
        bodies.append(nil)
        return bodies.count
    }

    @discardableResult
    mutating func add(_ dictionary: String) -> Int {
        let number = reserve()
        set(number, dictionary)
        return number
    }

    mutating func set(_ number: Int, _ dictionary: String) {
        bodies[number - 1] = Array(dictionary.utf8)
    }

    /// A stream object; `dictionary` holds its entries without `/Length` or `/Filter`.
    mutating func addStream(_ dictionary: String, data: [UInt8]) throws(NativeError) -> Int {
        let compressed = try PNGEncoder.deflate(data)
        var body = Array("<< \(dictionary) /Filter /FlateDecode /Length \(compressed.count) >>\nstream\n".utf8)
        body += compressed
        body += Array("\nendstream".utf8)
        let number = reserve()
        bodies[number - 1] = body
        return number
    }

    /// The whole file: header, objects, cross-reference table, trailer.
    func file(version: String, trailer: String) throws(NativeError) -> [UInt8] {
        // The binary comment tells transfer tools the file is binary.
        var file = Array(
            "%PDF-\(version)\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int] = []
        for (index, body) in bodies.enumerated() {
            guard let body else {
                throw NativeError(
                    library: "qrdesk", operation: "press PDF", detail: "object \(index + 1) never written")
            }
            offsets.append(file.count)
            file += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let start = file.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(bodies.count + 1) \(trailer) >>\nstartxref\n\(start)\n%%EOF\n"
        return file + Array(table.utf8)
    }
}

/// PDF string syntax: text as a literal string, or as UTF-16 with a byte-order mark where it is not ASCII.
enum PDFString {
    static func text(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            var escaped = "("
            for character in value {
                switch character {
                case "(", ")", "\\": escaped += "\\\(character)"
                default: escaped.append(character)
                }
            }
            return escaped + ")"
        }
        var hex = "<FEFF"
        for unit in value.utf16 { hex += hexDigits(unit) }
        return hex + ">"
    }

    static func hexDigits(_ unit: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([12, 8, 4, 0].map { digits[Int(unit >> UInt16($0) & 0xF)] })
    }

    /// `D:YYYYMMDDHHmmSSZ` from an ISO 8601 UTC date (`2024-01-01T00:00:00Z`).
    static func date(_ iso: String) -> String {
        let digits = iso.filter(\.isNumber)
        return "(D:\(digits.prefix(14))Z)"
    }
}
