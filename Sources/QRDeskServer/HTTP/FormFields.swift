import Foundation
import MultipartKit

/// A browser form's fields: `application/x-www-form-urlencoded`, or `multipart/form-data` when it uploads a file
/// (a logo, a receipt document, a list). Bounded: at most `maximumParts` parts, each part's headers short; the
/// body itself was already read within the server's limit. A file's name is kept only to be shown, never used as
/// a path.
struct FormFields: Sendable {
    struct Upload: Sendable {
        var fileName: String
        var bytes: [UInt8]
    }

    var values: [String: String] = [:]
    var uploads: [String: Upload] = [:]

    static let maximumParts = 64

    /// A text value with surrounding white space removed; nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// An uploaded file, or nil when the file input was left empty.
    func upload(_ name: String) -> Upload? {
        guard let upload = uploads[name], !upload.bytes.isEmpty else { return nil }
        return upload
    }

    static func parse(_ body: [UInt8], contentType: String?) throws(ProblemDetails) -> FormFields {
        let type = contentType ?? ""
        let media = String(type.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
        switch media {
        case "application/x-www-form-urlencoded": return try urlEncoded(body)
        case "multipart/form-data": return try multipart(body, boundary: parameter("boundary", in: type))
        default:
            throw ProblemDetails(
                status: .unsupportedMediaType, title: "Not a form",
                detail: "send the form as multipart/form-data or application/x-www-form-urlencoded",
                code: .unsupportedMediaType)
        }
    }

    /// A GET form's query string (`name=Studio+Nova&…`): `+` is a space there, as in a urlencoded body.
    static func query(_ query: String) throws(ProblemDetails) -> FormFields {
        try urlEncoded(Array(query.utf8))
    }

    private static func urlEncoded(_ body: [UInt8]) throws(ProblemDetails) -> FormFields {
        guard let text = String(validating: body, as: UTF8.self) else { throw malformed("the form is not UTF-8") }
        var fields = FormFields()
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= maximumParts else { throw malformed("the form has more than \(maximumParts) fields") }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String? {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts.first.flatMap(decode), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw malformed("a field is not percent-encoded correctly")
            }
            fields.values[name] = value
        }
        return fields
    }

    private static func multipart(_ body: [UInt8], boundary: String?) throws(ProblemDetails) -> FormFields {
        // RFC 2046: 1 to 70 characters. MultipartKit's parser requires a non-empty one.
        guard let boundary, (1...70).contains(boundary.utf8.count) else {
            throw malformed("the multipart form has no boundary")
        }
        var parts: [(headers: [String: String], body: [UInt8])] = []
        var headers: [String: String] = [:]
        var current: [UInt8] = []
        var tooMany = false
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            if headers.count < 16 { headers[name.lowercased()] = String(value.prefix(1024)) }
        }
        parser.onBody = { buffer in current += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            if parts.count < maximumParts { parts.append((headers, current)) } else { tooMany = true }
            headers = [:]
            current = []
        }
        do { try parser.execute(body) } catch { throw malformed("the multipart form could not be read") }
        guard !tooMany else { throw malformed("the form has more than \(maximumParts) parts") }
        var fields = FormFields()
        for part in parts {
            guard let disposition = part.headers["content-disposition"], let name = parameter("name", in: disposition)
            else { continue }
            if let fileName = parameter("filename", in: disposition) {
                fields.uploads[name] = Upload(fileName: fileName, bytes: part.body)
            } else {
                guard let value = String(validating: part.body, as: UTF8.self) else {
                    throw malformed("the field \"\(name.prefix(40))\" is not UTF-8")
                }
                fields.values[name] = value
            }
        }
        return fields
    }

    /// `key="value"` or `key=value` from a header value's parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func malformed(_ detail: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, title: "Malformed form", detail: detail)
    }
}
