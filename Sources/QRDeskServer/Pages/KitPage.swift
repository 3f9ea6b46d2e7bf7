import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// Batch kits in the browser: upload a list (CSV, YAML or JSON), get the kit zip back with every good row's
/// files and the manifest, which lists the failed rows.
struct KitPage: Sendable {
    let web: WebAssets
    let library: TemplateLibrary
    let kits: KitBuilder

    func page(_ form: FormFields = FormFields(), problem: ProblemDetails? = nil) throws -> Response {
        let shared = PageContext(library: library)
        var context = shared.base(page: "kits", title: "Batch kits")
        let selected = form.text("template") ?? ""
        context["templates"] = library.cards.keys.sorted().map { ["id": $0, "selected": $0 == selected] }
        context["languages"] = shared.languages(selected: form.text("lang") ?? "")
        context["maximumRows"] = kits.maximumRows
        context["kitsLead"] = shared.text("kits_lead").replacingOccurrences(of: "{rows}", with: "\(kits.maximumRows)")
        if let problem {
            context["errors"] = shared.errors(problem, slots: [], fallback: "list")
        }
        return try web.page("kits", context, status: problem?.status ?? .ok)
    }

    func download(_ form: FormFields) async throws -> Response {
        do {
            guard let upload = form.upload("list") else {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "No list",
                    detail: "choose a CSV, YAML or JSON list to upload", field: "list")
            }
            let fileExtension = (upload.fileName as NSString).pathExtension.lowercased()
            var defaults: [String: String] = [:]
            if let template = form.text("template") { defaults["template"] = template }
            if let lang = form.text("lang") { defaults["lang"] = lang }
            if fileExtension == "zip" {
                return KitEndpoint.response(try await kits.build(zip: upload.bytes, defaults: defaults))
            }
            guard ["csv", "json", "yaml", "yml"].contains(fileExtension) else {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Not a list",
                    detail:
                        "the file's name ends in .\(Excerpt.of(fileExtension, limit: 10)); upload a .csv, .yaml or "
                        + ".json list, or a .zip holding the list and the logos it names",
                    field: "list",
                    code: .document)
            }
            return KitEndpoint.response(
                try await kits.build(
                    list: upload.bytes, fileExtension: fileExtension == "yml" ? "yaml" : fileExtension,
                    defaults: defaults))
        } catch let problem as ProblemDetails {
            return try page(form, problem: problem)
        }
    }
}
