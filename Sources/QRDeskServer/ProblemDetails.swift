import Foundation
import Hummingbird

/// An error answer in the form of RFC 9457 (`application/problem+json`): what was wrong, and the request
/// field it was in, so a platform's form can show it beside the field.
public struct ProblemDetails: Error, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    /// The JSON key path the problem is in (`link`, `accent`), when there is one.
    public var field: String?
    public var retryAfterSeconds: Int?

    public init(status: HTTPResponse.Status, title: String, detail: String, field: String? = nil, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var response: Response {
        var object: [String: Any] = ["type": "about:blank", "title": title, "status": Int(status.code), "detail": detail]
        if let field { object["field"] = field }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = "\(retryAfterSeconds)" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
