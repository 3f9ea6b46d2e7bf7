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
    /// The side being laid out: the template's elements (with the code), or a two-sided card's front.
    var elements: [CardElement]
    var flow: CardFlow?

    public init(template: CardTemplate, content: CardContent, strings: StringCatalog, measurer: any TextMeasuring) {
        self.template = template
        self.content = content
        self.strings = strings
        self.measurer = measurer
        self.elements = template.elements
        self.flow = template.flow
    }

    /// A text as it prints: its words, and the parts set bold (the trust line's name and host).
    struct ResolvedText {
        var text: String
        var boldRanges: [Range<Int>] = []
        /// A numbered text's hanging indent in ems (`hangingIndent(of:style:)`), measured once with its fit.
        var hangingIndentEm: Double = 0
    }

    /// Texts with their placeholders filled in; an element whose text comes out empty is left off the card.
    /// `{trust}` is the catalog's sentence ("Pay {name} only at {host}") with the name and the link's host bold;
    /// for a scheme payload, who it pays, bold.
    func resolvedText(_ pattern: String, shortTrust: Bool = false) -> ResolvedText {
        let language = content.language
        let rightToLeft = StringCatalog.isRightToLeft(language)
        // In a right-to-left sentence a Latin name or host keeps its own order (first strong / left to right).
        func isolated(_ text: String, leftToRight: Bool) -> String {
            guard rightToLeft, !text.isEmpty else { return text }
            return (leftToRight ? "\u{2066}" : "\u{2068}") + text + "\u{2069}"
        }
        var values: [String: String] = [
            "headline": strings.text("headline", language: language),
            "step1": strings.text("step1", language: language),
            "step2": strings.text("step2", language: language),
            "step3": strings.text("step3", language: language),
            // A link can be typed in; a scheme payload cannot, so the card names who it pays instead.
            "fallback": strings.text(content.code.link == nil ? "payee" : "fallback", language: language),
            "name": content.businessName,
            "tagline": content.tagline ?? "",
            "address": content.address ?? "",
            "link": content.code.displayText,
            "path": content.code.link.map(Self.path) ?? "",
            "nextVisit": strings.text("nextVisit", language: language),
            "visitDate": strings.text("visitDate", language: language),
            "visitTime": strings.text("visitTime", language: language),
            "trust.name": isolated(content.businessName, leftToRight: false),
            "trust.host": isolated(content.code.link?.host ?? "", leftToRight: true),
            "trust.code": isolated(content.code.displayText, leftToRight: false),
        ]
        var expanded = pattern
        if pattern.contains("{trust}") {
            let sentence =
                content.code.link == nil
                ? strings.text("payee", language: language) + " {code}"
                : strings.text(shortTrust ? "trustShort" : "trust", language: language)
            let trust = sentence.replacingOccurrences(of: "{name}", with: "{trust.name}")
                .replacingOccurrences(of: "{host}", with: "{trust.host}")
                .replacingOccurrences(of: "{code}", with: "{trust.code}")
            expanded = pattern.replacingOccurrences(of: "{trust}", with: trust)
            values["trust"] = ""
        }
        // The reader refused unclosed braces; a pattern made elsewhere prints as written.
        guard let parsed = try? TextPattern(expanded) else {
            return ResolvedText(text: expanded.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let filled = parsed.filled(values, emphasised: ["trust.name", "trust.host", "trust.code"])
        return ResolvedText(text: filled.text, boldRanges: filled.ranges)
    }

    /// A link's path and query, printed muted under the trust line: `/p/Xk9fA2`.
    static func path(_ link: PaymentLink) -> String {
        let shown = link.displayText
        guard let slash = shown.firstIndex(of: "/") else { return "" }
        return String(shown[slash...])
    }

    /// Band text must read at 4.5:1 (WCAG AA for normal text); text on paper at 3:1, as every headline is large.
    public static let minimumBandTextContrast = 4.5

    /// One document per variant: the card's page, or a two-sided card's front and back (the code's side).
    public func documents(
        matrix: QRMatrix, variants: [Variant], metadata: DocumentMetadata
    ) throws -> [Variant: Document] {
        guard template.qrElement != nil else {
            throw TemplateError.invalid(file: template.source, field: "elements", reason: "no qr element")
        }
        let backs = try pages(matrix: matrix, variants: variants)
        guard let front = template.front else {
            return backs.mapValues { Document(metadata: metadata, pages: [$0]) }
        }
        var frontSide = self
        frontSide.elements = front.elements
        frontSide.flow = front.flow
        let fronts = try frontSide.pages(matrix: matrix, variants: variants)
        return backs.reduce(into: [:]) { documents, entry in
            guard let frontPage = fronts[entry.key] else { return }
            documents[entry.key] = Document(metadata: metadata, pages: [frontPage, entry.value])
        }
    }

    /// The side's code, if it carries one.
    var qrElement: CardElement.QR? {
        elements.lazy.compactMap { if case let .qr(qr) = $0.kind { qr } else { nil } }.first
    }

    /// The side's page per variant.
    func pages(matrix: QRMatrix, variants: [Variant]) throws -> [Variant: Page] {
        // The module size was chosen before encoding (QRSizing); this guards a caller that skipped it.
        if let qr = qrElement {
            try checkModuleSize(qr, matrix: matrix)
        }
        if let logo = content.logoPNG { _ = try PNGInfo.checkLogo(logo) }
        return try laidOutPages(matrix: matrix, variants: variants)
    }

    func checkModuleSize(_ qr: CardElement.QR, matrix: QRMatrix) throws {
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
    }

    func laidOutPages(matrix: QRMatrix, variants: [Variant]) throws -> [Variant: Page] {
        // Fit texts once: sizes depend on the words, not on the colours.
        let fitter = TextFitter(measurer: measurer)
        var fits: [Int: (ResolvedText, TextFitter.Fit)] = [:]
        for (index, element) in elements.enumerated() {
            guard case let .text(spec) = element.kind else { continue }
            var text = resolvedText(spec.content)
            if text.text.isEmpty { continue }
            var style = TextStyle(
                family: template.fontFamily, size: spec.size, weight: spec.weight, alignment: spec.alignment,
                boldRanges: text.boldRanges)
            if spec.centredBlock {
                text.hangingIndentEm = try hangingIndent(of: text.text, style: style)
                style.hangingIndentEm = text.hangingIndentEm
            }
            var fit = try measuring(element.name) {
                try fitter.fit(text.text, in: spec.frame, style: style, minSize: spec.minSize)
            }
            // The trust line names the host to check: an ellipsis must never hide it. A name too long for the
            // sentence (it is printed large above) leaves it: "Pay only at pay.example.com".
            if spec.content.contains("{trust}"), fit.maxLines != nil {
                text = resolvedText(spec.content, shortTrust: true)
                style.boldRanges = text.boldRanges
                fit = try measuring(element.name) {
                    try fitter.fit(text.text, in: spec.frame, style: style, minSize: spec.minSize)
                }
                if fit.maxLines != nil {
                    throw LayoutError.trustLineTooLong(template: template.id, characters: content.businessName.count)
                }
            }
            fits[index] = (text, fit)
        }
        let label = try qrElement.flatMap { try fitLabel(of: $0, fitter: fitter) }
        let (shifts, growth, pageHeight) = reflow(fits: fits)
        let pageSize = Size(width: template.pageSize.width, height: pageHeight)

        var pages: [Variant: Page] = [:]
        for variant in variants {
            let palette = try self.palette(for: variant)
            var items: [DrawItem] = []
            for (index, element) in elements.enumerated() {
                let shift = shifts[index]
                switch element.kind {
                case let .band(frame, role, radius):
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .fill(frame.offsetBy(y: shift), palette[role]!, cornerRadius: radius)))
                case let .frame(frame, role, lineWidth, radius):
                    // Stroke inside the box, so the frame's outer edge is the box's edge.
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .stroke(
                                frame.offsetBy(y: shift).insetBy(lineWidth / 2), palette[role]!,
                                lineWidth: lineWidth, cornerRadius: radius)))
                case let .text(spec):
                    guard let (text, fit) = fits[index] else { continue }
                    var frame = spec.frame.offsetBy(y: shift)
                    if flow != nil { frame.height = min(frame.height, fit.metrics.height) }
                    if spec.centredBlock {
                        // Half a point more than the widest line, so the lines break where they were measured.
                        let width = min(frame.width, fit.metrics.width + 0.5)
                        frame = Rect(
                            x: frame.x + (frame.width - width) / 2, y: frame.y, width: width, height: frame.height)
                    }
                    let ground = groundColor(under: spec.frame, before: index, palette: palette)
                    let color = try readableColor(
                        palette[spec.color]!, on: ground, element: element.name, palette: palette)
                    var style = TextStyle(
                        family: template.fontFamily, size: fit.size, weight: spec.weight, color: color,
                        alignment: spec.alignment, boldRanges: text.boldRanges)
                    style.hangingIndentEm = text.hangingIndentEm
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .text(TextBox(text: text.text, style: style, frame: frame, maxLines: fit.maxLines))))
                case let .qr(spec):
                    let dark = (variant == .color ? content.qrColor : nil) ?? palette[spec.dark]!
                    let light = palette[spec.light]!
                    try Self.checkQRColors(dark: dark, light: light)
                    // A reflowing card gives spare room to the code: the box grows about its centre line.
                    let box = Rect(
                        x: spec.frame.x - growth / 2, y: spec.frame.y + shift, width: spec.frame.width + growth,
                        height: spec.frame.height + growth)
                    let symbolFrame = try self.symbolFrame(in: box, quietZone: spec.quietZone, matrix: matrix)
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
                    if let labelled = spec.labelledFrame {
                        items += try frameItems(
                            labelled, around: box, label: label, name: element.name, palette: palette)
                    }
                case let .logo(frame):
                    guard let logo = content.logoPNG, let info = PNGInfo(logo) else { continue }
                    var fitted = info.aspectFit(in: frame)
                    // A reflowing card keeps the logo at the top of its box: the rows below close up to it.
                    if flow != nil { fitted.y = frame.y }
                    items.append(
                        DrawItem(
                            name: element.name,
                            shape: .image(
                                ImageBox(
                                    png: logo, frame: fitted.offsetBy(y: shift),
                                    monochrome: variant == .bw))))
                }
            }
            var page = Page(size: pageSize, items: items)
            page.cut = template.cut.map {
                DieCut.Shape(rect: Rect(x: 0, y: 0, width: pageSize.width, height: pageSize.height), radius: $0.radius)
            }
            pages[variant] = page
        }
        return pages
    }

    /// The width, in ems, of a numbered text's number and the spaces after it ("1   "): where its wrapped lines
    /// continue. Zero for a text that does not start with a number.
    func hangingIndent(of text: String, style: TextStyle) throws -> Double {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return 0 }
        let prefix = digits + text.dropFirst(digits.count).prefix { $0 == " " }
        var probe = style
        probe.size = 100
        probe.boldRanges = []
        return try measurer.measure(String(prefix), style: probe, width: 100_000, maxLines: nil).width / 100
    }

    /// The labelled frame's label fitted to its tab's line, or nil without a frame or with an empty label.
    func fitLabel(of qr: CardElement.QR, fitter: TextFitter) throws -> (ResolvedText, TextFitter.Fit)? {
        guard let labelled = qr.labelledFrame else { return nil }
        let text = resolvedText(labelled.label)
        guard !text.text.isEmpty else { return nil }
        let line = Rect(
            x: 0, y: 0, width: labelled.outerFrame(around: qr.frame).width - 2 * labelled.labelLineHeight,
            height: labelled.labelLineHeight)
        let style = TextStyle(
            family: template.fontFamily, size: labelled.labelSize, weight: .bold, alignment: .center,
            boldRanges: text.boldRanges)
        return (
            text,
            try measuring("\(qrName)-label") {
                try fitter.fit(text.text, in: line, style: style, minSize: labelled.labelMinSize)
            }
        )
    }

    var qrName: String {
        elements.first { if case .qr = $0.kind { true } else { false } }?.name ?? "qr"
    }

    /// The frame around the quiet zone and the tab on its top edge with the label.
    func frameItems(
        _ labelled: CardElement.QRFrame, around box: Rect, label: (ResolvedText, TextFitter.Fit)?, name: String,
        palette: [String: RGBColor]
    ) throws -> [DrawItem] {
        // A frame line the paper swallows (a very light accent) is drawn in the ink colour instead; the tab keeps
        // the accent, its label then in ink.
        let accent = palette[labelled.color]!
        var color = accent
        if color.contrastRatio(with: .white) < Self.minimumTextContrast, let ink = palette[Self.inkRole] { color = ink }
        let outer = labelled.outerFrame(around: box)
        var items = [
            DrawItem(
                name: "\(name)-frame",
                shape: .stroke(
                    outer.insetBy(labelled.lineWidth / 2), color, lineWidth: labelled.lineWidth,
                    cornerRadius: max(0, labelled.cornerRadius - labelled.lineWidth / 2)))
        ]
        guard let (text, fit) = label else { return items }
        let padding = labelled.labelLineHeight * 0.6
        let tab = labelled.tab(around: box, width: min(outer.width, fit.metrics.width + 2 * padding))
        items.append(
            DrawItem(
                name: "\(name)-tab", shape: .fill(tab, accent, cornerRadius: min(labelled.lineWidth, tab.height / 2))))
        let textColor = try readableColor(
            palette[labelled.labelColor]!, on: accent, element: "\(name)-label", palette: palette)
        let style = TextStyle(
            family: template.fontFamily, size: fit.size, weight: .bold, color: textColor, alignment: .center,
            boldRanges: text.boldRanges)
        let line = Rect(
            x: tab.x, y: tab.y + (tab.height - labelled.labelLineHeight) / 2, width: tab.width,
            height: labelled.labelLineHeight)
        items.append(
            DrawItem(
                name: "\(name)-label",
                shape: .text(TextBox(text: text.text, style: style, frame: line, maxLines: fit.maxLines ?? 1))))
        return items
    }

    /// The vertical shift of every element, how much the code grows (zero unless the template reflows,
    /// `CardReflow`) and the page's height: the template's, or for a slip where its content ends (on whole dots).
    func reflow(
        fits: [Int: (ResolvedText, TextFitter.Fit)]
    ) -> (shifts: [Double], growth: Double, pageHeight: Double) {
        var shifts = [Double](repeating: 0, count: elements.count)
        guard let flow else { return (shifts, 0, template.pageSize.height) }
        var items: [CardReflow.Item] = [], indices: [Int] = []
        var growable: Int?, maxGrowth = 0.0
        for (index, element) in elements.enumerated() {
            var extent = element.extent
            let used: Double
            switch element.kind {
            case .text:
                // A text takes its ink's place, capitals to descenders: the gaps between rows are what the eye sees.
                guard let (_, fit) = fits[index] else { continue }
                let inkTop = min(max(0, fit.metrics.inkTop), extent.height)
                extent.y += inkTop
                extent.height -= inkTop
                used = min(extent.height, max(0, fit.metrics.inkBottom - inkTop))
            case let .logo(frame):
                guard let logo = content.logoPNG, let info = PNGInfo(logo) else { continue }
                used = info.aspectFit(in: frame).height
            case .qr:
                used = element.extent.height
                growable = items.count
                maxGrowth = 2 * min(extent.x - flow.side, template.pageSize.width - flow.side - extent.maxX)
            default:
                used = element.extent.height
            }
            // The designer's gap above the element's box (not its ink) weighs its share of the room.
            let box = element.extent
            let above = elements.map(\.extent).filter { $0.maxY <= box.y + 1e-6 }.map(\.maxY).max()
            items.append(
                CardReflow.Item(
                    extent: extent, usedHeight: used, gapAbove: box.y - (above ?? box.y), inkInset: extent.y - box.y))
            indices.append(index)
        }
        let top = elements.map(\.extent.y).min() ?? 0
        var pageHeight = template.pageSize.height
        // A slip is torn from its roll, never trimmed: no press margin, and cut where its content ends.
        let safeMargin = template.printer == nil ? CardReflow.pressSafeMargin : 0
        if let printer = template.printer {
            let fitted = CardReflow.fittedHeight(
                items, top: top, bottom: flow.bottom, gap: flow.gap, safeMargin: safeMargin)
            pageHeight = min(pageHeight, (fitted * printer.scale).rounded(.up) / printer.scale)
        }
        let placement = CardReflow.place(
            items, top: top, pageHeight: pageHeight, bottom: flow.bottom, gap: flow.gap, growable: growable,
            maxGrowth: maxGrowth, safeMargin: safeMargin)
        for (position, index) in indices.enumerated() where position < placement.shifts.count {
            shifts[index] = placement.shifts[position]
        }
        return (shifts, placement.growth, pageHeight)
    }

    /// The palette role a text falls back to when its own colour does not read on its ground.
    static let inkRole = "ink"

    /// `color` when it reads on `ground` (4.5:1 on a band or tab, 3:1 on paper), else the palette's ink when that
    /// does — a light accent's band takes ink-coloured text instead of being refused — else a refusal (a middle
    /// tone on which neither reads).
    func readableColor(
        _ color: RGBColor, on ground: RGBColor, element: String, palette: [String: RGBColor]
    ) throws -> RGBColor {
        let minimum = ground == .white ? Self.minimumTextContrast : Self.minimumBandTextContrast
        if color.contrastRatio(with: ground) >= minimum { return color }
        if let ink = palette[Self.inkRole], ink.contrastRatio(with: ground) >= minimum { return ink }
        throw LayoutError.textContrastTooLow(
            element: element, text: color, ground: ground, ratio: color.contrastRatio(with: ground), minimum: minimum)
    }

    /// Where the symbol and its quiet zone are drawn: the template's QR box, except for a Swiss QR-bill's code,
    /// which its standard fixes at 46 mm without the quiet zone, centred in the box.
    func symbolFrame(in box: Rect, quietZone: Int, matrix: QRMatrix) throws(LayoutError) -> Rect {
        if let printer = template.printer {
            return Self.onDots(
                box, printer: printer, pageWidth: template.pageSize.width, modules: matrix.width + 2 * quietZone)
        }
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

    /// A slip's code on the printer's dot grid: whole dots per module (as many as the box holds), centred in the
    /// box, its corner on a dot, so every module prints the same width.
    static func onDots(_ box: Rect, printer: RollPrinter, pageWidth: Double, modules: Int) -> Rect {
        let scale = printer.scale, originX = printer.originX(pageWidth: pageWidth)
        let moduleDots = (box.width * scale / Double(modules) + 1e-9).rounded(.down)
        let side = moduleDots * Double(modules) / scale
        let x = originX + ((box.x + (box.width - side) / 2 - originX) * scale).rounded() / scale
        let y = ((box.y + (box.height - side) / 2) * scale).rounded() / scale
        return Rect(x: x, y: y, width: side, height: side)
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
        for element in elements[..<index].reversed() {
            if case let .band(band, role, _) = element.kind,
                band.x <= centre.x, centre.x <= band.maxX, band.y <= centre.y, centre.y <= band.maxY
            {
                return palette[role]!
            }
        }
        return .white
    }
}
