import QRDeskCore

/// Every key of a card request, declared once. The CLI's options and help, the list's columns, the API's JSON
/// keys, the web form's fields, the OpenAPI schema and docs/batch.md are checked against this table
/// (`VocabularyTests`), and `CardRequestDecoder` reads a request from any door through it.
public enum CardKeys {
    public static let link = RequestKey(
        json: "link", valueName: "URL",
        help: "The payment link the QR opens (absolute https URL); give it or a payload.",
        refusal: "link-invalid", onForm: true)
    public static let payload = RequestKey(
        json: "payload", valueName: "PAYLOAD",
        help: "A static payment code printed instead of a link (PIX, PromptPay, PayNow, VietQR, EPC, SPAYD, UPI); "
            + "it must pass `qrdesk payload lint`.",
        refusal: "payload-invalid", onForm: true)
    public static let name = RequestKey(
        json: "name", valueName: "TEXT", help: "The business name printed on the card.", onForm: true)
    public static let tagline = RequestKey(
        json: "tagline", valueName: "TEXT", help: "A line under the business name.", onForm: true)
    public static let address = RequestKey(
        json: "address", valueName: "TEXT", help: "The address printed at the foot of the card.", onForm: true)
    public static let template = RequestKey(
        json: "template", valueName: "ID", help: "Template id (see `qrdesk templates`).", defaultValue: "counter-a5",
        refusal: "template", onForm: true)
    public static let style = RequestKey(
        json: "style", valueName: "STYLE",
        help: "modern (brand block, framed code, trust line) or classic (the earlier header-band design).",
        defaultValue: "modern", onForm: true)
    public static let lang = RequestKey(
        json: "lang", valueName: "CODE", help: "Language of the built-in texts: en, es, de, fr, pt, ru, ar, he …",
        defaultValue: "en", onForm: true)
    public static let backLang = RequestKey(
        json: "backLang", flag: "back-lang", valueName: "CODE",
        help: "Language of a folded table tent's back panel (tent-a6), so each side of the counter reads its own.",
        defaultValue: "the front's")
    public static let accent = RequestKey(
        json: "accent", valueName: "#RRGGBB", help: "Accent colour of the colour variant.",
        defaultValue: "the template's", onForm: true)
    public static let qrColor = RequestKey(
        json: "qrColor", flag: "qr-color", valueName: "#RRGGBB",
        help: "Module colour of the colour variant's QR (must be dark).", defaultValue: "the template's", onForm: true)
    public static let logo = RequestKey(
        json: "logo", valueName: "FILE.png",
        help: "A PNG logo (a path; base64 in the API's JSON).", refusal: "logo", onForm: true)
    public static let variant = RequestKey(
        json: "variant", column: "variants", valueName: "VARIANT",
        help: "color, bw; repeatable or comma-separated.", defaultValue: "color, bw")
    public static let format = RequestKey(
        json: "format", column: "formats", valueName: "FORMAT",
        help: "pdf, svg, png, escpos (a slip template's receipt-printer stream); repeatable or comma-separated.",
        defaultValue: "pdf, svg")
    public static let ecc = RequestKey(
        json: "ecc", valueName: "LEVEL",
        help: "Error correction level: L, M, Q or H.",
        defaultValue: "the level that gives the largest modules, raised where that costs nothing")
    public static let scanDistance = RequestKey(
        json: "scanDistance", flag: "scan-distance", valueName: "DISTANCE",
        help: "How far clients stand from the printed code (e.g. 1m, 60cm).", defaultValue: "the template's")
    public static let dpi = RequestKey(
        json: "dpi", valueName: "DPI", help: "PNG resolution in dots per inch.", defaultValue: "300")

    public static let printSheet = RequestKey(
        json: "printSheet", flag: "print-sheet", valueName: "SHEET",
        help:
            "Also write <template>-<variant>-<sheet>.pdf: copies on an A4 or Letter page for an office printer, "
            + "with cut guides and nothing within 5 mm of the edge (a4, letter).")

    public static let press = RequestKey(
        json: "press", valueName: "yes|no",
        help: "Also write <template>-<variant>-press.pdf: PDF/X-1a for a print shop (CMYK, K-only black, bleed, trim).",
        isSwitch: true)
    public static let bleed = RequestKey(
        json: "bleed", valueName: "MM", help: "How far backgrounds run past the trim in press files, in millimetres.",
        defaultValue: "3")
    public static let cropMarks = RequestKey(
        json: "cropMarks", flag: "crop-marks", valueName: "yes|no",
        help: "Crop marks outside the bleed of press files.", isSwitch: true)
    public static let outputCondition = RequestKey(
        json: "outputCondition", flag: "output-condition", valueName: "CONDITION",
        help: "The printing condition press files are made for: FOGRA39, FOGRA51, FOGRA52, GRACoL2006, SWOP2006 …",
        defaultValue: "FOGRA39")
    public static let accentCMYK = RequestKey(
        json: "accentCMYK", flag: "accent-cmyk", valueName: "C,M,Y,K",
        help: "The accent as CMYK percentages (100,72,0,18), printed exactly in press files.")

    public static let all: [RequestKey] = [
        link, payload, name, tagline, address, template, style, lang, backLang, accent, qrColor, logo, variant, format,
        ecc,
        scanDistance, dpi, printSheet, press, bleed, cropMarks, outputCondition, accentCMYK,
    ]

    /// The key a list column, a JSON key or a form field names.
    public static func key(named name: String) -> RequestKey? {
        all.first { $0.json == name || $0.column == name || $0.flag == name }
    }

    /// Defaults, as values (the table's `defaultValue` says the same in words).
    public static let defaultTemplate = "counter-a5"
    public static let defaultLanguage = "en"
    public static let defaultVariants: [Variant] = [.color, .bw]
    public static let defaultFormats: [OutputFormat] = [.pdf, .svg]
    public static let defaultDPI = 300
    /// The formats a card can be written in; `escpos`, a receipt printer's stream, for a slip template only.
    public static let cardFormats: [OutputFormat] = [.pdf, .svg, .png, .escpos]
}
