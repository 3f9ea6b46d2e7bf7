import HTTPTypes
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/kits`: a list (CSV, JSON or YAML by Content-Type) in — or a zip holding the list and the logos and
/// receipts it names (`application/zip`, see `KitArchive`) — the kit zip out: every good row's files, the
/// manifest, and the failed rows listed in it (the count also in `QRDesk-Failed-Rows`). Defaults by query
/// (`?template=card-a6&lang=es&variants=color,bw&formats=pdf,svg`).
struct KitEndpoint: Sendable {
    let builder: KitBuilder

    static let listTypes = [
        "text/csv": "csv", "application/json": "json", "application/yaml": "yaml", "application/x-yaml": "yaml",
        "text/yaml": "yaml",
    ]
    /// Query parameters that set a default for every card row, by list column (`CardKeys`): every key but the
    /// row's own link, name and the files a list over HTTP may not name.
    static let defaultKeys = CardKeys.all.filter {
        ![CardKeys.link, CardKeys.payload, CardKeys.name, CardKeys.logo].contains($0)
    }.map(
        \.column)

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        let media = RequestBody.mediaType(request)
        var defaults: [String: String] = [:]
        for key in Self.defaultKeys {
            if let value = request.uri.queryParameters[Substring(key)] { defaults[key] = String(value) }
        }
        if media == "application/zip" { return Self.response(try await builder.build(zip: body, defaults: defaults)) }
        guard let media, let fileExtension = Self.listTypes[media] else {
            throw ProblemDetails(
                status: .unsupportedMediaType, title: "Not a list",
                detail:
                    "send the list as text/csv, application/json or application/yaml, or the list with the logos it "
                    + "names as application/zip",
                code: .unsupportedMediaType)
        }
        return Self.response(try await builder.build(list: body, fileExtension: fileExtension, defaults: defaults))
    }

    static func response(_ kit: KitBuilder.Kit) -> Response {
        var extra = HTTPFields()
        if let name = HTTPField.Name("QRDesk-Failed-Rows") { extra[name] = "\(kit.failures.count)" }
        return FileResponse.attachment(kit.zip, type: "application/zip", fileName: "kit.zip", headers: extra)
    }
}
