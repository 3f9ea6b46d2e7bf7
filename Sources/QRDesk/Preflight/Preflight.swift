import Foundation
import QRDeskCore
import QRDeskNative

/// `qrdesk preflight`: any PDF held to what a print shop checks before plating (PDF/X identity, output intent,
/// boxes, process colour only, no transparency, embedded fonts, line weights, image resolution, bleed, safe
/// margin, single-ink black) and to what only qrdesk checks: each QR code's module size, quiet zone inside the
/// trim and scan distance, measured as `verify` measures them. qpdf reads the objects, `ContentInterpreter`
/// runs the content streams, poppler renders the pages for the codes.
public struct Preflight: Sendable {
    public var profile: PreflightProfile
    public var minimumModuleMillimetres: Double
    public var scanDistance: ScanDistance?
    public var safeMarginMillimetres: Double

    /// Thinner strokes break up on press (ISO 12647 shops quote 0.2 pt as the least they hold).
    public static let minimumLineWidth = 0.2
    public static let minimumPixelsPerInch = 300.0
    /// 1-bit images and stencil masks have no grey to smooth their edges.
    public static let minimumBilevelPixelsPerInch = 600.0
    /// Text below this size in more than one ink shows coloured fringes when the plates misregister.
    public static let smallTextPoints = 12.0
    public static let maximumFileBytes = 256 << 20
    public static let maximumPages = 1_000
    /// How close (points) a mark must come to an edge to count as reaching it.
    static let edgeTolerance = 0.5

    public init(
        profile: PreflightProfile = .x1a, minimumModuleMillimetres: Double = QRModuleRule.printFloorMillimetres,
        scanDistance: ScanDistance? = nil, safeMarginMillimetres: Double = PressSettings.safeMarginMillimetres
    ) {
        self.profile = profile
        self.minimumModuleMillimetres = minimumModuleMillimetres
        self.scanDistance = scanDistance
        self.safeMarginMillimetres = safeMarginMillimetres
    }

    /// The report for one file's bytes; never throws: a file that cannot be read is a report saying why.
    public func check(_ bytes: [UInt8], name: String) -> PreflightReport {
        var report = PreflightReport(
            file: name, profile: profile, pages: 0, codes: [], findings: [], unreadable: nil)
        // Readers accept a header anywhere in the first kilobyte (some tools write a preamble before it).
        guard bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil else {
            report.unreadable = "is not a PDF file (it does not start with %PDF-)"
            return report
        }
        let graph: PDFObjectGraph
        let reader: PDFReadBack
        do {
            graph = try PDFObjectReader.read(bytes, name: name)
            reader = try PDFReadBack(bytes)
        } catch {
            report.unreadable = "cannot be read as a PDF: \(error)"
            return report
        }
        report.pages = graph.pages.count
        guard graph.pages.count <= Self.maximumPages else {
            report.unreadable = "has \(graph.pages.count) pages, more than the \(Self.maximumPages) preflight reads"
            return report
        }
        let rules = profile.rules
        var findings = documentFindings(graph).filter { rules.contains($0.rule) }
        let interpreter = ContentInterpreter(graph: graph)
        // The QR-only profile needs the pages rendered, not interpreted.
        let needsDrawing = !rules.isDisjoint(with: [
            .colourSpace, .transparency, .fonts, .hairline, .imageResolution, .bleed, .safeMargin, .richBlack,
        ])
        var firstTrimSize: (Double, Double)?
        for (index, page) in graph.pages.enumerated() {
            let number = index + 1
            let boxes = PageBoxes(page, graph: graph)
            var pageFindings: [PreflightFinding] = []
            func add(_ rule: PreflightRule, _ message: String) {
                if rules.contains(rule) {
                    pageFindings.append(PreflightFinding(rule: rule, page: number, message: message))
                }
            }
            for problem in boxes.problems { add(.boxes, problem) }
            if let trim = boxes.trim {
                if let (width, height) = firstTrimSize {
                    if abs(width - trim.width) > 0.5 || abs(height - trim.height) > 0.5 {
                        add(
                            .boxes,
                            "its TrimBox is \(Self.size(trim)), page 1's is \(Self.size(width, height)); "
                                + "every page of a sheet must be cut to the same size")
                    }
                } else {
                    firstTrimSize = (trim.width, trim.height)
                }
            }
            let drawing = needsDrawing ? interpreter.drawing(ofPage: page) : PageDrawing()
            if drawing.truncated {
                report.notes.append(
                    "page \(number): only its first \(ContentInterpreter.maximumOperations) drawing operations were "
                        + "checked")
            }
            let codes: [LocatedCode]
            do {
                codes = try locateCodes(reader, page: index, boxes: boxes)
            } catch {
                report.unreadable = "page \(number) cannot be rendered: \(error)"
                return report
            }
            report.codes += codes.map(\.report)
            for (rule, message) in drawingFindings(drawing, boxes: boxes, codes: codes) { add(rule, message) }
            for (rule, message) in codeFindings(codes) { add(rule, message) }
            findings += pageFindings
        }
        report.findings = findings
        return report
    }

    // MARK: - The document's identity

    func documentFindings(_ graph: PDFObjectGraph) -> [PreflightFinding] {
        var findings: [PreflightFinding] = []
        func add(_ rule: PreflightRule, _ message: String) {
            findings.append(PreflightFinding(rule: rule, page: nil, message: message))
        }
        let info = graph.info ?? [:]
        let version = graph.resolve(info["GTS_PDFXVersion"])?.text
        let conformance = graph.resolve(info["GTS_PDFXConformance"])?.text
        switch profile {
        case .x1a:
            if let version, version.hasPrefix("PDF/X-1") {
                if conformance != "PDF/X-1a:2001" && conformance != "PDF/X-1a:2003" {
                    add(
                        .pdfxID,
                        "/GTS_PDFXConformance is \(conformance.map { "(\($0))" } ?? "missing"); a PDF/X-1a file "
                            + "says (PDF/X-1a:2001) or (PDF/X-1a:2003): export it again as PDF/X-1a")
                }
                let highest = conformance == "PDF/X-1a:2003" ? 1.4 : 1.3
                if let header = Double(graph.version), header > highest + 0.001 {
                    add(
                        .pdfxID,
                        "the file is PDF \(graph.version), but \(conformance ?? "PDF/X-1a") allows PDF "
                            + "\(formatDecimal(highest, digits: 1)) at most: export it again as PDF/X-1a")
                }
            } else {
                add(
                    .pdfxID,
                    "the file does not say it is PDF/X-1a (/GTS_PDFXVersion is "
                        + "\(version.map { "(\($0))" } ?? "missing")): export it as PDF/X-1a (qrdesk card --press does)"
                )
            }
        case .x4:
            let metadata = graph.resolve(graph.catalog?["Metadata"])?.streamData.map {
                String(decoding: $0, as: UTF8.self)
            }
            if !(version?.hasPrefix("PDF/X-4") ?? false) && !(metadata?.contains("PDF/X-4") ?? false) {
                add(
                    .pdfxID,
                    "the file does not say it is PDF/X-4 (no GTS_PDFXVersion PDF/X-4 in its Info or "
                        + "metadata): export it as PDF/X-4")
            }
        case .qrOnly:
            break
        }
        let intents = graph.resolve(graph.catalog?["OutputIntents"])?.array ?? []
        let pdfx = intents.compactMap { graph.dictionary($0) }.first { $0["S"]?.name == "GTS_PDFX" }
        if let pdfx {
            let identifier = graph.resolve(pdfx["OutputConditionIdentifier"])?.text ?? ""
            if identifier.isEmpty {
                add(
                    .outputIntent,
                    "the output intent has no /OutputConditionIdentifier: name the printing condition "
                        + "(such as FOGRA39)")
            } else if OutputCondition(named: identifier) == nil && pdfx["DestOutputProfile"] == nil {
                add(
                    .outputIntent,
                    "the output intent names \"\(Excerpt.of(identifier, limit: 40))\", which is not a "
                        + "registered condition, and embeds no /DestOutputProfile: embed the press's ICC profile or "
                        + "name a registered condition such as FOGRA39")
            }
        } else {
            add(
                .outputIntent,
                "there is no PDF/X output intent (/OutputIntents with /S /GTS_PDFX): the shop cannot tell "
                    + "which press the colours were made for; export as PDF/X with an output condition such as FOGRA39")
        }
        let trapped = graph.resolve(info["Trapped"])?.name
        if trapped != "True" && trapped != "False" {
            add(
                .trapped,
                "/Trapped is \(trapped.map { "/\($0)" } ?? "missing"); PDF/X needs /True or /False "
                    + "(say /False when the file was not trapped)")
        }
        return findings.filter { profile.rules.contains($0.rule) }
    }

    // MARK: - What the page draws

    func drawingFindings(
        _ drawing: PageDrawing, boxes: PageBoxes, codes: [LocatedCode]
    ) -> [(PreflightRule, String)] {
        var findings: [(PreflightRule, String)] = []
        func place(_ mark: PageMark) -> String {
            "(\(mark.operatorName) \(mark.object.map { "in object \($0)" } ?? "in the page's content"))"
        }
        let refused: (ColourSpaceFamily) -> Bool = { profile == .x4 ? $0.isDeviceRGB : !$0.isProcessOrGrey }
        // A die line (`CutContour`) is a stroke the cutter follows, not ink: allowed as a stroke, never as a fill.
        func isDieLine(_ mark: PageMark) -> Bool {
            guard mark.colour?.space.isDieLine == true, case .stroke = mark.kind else { return false }
            return true
        }
        if let mark = drawing.marks.first(where: { !isDieLine($0) && ($0.colour.map { refused($0.space) } ?? false) }),
            let space = mark.colour?.space
        {
            findings.append(
                (
                    .colourSpace,
                    "\(space) is used \(place(mark)); a press prints CMYK and grey only: "
                        + "convert the colours to CMYK for the output condition (qrdesk card --press does)"
                ))
        }
        if let first = drawing.transparency.first {
            let more = drawing.transparency.count > 1 ? " (and \(drawing.transparency.count - 1) more)" : ""
            findings.append(
                (
                    .transparency,
                    "\(first.what)\(first.object.map { " in object \($0)" } ?? "")\(more); "
                        + "PDF/X-1a allows no transparency: flatten it before export"
                ))
        }
        let missing = drawing.fonts.filter { !$0.embedded }
        if !missing.isEmpty {
            let names = Array(Set(missing.map(\.baseFont))).sorted().prefix(5).joined(separator: ", ")
            findings.append((.fonts, "not embedded: \(names); embed every font or convert text to outlines"))
        }
        if let mark = drawing.marks.first(where: {
            if case let .stroke(width) = $0.kind { width < Self.minimumLineWidth } else { false }
        }), case let .stroke(width) = mark.kind {
            findings.append(
                (
                    .hairline,
                    "a \(formatDecimal(width, digits: 3)) pt line \(place(mark)); lines under "
                        + "\(formatDecimal(Self.minimumLineWidth, digits: 1)) pt break up on press: make it thicker"
                ))
        }
        for mark in drawing.marks {
            guard case let .image(facts) = mark.kind else { continue }
            let bilevel = facts.isStencilMask || facts.bitsPerComponent == 1
            let needed = bilevel ? Self.minimumBilevelPixelsPerInch : Self.minimumPixelsPerInch
            if facts.pixelsPerInch < needed {
                findings.append(
                    (
                        .imageResolution,
                        "a \(facts.pixelsWide) × \(facts.pixelsHigh) px image is placed at "
                            + "\(Int(facts.pixelsPerInch.rounded())) ppi \(place(mark)); "
                            + "\(bilevel ? "1-bit images need" : "images need") \(Int(needed)) ppi: use a larger image "
                            + "or place it smaller"
                    ))
                break
            }
        }
        if let trim = boxes.trim {
            let bleed = boxes.bleed ?? trim
            if let (mark, edge) = bleedShortfall(drawing.marks, trim: trim, bleed: bleed) {
                let needed = Self.millimetres(Self.bleedWidth(trim, bleed, edge))
                findings.append(
                    (
                        .bleed,
                        "an element reaches the \(edge) trim edge but stops short of the bleed "
                            + "\(place(mark)); extend it to the bleed edge (\(needed) mm past the trim)"
                    ))
            }
            let margin = Length.mm(safeMarginMillimetres).points
            let safe = trim.inset(by: margin)
            if let mark = drawing.marks.first(where: {
                guard case .text = $0.kind, let bounds = $0.bounds, bounds.intersects(trim) else { return false }
                return !safe.contains(bounds)
            }) {
                findings.append(
                    (
                        .safeMargin,
                        "text lies within \(formatDecimal(safeMarginMillimetres, digits: 1)) mm of the "
                            + "trim \(place(mark)); move it inside the safe area, or cutting may touch it"
                    ))
            } else if let code = codes.first(where: {
                // A code the trim already cuts into is reported once, by qr-quiet-zone.
                !safe.contains($0.withQuietZone) && ($0.report.quietZoneInsideTrim ?? 0) >= PrintRule.requiredQuietZone
            }) {
                findings.append(
                    (
                        .safeMargin,
                        "the QR code for \(Excerpt.of(code.report.payload, limit: 40)) comes within "
                            + "\(formatDecimal(safeMarginMillimetres, digits: 1)) mm of the trim with its quiet zone; "
                            + "move it inward"
                    ))
            }
        }
        for code in codes {
            if let mark = drawing.marks.first(where: { mark in
                guard case .fill = mark.kind, let bounds = mark.bounds, let colour = mark.colour,
                    code.symbolWithMargin.contains(bounds), !colour.isPaper
                else { return false }
                return (colour.plates ?? 1) > 1
            }) {
                findings.append(
                    (
                        .richBlack,
                        "the QR code's modules print in \(mark.colour?.plates ?? 0) inks "
                            + "\(place(mark)); print them in black ink alone (0 0 0 1 k) so the plates cannot "
                            + "misregister"
                    ))
                break
            }
        }
        if let mark = drawing.marks.first(where: { mark in
            guard case let .text(_, size) = mark.kind, size < Self.smallTextPoints, let colour = mark.colour else {
                return false
            }
            return colour.isBlackish && (colour.plates ?? 1) > 1
        }), case let .text(_, size) = mark.kind {
            findings.append(
                (
                    .richBlack,
                    "\(formatDecimal(size, digits: 1)) pt black text in \(mark.colour?.plates ?? 0) "
                        + "inks \(place(mark)); set small black text in K only"
                ))
        }
        return findings
    }

    static func bleedWidth(_ trim: PDFRect, _ bleed: PDFRect, _ edge: String) -> Double {
        switch edge {
        case "left": trim.minX - bleed.minX
        case "right": bleed.maxX - trim.maxX
        case "bottom": trim.minY - bleed.minY
        default: bleed.maxY - trim.maxY
        }
    }

    /// The first inked fill or image that reaches a trim edge without reaching the bleed edge beyond it.
    func bleedShortfall(_ marks: [PageMark], trim: PDFRect, bleed: PDFRect) -> (PageMark, String)? {
        let tolerance = Self.edgeTolerance
        for mark in marks {
            switch mark.kind {
            case .fill, .image: break
            default: continue
            }
            guard let bounds = mark.bounds, bounds.intersects(trim), !(mark.colour?.isPaper ?? false) else { continue }
            let edges: [(String, Bool, Bool)] = [
                ("left", bounds.minX <= trim.minX + tolerance, bounds.minX <= bleed.minX + tolerance),
                ("right", bounds.maxX >= trim.maxX - tolerance, bounds.maxX >= bleed.maxX - tolerance),
                ("bottom", bounds.minY <= trim.minY + tolerance, bounds.minY <= bleed.minY + tolerance),
                ("top", bounds.maxY >= trim.maxY - tolerance, bounds.maxY >= bleed.maxY - tolerance),
            ]
            if let edge = edges.first(where: { $0.1 && !$0.2 }) { return (mark, edge.0) }
        }
        return nil
    }

    // MARK: - The codes

    /// A code found on a page, where it lies in page space.
    struct LocatedCode {
        var report: PreflightCode
        /// The symbol without its quiet zone.
        var symbol: PDFRect
        var withQuietZone: PDFRect
        /// The symbol and one module around it: its modules' paths, whatever sub-pixel error the corners found have.
        var symbolWithMargin: PDFRect
    }

    func locateCodes(_ reader: PDFReadBack, page index: Int, boxes: PageBoxes) throws -> [LocatedCode] {
        let crop = boxes.crop
        let (found, pixelsPerMillimetre) = try WrittenPage(source: .pdf(reader, page: index))
            .symbols(size: Size(width: crop.width, height: crop.height))
        guard let pixelsPerMillimetre, pixelsPerMillimetre > 0 else { return [] }
        let pixelsPerPoint = pixelsPerMillimetre * 25.4 / 72
        let trim = boxes.trim ?? crop
        return found.compactMap { code -> LocatedCode? in
            guard let reading = code.reading else { return nil }
            let points = reading.quad.corners.map {
                (x: crop.minX + $0.x / pixelsPerPoint, y: crop.maxY - $0.y / pixelsPerPoint)
            }
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                let minY = points.map(\.y).min(), let maxY = points.map(\.y).max()
            else { return nil }
            let symbol = PDFRect(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
            let modulePoints = reading.modulePixels / pixelsPerPoint
            let module = reading.modulePixels / pixelsPerMillimetre
            // Light rings as measured, but never more than fit between the symbol and the trim.
            let room =
                [symbol.minX - trim.minX, trim.maxX - symbol.maxX, symbol.minY - trim.minY, trim.maxY - symbol.maxY]
                .min() ?? 0
            let fitting = modulePoints > 0 ? Int(exactly: max(0, (room / modulePoints + 0.25).rounded(.down))) ?? 0 : 0
            let quiet = min(reading.quietZone, fitting)
            let ring = Double(PrintRule.requiredQuietZone) * modulePoints
            return LocatedCode(
                report: PreflightCode(
                    page: index + 1, payload: code.symbol.payload,
                    moduleMillimetres: QRFinding.rounded(module, digits: 2), quietZoneInsideTrim: quiet,
                    ratedDistanceMetres: QRFinding.rounded(
                        ScanDistanceModel.reachMetres(moduleMillimetres: module), digits: 2)),
                symbol: symbol, withQuietZone: symbol.inset(by: -ring),
                symbolWithMargin: symbol.inset(by: -modulePoints))
        }
    }

    func codeFindings(_ codes: [LocatedCode]) -> [(PreflightRule, String)] {
        var findings: [(PreflightRule, String)] = []
        for code in codes {
            let name = "the QR code for \(Excerpt.of(code.report.payload, limit: 40))"
            if let module = code.report.moduleMillimetres, module < minimumModuleMillimetres - 0.005 {
                findings.append(
                    (
                        .qrModule,
                        "\(name) has \(formatDecimal(module, digits: 2)) mm modules; at least "
                            + "\(formatDecimal(minimumModuleMillimetres, digits: 2)) mm print reliably: print it larger"
                    ))
            }
            if let quiet = code.report.quietZoneInsideTrim, quiet < PrintRule.requiredQuietZone {
                findings.append(
                    (
                        .qrQuietZone,
                        "\(name) keeps \(quiet) light module(s) inside the trim; it needs "
                            + "\(PrintRule.requiredQuietZone): move it away from the edge or leave more white around it"
                    ))
            }
            if let scanDistance, let module = code.report.moduleMillimetres {
                let needed = ScanDistanceModel.minimumModuleMillimetres(distanceMetres: scanDistance.metres)
                if module < needed * 0.98 {
                    findings.append(
                        (
                            .qrScanDistance,
                            "\(name) has \(formatDecimal(module, digits: 2)) mm modules; read "
                                + "from \(formatDecimal(scanDistance.metres, digits: 2)) m it needs "
                                + "\(formatDecimal(needed, digits: 2)) mm: print it larger or hang it closer"
                        ))
                }
            }
        }
        return findings
    }

    static func size(_ rect: PDFRect) -> String { size(rect.width, rect.height) }

    static func size(_ width: Double, _ height: Double) -> String {
        "\(millimetres(width)) × \(millimetres(height)) mm"
    }

    /// Points as millimetres to a tenth, for messages.
    static func millimetres(_ points: Double) -> String {
        formatDecimal(Length.pt(max(0, points)).millimetres, digits: 1)
    }
}

/// A page's boxes, with PDF's defaults, and what is wrong with them.
struct PageBoxes {
    var media: PDFRect
    var crop: PDFRect
    var bleed: PDFRect?
    var trim: PDFRect?
    var problems: [String] = []

    init(_ page: [String: PDFValue], graph: PDFObjectGraph) {
        func box(_ key: String) -> PDFRect? { PDFRect(box: graph.resolve(page[key])) }
        let media = box("MediaBox")
        // A page without a MediaBox is broken; Letter is what readers assume.
        self.media = media ?? PDFRect(minX: 0, minY: 0, maxX: 612, maxY: 792)
        crop = box("CropBox") ?? self.media
        bleed = box("BleedBox")
        trim = box("TrimBox")
        if media == nil { problems.append("the page has no MediaBox") }
        guard let trim else {
            problems.append(
                "the page has no TrimBox: the shop cannot tell the finished size; set it to the card's size")
            return
        }
        let bleedBox = bleed ?? crop
        if !bleedBox.contains(trim) {
            problems.append(
                "the BleedBox \(bleedBox) does not contain the TrimBox \(trim): make the bleed larger than the trim")
        }
        if !self.media.contains(bleedBox) {
            problems.append("the MediaBox \(self.media) does not contain the BleedBox \(bleedBox): enlarge the page")
        }
    }
}
