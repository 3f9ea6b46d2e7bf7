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
        guard library.strings.hasLanguage(language) else { throw RenderProblem.unknownLanguage(language, in: library) }
        let link: PaymentLink
        do { link = try PaymentLink(form.text("link") ?? "", policy: linkPolicy) } catch {
            throw RenderProblem.from(error)
        }
        var context = PageContext(library: library).base(page: "show", title: "Show QR")
        for (field, limit) in [("name", PrintedText.shortLimit), ("visit", PrintedText.shortLimit)] {
            guard let text = form.text(field) else { continue }
            if let problem = PrintedText.problem(with: text, limit: limit) {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Invalid text", detail: "\(field) \(problem)", field: field)
            }
            context[field] = text
        }
        if let amount = form.text("amount") {
            context["amount"] = try Self.money(amount, currency: form.text("currency") ?? "", language: language)
        }
        context["headline"] = library.strings.text("headline", language: language)
        context["visitLabel"] = library.strings.text("receipt.visit", language: language)
        context["lang"] = language
        context["dir"] = PageContext.direction(language)
        context["link"] = link.text
        do { context["qr"] = try ScreenQR.svg(link) } catch { throw RenderProblem.from(error) }
        return try web.page("show", context)
    }

    /// "45.50" in `currency`'s own minor digits, formatted for `language`; never through a Double.
    static func money(_ amount: String, currency code: String, language: String) throws(ProblemDetails) -> String {
        guard let currency = Currency(code: code.uppercased()) else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Unknown currency",
                detail: "currency: expected an ISO 4217 code such as EUR, USD or GBP", field: "currency")
        }
        let money: Money
        do throws(AmountError) { money = try Money.parse(amount, currency: currency) } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid amount", detail: "amount: \(error.description)",
                field: "amount")
        }
        guard money.minorUnits > 0 else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid amount", detail: "amount: expected a positive amount",
                field: "amount")
        }
        return MoneyFormatter(language: language).format(money)
    }

    private func form(_ form: FormFields, problem: ProblemDetails?) throws -> Response {
        let shared = PageContext(library: library)
        var context = shared.base(page: "show", title: "Show QR")
        for field in Self.fields { context[field] = form.values[field] ?? "" }
        if form.text("currency") == nil { context["currency"] = "EUR" }
        context["languages"] = shared.languages(selected: form.text("lang") ?? "en")
        if let problem {
            context["errors"] = shared.errors(
                problem, slots: ["link", "name", "amount", "currency", "visit"], fallback: "form")
        }
        return try web.page("show-form", context, status: problem?.status ?? .ok)
    }
}
