import Foundation
import QRDeskCore
internal import CCairo

/// Writes press sheets as PDF/X-1a:2001, which Cairo cannot: every colour in DeviceCMYK or DeviceGray (black,
/// greys and QR modules on the K plate alone, other colours through the output profile, a brand colour exactly as
/// given), glyphs as outlines (no fonts to embed), no transparency, a TrimBox and BleedBox on every page and the
/// output intent naming the printing condition. Coordinates follow the document (top-left origin, points) under
/// one flip at the top of each page.
public struct PressPDFRenderer {
    public let settings: PressSettings
    /// A CMYK output profile to convert colours with; nil: Ghostscript's default CMYK profile.
    public let profilePath: String?

    public static let pdfVersion = "1.3"
    public static let pdfxVersion = "PDF/X-1:2001"
    public static let pdfxConformance = "PDF/X-1a:2001"

    public init(settings: PressSettings, profilePath: String? = nil) {
        self.settings = settings
        self.profilePath = profilePath
    }

    /// Opens a user's CMYK output profile once, so a missing or wrong `--icc` is refused before any work — not
    /// only when a colour first needs converting (a grey card needs none).
    public static func checkProfile(at path: String) throws {
        _ = try PressColorTransform(profileAt: path)
    }

    /// The screen colour a CMYK colour prints as, through the same profile (for layout and contrast checks).
    public func screenColor(of color: CMYKColor) throws -> RGBColor {
        try PressColorTransform.cachedScreenColor(color, profile: profilePath)
    }

    /// - Parameter exact: colours of the document whose CMYK was given (the accent as `--accent-cmyk`).
    public func render(
        _ pages: [PressPage], metadata: DocumentMetadata, exact: [RGBColor: CMYKColor] = [:]
    ) throws -> [UInt8] {
        let writer = try PressPDFWriter(renderer: self, metadata: metadata, exact: exact)
        for page in pages { try writer.add(page) }
        return try writer.finish()
    }

    /// The page's drawing operators: fills, strokes and lines in their inks, glyph outlines, the QR as one path in
    /// solid K, images, and the crop marks in registration.
    func pageContent(
        _ press: PressPage, inks: PressInks, outliner: GlyphOutliner,
        addImage: (ImageBox, RGBColor) throws -> Int
    ) throws -> ASCIIBuffer {
        var out = ASCIIBuffer()
        out.raw("1 0 0 -1 0 "); out.number(press.page.size.height, digits: 4); out.raw(" cm\n")
        // A die-cut sticker: the design clipped to its shape grown by the bleed, so a band's corners follow it.
        let bleed = press.trimBox.x - press.bleedBox.x
        if let cut = press.page.cut?.grown(by: bleed) {
            out.raw("q\n")
            Self.addRectangle(cut.rect, radius: cut.radius, &out)
            out.raw("W n\n")
        }
        var lastFill: [(Rect, RGBColor)] = []
        for item in press.page.items {
            switch item.shape {
            case let .fill(rect, color, radius):
                Self.setFill(inks.ink(for: color), &out)
                Self.addRectangle(rect, radius: radius, &out)
                out.raw("f\n")
                lastFill.append((rect, color))
            case let .stroke(rect, color, lineWidth, radius):
                Self.setStroke(inks.ink(for: color), &out)
                out.number(lineWidth, digits: 3); out.raw(" w\n")
                Self.addRectangle(rect, radius: radius, &out)
                out.raw("S\n")
            case let .line(from, to, color, lineWidth, dashed):
                Self.setStroke(inks.ink(for: color), &out)
                out.number(lineWidth, digits: 3); out.raw(" w\n")
                if dashed {
                    out.raw("["); out.number(lineWidth * 3, digits: 3); out.raw(" ");
                    out.number(lineWidth * 2, digits: 3)
                    out.raw("] 0 d\n")
                }
                out.point(from.x, from.y); out.raw(" m "); out.point(to.x, to.y); out.raw(" l S\n")
                if dashed { out.raw("[] 0 d\n") }
            case let .text(box):
                let glyphs = try outliner.glyphs(of: box)
                guard !glyphs.isEmpty else { continue }
                // Each glyph's outline at its place, the box's glyphs filled as one path: no forms for a RIP (or a
                // read-back) to open per letter, and Flate folds the repeats.
                Self.setFill(inks.ink(for: box.style.color), &out)
                if box.upsideDown { Self.beginHalfTurn(about: box.frame, &out) }
                for glyph in glyphs {
                    Self.addOutline(outliner.outlines[glyph.outline], at: glyph.x, glyph.y, &out)
                }
                out.raw("f\n")
                if box.upsideDown { out.raw("Q\n") }
            case let .qr(symbol):
                Self.setFill(inks.ink(for: symbol.light), &out)
                Self.addRectangle(symbol.frame, radius: 0, &out)
                out.raw("f\n")
                Self.setFill(PressInks.qrModules, &out)
                let quiet = Double(symbol.quietZone), module = symbol.moduleSize
                for loop in QROutline(symbol.matrix).loops {
                    for (index, point) in loop.enumerated() {
                        out.point(
                            symbol.frame.x + (quiet + Double(point.x)) * module,
                            symbol.frame.y + (quiet + Double(point.y)) * module)
                        out.raw(index == 0 ? " m\n" : " l\n")
                    }
                    out.raw("h\n")
                }
                out.raw("f\n")
            case let .image(image):
                let centre = Point(x: image.frame.x + image.frame.width / 2, y: image.frame.y + image.frame.height / 2)
                let background =
                    lastFill.last { rect, _ in
                        rect.x <= centre.x && centre.x <= rect.maxX && rect.y <= centre.y && centre.y <= rect.maxY
                    }?.1 ?? .white
                let name = try addImage(image, background)
                if image.upsideDown { Self.beginHalfTurn(about: image.frame, &out) }
                out.raw("q "); out.number(image.frame.width, digits: 4); out.raw(" 0 0 ")
                out.number(-image.frame.height, digits: 4); out.raw(" ")
                out.point(image.frame.x, image.frame.maxY); out.raw(" cm /Im\(name) Do Q\n")
                if image.upsideDown { out.raw("Q\n") }
            }
        }
        if let cut = press.page.cut {
            // The cut line, in a separation that prints no ink, overprinting: the plotter's path, no white knock-out.
            out.raw("Q\nq /\(Self.dieCutState) gs /\(Self.dieCutSpace) CS 1 SCN ")
            out.number(DieCut.lineWidth, digits: 3); out.raw(" w\n")
            Self.addRectangle(cut.rect, radius: cut.radius, &out)
            out.raw("S Q\n")
        }
        if !press.cropMarks.isEmpty {
            Self.setStroke(.registration, &out)
            out.number(PressPage.cropMarkWidth, digits: 3); out.raw(" w\n")
            for mark in press.cropMarks {
                out.point(mark.from.x, mark.from.y); out.raw(" m "); out.point(mark.to.x, mark.to.y); out.raw(" l S\n")
            }
        }
        return out
    }

    /// Saves the state and turns what follows 180° about the frame's centre (a tent's back panel); the caller
    /// restores it (`Q`).
    private static func beginHalfTurn(about frame: Rect, _ out: inout ASCIIBuffer) {
        out.raw("q -1 0 0 -1 ")
        out.point(2 * frame.x + frame.width, 2 * frame.y + frame.height)
        out.raw(" cm\n")
    }

    /// The page resources a die-cut sticker's line names: the `CutContour` separation (shown as magenta where a
    /// viewer has no such ink) and an overprinting graphics state.
    static let dieCutSpace = "CSCut", dieCutState = "GSCut"
    static let dieCutResources =
        "/ColorSpace << /\(dieCutSpace) [/Separation /\(DieCut.separation) /DeviceCMYK << /FunctionType 2 "
        + "/Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 0 0] /N 1 >>] >> "
        + "/ExtGState << /\(dieCutState) << /Type /ExtGState /OP true /op true /OPM 1 >> >> "

    private static func setFill(_ color: CMYKColor, _ out: inout ASCIIBuffer) {
        components(color, &out)
        out.raw(" k\n")
    }

    private static func setStroke(_ color: CMYKColor, _ out: inout ASCIIBuffer) {
        components(color, &out)
        out.raw(" K\n")
    }

    private static func components(_ color: CMYKColor, _ out: inout ASCIIBuffer) {
        out.number(color.cyan, digits: 4); out.raw(" "); out.number(color.magenta, digits: 4); out.raw(" ")
        out.number(color.yellow, digits: 4); out.raw(" "); out.number(color.black, digits: 4)
    }

    /// A rectangle, its corners rounded with the usual four-Bézier quarter circles.
    private static func addRectangle(_ rect: Rect, radius: Double, _ out: inout ASCIIBuffer) {
        guard radius > 0 else {
            out.point(rect.x, rect.y); out.raw(" "); out.point(rect.width, rect.height); out.raw(" re\n")
            return
        }
        let r = min(radius, rect.width / 2, rect.height / 2), k = 0.552_284_75 * r
        func line(_ x: Double, _ y: Double) { out.point(x, y); out.raw(" l\n") }
        func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
            out.point(x1, y1); out.raw(" "); out.point(x2, y2); out.raw(" "); out.point(x3, y3); out.raw(" c\n")
        }
        out.point(rect.x + r, rect.y); out.raw(" m\n")
        line(rect.maxX - r, rect.y)
        curve(rect.maxX - r + k, rect.y, rect.maxX, rect.y + r - k, rect.maxX, rect.y + r)
        line(rect.maxX, rect.maxY - r)
        curve(rect.maxX, rect.maxY - r + k, rect.maxX - r + k, rect.maxY, rect.maxX - r, rect.maxY)
        line(rect.x + r, rect.maxY)
        curve(rect.x + r - k, rect.maxY, rect.x, rect.maxY - r + k, rect.x, rect.maxY - r)
        line(rect.x, rect.y + r)
        curve(rect.x, rect.y + r - k, rect.x + r - k, rect.y, rect.x + r, rect.y)
        out.raw("h\n")
    }

    /// A glyph's outline moved to its origin on the page (y down, as the page is drawn).
    private static func addOutline(_ outline: [PathSegment], at x: Double, _ y: Double, _ out: inout ASCIIBuffer) {
        for segment in outline {
            switch segment {
            case let .move(px, py): out.point(x + px, y + py); out.raw(" m\n")
            case let .line(px, py): out.point(x + px, y + py); out.raw(" l\n")
            case let .curve(x1, y1, x2, y2, x3, y3):
                out.point(x + x1, y + y1); out.raw(" "); out.point(x + x2, y + y2); out.raw(" ")
                out.point(x + x3, y + y3); out.raw(" c\n")
            case .close: out.raw("h\n")
            }
        }
    }

    /// A logo flattened onto what it sits on (PDF/X-1a has no soft masks), in CMYK through the profile, or in
    /// DeviceGray for the black-and-white variant's thresholded logo.
    static func addImage(
        _ image: ImageBox, background: RGBColor, transform: () throws -> PressColorTransform,
        to table: inout PDFObjectTable
    ) throws -> Int {
        let surface = try RasterImage.decodePNG(image.png, monochrome: image.monochrome)
        defer { cairo_surface_destroy(surface) }
        let data = try CairoImageData(surface)
        var rgb = [UInt8](repeating: 0, count: data.width * data.height * 3)
        let (backRed, backGreen, backBlue) = (Int(background.red), Int(background.green), Int(background.blue))
        for y in 0..<data.height {
            let row = UnsafeRawPointer(data.pixels + y * data.stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<data.width {
                let pixel = row[x]
                let alpha = data.hasAlpha ? Int(pixel >> 24) : 255
                // Cairo's channels are premultiplied: add the background's share.
                let base = (y * data.width + x) * 3
                rgb[base] = UInt8(min(255, Int(pixel >> 16 & 0xFF) + backRed * (255 - alpha) / 255))
                rgb[base + 1] = UInt8(min(255, Int(pixel >> 8 & 0xFF) + backGreen * (255 - alpha) / 255))
                rgb[base + 2] = UInt8(min(255, Int(pixel & 0xFF) + backBlue * (255 - alpha) / 255))
            }
        }
        let header = "/Type /XObject /Subtype /Image /Width \(data.width) /Height \(data.height) /BitsPerComponent 8"
        if image.monochrome {
            let grey = stride(from: 0, to: rgb.count, by: 3).map { rgb[$0] }
            return try table.addStream("\(header) /ColorSpace /DeviceGray", data: grey)
        }
        return try table.addStream("\(header) /ColorSpace /DeviceCMYK", data: try transform().cmyk(pixels: rgb))
    }

    /// `[x0 y0 x1 y1]` in PDF space (bottom-left origin) for a rectangle in document space.
    static func box(_ rect: Rect, pageHeight: Double) -> String {
        "[\(number(rect.x)) \(number(pageHeight - rect.maxY)) \(number(rect.maxX)) \(number(pageHeight - rect.y))]"
    }

    static func number(_ value: Double) -> String {
        var out = ASCIIBuffer(capacity: 16)
        out.number(value, digits: 4)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// 16 bytes of FNV-1a over the text, as hex: stable, and different for different cards.
    static func identity(of text: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325, second: UInt64 = 0x84222325_cbf29ce4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return [first, second].map { value in
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

/// A press file written page by page (a run of press sheets), each glyph outlined once for the whole file.
public final class PressPDFWriter {
    private let renderer: PressPDFRenderer
    private let metadata: DocumentMetadata
    private let exact: [RGBColor: CMYKColor]
    /// Opened only when a colour or image needs converting that no earlier file converted.
    private var transformStorage: PressColorTransform?
    private let outliner: GlyphOutliner
    private var table = PDFObjectTable()
    private let catalog: Int
    private let pageTree: Int
    private var pageNumbers: [Int] = []
    private var finished = false

    public init(renderer: PressPDFRenderer, metadata: DocumentMetadata, exact: [RGBColor: CMYKColor] = [:]) throws {
        self.renderer = renderer
        self.metadata = metadata
        self.exact = exact
        outliner = try GlyphOutliner()
        catalog = table.reserve()
        pageTree = table.reserve()
    }

    private func transform() throws -> PressColorTransform {
        if let transformStorage { return transformStorage }
        let opened = try PressColorTransform(profileAt: renderer.profilePath)
        transformStorage = opened
        return opened
    }

    public func add(_ press: PressPage) throws {
        // Every colour the page uses that is neither a grey nor given in CMYK, converted before drawing.
        var converted: [RGBColor: CMYKColor] = [:]
        for color in press.page.colors where exact[color] == nil && PressInks.blackTint(of: color) == nil {
            converted[color] = try PressColorTransform.cached(color, profile: renderer.profilePath, make: transform)
        }
        let inks = PressInks(exact: exact) { converted[$0] ?? .solidBlack }
        var images: [Int] = []
        let content = try renderer.pageContent(press, inks: inks, outliner: outliner) { image, background in
            images.append(
                try PressPDFRenderer.addImage(image, background: background, transform: transform, to: &table))
            return images.count
        }
        let contents = try table.addStream("", data: content.bytes)
        let xobjects = images.enumerated().map { "/Im\($0.offset + 1) \($0.element) 0 R" }
        let size = press.page.size
        let height = size.height
        pageNumbers.append(
            table.add(
                "<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 \(PressPDFRenderer.number(size.width)) "
                    + "\(PressPDFRenderer.number(height))] "
                    + "/BleedBox \(PressPDFRenderer.box(press.bleedBox, pageHeight: height)) "
                    + "/TrimBox \(PressPDFRenderer.box(press.trimBox, pageHeight: height)) "
                    + "/Resources << /XObject << \(xobjects.joined(separator: " ")) >> "
                    + "\(press.page.cut == nil ? "" : PressPDFRenderer.dieCutResources)>> /Contents \(contents) 0 R >>")
        )
    }

    public func finish() throws -> [UInt8] {
        guard !finished, !pageNumbers.isEmpty else {
            throw NativeError(
                library: "qrdesk", operation: "press PDF", detail: finished ? "finished twice" : "document has no pages"
            )
        }
        finished = true
        let kids = pageNumbers.map { "\($0) 0 R" }.joined(separator: " ")
        table.set(pageTree, "<< /Type /Pages /Kids [\(kids)] /Count \(pageNumbers.count) >>")
        let condition = renderer.settings.outputCondition
        table.set(
            catalog,
            "<< /Type /Catalog /Pages \(pageTree) 0 R /ViewerPreferences << /PrintScaling /None >> "
                + "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier "
                + "\(PDFString.text(condition.identifier)) /OutputCondition \(PDFString.text(condition.name)) "
                + "/RegistryName \(PDFString.text(OutputCondition.registryName)) "
                + "/Info \(PDFString.text(condition.name)) >>] >>")
        let date = PDFString.date(metadata.creationDate)
        let info = table.add(
            "<< /Title \(PDFString.text(metadata.title)) /Subject \(PDFString.text(metadata.subject)) "
                + "/Creator \(PDFString.text(metadata.creator)) /Producer (qrdesk) /CreationDate \(date) "
                + "/ModDate \(date) /Trapped /False /GTS_PDFXVersion (\(PressPDFRenderer.pdfxVersion)) "
                + "/GTS_PDFXConformance (\(PressPDFRenderer.pdfxConformance)) >>")
        // A document ID from what the file says, so reruns are byte-identical.
        let identity = PressPDFRenderer.identity(
            of: "\(metadata.title)\n\(metadata.subject)\n\(metadata.creationDate)\n\(pageNumbers.count)")
        return try table.file(
            version: PressPDFRenderer.pdfVersion,
            trailer: "/Root \(catalog) 0 R /Info \(info) 0 R /ID [<\(identity)> <\(identity)>]")
    }
}
