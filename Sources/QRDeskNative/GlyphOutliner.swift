import QRDeskCore
internal import CCairo
internal import CPangoCairo

/// One step of a glyph's outline, in points relative to the glyph's origin (y down, as Cairo draws).
enum PathSegment {
    case move(Double, Double)
    case line(Double, Double)
    case curve(Double, Double, Double, Double, Double, Double)
    case close
}

/// A glyph drawn at a place on the page: which outline (`GlyphOutliner.outlines[outline]`) and its origin.
struct PlacedGlyph {
    let outline: Int
    let x: Double
    let y: Double
}

/// Shaped text as glyph outlines, for writers that carry no fonts (SVG, press PDF): Pango shapes the text as
/// the PDF draws it, Cairo's path API gives each glyph's outline on an unbounded scratch surface, and each glyph of
/// each font is outlined once however often it is placed.
final class GlyphOutliner {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let shaper: PangoTextShaper
    private struct GlyphKey: Hashable {
        let font: String
        let glyph: UInt32
    }
    private var indices: [GlyphKey: Int] = [:]
    /// Every glyph outlined so far, in the order first placed.
    private(set) var outlines: [[PathSegment]] = []

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

    /// Every drawn glyph of the box at the position Pango laid it out (runs in visual order, so right-to-left
    /// text lands as in the PDF).
    func glyphs(of box: TextBox) throws(NativeError) -> [PlacedGlyph] {
        let layout = try shaper.makeLayout(box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        let scale = Double(qrdesk_pango_scale())
        var placed: [PlacedGlyph] = []
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
                placed.append(
                    PlacedGlyph(
                        outline: try outline(of: info.glyph, in: font),
                        x: box.frame.x + (x + Double(info.geometry.x_offset)) / scale,
                        y: box.frame.y + (baseline + Double(info.geometry.y_offset)) / scale))
            }
        } while pango_layout_iter_next_run(iterator) != 0
        return placed
    }

    /// The glyph's outline index, outlining it the first time it is placed.
    private func outline(of glyph: PangoGlyph, in font: UnsafeMutablePointer<PangoFont>) throws(NativeError) -> Int {
        let description = pango_font_describe(font)
        defer { pango_font_description_free(description) }
        let name =
            pango_font_description_to_string(description).map { text in
                defer { g_free(text) }
                return String(cString: text)
            } ?? ""
        let key = GlyphKey(font: name, glyph: glyph)
        if let index = indices[key] { return index }
        cairo_new_path(cairo)
        cairo_set_scaled_font(cairo, pango_cairo_font_get_scaled_font(OpaquePointer(font)))
        var cairoGlyph = cairo_glyph_t(index: UInt(glyph), x: 0, y: 0)
        cairo_glyph_path(cairo, &cairoGlyph, 1)
        let segments = try currentPath()
        cairo_new_path(cairo)
        let index = outlines.count
        indices[key] = index
        outlines.append(segments)
        return index
    }

    /// The context's current path.
    private func currentPath() throws(NativeError) -> [PathSegment] {
        guard let path = cairo_copy_path(cairo) else {
            throw NativeError(library: "cairo", operation: "cairo_copy_path", detail: "out of memory")
        }
        defer { cairo_path_destroy(path) }
        try check(path.pointee.status, "cairo_copy_path")
        guard let data = path.pointee.data else { return [] }
        var segments: [PathSegment] = []
        var index = 0
        let count = Int(path.pointee.num_data)
        while index < count {
            let header = data[index].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO:
                segments.append(.move(data[index + 1].point.x, data[index + 1].point.y))
            case CAIRO_PATH_LINE_TO:
                segments.append(.line(data[index + 1].point.x, data[index + 1].point.y))
            case CAIRO_PATH_CURVE_TO:
                segments.append(
                    .curve(
                        data[index + 1].point.x, data[index + 1].point.y, data[index + 2].point.x,
                        data[index + 2].point.y, data[index + 3].point.x, data[index + 3].point.y))
            case CAIRO_PATH_CLOSE_PATH:
                segments.append(.close)
            default:
                break
            }
            index += max(1, Int(header.length))
        }
        return segments
    }
}
