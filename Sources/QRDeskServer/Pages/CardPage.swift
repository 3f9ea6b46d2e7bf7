import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// The front desk's page: the form, a live preview of every template × variant, and the downloads the seed's QR
/// block offers (colour PDF, black-and-white PDF, SVG) plus PNG and the whole kit as a zip. The form is read by
/// the API's own reader, so the page refuses exactly what `POST /v1/cards` refuses.
struct CardPage: Sendable {
    let web: WebAssets
    let cards: CardEndpoint
    let kits: KitBuilder

    /// The form's fields are the request keys the vocabulary puts on the page (`CardKeys`); the logo is an upload.
    static let textFields = CardKeys.all.compactMap(\.formField).filter { $0 != CardKeys.logo.json }
    /// Fields with a place for their error beside them (every one but the language menu); any other refusal
    /// shows at the top of the form.
    static let fieldsWithErrorSlots = Set(CardKeys.all.compactMap(\.formField)).subtracting([CardKeys.lang.json])
    static let previewDPI = 96
    /// The download buttons; each label is a page text key (`dl_color_pdf` …). The print-shop PDF is the colour
    /// variant's press file (PDF/X-1a, docs/press.md).
    static let downloads: [(id: String, label: String, variant: Variant, format: OutputFormat, press: Bool)] = [
        ("color-pdf", "dl_color_pdf", .color, .pdf, false), ("bw-pdf", "dl_bw_pdf", .bw, .pdf, false),
        ("svg", "dl_svg", .color, .svg, false), ("png", "dl_png", .color, .png, false),
        ("press-pdf", "dl_press_pdf", .color, .pdf, true),
    ]

    var library: TemplateLibrary { cards.reader.library }

    func page(_ form: FormFields = FormFields(), problem: ProblemDetails? = nil) throws -> Response {
        let language = form.text("lang") ?? "en"
        let selected = form.text("template") ?? "counter-a5"
        let shared = PageContext(library: library)
        var context = shared.base(page: "cards", title: "Payment QR for the front desk")
        for field in Self.textFields { context[field] = form.values[field] ?? "" }
        context["languages"] = shared.languages(selected: language)
        let style = form.text(CardKeys.style.json) ?? CardStyle.modern.rawValue
        context["styles"] = CardStyle.allCases.map {
            ["id": $0.rawValue, "label": shared.text("style_\($0.rawValue)"), "selected": $0.rawValue == style]
        }
        let templates = library.cards.values.sorted { $0.id < $1.id }
        context["templates"] = templates.map { template in
            [
                "id": template.id, "selected": template.id == selected,
                "title": shared.text("template.\(template.id)", translating: template.title),
                "size": String(
                    format: "%.0f × %.0f mm", Length.pt(template.pageSize.width).millimetres,
                    Length.pt(template.pageSize.height).millimetres),
            ]
        }
        context["tiles"] = templates.flatMap { template in
            [Variant.color, .bw].map { variant in
                [
                    "template": template.id, "variant": variant.rawValue,
                    "label": "\(template.id), \(shared.text(variant == .color ? "colour" : "black_and_white"))",
                    "selected": template.id == selected,
                ]
            }
        }
        context["downloads"] = Self.downloads.map { ["id": $0.id, "label": shared.text($0.label)] }
        context["schemes"] = Self.schemeContext(form, shared: shared)
        // The payment-code section opens when it holds something (Mustache takes any string as true).
        context["codeOpen"] = form.text(CardKeys.payload.json) != nil || form.text("scheme") != nil
        if let problem {
            context["errors"] = shared.errors(
                problem, slots: Self.fieldsWithErrorSlots, fallback: "form")
        }
        return try web.page("cards", context, status: problem?.status ?? .ok)
    }

    /// `POST /cards/download`: the chosen file, or the page again with the refusal beside its field.
    func download(_ form: FormFields) async throws -> Response {
        do {
            let choice = form.text("download") ?? "color-pdf"
            if choice == "kit" { return try await kit(form) }
            guard let download = Self.downloads.first(where: { $0.id == choice }) else {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Unknown download",
                    detail: "choose one of the download buttons")
            }
            var extra: [String: Any] = ["variant": download.variant.rawValue, "format": download.format.rawValue]
            if download.press { extra[CardKeys.press.json] = true }
            let request = try cards.reader.read(try json(form, extra: extra))
            return FileResponse.attachment(try await cards.render(request))
        } catch let problem as ProblemDetails {
            return try page(form, problem: problem)
        }
    }

    /// `POST /cards/preview?template=…&variant=…`: a PNG at screen resolution, or the problem JSON with the
    /// headline in the page's language. Previews are not read back (the downloads are).
    func preview(_ form: FormFields, template: String?, variant: String?) async throws -> Response {
        do {
            var request = try cards.reader.read(
                try json(
                    form,
                    extra: [
                        "template": template ?? "counter-a5", "variant": variant ?? "color",
                        "format": "png",
                    ]))
            request.dpi = Self.previewDPI
            request.verify = false
            return FileResponse.inline(try await cards.render(request).bytes, type: "image/png")
        } catch let problem as ProblemDetails {
            return PageContext(library: library).localized(problem).response
        }
    }

    /// Colour and black-and-white PDFs, the SVG and a PNG of the chosen template, with the manifest, as one zip.
    private func kit(_ form: FormFields) async throws -> Response {
        // the same refusals as a single file, beside the fields
        _ = try cards.reader.read(try json(form, extra: [:]))
        var row: [String: String] = [
            "id": "card", CardKeys.variant.column: "color,bw", CardKeys.format.column: "pdf,svg,png",
        ]
        for field in Self.textFields {
            if let value = form.text(field), let key = CardKeys.key(named: field) { row[key.column] = value }
        }
        if let payload = try builtPayload(form) { row[CardKeys.payload.column] = payload }
        var files: [String: [UInt8]] = [:]
        if let logo = form.upload(CardKeys.logo.json) {
            files[KitBuilder.logoName] = logo.bytes
            row[CardKeys.logo.column] = KitBuilder.logoName
        }
        let kit = try await kits.build(row: row, files: files)
        if let failure = kit.failures.first {
            // The row's column named as the form's field, so the refusal shows beside it.
            let field = failure.column.map { CardKeys.key(named: $0)?.json ?? $0 }
            throw ProblemDetails(
                status: .unprocessableContent, title: "Cannot make the kit", detail: failure.message, field: field)
        }
        return FileResponse.attachment(
            kit.zip, type: "application/zip", fileName: "\(Slug.make(form.text("name") ?? "card"))-kit.zip")
    }

    /// The form as the API's JSON document: blank fields left out, a logo as base64.
    func json(_ form: FormFields, extra: [String: Any]) throws -> [UInt8] {
        var object: [String: Any] = [:]
        for field in Self.textFields { if let value = form.text(field) { object[field] = value } }
        if let payload = try builtPayload(form) { object[CardKeys.payload.json] = payload }
        for (key, value) in extra { object[key] = value }
        if let logo = form.upload(CardKeys.logo.json) {
            object[CardKeys.logo.json] = Data(logo.bytes).base64EncodedString()
        }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// The scheme picker: a scheme chosen (`scheme`) and its fields (`pix.key`, `pix.name` …) build the payload
    /// here, through the same builder as `qrdesk payload build`; a problem shows beside the payment code.
    func builtPayload(_ form: FormFields) throws -> String? {
        guard let id = form.text("scheme") else { return nil }
        guard let scheme = PaymentScheme(rawValue: id), PaymentScheme.buildable.contains(scheme) else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: "scheme: no scheme \"\(id)\"",
                field: CardKeys.payload.json)
        }
        var values: [String: String] = [:]
        for field in scheme.fields {
            if let value = form.text("\(scheme.rawValue).\(field.name)") { values[field.name] = value }
        }
        do throws(PayloadError) { return try PayloadBuilder.build(scheme, SchemeFieldValues(values)).text } catch {
            let problems = error.problems.filter(\.isError)
            // The page names the fields as it labels them, in the reader's language; the engine's words stay
            // the English detail.
            let shared = PageContext(library: library)
            var labels: [String] = []
            for field in problems.map(\.field) where scheme.fields.contains(where: { $0.name == field }) {
                let label = shared.text("scheme.\(scheme.rawValue).\(field)")
                if !labels.contains(label) { labels.append(label) }
            }
            var problem = ProblemDetails(
                status: .unprocessableContent, title: "Invalid request",
                detail: "\(scheme.title): " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                field: CardKeys.payload.json, code: .payloadInvalid)
            if !labels.isEmpty {
                problem.message = CatalogMessage(
                    key: "form.detail.payload.fields",
                    arguments: [
                        "scheme": shared.text("scheme.\(scheme.rawValue)"), "fields": labels.joined(separator: " "),
                    ],
                    replacesEnglish: false)
            }
            throw problem
        }
    }

    /// Each buildable scheme with its fields for the picker, the form's values kept; names and help in the page's
    /// language (`page.scheme.<scheme>` and `page.scheme.<scheme>.<field>`).
    static func schemeContext(_ form: FormFields, shared: PageContext) -> [[String: Any]] {
        let chosen = form.text("scheme")
        return PaymentScheme.buildable.map { scheme in
            [
                "id": scheme.rawValue, "title": shared.text("scheme.\(scheme.rawValue)"),
                "selected": scheme.rawValue == chosen,
                "fields": scheme.fields.map { field -> [String: Any] in
                    let name = "\(scheme.rawValue).\(field.name)"
                    return [
                        "name": name, "id": name.replacingOccurrences(of: ".", with: "-"),
                        "label": shared.text("scheme.\(name)"),
                        "flag": field.name, "required": field.required, "switch": field.isSwitch,
                        "value": form.values[name] ?? "", "checked": form.text(name) == "true",
                    ]
                },
            ]
        }
    }
}
