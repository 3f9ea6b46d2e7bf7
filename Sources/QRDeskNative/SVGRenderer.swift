import QRDeskCore
internal import CCairo
internal import CPangoCairo
import Foundation

/// Writes a page as SVG for designers and print shops: each element in a group named after its template
/// element, the QR as one path of outlines in module units, and text as glyph outlines (shaped by Pango, so
/// every script looks as in the PDF and the file needs no fonts; each glyph defined once and placed with
/// `<use>`), with the text itself kept in each group's title.
public struct SVGRenderer {
    public init() {}

    public func render(_ document: Document, page index: Int = 0) throws -> [UInt8] {
        let page = document.pages[index]
        var svg = SVGText()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        svg.raw(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
                + "width=\""
        )
        svg.number(Length.pt(page.size.width).millimetres, digits: 3); svg.raw("mm\" height=\"")
        svg.number(Length.pt(page.size.height).millimetres, digits: 3); svg.raw("mm\" viewBox=\"0 0 ")
        svg.number(page.size.width, digits: 4); svg.raw(" "); svg.number(page.size.height, digits: 4); svg.raw("\">\n")
        svg.raw("<title>"); svg.escaped(document.metadata.title); svg.raw("</title>\n")
        svg.raw("<desc>"); svg.escaped(document.metadata.subject); svg.raw("</desc>\n")
        svg.raw("<rect id=\"paper\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n")

        // The body is written first and the glyph outlines it uses are defined ahead of it, each once.
        let outliner = try TextOutliner()
        let body = try renderItems(page, outliner: outliner)
        outliner.appendDefinitions(to: &svg)
        svg.append(body)
        svg.raw("</svg>\n")
        return svg.bytes
    }

    private func renderItems(_ page: Page, outliner: TextOutliner) throws -> SVGText {
        var svg = SVGText()
        for item in page.items {
            svg.raw("<g id=\""); svg.escaped(item.name); svg.raw("\">")
            switch item.shape {
            case let .fill(rect, color, radius):
                svg.rect(rect, radius: radius, attributes: "fill=\"\(color.hex)\"")
            case let .stroke(rect, color, lineWidth, radius):
                svg.rect(
                    rect, radius: radius,
                    attributes: "fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(formatPoints(lineWidth))\"")
            case let .line(from, to, color, lineWidth, dashed):
                svg.raw("<line x1=\""); svg.number(from.x); svg.raw("\" y1=\""); svg.number(from.y)
                svg.raw("\" x2=\""); svg.number(to.x); svg.raw("\" y2=\""); svg.number(to.y)
                svg.raw("\" stroke=\"\(color.hex)\" stroke-width=\"\(formatPoints(lineWidth))\"")
                if dashed {
                    svg.raw(" stroke-dasharray=\"\(formatPoints(lineWidth * 3)) \(formatPoints(lineWidth * 2))\"")
                }
                svg.raw("/>")
            case let .text(box):
                svg.raw("<title>"); svg.escaped(box.text); svg.raw("</title><g fill=\"\(box.style.color.hex)\">")
                try outliner.appendGlyphs(of: box, to: &svg)
                svg.raw("</g>")
            case let .qr(symbol):
                svg.rect(symbol.frame, radius: 0, attributes: "fill=\"\(symbol.light.hex)\"")
                svg.raw("<path fill=\"\(symbol.dark.hex)\" transform=\"translate(")
                svg.number(symbol.frame.x, digits: 4); svg.raw(" "); svg.number(symbol.frame.y, digits: 4)
                svg.raw(") scale("); svg.number(symbol.moduleSize, digits: 6); svg.raw(")\" d=\"")
                svg.raw(QROutline(symbol.matrix).svgPathData(offset: symbol.quietZone))
                svg.raw("\"/>")
            case let .image(image):
                let png = image.monochrome ? try RasterImage.monochromePNG(image.png) : image.png
                svg.raw("<image x=\""); svg.number(image.frame.x); svg.raw("\" y=\""); svg.number(image.frame.y)
                svg.raw("\" width=\""); svg.number(image.frame.width); svg.raw("\" height=\"");
                svg.number(image.frame.height)
                svg.raw("\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,")
                svg.raw(Base64.encode(png))
                svg.raw("\"/>")
            }
            svg.raw("</g>\n")
        }
        return svg
    }

    private func formatPoints(_ value: Double) -> String {
        var text = SVGText()
        text.number(value)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}

/// Turns shaped text into glyph outlines through Cairo's path API on an unbounded scratch surface: each glyph of
/// each font is defined once (`<path id="g1">`) and placed with `<use>`, so a card's SVG carries every letter shape
/// once instead of once per occurrence.
final class TextOutliner {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let shaper: PangoTextShaper
    private struct GlyphKey: Hashable {
        let font: String
        let glyph: UInt32
    }
    private var ids: [GlyphKey: Int] = [:]
    private var definitions = SVGText()

    init() throws {
        // Unbounded: Pango skips glyphs that fall outside a bounded target's extents, even when only taking their path.
        let surface = try NativeError.created(
            cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, nil), by: "cairo",
            "cairo_recording_surface_create")
        guard let cairo = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw NativeError(library: "cairo", operation: "cairo_create", detail: "returned NULL (out of memory?)")
        }
        self.surface = surface
        self.cairo = cairo
        shaper = try PangoTextShaper()
        shaper.prepare(for: cairo)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// `<use>` elements for every drawn glyph of the box, at the positions Pango laid them out (runs in visual
    /// order, so right-to-left text lands as in the PDF).
    func appendGlyphs(of box: TextBox, to svg: inout SVGText) throws(NativeError) {
        let layout = try shaper.makeLayout(box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let iterator = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iterator) }
        let scale = Double(qrdesk_pango_scale())
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iterator), let glyphs = run.pointee.glyphs,
                let item = run.pointee.item, let font = item.pointee.analysis.font
            else { continue }
            let baseline = Double(pango_layout_iter_get_baseline(iterator))
            var logical = PangoRectangle()
            pango_layout_iter_get_run_extents(iterator, nil, &logical)
            var x = Double(logical.x)
            for index in 0..<Int(glyphs.pointee.num_glyphs) {
                let info = glyphs.pointee.glyphs[index]
                defer { x += Double(info.geometry.width) }
                if info.glyph == qrdesk_pango_glyph_empty() || info.glyph & qrdesk_pango_glyph_unknown_flag() != 0 {
                    continue
                }
                let id = try definition(of: info.glyph, in: font)
                svg.raw("<use xlink:href=\"#g\(id)\" x=\"")
                svg.number(box.frame.x + (x + Double(info.geometry.x_offset)) / scale)
                svg.raw("\" y=\"")
                svg.number(box.frame.y + (baseline + Double(info.geometry.y_offset)) / scale)
                svg.raw("\"/>")
            }
        } while pango_layout_iter_next_run(iterator) != 0
    }

    /// The glyph's id, defining its outline (relative to its origin) the first time it is used.
    private func definition(of glyph: PangoGlyph, in font: UnsafeMutablePointer<PangoFont>) throws(NativeError) -> Int {
        let description = pango_font_describe(font)
        defer { pango_font_description_free(description) }
        let name =
            pango_font_description_to_string(description).map { text in
                defer { g_free(text) }
                return String(cString: text)
            } ?? ""
        let key = GlyphKey(font: name, glyph: glyph)
        if let id = ids[key] { return id }
        let id = ids.count + 1
        ids[key] = id
        cairo_new_path(cairo)
        cairo_set_scaled_font(cairo, pango_cairo_font_get_scaled_font(OpaquePointer(font)))
        var cairoGlyph = cairo_glyph_t(index: UInt(glyph), x: 0, y: 0)
        cairo_glyph_path(cairo, &cairoGlyph, 1)
        definitions.raw("<path id=\"g\(id)\" d=\"")
        try appendPath(to: &definitions)
        definitions.raw("\"/>\n")
        cairo_new_path(cairo)
        return id
    }

    /// Every glyph used so far, in the order first used.
    func appendDefinitions(to svg: inout SVGText) {
        guard !ids.isEmpty else { return }
        svg.raw("<defs>\n")
        svg.append(definitions)
        svg.raw("</defs>\n")
    }

    /// The context's current path as SVG path data.
    private func appendPath(to svg: inout SVGText) throws(NativeError) {
        guard let path = cairo_copy_path(cairo) else {
            throw NativeError(library: "cairo", operation: "cairo_copy_path", detail: "out of memory")
        }
        defer { cairo_path_destroy(path) }
        try check(path.pointee.status, "cairo_copy_path")
        guard let data = path.pointee.data else { return }
        var index = 0
        let count = Int(path.pointee.num_data)
        while index < count {
            let header = data[index].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO:
                svg.raw("M"); svg.point(data[index + 1].point.x, data[index + 1].point.y)
            case CAIRO_PATH_LINE_TO:
                svg.raw("L"); svg.point(data[index + 1].point.x, data[index + 1].point.y)
            case CAIRO_PATH_CURVE_TO:
                svg.raw("C"); svg.point(data[index + 1].point.x, data[index + 1].point.y)
                svg.raw(" "); svg.point(data[index + 2].point.x, data[index + 2].point.y)
                svg.raw(" "); svg.point(data[index + 3].point.x, data[index + 3].point.y)
            case CAIRO_PATH_CLOSE_PATH:
                svg.raw("Z")
            default:
                break
            }
            index += max(1, Int(header.length))
        }
    }
}

/// An SVG under construction, as UTF-8 bytes, with a fast locale-free number writer.
struct SVGText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256 * 1024) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ other: SVGText) { bytes.append(contentsOf: other.bytes) }

    mutating func escaped(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": raw("&amp;")
            case "<": raw("&lt;")
            case ">": raw("&gt;")
            case "\"": raw("&quot;")
            default:
                // XML 1.0 forbids most control characters even escaped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// Fixed-point with up to `digits` decimals, trailing zeros trimmed: `12.5`, `-3`, `0.25`. Digits are
    /// written straight into the buffer: an outlined A5 card has tens of thousands of numbers.
    mutating func number(_ value: Double, digits: Int = 2) {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        var scaled = Int((value * Double(scale)).rounded())
        if scaled < 0 { bytes.append(UInt8(ascii: "-")); scaled = -scaled }
        appendDigits(scaled / scale)
        var fraction = scaled % scale
        guard fraction > 0 else { return }
        var width = digits
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        bytes.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func appendDigits(_ value: Int) {
        guard value >= 10 else { bytes.append(UInt8(ascii: "0") + UInt8(value)); return }
        appendDigits(value / 10)
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    mutating func point(_ x: Double, _ y: Double) {
        number(x); bytes.append(UInt8(ascii: " ")); number(y)
    }

    mutating func rect(_ rect: Rect, radius: Double, attributes: String) {
        raw("<rect x=\""); number(rect.x); raw("\" y=\""); number(rect.y)
        raw("\" width=\""); number(rect.width); raw("\" height=\""); number(rect.height); raw("\"")
        if radius > 0 { raw(" rx=\""); number(radius); raw("\"") }
        raw(" \(attributes)/>")
    }
}

enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
