import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// Receipts in the browser: paste or upload a receipt document, see it on an 80 mm or 58 mm roll or A4, and
/// download the PDF, PNG or SVG. The document is read by the same reader as `qrdesk receipt` and `/v1/receipts`.
struct ReceiptPage: Sendable {
    let web: WebAssets
    let receipts: ReceiptEndpoint

    /// The paper choices; each label is a page text key.
    static let templates = [("receipt-80mm", "roll_80"), ("receipt-58mm", "roll_58"), ("receipt-a4", "sheet_a4")]
    static let downloads = [("pdf", "PDF"), ("png", "PNG"), ("svg", "SVG")]

    var library: TemplateLibrary { receipts.library }

    func page(_ form: FormFields = FormFields(), problem: ProblemDetails? = nil) throws -> Response {
        let shared = PageContext(library: library)
        var context = shared.base(page: "receipts", title: "Receipts")
        context["document"] = form.values["document"] ?? web.sampleReceipt
        // The form is the page's way in; the JSON text stays as the advanced one.
        let fresh = form.values.isEmpty
        for (key, value) in ReceiptForm.context(form, strings: library.strings) { context[key] = value }
        context["formMode"] = fresh || ReceiptForm.isChosen(form)
        context["jsonMode"] = !fresh && !ReceiptForm.isChosen(form)
        let selected = form.text("template") ?? "receipt-80mm"
        context["templates"] = Self.templates.map {
            ["id": $0.0, "label": shared.text($0.1), "selected": $0.0 == selected]
        }
        let language = form.text("lang") ?? ""
        context["languages"] = shared.languages(selected: language)
        context["downloads"] = Self.downloads.map { ["id": $0.0, "label": $0.1] }
        if let problem {
            // The paper and language have their own places; everything else is about the document.
            let slots: Set<String> =
                ReceiptForm.isChosen(form) ? ReceiptForm.slots.union(["template", "lang"]) : ["template", "lang"]
            context["errors"] = shared.errors(
                problem, slots: slots, fallback: ReceiptForm.isChosen(form) ? "receipt-form" : "document")
        }
        return try web.page("receipts", context, status: problem?.status ?? .ok)
    }

    func options(_ form: FormFields, format: String, preview: Bool) throws(ProblemDetails) -> ReceiptEndpoint.Options {
        var options = ReceiptEndpoint.Options(values: [ReceiptKeys.format.json: format], preview: preview)
        for key in [ReceiptKeys.template, ReceiptKeys.lang] {
            if let value = form.text(key.json) { options.values[key.json] = value }
        }
        return options
    }

    /// The form's document, or the pasted text, or the uploaded file when one was chosen.
    static func document(_ form: FormFields) -> (bytes: [UInt8], format: DataFormat) {
        if ReceiptForm.isChosen(form) { return (ReceiptForm.document(form), .json) }
        if let upload = form.upload("file") { return (upload.bytes, DataFormat.forFile(named: upload.fileName)) }
        return (Array((form.values["document"] ?? "").utf8), .json)
    }

    func download(_ form: FormFields) async throws -> Response {
        do {
            let (bytes, format) = Self.document(form)
            if form.text("download") == "json" {
                // The form's state as the receipt document, to keep, edit or send to the API.
                return FileResponse.attachment(bytes, type: "application/json", fileName: "receipt.json")
            }
            try placeFormProblem(form)
            let artifacts = try await receipts.render(
                bytes, format: format,
                options: try options(form, format: form.text("download") ?? "pdf", preview: false))
            return try ReceiptEndpoint.response(artifacts)
        } catch let problem as ProblemDetails {
            return try page(form, problem: problem)
        }
    }

    /// In form mode, a document the reader refuses is refused beside the form's section it is about (the
    /// overpayment beside the payments), not beside the JSON text the form stands in for.
    func placeFormProblem(_ form: FormFields) throws(ProblemDetails) {
        guard ReceiptForm.isChosen(form) else { return }
        do throws(ReceiptError) {
            _ = try ReceiptReader.parse(ReceiptForm.document(form), file: "receipt", linkPolicy: receipts.linkPolicy)
        } catch {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid receipt", detail: "\(error.field)",
                field: ReceiptForm.slot(of: error.field.path), code: .document)
        }
    }

    /// `POST /receipts/totals`: the form's totals as the receipt prints them (JSON), or its first problem.
    func totals(_ form: FormFields) -> Response {
        let totals = ReceiptForm.totals(form, linkPolicy: receipts.linkPolicy)
        let body = (try? JSONSerialization.data(withJSONObject: totals, options: [.sortedKeys])) ?? Data()
        return FileResponse.inline(Array(body), type: "application/json")
    }

    /// The first page as a PNG (a roll at its printer's dots, A4 at screen resolution), or the problem JSON.
    func preview(_ form: FormFields) async throws -> Response {
        do {
            try placeFormProblem(form)
            let (bytes, format) = Self.document(form)
            let artifacts = try await receipts.render(
                bytes, format: format, options: try options(form, format: "png", preview: true))
            guard let first = artifacts.first else {
                throw ProblemDetails(status: .internalServerError, title: "Nothing rendered", detail: "no page")
            }
            return FileResponse.inline(first.bytes, type: "image/png")
        } catch let problem as ProblemDetails {
            return PageContext(library: library).localized(problem).response
        }
    }
}
