import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/receipts`: a receipt document (docs/receipt-format.md; JSON, or YAML by Content-Type) in, the PDF,
/// PNG or SVG out. Template, format and language by query (`?template=receipt-58mm&format=png&lang=de`); a
/// receipt whose pages become several files (an A4 PNG or SVG) comes back as a zip of them.
struct ReceiptEndpoint: Sendable {
    let library: TemplateLibrary
    let linkPolicy: LinkPolicy
    let pool: RenderPool

    /// The request's options by JSON name (`ReceiptKeys`: template, format, lang), read by the engine's
    /// `ReceiptOptionsDecoder`; a preview is drawn at screen resolution and not read back.
    struct Options: Sendable {
        var values: [String: String] = [:]
        var preview = false
    }

    static let yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml"]

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        try RequestBody.requireMediaType(request, in: ["application/json"] + Self.yamlTypes)
        let query = request.uri.queryParameters
        let yaml = Self.yamlTypes.contains(RequestBody.mediaType(request) ?? "")
        var options = Options()
        for key in [ReceiptKeys.template, ReceiptKeys.format, ReceiptKeys.lang] {
            if let value = query[Substring(key.json)] { options.values[key.json] = String(value) }
        }
        if options.values[ReceiptKeys.format.json] == nil {
            options.values[ReceiptKeys.format.json] =
                CardRequestReader.format(accepting: request.headers[.accept])?.rawValue
        }
        return try Self.response(try await render(body, format: yaml ? .yaml : .json, options: options))
    }

    /// One file as itself; several (the pages of an A4 PNG or SVG) as a zip.
    static func response(_ artifacts: [Artifact]) throws -> Response {
        if artifacts.count == 1, let artifact = artifacts.first { return FileResponse.attachment(artifact) }
        let zip = try MemoryZip.make(
            artifacts.map { ($0.fileName, $0.bytes) }, epochSeconds: ReproducibleDate.epochSeconds())
        let stem = artifacts.first.map { ($0.fileName as NSString).deletingPathExtension } ?? "receipt"
        return FileResponse.attachment(zip, type: "application/zip", fileName: "\(stem).zip")
    }

    func render(_ document: [UInt8], format: DataFormat, options: Options) async throws(ProblemDetails) -> [Artifact] {
        guard document.count <= ReceiptLimits.documentBytes else {
            throw ProblemDetails(
                status: .contentTooLarge, title: "Receipt too large",
                detail: "the document is \(document.count) bytes; at most \(ReceiptLimits.documentBytes)",
                field: "document", code: .tooLarge)
        }
        let library = self.library, linkPolicy = self.linkPolicy
        var request: ReceiptRequest
        do {
            request = try ReceiptOptionsDecoder(library: library, door: .api, formats: [.pdf, .png, .svg])
                .decode(CardRequestDecoder.textValues(options.values)) { () throws(ProblemDetails) -> Receipt in
                    do throws(ReceiptError) {
                        return try ReceiptReader.parse(
                            document, file: "receipt", format: format, linkPolicy: linkPolicy)
                    } catch {
                        throw ProblemDetails(
                            status: .unprocessableContent, title: "Invalid receipt", detail: error.description,
                            field: "document", code: .document)
                    }
                }
        } catch let error as RequestError {
            throw RenderProblem.from(error, library: library)
        } catch {
            throw RenderProblem.from(error)
        }
        if options.preview {
            request.dpi = CardPage.previewDPI
            request.verify = false
        }
        do {
            let finished = request
            return try await pool.run { try ReceiptRenderer(library: library).render(finished) }
        } catch {
            var problem = RenderProblem.from(error)
            if problem.field == "link" || problem.field == nil { problem.field = "document" }
            throw problem
        }
    }
}
