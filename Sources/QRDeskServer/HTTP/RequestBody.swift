import Hummingbird

/// A request's body, at most `limit` bytes: a declared larger one is refused before it is read, a longer one as
/// soon as it passes the limit.
enum RequestBody {
    static func read(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ProblemDetails(status: .contentTooLarge, title: "Request too large",
                                 detail: "the body is \(length) bytes; at most \(limit) are read", code: .tooLarge, closesConnection: true)
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw ProblemDetails(status: .contentTooLarge, title: "Request too large",
                                 detail: "the body is larger than the \(limit) bytes read", code: .tooLarge, closesConnection: true)
        }
    }

    /// The media type of `Content-Type` without parameters, lower-cased (`text/csv; charset=utf-8` → `text/csv`).
    static func mediaType(_ request: Request) -> String? {
        request.headers[.contentType].map { value in
            String(value.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
        }
    }
}
