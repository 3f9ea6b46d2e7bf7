/// The EMV merchant-presented mode data layout (EMVCo QRCPS-MPM): each data object is a two-digit ID, a two-digit
/// length counting characters (Unicode scalars, so `最佳运输` is 4) and the value; templates hold data objects of
/// their own. Tag 00 comes first, tag 63 last, carrying CRC-16/CCITT-FALSE over the UTF-8 bytes up to and
/// including `6304`.
public struct EMVDataObject: Hashable, Sendable {
    public let id: String
    public let value: String
    /// Where the object starts, in Unicode scalars from the start of its run.
    public let offset: Int

    /// The IDs whose values are templates of further data objects.
    static func isTemplate(_ id: String) -> Bool {
        guard let number = Int(id) else { return false }
        return (26...51).contains(number) || number == 62 || number == 64 || (80...99).contains(number)
    }
}

public enum EMVCode {
    /// Reads a run of data objects, reporting the first that cannot be read (a length running past the end, an ID
    /// or length that is not two digits) against the object before it, whose length is then the likely culprit.
    static func objects(
        in scalars: ArraySlice<Unicode.Scalar>, path: String, report: inout PayloadReport
    ) -> [EMVDataObject] {
        var objects: [EMVDataObject] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let offset = index - scalars.startIndex
            guard scalars.endIndex - index >= 4, let id = digits(scalars[index..<index + 2]),
                let length = digits(scalars[index + 2..<index + 4]).flatMap({ Int($0) }),
                scalars.endIndex - (index + 4) >= length
            else {
                let rest = String(String.UnicodeScalarView(scalars[index...]))
                let excerpt = Excerpt.of(rest, limit: 12)
                if let previous = objects.last {
                    report.problem(
                        "\(path)\(previous.id)", "length-mismatch",
                        "its length \(previous.value.unicodeScalars.count) does not match its value: what follows "
                            + "(\"\(excerpt)\") is not an ID, a two-digit length and a value; count the value's "
                            + "characters again")
                } else {
                    report.problem(
                        path.isEmpty ? "payload" : String(path.dropLast()), "malformed",
                        "\"\(excerpt)\" is not an ID, a two-digit length and a value")
                }
                return objects
            }
            let value = String(String.UnicodeScalarView(scalars[index + 4..<index + 4 + length]))
            objects.append(EMVDataObject(id: id, value: value, offset: offset))
            index += 4 + length
        }
        return objects
    }

    /// The data objects inside a template's value.
    static func children(of object: EMVDataObject, path: String, report: inout PayloadReport) -> [EMVDataObject] {
        let scalars = Array(object.value.unicodeScalars)
        return objects(in: scalars[...], path: "\(path)\(object.id).", report: &report)
    }

    private static func digits(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard scalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(scalars))
    }

    /// One data object written out; its value's length must fit two digits.
    public static func object(_ id: String, _ value: String, field: String) throws(PayloadError) -> String {
        let length = value.unicodeScalars.count
        guard length <= 99 else {
            throw PayloadError(
                scheme: nil,
                problems: [
                    PayloadProblem(
                        field: field, code: "too-long",
                        message: "tag \(id) would hold \(length) characters; an EMV data object holds at most 99")
                ])
        }
        return id + (length < 10 ? "0\(length)" : "\(length)") + value
    }

    /// A template holding one data object, or nil when there is no value (an absent reference or purpose).
    static func wrapping(_ id: String, _ value: String?, field: String) throws(PayloadError) -> String? {
        guard let value else { return nil }
        return try object(id, value, field: field)
    }

    /// `body` with its tag 63: `6304` and the CRC over everything before it.
    public static func withCRC(_ body: String) -> String {
        let covered = body + "6304"
        return covered + CRC16.hex(CRC16.ccittFalse(covered.utf8))
    }

    /// Data objects written in the order given, then the CRC.
    static func payload(_ objects: [(id: String, value: String?, field: String)]) throws(PayloadError) -> String {
        var body = ""
        for object in objects {
            guard let value = object.value else { continue }
            body += try self.object(object.id, value, field: object.field)
        }
        return withCRC(body)
    }
}
