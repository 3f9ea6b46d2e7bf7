import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/cards`: a JSON card request in, the file out. The same engine, templates and rules as
/// `qrdesk card`: strict keys, the link policy, scan distance, and every file read back before it is sent.
struct CardEndpoint: Sendable {
    let library: TemplateLibrary
    let linkPolicy: LinkPolicy
    let pool: RenderPool

    static let keys = ["link", "name", "template", "variant", "format", "tagline", "address", "lang", "accent", "qrColor", "ecc",
                       "scanDistance", "dpi"]

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        let cardRequest = try parse(body, accept: request.headers[.accept])
        let library = self.library
        let artifacts: [Artifact]
        do {
            artifacts = try await pool.run { try CardRenderer(library: library).render(cardRequest) }
        } catch is RenderPool.Saturated {
            throw ProblemDetails(status: .serviceUnavailable, title: "Busy", detail: "every renderer is busy; retry in a moment",
                                 retryAfterSeconds: 1)
        } catch {
            throw Self.problem(for: error)
        }
        guard let artifact = artifacts.first else {
            throw ProblemDetails(status: .internalServerError, title: "Nothing rendered", detail: "the request produced no file")
        }
        return Response(status: .ok, headers: [
            .contentType: Self.contentType(artifact.format),
            .contentDisposition: "attachment; filename=\"\(artifact.fileName)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: artifact.bytes)))
    }

    /// The request document, read strictly; the format from `format` or else the `Accept` header.
    func parse(_ body: [UInt8], accept: String?) throws -> CardRequest {
        do {
            let root = try DataField.parse(body, format: .json, maximumValues: 200)
            try root.allowKeys(Self.keys)
            let link: PaymentLink
            do { link = try PaymentLink(try root["link"].string(), policy: linkPolicy) } catch let error as LinkError {
                throw ProblemDetails(status: .unprocessableContent, title: "Invalid link", detail: error.description, field: "link")
            }
            func color(_ key: String) throws -> RGBColor? {
                guard let text = try root[key].optionalString() else { return nil }
                guard let color = RGBColor(hex: text) else { throw root[key].error("expected a colour such as \"#1A73E8\"") }
                return color
            }
            let content = CardContent(businessName: try root["name"].printedText(limit: PrintedText.shortLimit),
                                      tagline: try root["tagline"].optionalPrintedText(limit: PrintedText.shortLimit),
                                      address: try root["address"].optionalPrintedText(limit: PrintedText.longLimit),
                                      link: link, language: try root["lang"].optionalString() ?? "en",
                                      accent: try color("accent"), qrColor: try color("qrColor"))
            guard library.strings.hasLanguage(content.language) else { throw root["lang"].error("no texts for \"\(content.language)\"") }
            var request = CardRequest(content: content, templateID: try root["template"].optionalString() ?? "counter-a5")
            if let variant = try root["variant"].optionalString() {
                guard let parsed = Variant(rawValue: variant == "colour" ? "color" : variant) else { throw root["variant"].error("expected color or bw") }
                request.variants = [parsed]
            } else {
                request.variants = [.color]
            }
            let format = try root["format"].optionalString() ?? Self.format(accepting: accept) ?? "pdf"
            guard let parsed = OutputFormat(rawValue: format), parsed != .escpos else { throw root["format"].error("expected pdf, svg or png") }
            request.formats = [parsed]
            if let ecc = try root["ecc"].optionalString() {
                guard let level = ErrorCorrectionLevel(letter: ecc) else { throw root["ecc"].error("expected L, M, Q or H") }
                request.errorCorrection = level
            }
            if !root["scanDistance"].isMissing {
                request.scanDistance = try root["scanDistance"].optionalScanDistance(default: ScanDistance(metres: 1))
            }
            request.dpi = try root["dpi"].optionalInteger(in: 72...600, default: 300)
            return request
        } catch let error as FieldError {
            throw ProblemDetails(status: .unprocessableContent, title: "Invalid request", detail: error.description, field: error.path)
        }
    }

    static func format(accepting accept: String?) -> String? {
        guard let accept else { return nil }
        if accept.contains("application/pdf") { return "pdf" }
        if accept.contains("image/svg+xml") { return "svg" }
        if accept.contains("image/png") { return "png" }
        return nil
    }

    static func contentType(_ format: OutputFormat) -> String {
        switch format {
        case .pdf: "application/pdf"
        case .svg: "image/svg+xml"
        case .png: "image/png"
        case .escpos: "application/octet-stream"
        }
    }

    /// A render error as the field it belongs to, so a form can show it beside that field.
    static func problem(for error: Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails: return problem
        case let size as QRSizeError:
            return ProblemDetails(status: .unprocessableContent, title: "Link too long for this template", detail: size.description, field: "link")
        case let layout as LayoutError:
            let field: String? = switch layout {
            case .textContrastTooLow: "accent"
            case .qrContrastTooLow, .qrDarkerGround: "qrColor"
            case .missingGlyph: "name"
            default: nil
            }
            return ProblemDetails(status: .unprocessableContent, title: "Cannot lay out this card", detail: layout.description, field: field)
        case let template as TemplateError:
            return ProblemDetails(status: .unprocessableContent, title: "Unknown template", detail: template.description, field: "template")
        default:
            return ProblemDetails(status: .internalServerError, title: "Rendering failed", detail: "\(error)")
        }
    }
}
