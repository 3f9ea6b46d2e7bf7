import Foundation
import QRDesk
import QRDeskCore

/// A card request from JSON (the API) or from a browser form turned into the same JSON: one reader, so the page
/// and the API refuse exactly the same things, with the same field names.
struct CardRequestReader: Sendable {
    let library: TemplateLibrary
    let linkPolicy: LinkPolicy

    static let keys = [
        "link", "name", "template", "variant", "format", "tagline", "address", "lang", "accent", "qrColor", "ecc",
        "scanDistance", "dpi", "logo",
    ]
    /// A logo travels base64-encoded: 8 MiB of PNG is at most this many characters.
    static let maximumLogoCharacters = (PNGInfo.maximumFileBytes + 2) / 3 * 4

    /// `accept` chooses the format when the document has no `format`.
    func read(_ body: [UInt8], accept: String? = nil) throws(ProblemDetails) -> CardRequest {
        do {
            return try read(try DataField.parse(body, format: .json, maximumValues: 200), accept: accept)
        } catch let error as FieldError {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: error.description,
                field: error.path.isEmpty ? nil : error.path)
        } catch let problem as ProblemDetails {
            throw problem
        } catch {
            throw ProblemDetails(status: .unprocessableContent, title: "Invalid request", detail: "\(error)")
        }
    }

    private func read(_ root: DataField, accept: String?) throws -> CardRequest {
        try root.allowKeys(Self.keys)
        let link: PaymentLink
        do { link = try PaymentLink(try root["link"].string(), policy: linkPolicy) } catch let error as LinkError {
            throw RenderProblem.from(error)
        }
        func color(_ key: String) throws -> RGBColor? {
            guard let text = try root[key].optionalString() else { return nil }
            guard let color = RGBColor(hex: text) else {
                throw root[key].error("expected a colour such as \"#1A73E8\"")
            }
            return color
        }
        let content = CardContent(
            businessName: try root["name"].printedText(limit: PrintedText.shortLimit, multiline: true),
            tagline: try root["tagline"].optionalPrintedText(limit: PrintedText.shortLimit, multiline: true),
            address: try root["address"].optionalPrintedText(limit: PrintedText.longLimit, multiline: true),
            link: link, language: try root["lang"].optionalString() ?? "en",
            accent: try color("accent"), qrColor: try color("qrColor"), logoPNG: try logo(root["logo"]))
        guard library.strings.hasLanguage(content.language) else {
            throw RenderProblem.unknownLanguage(content.language, in: library)
        }
        let templateID = try root["template"].optionalString() ?? "counter-a5"
        do throws(TemplateError) { _ = try library.card(templateID) } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Unknown template", detail: error.description, field: "template",
                code: .template)
        }
        var request = CardRequest(content: content, templateID: templateID)
        if let variant = try root["variant"].optionalString() {
            guard let parsed = Variant(rawValue: variant == "colour" ? "color" : variant) else {
                throw root["variant"].error("expected color or bw")
            }
            request.variants = [parsed]
        } else {
            request.variants = [.color]
        }
        let format = try root["format"].optionalString() ?? Self.format(accepting: accept) ?? "pdf"
        guard let parsed = FileResponse.format(named: format) else {
            throw root["format"].error("expected pdf, svg or png")
        }
        request.formats = [parsed]
        if let ecc = try root["ecc"].optionalString() {
            guard let level = ErrorCorrectionLevel(letter: ecc) else {
                throw root["ecc"].error("expected L, M, Q or H")
            }
            request.errorCorrection = level
        }
        if !root["scanDistance"].isMissing {
            request.scanDistance = try root["scanDistance"].optionalScanDistance(default: ScanDistance(metres: 1))
        }
        request.dpi = try root["dpi"].optionalInteger(in: PrintResolution.dpiRange, default: 300)
        return request
    }

    /// A base64 PNG, its pixels checked from the header before anything decodes it.
    private func logo(_ field: DataField) throws -> [UInt8]? {
        guard let text = try field.optionalString() else { return nil }
        guard text.utf8.count <= Self.maximumLogoCharacters else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Logo too large",
                detail: "the logo is larger than \(PNGInfo.maximumFileBytes) bytes; use a smaller PNG", field: "logo",
                code: .logo)
        }
        guard let data = Data(base64Encoded: text) else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid logo", detail: "the logo is not base64-encoded",
                field: "logo", code: .logo)
        }
        let bytes = Array(data)
        do throws(LayoutError) { _ = try PNGInfo.checkLogo(bytes) } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid logo", detail: error.description, field: "logo",
                code: .logo)
        }
        return bytes
    }

    static func format(accepting accept: String?) -> String? {
        guard let accept else { return nil }
        if accept.contains("application/pdf") { return "pdf" }
        if accept.contains("image/svg+xml") { return "svg" }
        if accept.contains("image/png") { return "png" }
        return nil
    }
}
