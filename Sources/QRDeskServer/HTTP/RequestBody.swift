import Hummingbird
import QRDeskCore

/// A request's body, at most `limit` bytes: a declared larger one is refused before it is read, a longer one as
/// soon as it passes the limit.
enum RequestBody {
    static func read(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ProblemDetails(
                status: .contentTooLarge, title: "Request too large",
                detail: "the body is \(length) bytes; at most \(limit) are read", code: .tooLarge,
                closesConnection: true)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw ProblemDetails(
                status: .contentTooLarge, title: "Request too large",
                detail: "the body is larger than the \(limit) bytes read", code: .tooLarge, closesConnection: true)
        }
    }

    /// Refuses (415) a body whose `Content-Type` names a type the endpoint does not read: a `text/plain` or form
    /// POST is not taken for JSON. A body without a `Content-Type` is read as the endpoint's first type.
    static func requireMediaType(_ request: Request, in accepted: [String]) throws(ProblemDetails) {
        guard let media = mediaType(request), !accepted.contains(media) else { return }
        throw ProblemDetails(
            status: .unsupportedMediaType, title: "Unsupported media type",
            detail:
                "the body is declared as \(Excerpt.of(media, limit: 60)); send it as "
                + "\(accepted.joined(separator: " or "))",
            code: .unsupportedMediaType)
    }

    /// The media type of `Content-Type` without parameters, lower-cased (`text/csv; charset=utf-8` → `text/csv`).
    static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType].map { value in
            String(value.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
        }
    }
}
