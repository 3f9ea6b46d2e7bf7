/// Runs a page's content streams (and the forms they draw) the way a RIP would, without drawing: the graphics
/// state's transform, line width, colours, text position and font are tracked, and each painting operator
/// becomes a `PageMark` in page space. What it cannot know (clipping, glyph shapes) it leaves out, erring towards
/// reporting: a mark's bounds are its path's control points, a text run's box its advance by its font size.
public struct ContentInterpreter {
    let graph: PDFObjectGraph
    /// Operations interpreted per page, forms included: a form drawn a million times is a budget, not a hang.
    public static let maximumOperations = 1_000_000
    public static let maximumFormDepth = 12

    /// This interpreter's budget (tests and the fuzz harness use smaller ones).
    public let operationBudget: Int

    public init(graph: PDFObjectGraph, operationBudget: Int = maximumOperations) {
        self.graph = graph
        self.operationBudget = max(1, operationBudget)
    }

    public func drawing(ofPage page: [String: PDFValue]) -> PageDrawing {
        let run = Run(graph: graph, budget: operationBudget)
        if let group = graph.dictionary(page["Group"]), group["S"]?.name == "Transparency" {
            run.drawing.transparency.append(("a transparency group on the page (/Group /S /Transparency)", nil))
        }
        var content: [UInt8] = []
        let contents = graph.resolve(page["Contents"])
        for part in contents?.array ?? (contents.map { [$0] } ?? []) {
            if let data = graph.resolve(part)?.streamData { content += data + [10] }
        }
        let resources = graph.dictionary(page["Resources"]) ?? [:]
        run.interpret(content, resources: resources, state: GraphicsState(ctm: .identity), object: nil, depth: 0)
        return run.drawing
    }
}

private struct GraphicsState {
    var ctm: AffineTransform
    var lineWidth = 1.0
    var fill = PaintColour.initial
    var stroke = PaintColour.initial
    var font: FontMetrics?
    var fontResource = ""
    var fontSize = 0.0
    var charSpacing = 0.0
    var wordSpacing = 0.0
    var horizontalScale = 1.0
    var leading = 0.0
    var rise = 0.0
    var renderMode = 0
}

/// A font's advance widths, as much as preflight needs to box a text run.
private struct FontMetrics {
    var twoByteCodes: Bool
    var widths: [Int: Double]
    var defaultWidth: Double
    /// Glyph space to text space (1/1000 for all but Type 3 fonts).
    var unit: Double

    func advance(of code: Int) -> Double { (widths[code] ?? defaultWidth) * unit }

    func codes(_ bytes: [UInt8]) -> [Int] {
        guard twoByteCodes else { return bytes.map(Int.init) }
        return stride(from: 0, to: bytes.count - 1, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
    }
}

private final class Run {
    let graph: PDFObjectGraph
    var drawing = PageDrawing()
    var operations = 0
    var fontsSeen: Set<String> = []
    /// Each form's operations, lexed once however often it is drawn (a press file draws a glyph form per letter).
    var lexedForms: [Int: [ContentOperation]] = [:]
    /// Each font's metrics, read once however often `Tf` selects it (by object, or by resource where direct).
    var fontMetrics: [String: FontMetrics] = [:]

    let budget: Int

    init(graph: PDFObjectGraph, budget: Int) {
        self.graph = graph
        self.budget = budget
    }

    func interpret(
        _ bytes: [UInt8], resources: [String: PDFValue], state initial: GraphicsState, object: Int?, depth: Int,
        lexed: [ContentOperation]? = nil
    ) {
        let remaining = budget - operations
        guard remaining > 0 else { drawing.truncated = true; return }
        var state = initial
        var stack: [GraphicsState] = []
        var path: PDFRect?
        var textMatrix = AffineTransform.identity, lineMatrix = AffineTransform.identity
        func addPoint(_ x: Double, _ y: Double) {
            let point = state.ctm.apply(x, y)
            let box = PDFRect(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
            path = path.map { $0.union(box) } ?? box
        }
        func mark(_ kind: PageMark.Kind, _ bounds: PDFRect?, _ colour: PaintColour?, _ name: String) {
            drawing.marks.append(
                PageMark(kind: kind, bounds: bounds, colour: colour, operatorName: name, object: object))
        }
        func numbers(_ operands: [PDFValue]) -> [Double] { operands.compactMap(\.number) }
        func showText(_ bytes: [UInt8], _ name: String) {
            guard let font = state.font else { return }
            let size = state.fontSize
            var advance = 0.0
            for code in font.codes(bytes) {
                advance +=
                    (font.advance(of: code) * size + state.charSpacing
                        + (!font.twoByteCodes && code == 32 ? state.wordSpacing : 0)) * state.horizontalScale
            }
            let toPage = textMatrix.then(state.ctm)
            if state.renderMode != 3 && state.renderMode != 7 {
                var box: PDFRect?
                for (x, y) in [(0, -0.25 * size), (advance, -0.25 * size), (0, 0.9 * size), (advance, 0.9 * size)] {
                    let point = toPage.apply(x, y + state.rise)
                    let corner = PDFRect(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
                    box = box.map { $0.union(corner) } ?? corner
                }
                let colour = [1, 2, 5, 6].contains(state.renderMode) ? state.stroke : state.fill
                mark(.text(font: state.fontResource, size: abs(size) * toPage.scale), box, colour, name)
            }
            textMatrix = AffineTransform(a: 1, b: 0, c: 0, d: 1, e: advance, f: 0).then(textMatrix)
        }
        func nextLine() {
            lineMatrix = AffineTransform(a: 1, b: 0, c: 0, d: 1, e: 0, f: -state.leading).then(lineMatrix)
            textMatrix = lineMatrix
        }

        for operation in lexed ?? ContentLexer.operations(bytes, limit: remaining) {
            guard operations < budget else { break }
            operations += 1
            let operands = operation.operands
            switch operation.name {
            case "q": if stack.count < 256 { stack.append(state) }
            case "Q": if let saved = stack.popLast() { state = saved }
            case "cm": if let matrix = AffineTransform(operands) { state.ctm = matrix.then(state.ctm) }
            case "w": if let width = numbers(operands).first { state.lineWidth = width }
            case "gs": applyExtGState(operands.first?.name, resources: resources, state: &state, object: object)
            case "m", "l":
                let values = numbers(operands)
                if values.count >= 2 { addPoint(values[0], values[1]) }
            case "c", "v", "y":
                let values = numbers(operands)
                for index in stride(from: 0, to: values.count - 1, by: 2) { addPoint(values[index], values[index + 1]) }
            case "re":
                let values = numbers(operands)
                if values.count == 4 {
                    addPoint(values[0], values[1]); addPoint(values[0] + values[2], values[1] + values[3])
                    addPoint(values[0], values[1] + values[3]); addPoint(values[0] + values[2], values[1])
                }
            case "f", "F", "f*":
                mark(.fill, path, state.fill, operation.name)
                path = nil
            case "S", "s":
                mark(.stroke(width: state.lineWidth * state.ctm.scale), path, state.stroke, operation.name)
                path = nil
            case "B", "B*", "b", "b*":
                mark(.fill, path, state.fill, operation.name)
                mark(.stroke(width: state.lineWidth * state.ctm.scale), path, state.stroke, operation.name)
                path = nil
            case "n": path = nil
            case "g": state.fill = PaintColour(space: .gray, components: numbers(operands))
            case "G": state.stroke = PaintColour(space: .gray, components: numbers(operands))
            case "rg": state.fill = PaintColour(space: .rgb, components: numbers(operands))
            case "RG": state.stroke = PaintColour(space: .rgb, components: numbers(operands))
            case "k": state.fill = PaintColour(space: .cmyk, components: numbers(operands))
            case "K": state.stroke = PaintColour(space: .cmyk, components: numbers(operands))
            case "cs", "CS":
                let space = colourSpace(operands.first, resources: resources, depth: 0)
                let colour = PaintColour(space: space, components: Self.initialComponents(space))
                if operation.name == "cs" { state.fill = colour } else { state.stroke = colour }
            case "sc", "scn": state.fill.components = numbers(operands)
            case "SC", "SCN": state.stroke.components = numbers(operands)
            case "BT": textMatrix = .identity; lineMatrix = .identity
            case "Tf":
                if let name = operands.first?.name, let size = numbers(operands).first {
                    state.fontSize = size
                    state.fontResource = name
                    state.font = font(named: name, resources: resources, object: object)
                }
            case "Tc": state.charSpacing = numbers(operands).first ?? 0
            case "Tw": state.wordSpacing = numbers(operands).first ?? 0
            case "Tz": state.horizontalScale = (numbers(operands).first ?? 100) / 100
            case "TL": state.leading = numbers(operands).first ?? 0
            case "Ts": state.rise = numbers(operands).first ?? 0
            case "Tr": state.renderMode = Int(exactly: numbers(operands).first ?? 0) ?? 0
            case "Td", "TD":
                let values = numbers(operands)
                guard values.count == 2 else { break }
                if operation.name == "TD" { state.leading = -values[1] }
                lineMatrix = AffineTransform(a: 1, b: 0, c: 0, d: 1, e: values[0], f: values[1]).then(lineMatrix)
                textMatrix = lineMatrix
            case "Tm":
                if let matrix = AffineTransform(operands) { textMatrix = matrix; lineMatrix = matrix }
            case "T*": nextLine()
            case "Tj": if let bytes = operands.first?.bytes { showText(bytes, "Tj") }
            case "'":
                nextLine()
                if let bytes = operands.first?.bytes { showText(bytes, "'") }
            case "\"":
                let values = numbers(operands)
                if values.count >= 2 { state.wordSpacing = values[0]; state.charSpacing = values[1] }
                nextLine()
                if let bytes = operands.last?.bytes { showText(bytes, "\"") }
            case "TJ":
                for part in operands.first?.array ?? [] {
                    if let bytes = part.bytes {
                        showText(bytes, "TJ")
                    } else if let adjustment = part.number {
                        let shift = -adjustment / 1000 * state.fontSize * state.horizontalScale
                        textMatrix = AffineTransform(a: 1, b: 0, c: 0, d: 1, e: shift, f: 0).then(textMatrix)
                    }
                }
            case "Do":
                guard let name = operands.first?.name else { break }
                drawXObject(name, resources: resources, state: state, object: object, depth: depth)
            case "BI":
                guard let entries = operands.first?.dictionary else { break }
                placeImage(entries, resources: resources, state: state, object: object, inline: true)
            case "sh":
                guard let name = operands.first?.name,
                    let shading = graph.dictionary(graph.dictionary(resources["Shading"])?[name])
                else { break }
                let space = colourSpace(shading["ColorSpace"], resources: resources, depth: 0)
                mark(.shading, nil, PaintColour(space: space, components: []), "sh /\(name)")
            default: break
            }
        }
        if operations >= budget { drawing.truncated = true }
    }

    static func initialComponents(_ space: ColourSpaceFamily) -> [Double] {
        switch space {
        case .rgb, .calRGB, .lab: [0, 0, 0]
        case .cmyk: [0, 0, 0, 1]
        case let .iccBased(components): Array(repeating: 0, count: components)
        case let .deviceN(names): Array(repeating: 1, count: names.count)
        case .separation: [1]
        default: [0]
        }
    }

    func colourSpace(_ value: PDFValue?, resources: [String: PDFValue], depth: Int) -> ColourSpaceFamily {
        guard depth < 8, let value = graph.resolve(value) else { return .unknown("missing") }
        if let name = value.name {
            switch name {
            case "DeviceGray", "G": return .gray
            case "DeviceRGB", "RGB": return .rgb
            case "DeviceCMYK", "CMYK": return .cmyk
            case "Pattern": return .pattern
            default:
                guard let named = graph.dictionary(resources["ColorSpace"])?[name] else { return .unknown("/\(name)") }
                return colourSpace(named, resources: resources, depth: depth + 1)
            }
        }
        guard let items = value.array, let family = items.first?.name else { return .unknown("malformed") }
        switch family {
        case "ICCBased":
            let components = graph.dictionary(items.count > 1 ? items[1] : nil)?["N"]?.number ?? 0
            return .iccBased(components: Int(exactly: components) ?? 0)
        case "Separation": return .separation(items.count > 1 ? graph.resolve(items[1])?.name ?? "?" : "?")
        case "DeviceN":
            let names = graph.resolve(items.count > 1 ? items[1] : nil)?.array?.compactMap { graph.resolve($0)?.name }
            return .deviceN(names ?? [])
        case "Indexed", "I":
            return .indexed(colourSpace(items.count > 1 ? items[1] : nil, resources: resources, depth: depth + 1))
        case "CalRGB": return .calRGB
        case "CalGray": return .calGray
        case "Lab": return .lab
        case "Pattern": return .pattern
        default: return colourSpace(items[0], resources: resources, depth: depth + 1)
        }
    }

    func applyExtGState(_ name: String?, resources: [String: PDFValue], state: inout GraphicsState, object: Int?) {
        guard let name, let entries = graph.dictionary(graph.dictionary(resources["ExtGState"])?[name]) else { return }
        if let width = entries["LW"]?.number { state.lineWidth = width }
        for key in ["CA", "ca"] {
            if let alpha = entries[key]?.number, alpha < 1 {
                drawing.transparency.append(
                    ("constant alpha /\(key) \(formatDecimal(alpha, digits: 2)) in ExtGState /\(name)", object))
            }
        }
        if let mask = graph.resolve(entries["SMask"]), mask.name != "None" {
            drawing.transparency.append(("a soft mask in ExtGState /\(name)", object))
        }
        if let blend = graph.resolve(entries["BM"]) {
            let mode = blend.name ?? blend.array?.first?.name ?? "Normal"
            if mode != "Normal" && mode != "Compatible" {
                drawing.transparency.append(("blend mode /\(mode) in ExtGState /\(name)", object))
            }
        }
    }

    func drawXObject(
        _ name: String, resources: [String: PDFValue], state: GraphicsState, object: Int?, depth: Int
    ) {
        let reference = graph.dictionary(resources["XObject"])?[name]
        let number: Int? = if case let .reference(number)? = reference { number } else { nil }
        guard let value = graph.resolve(reference), let entries = value.dictionary else { return }
        switch entries["Subtype"]?.name {
        case "Image":
            placeImage(entries, resources: resources, state: state, object: number ?? object, inline: false)
        case "Form":
            guard depth < ContentInterpreter.maximumFormDepth, let data = value.streamData else { return }
            if let group = graph.dictionary(entries["Group"]), group["S"]?.name == "Transparency" {
                drawing.transparency.append(("a transparency group on form XObject /\(name)", number))
            }
            var inner = state
            if let matrix = graph.resolve(entries["Matrix"])?.array.flatMap(AffineTransform.init) {
                inner.ctm = matrix.then(state.ctm)
            }
            let formResources = graph.dictionary(entries["Resources"]) ?? resources
            var lexed: [ContentOperation]?
            if let number {
                lexed = lexedForms[number] ?? ContentLexer.operations(data, limit: budget)
                lexedForms[number] = lexed
            }
            interpret(
                data, resources: formResources, state: inner, object: number ?? object, depth: depth + 1, lexed: lexed)
        default:
            return
        }
    }

    func placeImage(
        _ entries: [String: PDFValue], resources: [String: PDFValue], state: GraphicsState, object: Int?, inline: Bool
    ) {
        func entry(_ long: String, _ short: String) -> PDFValue? { graph.resolve(entries[long] ?? entries[short]) }
        let wide = Int(exactly: entry("Width", "W")?.number ?? 0) ?? 0
        let high = Int(exactly: entry("Height", "H")?.number ?? 0) ?? 0
        var isMask = false
        if case let .bool(value)? = entry("ImageMask", "IM") { isMask = value }
        let bits = isMask ? 1 : Int(exactly: entry("BitsPerComponent", "BPC")?.number ?? 8) ?? 8
        let space = isMask ? nil : colourSpace(entry("ColorSpace", "CS"), resources: resources, depth: 0)
        let ctm = state.ctm
        var box: PDFRect?
        for (x, y) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
            let point = ctm.apply(x, y)
            let corner = PDFRect(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
            box = box.map { $0.union(corner) } ?? corner
        }
        let placedWide = (ctm.a * ctm.a + ctm.b * ctm.b).squareRoot() / 72
        let placedHigh = (ctm.c * ctm.c + ctm.d * ctm.d).squareRoot() / 72
        let ppi = min(
            placedWide > 0 ? Double(wide) / placedWide : .infinity,
            placedHigh > 0 ? Double(high) / placedHigh : .infinity)
        if let mask = graph.resolve(entries["SMask"]), mask.name != "None" {
            drawing.transparency.append(("a soft mask on an image (/SMask)", object))
        }
        let facts = ImageFacts(
            pixelsWide: wide, pixelsHigh: high, bitsPerComponent: bits, isStencilMask: isMask, colourSpace: space,
            pixelsPerInch: ppi)
        let colour = isMask ? state.fill : space.map { PaintColour(space: $0, components: []) }
        drawing.marks.append(
            PageMark(
                kind: .image(facts), bounds: box, colour: colour, operatorName: inline ? "BI" : "Do", object: object))
    }

    func font(named name: String, resources: [String: PDFValue], object: Int?) -> FontMetrics? {
        let reference = graph.dictionary(resources["Font"])?[name]
        let number: Int? = if case let .reference(number)? = reference { number } else { nil }
        let cacheKey = number.map { "#\($0)" } ?? "\(object ?? 0)/\(name)"
        if let cached = fontMetrics[cacheKey] { return cached }
        guard let metrics = readFont(name: name, reference: reference, number: number, object: object) else {
            return nil
        }
        fontMetrics[cacheKey] = metrics
        return metrics
    }

    private func readFont(name: String, reference: PDFValue?, number: Int?, object: Int?) -> FontMetrics? {
        guard let font = graph.dictionary(reference) else { return nil }
        let subtype = font["Subtype"]?.name ?? ""
        let baseFont = graph.resolve(font["BaseFont"])?.name ?? name
        var embedded = subtype == "Type3"
        var metrics = FontMetrics(twoByteCodes: false, widths: [:], defaultWidth: 500, unit: 0.001)
        if subtype == "Type0" {
            let descendant = graph.dictionary(graph.resolve(font["DescendantFonts"])?.array?.first)
            embedded = Self.hasFontFile(graph.dictionary(descendant?["FontDescriptor"]))
            metrics.twoByteCodes = true
            metrics.defaultWidth = graph.resolve(descendant?["DW"])?.number ?? 1000
            metrics.widths = cidWidths(graph.resolve(descendant?["W"])?.array ?? [])
        } else {
            if !embedded { embedded = Self.hasFontFile(graph.dictionary(font["FontDescriptor"])) }
            let first = min(255, max(0, Int(exactly: graph.resolve(font["FirstChar"])?.number ?? 0) ?? 0))
            for (offset, width) in (graph.resolve(font["Widths"])?.array ?? []).prefix(256).enumerated() {
                if let value = graph.resolve(width)?.number { metrics.widths[first + offset] = value }
            }
            metrics.defaultWidth = graph.dictionary(font["FontDescriptor"])?["MissingWidth"]?.number ?? 500
            if subtype == "Type3", let scale = graph.resolve(font["FontMatrix"])?.array?.first?.number {
                metrics.unit = scale
            }
        }
        let key = "\(object ?? 0)/\(name)"
        if fontsSeen.insert(key).inserted {
            drawing.fonts.append(FontUse(resource: name, baseFont: baseFont, embedded: embedded, object: number))
        }
        return metrics
    }

    static func hasFontFile(_ descriptor: [String: PDFValue]?) -> Bool {
        guard let descriptor else { return false }
        return descriptor["FontFile"] != nil || descriptor["FontFile2"] != nil || descriptor["FontFile3"] != nil
    }

    /// A CID font's `/W` array: `c [w1 w2 …]` and `cFirst cLast w`, at most 65,536 entries.
    func cidWidths(_ items: [PDFValue]) -> [Int: Double] {
        var widths: [Int: Double] = [:]
        var index = 0
        var assigned = 0
        while index + 1 < items.count, assigned < 262_144 {
            // Codes are 2 bytes: anything outside 0…65535 is a broken array.
            guard let first = graph.resolve(items[index])?.number.flatMap({ Int(exactly: $0) }),
                (0...65_535).contains(first)
            else { break }
            if let list = graph.resolve(items[index + 1])?.array {
                for (offset, width) in list.prefix(65_536).enumerated() {
                    if let value = graph.resolve(width)?.number { widths[first + offset] = value }
                }
                assigned += list.count
                index += 2
            } else if index + 2 < items.count,
                let last = graph.resolve(items[index + 1])?.number.flatMap({ Int(exactly: $0) }),
                let width = graph.resolve(items[index + 2])?.number, last >= first, last <= 65_535
            {
                for code in first...last { widths[code] = width }
                assigned += last - first + 1
                index += 3
            } else {
                break
            }
        }
        return widths
    }
}
