/// Lays a card's content into a template: fits every text once, then paints one document per variant's palette.
public struct CardLayout {
    /// WCAG AA for normal text: below it, phone cameras in a dim salon start missing modules.
    public static let minimumQRContrast = 4.5
    /// WCAG AA for large text, which every card headline is.
    public static let minimumTextContrast = 3.0
    public static let minimumModuleMillimetres = QRModuleRule.printFloorMillimetres

    let template: CardTemplate
    let content: CardContent
    let strings: StringCatalog
    let measurer: any TextMeasuring

    public init(template: CardTemplate, content: CardContent, strings: StringCatalog, measurer: any TextMeasuring) {
        self.template = template
        self.content = content
        self.strings = strings
        self.measurer = measurer
    }

    /// Texts with their placeholders filled in; an element whose text comes out empty is left off the card.
    func resolvedText(_ pattern: String) -> String {
        let values: [String: String] = [
            "headline": strings.text("headline", language: content.language),
            "step1": strings.text("step1", language: content.language),
            "step2": strings.text("step2", language: content.language),
            "step3": strings.text("step3", language: content.language),
            // A link can be typed in; a scheme payload cannot, so the card names who it pays instead.
            "fallback": strings.text(content.code.link == nil ? "payee" : "fallback", language: content.language),
            "name": content.businessName,
            "tagline": content.tagline ?? "",
            "address": content.address ?? "",
            "link": content.code.displayText,
        ]
        // The reader refused unclosed braces; a pattern made elsewhere prints as written.
        guard let parsed = try? TextPattern(pattern) else {
            return pattern.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return parsed.filled(values)
    }

    public func documents(
        matrix: QRMatrix, variants: [Variant], metadata: DocumentMetadata
    ) throws -> [Variant: Document] {
        guard let qr = template.qrElement else {
            throw TemplateError.invalid(file: template.source, field: "elements", reason: "no qr element")
        }
        // The module size was chosen before encoding (QRSizing); this guards a caller that skipped it.
        let modulesAcross = matrix.width + 2 * qr.quietZone
        let symbolFrame = try self.symbolFrame(in: qr.frame, quietZone: qr.quietZone, matrix: matrix)
        guard
            Length.pt(symbolFrame.width / Double(modulesAcross)).millimetres
                >= Self.minimumModuleMillimetres * (1 - 1e-9)
        else {
            throw QRSizing(
                boxMillimetres: Length.pt(qr.frame.width).millimetres, quietZone: qr.quietZone,
                printFloorMillimetres: Self.minimumModuleMillimetres, scanDistance: template.scanDistance
            )
            .refusal(
                linkBytes: content.code.byteCount, level: matrix.level, version: matrix.version,
                template: template.id)
        }
        if let logo = content.logoPNG { _ = try PNGInfo.checkLogo(logo) }

        // Fit texts once: sizes depend on the words, not on the colours.
        let fitter = TextFitter(measurer: measurer)
        var fits: [Int: (String, TextFitter.Fit)] = [:]
        for (index, element) in template.elements.enumerated() {
            guard case let .text(spec) = element.kind else { continue }
            let text = resolvedText(spec.content)
            if text.isEmpty { continue }
            let style = TextStyle(
                family: template.fontFamily, size: spec.size, weight: spec.weight, alignment: spec.alignment)
            fits[index] = (
                text,
                try measuring(element.name) {
                    try fitter.fit(text, in: spec.frame, style: style, minSize: spec.minSize)
                }
            )
        }

        var documents: [Variant: Document] = [:]
        for variant in variants {
            let palette = try self.palette(for: variant)
            var items: [DrawItem] = []
            for (index, element) in template.elements.enumerated() {
                switch element.kind {
                case let .band(frame, role, radius):
                    items.append(
                        DrawItem(name: element.name, shape: .fill(frame, palette[role]!, cornerRadius: radius)))
                case let .frame(frame, role, lineWidth, radius):
                    // Stroke inside the box, so the frame's outer edge is the box's edge.
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .stroke(
                                frame.insetBy(lineWidth / 2), palette[role]!,
                                lineWidth: lineWidth, cornerRadius: radius)))
                case let .text(spec):
                    guard let (text, fit) = fits[index] else { continue }
                    let color = palette[spec.color]!
                    let ground = groundColor(under: spec.frame, before: index, palette: palette)
                    let contrast = color.contrastRatio(with: ground)
                    if contrast < Self.minimumTextContrast {
                        throw LayoutError.textContrastTooLow(
                            element: element.name, text: color, ground: ground,
                            ratio: contrast, minimum: Self.minimumTextContrast)
                    }
                    let style = TextStyle(
                        family: template.fontFamily, size: fit.size, weight: spec.weight, color: color,
                        alignment: spec.alignment)
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .text(TextBox(text: text, style: style, frame: spec.frame, maxLines: fit.maxLines))))
                case let .qr(spec):
                    let dark = (variant == .color ? content.qrColor : nil) ?? palette[spec.dark]!
                    let light = palette[spec.light]!
                    try Self.checkQRColors(dark: dark, light: light)
                    var symbol = QRSymbol(
                        matrix: matrix, frame: symbolFrame, quietZone: spec.quietZone, dark: dark, light: light)
                    symbol.hasSwissCross = content.code.scheme == .swiss
                    items.append(DrawItem(name: element.name, shape: .qr(symbol)))
                    if symbol.hasSwissCross {
                        let centre = Point(
                            x: symbolFrame.x + symbolFrame.width / 2, y: symbolFrame.y + symbolFrame.height / 2)
                        for (number, shape) in SwissCross.shapes(centredOn: centre).enumerated() {
                            items.append(DrawItem(name: "\(element.name)-swiss-cross-\(number)", shape: shape))
                        }
                    }
                case let .logo(frame):
                    guard let logo = content.logoPNG, let info = PNGInfo(logo) else { continue }
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .image(
                                ImageBox(
                                    png: logo, frame: info.aspectFit(in: frame),
                                    monochrome: variant == .bw))))
                }
            }
            documents[variant] = Document(metadata: metadata, pages: [Page(size: template.pageSize, items: items)])
        }
        return documents
    }

    /// Where the symbol and its quiet zone are drawn: the template's QR box, except for a Swiss QR-bill's code,
    /// which its standard fixes at 46 mm without the quiet zone, centred in the box.
    func symbolFrame(in box: Rect, quietZone: Int, matrix: QRMatrix) throws(LayoutError) -> Rect {
        guard content.code.scheme == .swiss else { return box }
        let module = Length.mm(SwissCross.symbolMillimetres).points / Double(matrix.width)
        let side = module * Double(matrix.width + 2 * quietZone)
        guard side <= min(box.width, box.height) * (1 + 1e-9) else {
            throw .qrBoxTooSmall(
                template: template.id, neededMillimetres: Length.pt(side).millimetres,
                boxMillimetres: Length.pt(box.width).millimetres)
        }
        return Rect(x: box.x + (box.width - side) / 2, y: box.y + (box.height - side) / 2, width: side, height: side)
    }

    public static func checkQRColors(dark: RGBColor, light: RGBColor) throws(LayoutError) {
        if dark.relativeLuminance >= light.relativeLuminance { throw .qrDarkerGround(dark: dark, light: light) }
        let contrast = dark.contrastRatio(with: light)
        if contrast < minimumQRContrast {
            throw .qrContrastTooLow(dark: dark, light: light, ratio: contrast, minimum: minimumQRContrast)
        }
    }

    func palette(for variant: Variant) throws -> [String: RGBColor] {
        let accent = (variant == .color ? content.accent : nil) ?? template.defaultAccent
        return (template.palettes[variant] ?? [:]).mapValues { $0.resolve(accent: accent) }
    }

    /// The colour a text sits on: the last band drawn before it that covers its centre, else white paper.
    func groundColor(under frame: Rect, before index: Int, palette: [String: RGBColor]) -> RGBColor {
        let centre = Point(x: frame.x + frame.width / 2, y: frame.y + frame.height / 2)
        for element in template.elements[..<index].reversed() {
            if case let .band(band, role, _) = element.kind,
                band.x <= centre.x, centre.x <= band.maxX, band.y <= centre.y, centre.y <= band.maxY
            {
                return palette[role]!
            }
        }
        return .white
    }
}
