/// A card or receipt that cannot be laid out as asked: the colours would not scan or read, or the code would be too
/// dense.
public enum LayoutError: KeyAdvising, Hashable, Sendable {
    case qrContrastTooLow(dark: RGBColor, light: RGBColor, ratio: Double, minimum: Double)
    case qrDarkerGround(dark: RGBColor, light: RGBColor)
    case textContrastTooLow(element: String, text: RGBColor, ground: RGBColor, ratio: Double, minimum: Double)
    case logoNotPNG
    case logoTooLarge(width: Int, height: Int)
    /// A PNG whose chunks do not hold together: cut short, a checksum wrong, no image data or no end.
    case logoDamaged(reason: String)
    case rollBlockTooLong
    /// A character no installed font can draw; Pango would print a box with its hex code. `element` is empty
    /// while the text shaper reports it, and named by the layout that asked.
    case missingGlyph(element: String, codePoint: UInt32)
    /// The trust line would be cut short (its host hidden behind an ellipsis): the business name is too long.
    case trustLineTooLong(template: String, characters: Int)
    /// A code whose size a standard fixes (the Swiss QR-bill's 46 mm) does not fit the template's QR box.
    case qrBoxTooSmall(template: String, neededMillimetres: Double, boxMillimetres: Double)

    public var description: String { description(naming: .plain) }

    public func description(naming name: KeyNaming) -> String {
        func ratio(_ value: Double) -> String { "\(formatDecimal(value, digits: 2)):1" }
        switch self {
        case let .qrContrastTooLow(dark, light, value, minimum):
            return
                "QR colour \(dark.hex) on \(light.hex) has a contrast of \(ratio(value)), too little to scan reliably "
                + "(need at least \(ratio(minimum))); choose a darker colour"
        case let .qrDarkerGround(dark, light):
            return
                "QR modules \(dark.hex) are lighter than their ground \(light.hex); many phone scanners cannot read "
                + "inverted codes, so use a dark colour on a light ground"
        case let .textContrastTooLow(element, text, ground, value, minimum):
            return
                "\(element): text \(text.hex) on \(ground.hex) has a contrast of \(ratio(value)) (need at least "
                + "\(ratio(minimum)), and the ink colour reads no better there); choose a darker \(name("accent")) (or "
                + "a much lighter one, on which the text prints in ink)"
        case .logoNotPNG:
            return "the logo is not a PNG file; export it as PNG"
        case let .logoDamaged(reason):
            return "the logo PNG is damaged (\(reason)), so no viewer could show it; export it again"
        case let .trustLineTooLong(template, characters):
            return
                "the trust line (\"Pay … only at\" and the link's host) does not fit template \"\(template)\" "
                + "even at its smallest size with a business name of \(characters) characters, and it is never cut "
                + "short: "
                + "shorten the \(name("name")) or choose a larger template"
        case let .missingGlyph(element, codePoint):
            let character = Unicode.Scalar(codePoint).map { " \"\(Character($0))\"" } ?? ""
            let name = Unicode.Scalar(codePoint)?.properties.name.map { " (\($0))" } ?? ""
            return
                "\(element.isEmpty ? "" : "\(element): ")the character "
                + "U+\(PrintedText.hex(codePoint))\(character)\(name) is in no installed font and would print as "
                + "a box; remove it, or install a font that has it (scripts/install-deps.sh installs fonts "
                + "for Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, CJK and emoji)"
        case let .qrBoxTooSmall(template, needed, box):
            return
                "a Swiss QR-bill's code is printed 46 mm square, \(formatDecimal(needed, digits: 1)) mm with its quiet "
                + "zone, more than template \"\(template)\"'s \(formatDecimal(box, digits: 1)) mm QR box; choose a "
                + "template with a larger box (\(name("template")))"
        case .rollBlockTooLong:
            return "one part of the receipt is longer than a PDF page may be (5.08 m); shorten its texts"
        case let .logoTooLarge(width, height):
            return
                "the logo is \(width) × \(height) pixels, more than the \(PNGInfo.maximumPixels / 1_000_000) "
                + "megapixels qrdesk decodes; export it at most 4096 pixels on a side (a logo box needs far fewer)"
        }
    }
}

extension LayoutError {
    /// The same error, naming the element whose text was being laid out.
    func naming(_ element: String) -> LayoutError {
        if case let .missingGlyph("", codePoint) = self { return .missingGlyph(element: element, codePoint: codePoint) }
        return self
    }
}

/// Runs a text measurement, naming `element` in a missing-glyph error.
func measuring<T>(_ element: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as LayoutError { throw error.naming(element) }
}
