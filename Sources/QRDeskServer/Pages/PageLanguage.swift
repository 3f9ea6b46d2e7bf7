import HTTPTypes
import Hummingbird
import QRDeskCore

/// The language the pages speak to the person at the desk — not the card's or receipt's, which stay their own
/// choice (a Madrid salon may print in English). Chosen from `?lang=` on a page (which the cookie then
/// remembers), else the cookie the language menu set, else the browser's `Accept-Language`, else English.
enum PageLanguage {
    @TaskLocal static var current = "en"

    static let cookieName = "qrdesk-lang"

    /// The first of the offered `languages` that `acceptLanguage` asks for, by its weights (`ru-RU,ru;q=0.9`).
    static func negotiated(_ acceptLanguage: String, among languages: [String]) -> String? {
        let wanted = acceptLanguage.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (StringCatalog.baseLanguage(tag), weight)
        }
        return wanted.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.map(\.0).first { languages.contains($0) }
    }

    /// The cookie's value, if the request carries it.
    static func cookie(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == cookieName { return parts[1] }
        }
        return nil
    }
}

/// Sets `PageLanguage.current` for the request, and remembers a page's `?lang=` in a cookie (no other state).
/// On a form's POST, `lang` is the card's or receipt's language, so only a GET's query chooses the page's.
struct PageLanguageMiddleware<Context: RequestContext>: RouterMiddleware {
    let languages: [String]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Show QR's own form sends `lang` for the screen it shows; a page's menu sends it alone.
        let query = request.uri.queryParameters
        let asked = request.method == .get && query["link"] == nil ? query["lang"].map(String.init) : nil
        let chosen = asked.flatMap { languages.contains($0) ? $0 : nil }
        let language =
            chosen ?? PageLanguage.cookie(request).flatMap { languages.contains($0) ? $0 : nil }
            ?? request.headers[.acceptLanguage].flatMap { PageLanguage.negotiated($0, among: languages) } ?? "en"
        var response = try await PageLanguage.$current.withValue(language) { try await next(request, context) }
        if let chosen {
            response.headers[.setCookie] =
                "\(PageLanguage.cookieName)=\(chosen); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
        }
        return response
    }
}
