/// A PDF's objects as values, read by qpdf (`PDFObjectReader`) for preflight: indirect objects stay references
/// into `objects`, so cycles (a page's parent, its kids) cost nothing; content and form streams carry their
/// decoded bytes, images only their dictionaries.
public indirect enum PDFValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case name(String)
    case string([UInt8])
    case array([PDFValue])
    case dictionary([String: PDFValue])
    /// A stream: its dictionary and, for everything but images, its decoded data.
    case stream([String: PDFValue], data: [UInt8]?)
    case reference(Int)

    public var number: Double? { if case let .number(value) = self { value } else { nil } }
    public var name: String? { if case let .name(value) = self { value } else { nil } }
    public var array: [PDFValue]? { if case let .array(value) = self { value } else { nil } }
    public var bytes: [UInt8]? { if case let .string(value) = self { value } else { nil } }
    public var text: String? { bytes.map { PDFTextString.decode($0) } }
    /// The dictionary of a dictionary or of a stream.
    public var dictionary: [String: PDFValue]? {
        switch self {
        case let .dictionary(entries), let .stream(entries, _): entries
        default: nil
        }
    }
    public var streamData: [UInt8]? { if case let .stream(_, data) = self { data } else { nil } }
}

public struct PDFObjectGraph: Sendable {
    /// The header's version (`1.3`).
    public var version: String
    public var trailer: [String: PDFValue]
    public var objects: [Int: PDFValue]
    /// Each page's dictionary with the attributes it inherits from the page tree filled in.
    public var pages: [[String: PDFValue]]

    public init(version: String, trailer: [String: PDFValue], objects: [Int: PDFValue], pages: [[String: PDFValue]]) {
        self.version = version
        self.trailer = trailer
        self.objects = objects
        self.pages = pages
    }

    /// The value a reference points to (a chain of references is followed a few steps, never round a loop).
    public func resolve(_ value: PDFValue?) -> PDFValue? {
        var current = value
        for _ in 0..<8 {
            guard case let .reference(number)? = current else { return current }
            current = objects[number]
        }
        return nil
    }

    public func dictionary(_ value: PDFValue?) -> [String: PDFValue]? { resolve(value)?.dictionary }

    public var catalog: [String: PDFValue]? { dictionary(trailer["Root"]) }
    public var info: [String: PDFValue]? { dictionary(trailer["Info"]) }
}

/// PDF text strings: UTF-16 with a byte-order mark, else PDFDocEncoding (Latin-1 for what preflight reads).
public enum PDFTextString {
    public static func decode(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
