import QRDesk
import QRDeskCore

/// One home for turning what the engine throws into the answer a person or platform sees: the field it belongs
/// to (so a form shows it beside that field) and its `ProblemCode`.
enum RenderProblem {
    static func from(_ error: Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails: return problem
        case let request as RequestError: return from(request, library: nil)
        case let link as LinkError: return from(RequestError(link: link), library: nil)
        case is RenderPool.Saturated:
            return ProblemDetails(
                status: .serviceUnavailable, title: "Busy", detail: "every renderer is busy; retry in a moment",
                code: .busy, retryAfterSeconds: 1)
        case let size as QRSizeError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Link too long for this template",
                detail: RequestDoor.api.describe(size), field: CardKeys.link.json, code: .linkTooLong)
        case let page as PrintResolution.PageTooLarge:
            return ProblemDetails(
                status: .unprocessableContent, title: "Too many pixels", detail: RequestDoor.api.describe(page),
                field: CardKeys.dpi.json, code: .tooLarge)
        case let layout as LayoutError:
            let (field, code): (String?, ProblemCode) =
                switch layout {
                case .textContrastTooLow: (CardKeys.accent.json, .accentContrast)
                case .qrContrastTooLow, .qrDarkerGround: (CardKeys.qrColor.json, .qrContrast)
                case let .missingGlyph(element, _): (element.isEmpty ? CardKeys.name.json : element, .missingGlyph)
                case .logoNotPNG, .logoTooLarge, .logoDamaged: (CardKeys.logo.json, .logo)
                default: (nil, .invalid)
                }
            return ProblemDetails(
                status: .unprocessableContent, title: "Cannot lay out this card", detail: layout.description,
                field: field.map(fieldName), code: code)
        case let template as TemplateError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Unknown template", detail: template.description,
                field: "template",
                code: .template)
        case let receipt as ReceiptError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Invalid receipt", detail: receipt.description, field: "document",
                code: .document)
        case let field as FieldError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: field.description,
                field: field.path.isEmpty ? nil : field.path)
        default:
            var problem = ProblemDetails(
                status: .internalServerError, title: "Rendering failed", detail: "the file could not be rendered",
                code: .internalError)
            problem.internalCause = "\(error)"
            return problem
        }
    }

    /// A request value refused by the engine: the key's JSON name as `field` and `pointer`, the reason in words
    /// that name no command-line option, and the English headline of its code as the title.
    static func from(_ error: RequestError, library: TemplateLibrary?) -> ProblemDetails {
        let code = ProblemCode(rawValue: error.code) ?? .invalid
        let headline = library?.strings.text("form.error.\(code.rawValue)", language: "en")
        return ProblemDetails(
            status: .unprocessableContent, title: headline ?? "Invalid request", detail: error.reason(for: .api),
            field: error.key.json, code: code)
    }

    /// A language the string catalog has no texts for, with the ones it has.
    static func unknownLanguage(_ code: String, in library: TemplateLibrary) -> ProblemDetails {
        from(
            RequestError(key: CardKeys.lang, reason: library.strings.languageProblem(code) ?? "no texts for it"),
            library: library)
    }

    /// The layout names a card's texts by element (`business-name`); the request names them by key.
    static func fieldName(_ element: String) -> String {
        switch element {
        case "business-name", "name": "name"
        case "tagline": "tagline"
        case "address": "address"
        default: element
        }
    }
}
