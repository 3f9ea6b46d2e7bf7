import Foundation

/// Adds `/ViewerPreferences << /PrintScaling /None >>` to a finished PDF, so viewers print at actual size
/// instead of "fit to page" (which prints a 70 mm code at 66 mm). Cairo has no call for it.
///
/// Done as a PDF incremental update: the catalog object is written again, with the preference, after the
/// original file, followed by a one-entry cross-reference section whose trailer points back with `/Prev`.
/// No byte of Cairo's output moves, so its offsets stay valid.
public enum PDFPrintScaling {
    public enum PatchError: Error, Hashable, Sendable, CustomStringConvertible {
        case structureNotFound(String)
        case crossReferenceStream
        public var description: String {
            switch self {
            case let .structureNotFound(what): "cannot add print-at-actual-size to the PDF: \(what) not found"
            case .crossReferenceStream:
                "cannot add print-at-actual-size to the PDF: it uses a cross-reference stream (PDF 1.5 object "
                    + "streams); qrdesk asks Cairo for PDF 1.4, whose classic cross-reference table it can update"
            }
        }
    }

    /// Only the classic cross-reference table of PDF 1.4 is updated; a file whose `startxref` does not point at
    /// one (a cross-reference stream, as newer Cairo writes for PDF 1.5+, or a damaged file) is refused rather
    /// than given an update that readers would reject.
    public static func apply(to pdf: [UInt8]) throws(PatchError) -> [UInt8] {
        guard let lastStart = lastRange(of: "startxref", in: pdf),
            let startXref = number(after: "startxref", in: String(decoding: pdf[lastStart...], as: UTF8.self))
        else {
            throw .structureNotFound("startxref")
        }
        guard startXref >= 0, startXref < lastStart else {
            throw .structureNotFound("the cross-reference section startxref points to")
        }
        guard pdf[startXref...].starts(with: Array("xref".utf8)) else {
            let head = String(decoding: pdf[startXref..<min(pdf.count, startXref + 200)], as: UTF8.self)
            throw head.contains("/XRef")
                ? .crossReferenceStream : .structureNotFound("the cross-reference table startxref points to")
        }
        guard let trailerStart = firstRange(of: "trailer", in: pdf, from: startXref) else {
            throw .structureNotFound("trailer")
        }
        let trailer = String(decoding: pdf[trailerStart..<lastStart], as: UTF8.self)
        guard let rootObject = number(after: "/Root", in: trailer) else { throw .structureNotFound("/Root") }
        guard let size = number(after: "/Size", in: trailer) else { throw .structureNotFound("/Size") }
        let info = reference(after: "/Info", in: trailer)

        guard let objectStart = firstRange(of: "\n\(rootObject) 0 obj", in: pdf), objectStart < startXref else {
            throw .structureNotFound("catalog object")
        }
        guard let endObject = firstRange(of: "endobj", in: pdf, from: objectStart) else {
            throw .structureNotFound("catalog end")
        }
        let catalog = String(decoding: pdf[(objectStart + 1)..<endObject], as: UTF8.self)
        guard let close = catalog.range(of: ">>", options: .backwards) else {
            throw .structureNotFound("catalog dictionary")
        }
        if catalog.contains("/PrintScaling") { return pdf }
        let patchedCatalog =
            catalog[..<close.lowerBound] + "   /ViewerPreferences << /PrintScaling /None >>\n"
            + catalog[close.lowerBound...]

        var output = pdf
        if output.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        let newOffset = output.count
        output += Array((patchedCatalog + "endobj\n").utf8)
        let xrefOffset = output.count
        let offsetText = String(newOffset)
        let entry = String(repeating: "0", count: max(0, 10 - offsetText.count)) + offsetText + " 00000 n \n"
        var tail = "xref\n\(rootObject) 1\n\(entry)trailer\n<< /Size \(size)\n   /Root \(rootObject) 0 R\n"
        if let info { tail += "   /Info \(info)\n" }
        tail += "   /Prev \(startXref)\n>>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        output += Array(tail.utf8)
        return output
    }

    private static func number(after key: String, in text: String) -> Int? {
        guard let range = text.range(of: key) else { return nil }
        let digits = text[range.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\r" }.prefix {
            $0.isASCII && $0.isNumber
        }
        return digits.count <= 12 ? Int(digits) : nil
    }

    private static func reference(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        guard let end = rest.range(of: "R") else { return nil }
        return String(rest[..<end.upperBound])
    }

    private static func firstRange(of needle: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func lastRange(of needle: String, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }
}
