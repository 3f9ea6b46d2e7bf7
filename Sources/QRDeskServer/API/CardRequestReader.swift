import Foundation
import QRDesk
import QRDeskCore

/// A card request from the API's JSON (the page's form becomes the same JSON): the body parsed strictly, then
/// read by the engine's `CardRequestDecoder` through `CardKeys`, as the CLI and lists are. The answer is one
/// file: the first of each default list (`color`, `pdf`) unless the request or its `Accept` header says.
struct CardRequestReader: Sendable {
    let library: TemplateLibrary
    let linkPolicy: LinkPolicy

    /// `accept` chooses the format when the document has no `format`.
    func read(_ body: [UInt8], accept: String? = nil) throws(ProblemDetails) -> CardRequest {
        let root: DataField
        do {
            root = try DataField.parse(body, format: .json, maximumValues: 200)
            try root.allowKeys(CardKeys.all.map(\.json))
        } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: error.description,
                field: error.path.isEmpty ? nil : error.path)
        }
        var request: CardRequest
        do throws(RequestError) {
            request = try CardRequestDecoder(library: library, linkPolicy: linkPolicy, door: .api).decode(root)
        } catch {
            throw RenderProblem.from(error, library: library)
        }
        request.variants = Array(request.variants.prefix(1))
        if root[CardKeys.format.json].isMissing, let format = Self.format(accepting: accept) {
            request.formats = [format]
        } else {
            request.formats = Array(request.formats.prefix(1))
        }
        return request
    }

    static func format(accepting accept: String?) -> OutputFormat? {
        guard let accept else { return nil }
        if accept.contains("application/pdf") { return .pdf }
        if accept.contains("image/svg+xml") { return .svg }
        if accept.contains("image/png") { return .png }
        return nil
    }
}
