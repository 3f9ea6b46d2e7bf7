import QRDesk
import QRDeskCore

/// One home for turning what the engine throws into the answer a person or platform sees: the field it belongs
/// to (so a form shows it beside that field) and its `ProblemCode`.
enum RenderProblem {
    static func from(_ error: Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails: return problem
        case let link as LinkError:
            let code: ProblemCode = if case .hostNotAllowed = link { .linkHost } else { .linkInvalid }
            return ProblemDetails(status: .unprocessableContent, title: "Invalid link", detail: link.description, field: "link", code: code)
        case is RenderPool.Saturated:
            return ProblemDetails(status: .serviceUnavailable, title: "Busy", detail: "every renderer is busy; retry in a moment",
                                  code: .busy, retryAfterSeconds: 1)
        case let size as QRSizeError:
            return ProblemDetails(status: .unprocessableContent, title: "Link too long for this template", detail: size.description,
                                  field: "link", code: .linkTooLong)
        case let layout as LayoutError:
            let (field, code): (String?, ProblemCode) = switch layout {
            case .textContrastTooLow: ("accent", .accentContrast)
            case .qrContrastTooLow, .qrDarkerGround: ("qrColor", .qrContrast)
            case let .missingGlyph(element, _): (element.isEmpty ? "name" : element, .missingGlyph)
            case .logoNotPNG, .logoTooLarge, .logoDamaged: ("logo", .logo)
            default: (nil, .invalid)
            }
            return ProblemDetails(status: .unprocessableContent, title: "Cannot lay out this card", detail: layout.description,
                                  field: field.map(fieldName), code: code)
        case let template as TemplateError:
            return ProblemDetails(status: .unprocessableContent, title: "Unknown template", detail: template.description, field: "template",
                                  code: .template)
        case let receipt as ReceiptError:
            return ProblemDetails(status: .unprocessableContent, title: "Invalid receipt", detail: receipt.description, field: "document",
                                  code: .document)
        case let field as FieldError:
            return ProblemDetails(status: .unprocessableContent, title: "Invalid request", detail: field.description,
                                  field: field.path.isEmpty ? nil : field.path)
        default:
            var problem = ProblemDetails(status: .internalServerError, title: "Rendering failed", detail: "the file could not be rendered",
                                         code: .internalError)
            problem.internalCause = "\(error)"
            return problem
        }
    }

    /// A language the string catalog has no texts for, with the ones it has.
    static func unknownLanguage(_ code: String, in library: TemplateLibrary) -> ProblemDetails {
        ProblemDetails(status: .unprocessableContent, title: "Unknown language",
                       detail: "lang: no texts for \"\(Excerpt.of(code, limit: 20))\"; available: \(library.strings.languages.joined(separator: ", "))",
                       field: "lang")
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
