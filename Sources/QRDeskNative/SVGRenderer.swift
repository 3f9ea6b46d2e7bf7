import QRDeskCore
internal import CCairo
internal import CPangoCairo
import Foundation

/// Writes a page as SVG for designers and print shops: each element in a group named after its template
/// element, the QR as one path in module units, and text as outlines (shaped by Pango, so every script
/// looks as in the PDF and the file needs no fonts), with the text itself kept in each group's title.
public struct SVGRenderer {
    public init() {}

    public func render(_ document: Document, page index: Int = 0) throws -> [UInt8] {
        let page = document.pages[index]
        var svg = SVGText()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        svg.number(Length.pt(page.size.width).millimetres, digits: 3); svg.raw("mm\" height=\"")
        svg.number(Length.pt(page.size.height).millimetres, digits: 3); svg.raw("mm\" viewBox=\"0 0 ")
        svg.number(page.size.width, digits: 4); svg.raw(" "); svg.number(page.size.height, digits: 4); svg.raw("\">\n")
        svg.raw("<title>"); svg.escaped(document.metadata.title); svg.raw("</title>\n")
        svg.raw("<desc>"); svg.escaped(document.metadata.subject); svg.raw("</desc>\n")
        svg.raw("<rect id=\"paper\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n")

        let outliner = try TextOutliner()
        for item in page.items {
            svg.raw("<g id=\""); svg.escaped(item.name); svg.raw("\">")
            switch item.shape {
            case let .fill(rect, color, radius):
                svg.rect(rect, radius: radius, attributes: "fill=\"\(color.hex)\"")
            case let .stroke(rect, color, lineWidth, radius):
                svg.rect(rect, radius: radius, attributes: "fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(formatPoints(lineWidth))\"")
            case let .line(from, to, color, lineWidth, dashed):
                svg.raw("<line x1=\""); svg.number(from.x); svg.raw("\" y1=\""); svg.number(from.y)
                svg.raw("\" x2=\""); svg.number(to.x); svg.raw("\" y2=\""); svg.number(to.y)
                svg.raw("\" stroke=\"\(color.hex)\" stroke-width=\"\(formatPoints(lineWidth))\"")
                if dashed { svg.raw(" stroke-dasharray=\"\(formatPoints(lineWidth * 3)) \(formatPoints(lineWidth * 2))\"") }
                svg.raw("/>")
            case let .text(box):
                svg.raw("<title>"); svg.escaped(box.text); svg.raw("</title><path fill=\"\(box.style.color.hex)\" d=\"")
                try outliner.appendOutline(of: box, to: &svg)
                svg.raw("\"/>")
            case let .qr(symbol):
                svg.rect(symbol.frame, radius: 0, attributes: "fill=\"\(symbol.light.hex)\"")
                svg.raw("<path fill=\"\(symbol.dark.hex)\" transform=\"translate(")
                svg.number(symbol.frame.x, digits: 4); svg.raw(" "); svg.number(symbol.frame.y, digits: 4)
                svg.raw(") scale("); svg.number(symbol.moduleSize, digits: 6); svg.raw(")\" d=\"")
                // Outlines in module units: every segment is horizontal or vertical, so H and V carry one number each.
                let quiet = symbol.quietZone
                for loop in QROutline(symbol.matrix).loops {
                    guard let first = loop.first else { continue }
                    svg.raw("M\(quiet + first.x) \(quiet + first.y)")
                    var previous = first
                    // The segment back to the first point is the "z".
                    for point in loop.dropFirst() {
                        svg.raw(point.y == previous.y ? "H\(quiet + point.x)" : "V\(quiet + point.y)")
                        previous = point
                    }
                    svg.raw("z")
                }
                svg.raw("\"/>")
            case let .image(image):
                let png = image.monochrome ? try RasterImage.monochromePNG(image.png) : image.png
                svg.raw("<image x=\""); svg.number(image.frame.x); svg.raw("\" y=\""); svg.number(image.frame.y)
                svg.raw("\" width=\""); svg.number(image.frame.width); svg.raw("\" height=\""); svg.number(image.frame.height)
                svg.raw("\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,")
                svg.raw(Base64.encode(png))
                svg.raw("\"/>")
            }
            svg.raw("</g>\n")
        }
        svg.raw("</svg>\n")
        return svg.bytes
    }

    private func formatPoints(_ value: Double) -> String {
        var text = SVGText()
        text.number(value)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}

/// Turns shaped text into path data through Cairo's path API on an unbounded scratch surface.
final class TextOutliner {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let shaper: PangoTextShaper

    init() throws {
        // Unbounded: Pango skips glyphs that fall outside a bounded target's extents, even when only taking their path.
        surface = cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, nil)!
        cairo = cairo_create(surface)!
        shaper = try PangoTextShaper()
        shaper.prepare(for: cairo)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    func appendOutline(of box: TextBox, to svg: inout SVGText) throws(NativeError) {
        let layout = shaper.makeLayout(box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        cairo_new_path(cairo)
        cairo_move_to(cairo, box.frame.x, box.frame.y)
        pango_cairo_layout_path(cairo, layout)
        guard let path = cairo_copy_path(cairo) else { throw NativeError(library: "cairo", operation: "cairo_copy_path", detail: "out of memory") }
        defer { cairo_path_destroy(path) }
        try check(path.pointee.status, "cairo_copy_path")
        let data = path.pointee.data!
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
            index += Int(header.length)
        }
        cairo_new_path(cairo)
    }
}

/// An SVG under construction, as UTF-8 bytes, with a fast locale-free number writer.
struct SVGText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256 * 1024) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

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
