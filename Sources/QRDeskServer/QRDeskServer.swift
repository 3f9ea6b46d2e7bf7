import Foundation
import Hummingbird
import Logging
import QRDesk
import QRDeskCore

/// `qrdesk serve`: the pages, the API and the health check over Hummingbird 2.
public enum QRDeskServer {
    /// The router every deployment and test uses.
    public static func router(settings: ServerSettings, resources: ServerResources) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: PageLanguageMiddleware(languages: resources.library.strings.languages))
        if let token = settings.token, !token.isEmpty {
            router.add(middleware: TokenMiddleware(token: Array(token.utf8)))
        }

        let library = resources.library, web = resources.web, limit = settings.maximumBodyBytes
        let policy = LinkPolicy(allowedHosts: settings.allowedHosts, allowedPayees: settings.allowedPayees)
        let pool = RenderPool(slots: settings.renderSlots, queueLimit: settings.queueLimit)
        let cards = CardEndpoint(reader: CardRequestReader(library: library, linkPolicy: policy), pool: pool)
        let receipts = ReceiptEndpoint(library: library, linkPolicy: policy, pool: pool)
        let kits = KitBuilder(
            library: library, libraryFingerprint: resources.libraryFingerprint, linkPolicy: policy, pool: pool,
            maximumRows: settings.maximumKitRows)
        let verify = VerifyEndpoint(
            allowedHosts: settings.allowedHosts, allowedPayees: settings.allowedPayees, pool: pool)
        let preflight = PreflightEndpoint(pool: pool)
        let cardPage = CardPage(web: web, cards: cards, kits: kits)
        let showPage = ShowQRPage(web: web, library: library, linkPolicy: policy)
        let receiptPage = ReceiptPage(web: web, receipts: receipts)
        let kitPage = KitPage(web: web, library: library, kits: kits)

        @Sendable func form(_ request: Request) async throws -> FormFields {
            try FormFields.parse(
                try await RequestBody.read(request, limit: limit), contentType: request.headers[.contentType])
        }

        router.get("healthz") { _, _ in "ok\n" }
        let openAPI = OpenAPIDocument.served(web.openAPI, library: library)
        router.get("openapi.json") { _, _ in FileResponse.inline(openAPI, type: "application/json") }
        router.get("static/:name") { _, context -> Response in
            // The name is only a key into the table read at start.
            guard let name = context.parameters.get("name"), let file = web.staticFiles[name] else {
                throw ProblemDetails(status: .notFound, title: "Not found", detail: "no such file", code: .notFound)
            }
            var response = FileResponse.inline(file.bytes, type: file.contentType)
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }

        // Pages.
        router.get("/") { _, _ in try cardPage.page() }
        router.post("cards/download") { request, _ in try await cardPage.download(try await form(request)) }
        router.post("cards/preview") { request, _ in
            try await cardPage.preview(
                try await form(request), template: request.uri.queryParameters["template"].map(String.init),
                variant: request.uri.queryParameters["variant"].map(String.init))
        }
        router.get("show") { request, _ in try showPage.handle(request) }
        router.get("receipts") { _, _ in try receiptPage.page() }
        router.post("receipts/download") { request, _ in try await receiptPage.download(try await form(request)) }
        router.post("receipts/preview") { request, _ in try await receiptPage.preview(try await form(request)) }
        router.post("receipts/totals") { request, _ in receiptPage.totals(try await form(request)) }
        router.get("kits") { _, _ in try kitPage.page() }
        router.post("kits/download") { request, _ in try await kitPage.download(try await form(request)) }

        // The API.
        router.post("v1/cards") { request, _ in
            try await cards.handle(request, body: try await RequestBody.read(request, limit: limit))
        }
        router.post("v1/receipts") { request, _ in
            try await receipts.handle(request, body: try await RequestBody.read(request, limit: limit))
        }
        router.post("v1/kits") { request, _ in
            try await KitEndpoint(builder: kits).handle(
                request, body: try await RequestBody.read(request, limit: limit))
        }
        router.post("v1/verify") { request, _ in
            try await verify.handle(request, body: try await RequestBody.read(request, limit: limit))
        }
        router.post("v1/preflight") { request, _ in
            try await preflight.handle(request, body: try await RequestBody.read(request, limit: limit))
        }
        return router
    }

    /// The application: structured logs through swift-log (`qrdesk` label), graceful shutdown on SIGTERM and
    /// SIGINT when run with `runService()`.
    public static func application(
        settings: ServerSettings, resources: ServerResources, logLevel: Logger.Level = .info,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        -> some ApplicationProtocol
    {
        var logger = Logger(label: "qrdesk")
        logger.logLevel = logLevel
        return
            Application(
                router: router(settings: settings, resources: resources),
                configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "qrdesk"),
                onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
                logger: logger)
    }
}
