/// Reads and checks one card template document. Every error names the field; the caller adds the file.
struct CardTemplateReader {
    /// Placeholders a card text may use; anything else in braces is a typo.
    static let placeholders: Set<String> = [
        "headline", "name", "tagline", "address", "step1", "step2", "step3", "link", "fallback", "trust", "path",
        "nextVisit", "visitDate", "visitTime",
    ]
    static let minimumQuietZone = QRModuleRule.quietZone

    let root: DataField
    let source: String

    /// Keys each element type may have; anything else is a typo that would silently take a default.
    static let elementKeys: [String: [String]] = [
        "band": ["type", "name", "box", "color", "radius"],
        "frame": ["type", "name", "box", "color", "line", "radius"],
        "text": ["type", "name", "box", "text", "size", "minSize", "weight", "align", "color", "block"],
        "qr": ["type", "name", "box", "quietZone", "dark", "light", "frame"],
        "logo": ["type", "name", "box"],
    ]

    func read() throws(FieldError) -> CardTemplate {
        try root.allowKeys([
            "kind", "id", "title", "page", "font", "accent", "accentCMYK", "palettes", "elements", "scanDistance",
            "flow", "fold", "printer", "front", "cut",
        ])
        try root["page"].allowKeys(["width", "height"])
        try root["palettes"].allowKeys(Variant.allCases.map(\.rawValue))
        let id = try root["id"].nonEmptyString()
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw root["id"].error("use only letters, digits, \"-\" and \"_\", got \"\(id)\"")
        }
        let page = Size(
            width: try root["page"]["width"].length().points, height: try root["page"]["height"].length().points)
        try TemplatePage.check(page, field: root["page"])

        let palettes = try readPalettes()
        let roles = Set(palettes.values.flatMap(\.keys))
        let scanDistance = try root["scanDistance"].optionalScanDistance(default: CardTemplate.defaultScanDistance)
        var elements: [CardElement] = []
        for (index, field) in try root["elements"].items().enumerated() {
            let element = try readElement(field, index: index, page: page, roles: roles, palettes: palettes)
            try checkLegibility(element, field: field, distance: scanDistance)
            elements.append(element)
        }
        try checkGeometry(elements, fields: try root["elements"].items())

        let accentField = root["accent"]
        var accent = RGBColor(red: 0x1A, green: 0x73, blue: 0xE8)
        if !accentField.isMissing {
            guard let parsed = RGBColor(hex: try accentField.string()) else {
                throw accentField.error(
                    "expected a colour such as \"#1A73E8\", got \"\(Excerpt.of(try accentField.string(), limit: 20))\"")
            }
            accent = parsed
        }
        var accentCMYK: CMYKColor?
        if let text = try root["accentCMYK"].optionalString() {
            guard let parsed = CMYKColor(percentages: text) else {
                throw root["accentCMYK"].error(
                    "expected four percentages C,M,Y,K such as \"100,72,0,18\", got \"\(Excerpt.of(text, limit: 24))\"")
            }
            accentCMYK = parsed
        }
        var template = CardTemplate(
            id: id,
            title: try root["title"].printedText(limit: PrintedText.shortLimit),
            source: source,
            pageSize: page,
            fontFamily: try root["font"].optionalPrintedText(limit: 100) ?? "Noto Sans",
            defaultAccent: accent,
            palettes: palettes,
            elements: elements,
            scanDistance: scanDistance
        )
        template.defaultAccentCMYK = accentCMYK
        template.flow = try readFlow(root["flow"], page: page)
        template.front = try readFront(page: page, roles: roles, palettes: palettes, distance: scanDistance)
        template.foldMargin = try readFold(elements, page: page)
        template.printer = try readPrinter(page: page)
        template.cut = try readCut(page: page)
        return template
    }

    /// `cut: { radius: 10mm, bleed: 2mm }`: a die-cut sticker, its corners rounded (a circle at half the side).
    private func readCut(page: Size) throws(FieldError) -> DieCut? {
        let field = root["cut"]
        guard !field.isMissing else { return nil }
        try field.allowKeys(["radius", "bleed"])
        let radius = try field["radius"].length().points
        guard radius >= 0, radius <= min(page.width, page.height) / 2 + 1e-6 else {
            throw field["radius"].error("must be from 0mm to half the page's shorter side")
        }
        let bleed = try field["bleed"].optionalLength(default: .mm(2)).points
        guard bleed >= 0, bleed <= Length.mm(10).points else { throw field["bleed"].error("must be 0mm to 10mm") }
        return DieCut(radius: radius, bleed: bleed)
    }

    /// `flow: {bottom, gap, side}`, or nil when the card keeps its boxes where they are.
    private func readFlow(_ flow: DataField, page: Size) throws(FieldError) -> CardFlow? {
        guard !flow.isMissing else { return nil }
        guard flow.isMapping else {
            throw flow.error("expected {bottom, gap, side}: the reflowed card's foot margin, gap and sides")
        }
        try flow.allowKeys(["bottom", "gap", "side"])
        func length(_ key: String, default value: Length) throws(FieldError) -> Double {
            let length = try flow[key].optionalLength(default: value).points
            guard length >= 0, length < page.height / 4 else {
                throw flow[key].error("must be from 0mm to a quarter of the page's height")
            }
            return length
        }
        return CardFlow(
            bottom: try length("bottom", default: .mm(8)), gap: try length("gap", default: .mm(6)),
            side: try length("side", default: .mm(8)))
    }

    /// `front: { flow, elements }`: a two-sided card's first page (the name, contact, a line to write the next
    /// visit on), printed on the back of the page that carries the code (`elements`).
    private func readFront(
        page: Size, roles: Set<String>, palettes: [Variant: [String: ColorReference]], distance: ScanDistance
    ) throws(FieldError) -> CardSide? {
        let field = root["front"]
        guard !field.isMissing else { return nil }
        try field.allowKeys(["flow", "elements"])
        var elements: [CardElement] = []
        for (index, item) in try field["elements"].items().enumerated() {
            let element = try readElement(item, index: index, page: page, roles: roles, palettes: palettes)
            if case .qr = element.kind {
                throw item["type"].error("the front has no code: the code and its trust line go on the back (elements)")
            }
            try checkLegibility(element, field: item, distance: distance)
            elements.append(element)
        }
        guard !elements.isEmpty else { throw field["elements"].error("is empty: give the front something to print") }
        return CardSide(elements: elements, flow: try readFlow(field["flow"], page: page))
    }

    /// `printer: { dpi: 203, dots: 576, profile: generic-80mm }`: a slip for a receipt printer, whose page must fit
    /// the dots it prints.
    private func readPrinter(page: Size) throws(FieldError) -> RollPrinter? {
        let field = root["printer"]
        guard !field.isMissing else { return nil }
        try field.allowKeys(["dpi", "dots", "profile"])
        let printer = RollPrinter(
            dpi: try field["dpi"].integer(in: 72...1200), dots: try field["dots"].integer(in: 64...4_096),
            profile: try field["profile"].nonEmptyString())
        guard page.width <= printer.printableWidth + 0.05 else {
            throw root["page"]["width"].error(
                "is wider than the \(Length.pt(printer.printableWidth)) the printer's \(printer.dots) dots at "
                    + "\(printer.dpi) dpi print; make the page at most that wide")
        }
        return printer
    }

    /// `fold: 4mm`: the page is one panel of a folded table tent, folded at its top edge, and nothing is drawn
    /// that close to the fold (a fold through a letter or a code's quiet zone spoils both).
    private func readFold(_ elements: [CardElement], page: Size) throws(FieldError) -> Double? {
        let field = root["fold"]
        guard !field.isMissing else { return nil }
        let margin = try field.length().points
        guard margin > 0, margin < page.height / 4 else {
            throw field.error("must be more than 0mm and less than a quarter of the page's height")
        }
        for (element, elementField) in zip(elements, try root["elements"].items())
        where element.extent.y < margin - 1e-6 {
            throw elementField["box"].error(
                "starts \(formatDecimal(Length.pt(element.extent.y).millimetres, digits: 1)) mm from the fold; "
                    + "keep everything \(formatDecimal(Length.pt(margin).millimetres, digits: 1)) mm from it, as fold: "
                    + "says")
        }
        return margin
    }

    private func readPalettes() throws(FieldError) -> [Variant: [String: ColorReference]] {
        var palettes: [Variant: [String: ColorReference]] = [:]
        for variant in Variant.allCases {
            let field = root["palettes"][variant.rawValue]
            guard field.isMapping else {
                throw field.error("is required: a mapping of colour roles for the \(variant.rawValue) variant")
            }
            var palette: [String: ColorReference] = [:]
            for key in field.keys {
                let entry = field[key]
                let text = try entry.string()
                guard let reference = ColorReference(parsing: text) else {
                    throw entry.error("expected a colour such as \"#1A73E8\" or \"accent\", got \"\(text)\"")
                }
                if variant == .bw {
                    // Black-and-white must print crisply on any laser or thermal printer: no grey, no colour.
                    guard case let .fixed(color) = reference, color == .black || color == .white else {
                        throw entry.error("the bw palette may use only \"#000000\" and \"#FFFFFF\"")
                    }
                }
                palette[key] = reference
            }
            palettes[variant] = palette
        }
        let colorRoles = Set(palettes[.color]!.keys), bwRoles = Set(palettes[.bw]!.keys)
        if let missing = colorRoles.symmetricDifference(bwRoles).sorted().first {
            let variant = colorRoles.contains(missing) ? "bw" : "color"
            throw root["palettes"][variant].error("is missing the role \"\(missing)\" that the other palette defines")
        }
        return palettes
    }

    private func readElement(
        _ field: DataField, index: Int, page: Size, roles: Set<String>,
        palettes: [Variant: [String: ColorReference]]
    ) throws(FieldError) -> CardElement {
        let type = try field["type"].string()
        guard let known = Self.elementKeys[type] else {
            let hint = Suggestion.closest(to: type, in: Self.elementKeys.keys).map { "did you mean \"\($0)\"? " } ?? ""
            throw field["type"].error(
                "\(hint)expected one of band, frame, text, qr, logo, got \"\(Excerpt.of(type, limit: 20))\"")
        }
        try field.allowKeys(known)
        let name = try field["name"].optionalPrintedText(limit: 100) ?? "\(type)-\(index + 1)"
        let frame = try readBox(field["box"])
        func role(_ key: String) throws(FieldError) -> String { try colorRole(field[key], roles: roles) }
        let kind: CardElement.Kind
        switch type {
        case "band":
            kind = .band(
                frame: frame, color: try role("color"),
                cornerRadius: try field["radius"].optionalLength(default: .zero).points)
        case "frame":
            kind = .frame(
                frame: frame, color: try role("color"),
                lineWidth: try field["line"].optionalLength(default: .pt(1)).points,
                cornerRadius: try field["radius"].optionalLength(default: .zero).points)
        case "text":
            let content = try field["text"].string()
            try checkPlaceholders(content, field: field["text"])
            let (size, minSize) = try typeSizes(field, size: "size", minSize: "minSize")
            var text = CardElement.Text(
                content: content, frame: frame, size: size, minSize: minSize,
                weight: try field["weight"].oneOf(FontWeight.self, default: .regular),
                alignment: try field["align"].oneOf(TextAlignment.self, default: .start),
                color: try role("color"))
            if let block = try field["block"].optionalString() {
                guard block == "center" else {
                    throw field["block"].error("expected center (lines aligned together, the block centred)")
                }
                text.centredBlock = true
            }
            kind = .text(text)
        case "qr":
            guard abs(frame.width - frame.height) < 0.01 else {
                throw field["box"].error(
                    "a QR box must be square, got \(Length.pt(frame.width)) × \(Length.pt(frame.height))")
            }
            let quietZone = try field["quietZone"].optionalInteger(
                in: Self.minimumQuietZone...20, default: Self.minimumQuietZone)
            var qr = CardElement.QR(
                frame: frame, quietZone: quietZone, dark: try role("dark"), light: try role("light"))
            if !field["frame"].isMissing {
                qr.labelledFrame = try readQRFrame(field["frame"], roles: roles)
            }
            kind = .qr(qr)
        case "logo":
            kind = .logo(frame: frame)
        default:
            throw field["type"].error("expected one of band, frame, text, qr, logo")
        }
        let pageRect = Rect(x: 0, y: 0, width: page.width, height: page.height)
        let element = CardElement(name: name, kind: kind)
        guard pageRect.contains(element.extent) else {
            throw field["box"].error(
                "the box \(describe(element.extent)) reaches outside the \(Length.pt(page.width)) × "
                    + "\(Length.pt(page.height)) page"
            )
        }
        return element
    }

    /// A QR's labelled frame: `{color, line, radius, label, labelSize, labelMinSize, labelColor}`.
    private func readQRFrame(_ field: DataField, roles: Set<String>) throws(FieldError) -> CardElement.QRFrame {
        guard field.isMapping else {
            throw field.error("expected {color, line, radius, label, labelSize, labelColor}")
        }
        try field.allowKeys(["color", "line", "radius", "label", "labelSize", "labelMinSize", "labelColor"])
        func role(_ key: String) throws(FieldError) -> String { try colorRole(field[key], roles: roles) }
        let label = try field["label"].string()
        try checkPlaceholders(label, field: field["label"])
        let (labelSize, labelMinSize) = try typeSizes(field, size: "labelSize", minSize: "labelMinSize")
        let line = try field["line"].optionalLength(default: .pt(2)).points
        guard line >= 1.5, line <= Length.mm(5).points else {
            throw field["line"].error("must be from 1.5pt (a copier keeps it) to 5mm")
        }
        let radius = try field["radius"].optionalLength(default: .zero).points
        guard radius >= 0, radius <= Length.mm(20).points else { throw field["radius"].error("must be 0mm to 20mm") }
        return CardElement.QRFrame(
            color: try role("color"), lineWidth: line, cornerRadius: radius, label: label, labelSize: labelSize,
            labelMinSize: labelMinSize, labelColor: try role("labelColor"))
    }

    /// A colour role an element names under `entry`: required, and one the palettes define.
    private func colorRole(_ entry: DataField, roles: Set<String>) throws(FieldError) -> String {
        guard let role = try entry.optionalString() else {
            throw entry.error(
                "is required: a colour role from the palettes (\(roles.sorted().joined(separator: ", ")))")
        }
        guard roles.contains(role) else {
            throw entry.error(
                "no colour role \"\(role)\" in the palettes; known roles: \(roles.sorted().joined(separator: ", "))")
        }
        return role
    }

    /// A type size and the smallest it may shrink to (default: the size), each within `TemplatePage.textSizes`.
    private func typeSizes(
        _ field: DataField, size sizeKey: String, minSize minKey: String
    ) throws(FieldError) -> (size: Double, minSize: Double) {
        let size = try field[sizeKey].length().points
        let minSize = try field[minKey].optionalLength(default: .pt(size)).points
        guard TemplatePage.textSizes.contains(size) else {
            throw field[sizeKey].error(
                "must be from \(Length.pt(TemplatePage.textSizes.lowerBound)) to "
                    + "\(Length.pt(TemplatePage.textSizes.upperBound))")
        }
        guard TemplatePage.textSizes.contains(minSize), minSize <= size else {
            throw field[minKey].error(
                "must be from \(Length.pt(TemplatePage.textSizes.lowerBound)) and no larger than \(sizeKey)")
        }
        return (size, minSize)
    }

    /// The legibility floor for the template's scan distance (`LegibilityRule`), on a text's smallest size.
    private func checkLegibility(
        _ element: CardElement, field: DataField, distance: ScanDistance
    ) throws(FieldError) {
        switch element.kind {
        case let .text(text):
            let key = field["minSize"].isMissing ? "size" : "minSize"
            if let problem = LegibilityRule.problem(minSize: text.minSize, pattern: text.content, distance: distance) {
                throw field[key].error(problem)
            }
        case let .qr(qr):
            guard let frame = qr.labelledFrame else { return }
            let key = field["frame"]["labelMinSize"].isMissing ? "labelSize" : "labelMinSize"
            if let problem = LegibilityRule.problem(
                minSize: frame.labelMinSize, pattern: frame.label, distance: distance)
            {
                throw field["frame"][key].error(problem)
            }
        default: break
        }
    }

    private func readBox(_ field: DataField) throws(FieldError) -> Rect {
        guard field.isMapping else {
            throw field.error("is required: {x, y, width, height} as lengths such as \"10mm\"")
        }
        try field.allowKeys(["x", "y", "width", "height"])
        let rect = Rect(
            x: try field["x"].length().points, y: try field["y"].length().points,
            width: try field["width"].length().points, height: try field["height"].length().points)
        guard rect.width > 0, rect.height > 0 else { throw field.error("width and height must be positive") }
        return rect
    }

    private func checkPlaceholders(_ content: String, field: DataField) throws(FieldError) {
        let pattern: TextPattern
        do throws(TextPattern.PatternError) { pattern = try TextPattern(content) } catch {
            throw field.error("unclosed \"{\" in \"\(Excerpt.of(content))\"")
        }
        for name in pattern.placeholders {
            guard Self.placeholders.contains(name) else {
                throw field.error(
                    "unknown placeholder {\(Excerpt.of(name, limit: 30))}; known: "
                        + "\(Self.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", "))"
                )
            }
        }
    }

    /// One QR per card; text and logos must keep clear of the QR and its quiet zone.
    private func checkGeometry(_ elements: [CardElement], fields: [DataField]) throws(FieldError) {
        let qrIndices = elements.indices.filter { if case .qr = elements[$0].kind { true } else { false } }
        guard qrIndices.count == 1, let qrIndex = qrIndices.first else {
            throw root["elements"].error(
                "a card template needs exactly one element of type qr, found \(qrIndices.count)")
        }
        let qrFrame = elements[qrIndex].extent
        for (index, element) in elements.enumerated() {
            switch element.kind {
            case .text, .logo:
                if element.frame.intersects(qrFrame) {
                    throw fields[index]["box"].error(
                        "overlaps the QR box, its quiet zone and frame \(describe(qrFrame)); move it clear of the code")
                }
            default: break
            }
        }
    }

    private func describe(_ rect: Rect) -> String {
        "x \(Length.pt(rect.x)), y \(Length.pt(rect.y)), \(Length.pt(rect.width)) × \(Length.pt(rect.height))"
    }
}
