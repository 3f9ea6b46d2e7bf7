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
        if let cut = page.cut {
            // A die-cut sticker: its design clipped to the shape (the cut line itself is in the press file).
            svg.raw("<clipPath id=\"die-cut\">")
            svg.rect(cut.rect, radius: cut.radius, attributes: "")
            svg.raw("</clipPath>\n<g clip-path=\"url(#die-cut)\">\n")
            svg.append(body)
            svg.raw("</g>\n")
        } else {
            svg.append(body)
        }
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
                svg.raw("<title>"); svg.escaped(box.text); svg.raw("</title><g fill=\"\(box.style.color.hex)\"")
                if box.upsideDown { svg.halfTurn(about: box.frame) }
                svg.raw(">")
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
                svg.raw("<image")
                if image.upsideDown { svg.halfTurn(about: image.frame) }
                svg.raw(" x=\""); svg.number(image.frame.x); svg.raw("\" y=\""); svg.number(image.frame.y)
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

/// Text as SVG: glyph outlines from `GlyphOutliner`, each defined once (`<path id="g1">`) and placed with `<use>`,
/// so a card's SVG carries every letter shape once instead of once per occurrence.
final class TextOutliner {
    private let outliner: GlyphOutliner

    init() throws { outliner = try GlyphOutliner() }

    /// `<use>` elements for every drawn glyph of the box.
    func appendGlyphs(of box: TextBox, to svg: inout SVGText) throws(NativeError) {
        for glyph in try outliner.glyphs(of: box) {
            svg.raw("<use xlink:href=\"#g\(glyph.outline + 1)\" x=\"")
            svg.number(glyph.x)
            svg.raw("\" y=\"")
            svg.number(glyph.y)
            svg.raw("\"/>")
        }
    }

    /// Every glyph used so far, in the order first used.
    func appendDefinitions(to svg: inout SVGText) {
        guard !outliner.outlines.isEmpty else { return }
        svg.raw("<defs>\n")
        for (index, outline) in outliner.outlines.enumerated() {
            svg.raw("<path id=\"g\(index + 1)\" d=\"")
            for segment in outline {
                switch segment {
                case let .move(x, y): svg.raw("M"); svg.point(x, y)
                case let .line(x, y): svg.raw("L"); svg.point(x, y)
                case let .curve(x1, y1, x2, y2, x3, y3):
                    svg.raw("C"); svg.point(x1, y1)
                    svg.raw(" "); svg.point(x2, y2)
                    svg.raw(" "); svg.point(x3, y3)
                case .close: svg.raw("Z")
                }
            }
            svg.raw("\"/>\n")
        }
        svg.raw("</defs>\n")
    }
}

/// An SVG under construction: the shared ASCII buffer with SVG's escaping and rectangles.
typealias SVGText = ASCIIBuffer

extension ASCIIBuffer {
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
                raw(String(scalar))
            }
        }
    }

    mutating func rect(_ rect: Rect, radius: Double, attributes: String) {
        raw("<rect x=\""); number(rect.x); raw("\" y=\""); number(rect.y)
        raw("\" width=\""); number(rect.width); raw("\" height=\""); number(rect.height); raw("\"")
        if radius > 0 { raw(" rx=\""); number(radius); raw("\"") }
        raw(" \(attributes)/>")
    }

    /// ` transform="rotate(180 cx cy)"`: the element drawn turned about the frame's centre (a tent's back panel).
    mutating func halfTurn(about frame: Rect) {
        raw(" transform=\"rotate(180 "); point(frame.x + frame.width / 2, frame.y + frame.height / 2); raw(")\"")
    }
}

enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
