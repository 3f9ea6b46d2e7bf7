import QRDesk
import QRDeskCore

/// One home for turning what the engine throws into the answer a person or platform sees: the field it belongs
/// to (so a form shows it beside that field) and its `ProblemCode`.
enum RenderProblem {
    static func from(_ error: Error) -> ProblemDetails {
        if let problem = error as? ProblemDetails { return problem }
        // The engine's one mapping from an error to the key it is about (`RequestError(rendering:)`).
        if let request = RequestError(rendering: error) { return from(request, library: nil) }
        switch error {
        case is RenderPool.Saturated:
            return ProblemDetails(
                status: .serviceUnavailable, title: "Busy", detail: "every renderer is busy; retry in a moment",
                code: .busy, retryAfterSeconds: 1)
        case let layout as LayoutError:
            return ProblemDetails(
                status: .unprocessableContent, title: "Cannot lay out this receipt", detail: layout.description,
                field: "document", code: .document)
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
        let headline = library?.strings.text("form.error.\(code.rawValue)", language: "en") ?? Self.titles[code]
        var problem = ProblemDetails(
            status: .unprocessableContent, title: headline ?? "Invalid request", detail: error.reason(for: .api),
            field: error.key.json, code: code)
        problem.message = error.message
        return problem
    }

    /// Titles for the refusals engine errors become, where no catalog is at hand.
    static let titles: [ProblemCode: String] = [
        .linkTooLong: "Link too long for this template", .linkInvalid: "Invalid link", .linkHost: "Invalid link",
        .accentContrast: "Cannot lay out this card", .qrContrast: "Cannot lay out this card",
        .missingGlyph: "Cannot lay out this card", .logo: "Invalid logo", .template: "Unknown template",
        .tooLarge: "Too many pixels",
    ]

    /// A language the string catalog has no texts for, with the ones it has.
    static func unknownLanguage(_ code: String, in library: TemplateLibrary) -> ProblemDetails {
        from(
            RequestError(key: CardKeys.lang, reason: library.strings.languageProblem(code) ?? "no texts for it"),
            library: library)
    }
}
