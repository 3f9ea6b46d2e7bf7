import Hummingbird

/// Every request but the health check carries `Authorization: Bearer <token>`, compared in constant time.
/// Pages are behind it too: a deployment with a token puts its own authenticating proxy in front of browsers.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        let presented = Array((request.headers[.authorization] ?? "").utf8)
        let prefix = Array("Bearer ".utf8)
        guard presented.count == prefix.count + token.count, Array(presented.prefix(prefix.count)) == prefix,
            Self.constantTimeEqual(Array(presented.dropFirst(prefix.count)), token)
        else {
            var response = ProblemDetails(
                status: .unauthorized, title: "Token required",
                detail: "send Authorization: Bearer <token> (the server's --token-file)", code: .unauthorized
            ).response
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// Equal lengths compared byte by byte without an early exit, so timing says nothing about the token.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
