/// A receipt layout read from `templates/`: the paper, its margins, type sizes and the QR size.
/// Thermal rolls have `height: auto` (the page is as tall as the content); sheets have a fixed height and paginate.
public struct ReceiptTemplate: Sendable {
    public let id: String
    public let title: String
    public let source: String
    public let pageWidth: Double
    /// nil for a roll: one page as tall as the content.
    public let pageHeight: Double?
    public let margin: Double
    public let fontFamily: String
    public let bodySize: Double
    public let smallSize: Double
    public let titleSize: Double
    public let qrSize: Double
    /// The printer's native resolution for PNG (203 for most thermal printers); PNG from a roll is 1-bit.
    public let nativeDPI: Int?
    /// Dots across the printable width at `nativeDPI` (576 for 80 mm, 384 for 58 mm).
    public let printableDots: Int?
    /// The printer profile `--format escpos` uses unless `--printer-profile` names another.
    public let printerProfile: String?
    /// How far the client holds a phone from the receipt's QR codes.
    public let scanDistance: ScanDistance
    /// Item lines also say each item's kind and SKU (`itemCodes: true`); by default they give quantity and price
    /// alone, as a client reads them.
    public var itemCodes = false
    /// On a sheet, the totals and payments stand in a block this wide at the amounts' edge instead of across the page.
    public static let sheetTotalsWidth = Length.mm(80).points

    /// A receipt template that declares no `scanDistance` is read from the hand: 30 cm.
    public static let defaultScanDistance = ScanDistance(metres: 0.3)

    public var isRoll: Bool { pageHeight == nil }
}

struct ReceiptTemplateReader {
    let root: DataField
    let source: String

    func read() throws(FieldError) -> ReceiptTemplate {
        try root.allowKeys([
            "kind", "id", "title", "page", "margin", "font", "type", "qr", "printer", "scanDistance", "itemCodes",
        ])
        try root["page"].allowKeys(["width", "height"])
        try root["type"].allowKeys(["title", "body", "small"])
        try root["qr"].allowKeys(["size"])
        try root["printer"].allowKeys(["dpi", "dots", "profile"])
        let heightField = root["page"]["height"]
        let height: Double? = try heightField.optionalString() == "auto" ? nil : try heightField.length().points
        let dpiField = root["printer"]["dpi"]
        let dotsField = root["printer"]["dots"]
        var template = ReceiptTemplate(
            id: try root["id"].nonEmptyString(),
            title: try root["title"].printedText(limit: PrintedText.shortLimit),
            source: source,
            pageWidth: try root["page"]["width"].length().points,
            pageHeight: height,
            margin: try root["margin"].length().points,
            fontFamily: try root["font"].optionalPrintedText(limit: 100) ?? "Noto Sans",
            bodySize: try root["type"]["body"].length().points,
            smallSize: try root["type"]["small"].length().points,
            titleSize: try root["type"]["title"].length().points,
            qrSize: try root["qr"]["size"].length().points,
            nativeDPI: dpiField.isMissing ? nil : try dpiField.integer(in: 72...1200),
            printableDots: dotsField.isMissing ? nil : try dotsField.integer(in: 64...4_096),
            printerProfile: try root["printer"]["profile"].optionalString(),
            scanDistance: try root["scanDistance"].optionalScanDistance(default: ReceiptTemplate.defaultScanDistance)
        )
        template.itemCodes = try root["itemCodes"].boolean(default: false)
        try TemplatePage.check(
            Size(width: template.pageWidth, height: template.pageHeight ?? template.pageWidth), field: root["page"])
        for (key, size) in [("title", template.titleSize), ("body", template.bodySize), ("small", template.smallSize)]
        where !TemplatePage.textSizes.contains(size) {
            throw root["type"][key].error(
                "must be from \(Length.pt(TemplatePage.textSizes.lowerBound)) to "
                    + "\(Length.pt(TemplatePage.textSizes.upperBound))"
            )
        }
        guard template.qrSize > 0 else { throw root["qr"]["size"].error("must be positive") }
        guard template.pageWidth > 2 * template.margin else {
            throw root["margin"].error("leaves no room for content on a \(Length.pt(template.pageWidth)) wide page")
        }
        guard template.qrSize <= template.pageWidth - 2 * template.margin else {
            throw root["qr"]["size"].error(
                "is wider than the printable width \(Length.pt(template.pageWidth - 2 * template.margin))")
        }
        if let dpi = template.nativeDPI, let dots = template.printableDots {
            let printable = Double(dots) / Double(dpi) * 72
            guard template.pageWidth - 2 * template.margin <= printable + 0.05 else {
                throw root["margin"].error(
                    "leaves \(Length.pt(template.pageWidth - 2 * template.margin)) of content, wider than the "
                        + "\(Length.pt(printable)) the printer's \(dots) dots at \(dpi) dpi print; widen the margin"
                )
            }
        }
        return template
    }
}
