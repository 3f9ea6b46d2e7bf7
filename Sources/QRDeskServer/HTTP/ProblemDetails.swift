import Foundation
import QRDeskCore
import Hummingbird

/// An error answer in the form of RFC 9457 (`application/problem+json`): what was wrong, the request field it
/// was in, and a stable `code` a form can look up a translated headline for (`form.error.<code>` in the string
/// catalog).
public struct ProblemDetails: Error, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    /// The JSON key path the problem is in (`link`, `accent`), when there is one.
    public var field: String?
    /// The same place as a JSON Pointer (RFC 6901) into the request body: `qrColor` → `/qrColor`,
    /// `items[2].name` → `/items/2/name`.
    public var pointer: String? {
        guard let field, !field.isEmpty else { return nil }
        var pointer = ""
        for part in field.split(separator: ".", omittingEmptySubsequences: false) {
            for piece in part.split(separator: "[", omittingEmptySubsequences: false) {
                let token = piece.hasSuffix("]") ? piece.dropLast() : piece
                guard !token.isEmpty else { continue }
                pointer +=
                    "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }
        return pointer
    }
    /// One of `ProblemCode`'s raw values.
    public var code: ProblemCode
    public var retryAfterSeconds: Int?
    /// The rest of the body will not be read (it is too large): the answer says so and the connection closes.
    public var closesConnection = false
    /// For the server's log only, never the answer: what failed inside, when the status is 5xx.
    public var internalCause: String?
    /// The detail in the string catalog's words, for the pages (the answer's `detail` stays the engine's).
    public var message: CatalogMessage?

    public init(
        status: HTTPResponse.Status, title: String, detail: String, field: String? = nil, code: ProblemCode = .invalid,
        retryAfterSeconds: Int? = nil, closesConnection: Bool = false
    ) {
        self.closesConnection = closesConnection
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The members as JSON (sorted keys, so answers are byte-stable).
    public var json: [UInt8] {
        var object: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "detail": detail, "code": code.rawValue,
        ]
        if let field { object["field"] = field }
        if let pointer { object["pointer"] = pointer }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Array(data)
    }

    public var response: Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = "\(retryAfterSeconds)" }
        if closesConnection { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }
}

/// What kind of refusal a problem is: stable across releases, documented in the OpenAPI document.
public enum ProblemCode: String, Sendable, CaseIterable {
    case invalid
    case linkInvalid = "link-invalid"
    case linkHost = "link-host"
    case linkTooLong = "link-too-long"
    case payloadInvalid = "payload-invalid"
    case payloadPayee = "payload-payee"
    case accentContrast = "accent-contrast"
    case qrContrast = "qr-contrast"
    case missingGlyph = "missing-glyph"
    case logo
    case template
    case document
    case tooLarge = "too-large"
    case unsupportedMediaType = "unsupported-media-type"
    case unauthorized
    case busy
    case notFound = "not-found"
    case internalError = "internal"
}
