import QRDeskCore

/// Every option of a receipt request (the document itself aside), declared once: `qrdesk receipt` and `print`,
/// a batch list's receipt rows and `POST /v1/receipts`'s query read them through `ReceiptOptionsDecoder`.
public enum ReceiptKeys {
    public static let template = RequestKey(
        json: "template", valueName: "ID", help: "receipt-80mm, receipt-58mm or receipt-a4.",
        defaultValue: "receipt-80mm", refusal: "template")
    public static let format = RequestKey(
        json: "format", column: "formats", valueName: "FORMAT",
        help: "pdf, png, svg, escpos (the printer's own bytes); repeatable or comma-separated.", defaultValue: "pdf")
    public static let lang = RequestKey(
        json: "lang", valueName: "CODE", help: "Language of labels and money format; overrides the document's.",
        defaultValue: "the document's, else en")
    public static let dpi = RequestKey(
        json: "dpi", valueName: "DPI", help: "PNG resolution for sheet templates (rolls use the printer's own).",
        defaultValue: "300")
    public static let printerProfile = RequestKey(
        json: "printerProfile", flag: "printer-profile", valueName: "ID",
        help: "Printer model from templates/printers/ for escpos.", defaultValue: "the template's")

    public static let all: [RequestKey] = [template, format, lang, dpi, printerProfile]

    public static let defaultTemplate = "receipt-80mm"
    public static let defaultFormats: [OutputFormat] = [.pdf]
}

/// A receipt request's options, read from any door through `ReceiptKeys`, each refusal naming its key.
public struct ReceiptOptionsDecoder: Sendable {
    public let library: TemplateLibrary
    public let door: RequestDoor
    /// The formats this door may ask for (the API answers with one file, never the printer's stream).
    public let formats: [OutputFormat]

    public init(library: TemplateLibrary, door: RequestDoor, formats: [OutputFormat] = OutputFormat.allCases) {
        self.library = library
        self.door = door
        self.formats = formats
    }

    /// The options in `values` (a mapping by JSON name) applied to a request for the receipt `document` reads,
    /// which is read only once every option holds (an option's refusal comes first, as for cards).
    public func decode<Failure: Error>(
        _ values: DataField, document: () throws(Failure) -> Receipt
    ) throws -> ReceiptRequest {
        let reader = KeyReader(values: values, door: door)
        let template = try reader.text(ReceiptKeys.template) ?? ReceiptKeys.defaultTemplate
        do throws(TemplateError) { _ = try library.receipt(template) } catch {
            throw RequestError(key: ReceiptKeys.template, reason: error.description)
        }
        let language = try reader.text(ReceiptKeys.lang)
        if let language, let problem = library.strings.languageProblem(language) {
            throw RequestError(key: ReceiptKeys.lang, reason: problem)
        }
        let profile = try reader.text(ReceiptKeys.printerProfile)
        if let profile {
            do throws(TemplateError) { _ = try library.printer(profile) } catch {
                throw RequestError(key: ReceiptKeys.printerProfile, reason: error.description)
            }
        }
        let chosen = try reader.choices(ReceiptKeys.format, allowed: formats) ?? ReceiptKeys.defaultFormats
        let dpi = try reader.integer(ReceiptKeys.dpi, in: PrintResolution.dpiRange) ?? CardKeys.defaultDPI
        return ReceiptRequest(
            receipt: try document(), templateID: template, formats: chosen, language: language, dpi: dpi,
            printerProfile: profile)
    }
}
