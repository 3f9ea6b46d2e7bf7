import Foundation
import Hummingbird
import Logging
import QRDesk
import QRDeskCore

/// `qrdesk serve`: health, and the card API, over Hummingbird 2.
public enum QRDeskServer {
    /// The router every deployment and test uses.
    public static func router(settings: ServerSettings, library: TemplateLibrary) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        if let token = settings.token, !token.isEmpty { router.add(middleware: TokenMiddleware(token: Array(token.utf8))) }
        router.get("healthz") { _, _ in "ok\n" }
        let cards = CardEndpoint(library: library, linkPolicy: LinkPolicy(allowedHosts: settings.allowedHosts),
                                 pool: RenderPool(slots: settings.renderSlots, queueLimit: settings.queueLimit))
        let limit = settings.maximumBodyBytes
        router.post("v1/cards") { request, _ -> Response in
            try await cards.handle(request, body: try await Self.body(of: request, limit: limit))
        }
        return router
    }

    /// The application: structured logs through swift-log (`qrdesk` label), graceful shutdown on SIGTERM and
    /// SIGINT when run with `runService()`.
    public static func application(settings: ServerSettings, library: TemplateLibrary, logLevel: Logger.Level = .info,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> some ApplicationProtocol {
        var logger = Logger(label: "qrdesk")
        logger.logLevel = logLevel
        return
        Application(router: router(settings: settings, library: library),
                    configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "qrdesk"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
                    logger: logger)
    }

    /// The request body, at most `limit` bytes: a larger one is refused before it is all read.
    static func body(of request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ProblemDetails(status: .contentTooLarge, title: "Request too large", detail: "the body is \(length) bytes; at most \(limit) are read")
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw ProblemDetails(status: .contentTooLarge, title: "Request too large", detail: "the body is larger than the \(limit) bytes read")
        }
    }
}

/// Turns every thrown `ProblemDetails` (and anything else) into an RFC 9457 answer; never a stack trace.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return problem.response
        } catch let error as HTTPResponseError {
            return ProblemDetails(status: error.status, title: error.status.reasonPhrase, detail: error.status.reasonPhrase).response
        } catch {
            return ProblemDetails(status: .internalServerError, title: "Internal error", detail: "the request could not be completed").response
        }
    }
}

/// Every request but the health check carries `Authorization: Bearer <token>`, compared in constant time.
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        let presented = Array((request.headers[.authorization] ?? "").utf8)
        let prefix = Array("Bearer ".utf8)
        guard presented.count == prefix.count + token.count, Array(presented.prefix(prefix.count)) == prefix,
              Self.constantTimeEqual(Array(presented.dropFirst(prefix.count)), token) else {
            var response = ProblemDetails(status: .unauthorized, title: "Token required",
                                          detail: "send Authorization: Bearer <token> (the server's --token-file)").response
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
