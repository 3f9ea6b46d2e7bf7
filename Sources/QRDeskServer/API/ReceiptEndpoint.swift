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

    struct Options: Sendable {
        var template = "receipt-80mm"
        var format = OutputFormat.pdf
        var language: String?
        var dpi = 300
        var verify = true
    }

    static let yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml"]

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        try RequestBody.requireMediaType(request, in: ["application/json"] + Self.yamlTypes)
        let query = request.uri.queryParameters
        let yaml = Self.yamlTypes.contains(RequestBody.mediaType(request) ?? "")
        var options = Options()
        options.template = query["template"].map(String.init) ?? options.template
        let formatText =
            query["format"].map(String.init) ?? CardRequestReader.format(accepting: request.headers[.accept])?.rawValue
            ?? "pdf"
        guard let format = FileResponse.format(named: formatText) else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: "format: expected pdf, png or svg",
                field: "format")
        }
        options.format = format
        options.language = query["lang"].map(String.init)
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
        if let language = options.language, !library.strings.hasLanguage(language) {
            throw RenderProblem.unknownLanguage(language, in: library)
        }
        do throws(TemplateError) { _ = try library.receipt(options.template) } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Unknown template", detail: error.description, field: "template",
                code: .template)
        }
        let receipt: Receipt
        do throws(ReceiptError) {
            receipt = try ReceiptReader.parse(document, file: "receipt", format: format, linkPolicy: linkPolicy)
        } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid receipt", detail: error.description, field: "document",
                code: .document)
        }
        let library = self.library
        let request = ReceiptRequest(
            receipt: receipt, templateID: options.template, formats: [options.format], language: options.language,
            dpi: options.dpi, verify: options.verify)
        do {
            return try await pool.run { try ReceiptRenderer(library: library).render(request) }
        } catch {
            var problem = RenderProblem.from(error)
            if problem.field == "link" || problem.field == nil { problem.field = "document" }
            throw problem
        }
    }
}
