import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// Show QR: a full-screen page a tablet at the desk shows the client — business name, optional amount and visit,
/// and the per-visit link's QR sized to the screen with its quiet zone. `GET /show?link=…&name=…&amount=…&currency=…
/// &visit=…&lang=…`; without a link, or with one the policy refuses, the short form to make one.
struct ShowQRPage: Sendable {
    let web: WebAssets
    let library: TemplateLibrary
    let linkPolicy: LinkPolicy

    static let fields = ["link", "name", "amount", "currency", "visit", "lang"]

    func handle(_ request: Request) throws -> Response {
        let form = try FormFields.query(request.uri.query ?? "")
        guard form.text("link") != nil else { return try self.form(form, problem: nil) }
        do {
            return try show(form)
        } catch let problem as ProblemDetails {
            return try self.form(form, problem: problem)
        }
    }

    private func show(_ form: FormFields) throws -> Response {
        let language = form.text("lang") ?? "en"
        guard library.strings.hasLanguage(language) else {
            throw ProblemDetails(status: .unprocessableContent, title: "Unknown language", detail: "no texts for this language", field: "lang")
        }
        let link: PaymentLink
        do { link = try PaymentLink(form.text("link") ?? "", policy: linkPolicy) } catch {
            let code: ProblemCode = if case .hostNotAllowed = error { .linkHost } else { .linkInvalid }
            throw ProblemDetails(status: .unprocessableContent, title: "Invalid link", detail: error.description, field: "link", code: code)
        }
        var context = PageContext(library: library).base(page: "show", title: "Show QR")
        for (field, limit) in [("name", PrintedText.shortLimit), ("visit", PrintedText.shortLimit)] {
            guard let text = form.text(field) else { continue }
            if let problem = PrintedText.problem(with: text, limit: limit) {
                throw ProblemDetails(status: .unprocessableContent, title: "Invalid text", detail: "\(field) \(problem)", field: field)
            }
            context[field] = text
        }
        if let amount = form.text("amount") { context["amount"] = try Self.money(amount, currency: form.text("currency") ?? "", language: language) }
        context["headline"] = library.strings.text("headline", language: language)
        context["visitLabel"] = library.strings.text("receipt.visit", language: language)
        context["lang"] = language
        context["dir"] = PageContext.rightToLeft.contains(StringCatalogLanguage.base(language)) ? "rtl" : "ltr"
        context["link"] = link.text
        do { context["qr"] = try ScreenQR.svg(link) } catch { throw RenderProblem.from(error) }
        return html(try web.render("show", context), status: .ok)
    }

    /// "45.50" in `currency`'s own minor digits, formatted for `language`; never through a Double.
    static func money(_ amount: String, currency code: String, language: String) throws(ProblemDetails) -> String {
        guard let currency = Currency(code: code.uppercased()) else {
            throw ProblemDetails(status: .unprocessableContent, title: "Unknown currency",
                                 detail: "currency: expected an ISO 4217 code such as EUR, USD or GBP", field: "currency")
        }
        guard let decimal = DecimalText(amount), let minor = decimal.scaled(to: currency.minorDigits), minor > 0 else {
            throw ProblemDetails(status: .unprocessableContent, title: "Invalid amount",
                                 detail: "amount: expected a positive amount with at most \(currency.minorDigits) decimals, such as \(currency.minorDigits == 0 ? "4500" : "45.50")",
                                 field: "amount")
        }
        return MoneyFormatter(language: language).format(Money(minorUnits: minor, currency: currency))
    }

    private func form(_ form: FormFields, problem: ProblemDetails?) throws -> Response {
        let shared = PageContext(library: library)
        var context = shared.base(page: "show", title: "Show QR")
        for field in Self.fields { context[field] = form.values[field] ?? "" }
        if form.text("currency") == nil { context["currency"] = "EUR" }
        context["languages"] = shared.languages(selected: form.text("lang") ?? "en")
        if let problem {
            let slot = problem.field.flatMap { ["link", "name", "amount", "currency", "visit"].contains($0) ? $0 : nil } ?? "form"
            context["errors"] = [slot: shared.fieldError(problem, language: form.text("lang") ?? "en")]
            context["hasErrors"] = true
        }
        return html(try web.render("show-form", context), status: problem == nil ? .ok : .unprocessableContent)
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
