import QRDeskCore
internal import CPangoCairo

/// Shapes text with Pango for measuring and drawing. It owns one PangoContext with pinned font options
/// (no hinting, no hint metrics, grey antialias, 72 dpi) so that measured sizes are the drawn sizes at any
/// scale and output is byte-identical across runs. Create one per render; never share it across threads.
public final class PangoTextShaper: TextMeasuring {
    let context: OpaquePointer
    private static let pangoScale = Double(qrdesk_pango_scale())

    /// For raster output on a printer: `deviceScale` device pixels per point. Text is then measured and drawn
    /// with hinted metrics on the device's pixel grid, so letters sit evenly at 203 dpi; layouts made with this
    /// shaper must be drawn with it, at that scale.
    public let deviceScale: Double?

    public init(deviceScale: Double? = nil) throws(NativeError) {
        self.deviceScale = deviceScale
        // Pango's default font map is per thread, so each thread has its own fontconfig cache.
        guard let fontMap = pango_cairo_font_map_get_default(),
            let context = pango_font_map_create_context(fontMap)
        else {
            throw NativeError(library: "pango", operation: "pango_font_map_create_context", detail: "no font map")
        }
        self.context = context
        guard let options = cairo_font_options_create() else {
            throw NativeError(library: "cairo", operation: "cairo_font_options_create", detail: "out of memory")
        }
        if let deviceScale {
            // Glyph advances rounded to whole device pixels, outlines fitted to them, no grey to threshold away.
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_FULL)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_NONE)
            var matrix = PangoMatrix(xx: deviceScale, xy: 0, yx: 0, yy: deviceScale, x0: 0, y0: 0)
            pango_context_set_matrix(context, &matrix)
        } else {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            // Pango rounds glyph positions to whole units (here points) by default: up to half a point between
            // two letters, which text extractors read as a word break (Arabic words came out split).
            pango_context_set_round_glyph_positions(context, 0)
        }
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_cairo_context_set_resolution(context, 72)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }

    public func measure(_ text: String, style: TextStyle, width: Double, maxLines: Int?) throws -> TextMetrics {
        let layout = try makeLayout(text, style: style, width: width, maxLines: maxLines)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        if pango_layout_get_unknown_glyphs_count(layout) > 0, let scalar = firstMissingScalar(in: text, style: style) {
            throw LayoutError.missingGlyph(element: "", codePoint: scalar.value)
        }
        return TextMetrics(
            width: Double(logical.width) / Self.pangoScale, height: Double(logical.height) / Self.pangoScale,
            lineCount: Int(pango_layout_get_line_count(layout)), isEllipsized: pango_layout_is_ellipsized(layout) != 0,
            inkTop: Double(ink.y) / Self.pangoScale, inkBottom: Double(ink.y + ink.height) / Self.pangoScale)
    }

    /// The first character of `text` that no font draws: each distinct non-ASCII character is laid out alone.
    /// Runs only when Pango has already reported an unknown glyph.
    private func firstMissingScalar(in text: String, style: TextStyle) -> Unicode.Scalar? {
        var tried = Set<Unicode.Scalar>()
        for scalar in text.unicodeScalars where !scalar.isASCII && tried.insert(scalar).inserted {
            guard let layout = try? makeLayout(String(scalar), style: style, width: 10_000, maxLines: nil) else {
                break
            }
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            if pango_layout_get_unknown_glyphs_count(layout) > 0 { return scalar }
            if tried.count > 4_096 { break }
        }
        return text.unicodeScalars.first { !$0.isASCII }
    }

    /// A new layout; the caller releases it with `g_object_unref`.
    func makeLayout(
        _ text: String, style: TextStyle, width: Double, maxLines: Int?
    ) throws(NativeError) -> OpaquePointer {
        // The base direction is the context's; set it for each layout (the shaper is used by one thread at a time).
        pango_context_set_base_dir(context, style.rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR)
        let layout = try NativeError.created(pango_layout_new(context), by: "pango", "pango_layout_new")
        if style.rightToLeft { pango_layout_set_auto_dir(layout, 0) }
        pango_layout_set_text(layout, text, -1)
        let font = pango_font_description_new()
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_weight(font, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, style.size * Self.pangoScale)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        if !style.boldRanges.isEmpty {
            let attributes = pango_attr_list_new()
            let length = text.utf8.count
            for range in style.boldRanges where range.lowerBound >= 0 && range.upperBound <= length {
                guard let bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD) else { continue }
                bold.pointee.start_index = UInt32(clamping: range.lowerBound)
                bold.pointee.end_index = UInt32(clamping: range.upperBound)
                // The list takes ownership of the attribute.
                pango_attr_list_insert(attributes, bold)
            }
            pango_layout_set_attributes(layout, attributes)
            pango_attr_list_unref(attributes)
        }
        // Widths come from bounded template lengths; clamping keeps even a corrupt one from trapping.
        pango_layout_set_width(
            layout, Int32(clamping: Int(exactly: (width * Self.pangoScale).rounded(.down)) ?? Int(Int32.max)))
        if style.hangingIndentEm > 0 {
            let indent = style.hangingIndentEm * style.size * Self.pangoScale
            pango_layout_set_indent(layout, -Int32(clamping: Int(exactly: indent.rounded()) ?? 0))
        }
        // Break between words, and inside a word (a long URL) only when a word alone is too wide.
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // With auto-direction Pango swaps left and right for a right-to-left paragraph itself; with a fixed
        // right-to-left base it does not, so start is set to the right here.
        switch (style.alignment, style.rightToLeft) {
        case (.start, false), (.end, true): pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case (.center, _): pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case (.end, false), (.start, true): pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if let maxLines {
            pango_layout_set_height(layout, Int32(-maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        return layout
    }

    /// Matches the context to a Cairo context's transform before drawing on it.
    func prepare(for cairo: OpaquePointer) {
        pango_cairo_update_context(cairo, context)
    }

    // MARK: Font families

    /// Installed families, lower-cased, listed once per process. A lazily initialised static (`swift_once`)
    /// rather than a lock-guarded cache: ThreadSanitizer sees through it, and the list never changes.
    private static let installedFamilies: Set<String> = {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(pango_cairo_font_map_get_default(), &list, &count)
        var names = Set<String>()
        for index in 0..<Int(count) {
            if let family = list?[index], let name = pango_font_family_get_name(family) {
                names.insert(String(cString: name).lowercased())
            }
        }
        g_free(list)
        return names
    }()

    /// Pango silently falls back to another family when one is missing; fail instead, naming the family.
    public static func checkFamilyInstalled(_ family: String) throws(NativeError) {
        let families = installedFamilies
        guard families.contains(family.lowercased()) else {
            throw NativeError(
                library: "fontconfig", operation: "font lookup",
                detail:
                    "the font family \"\(family)\" is not installed; install it (e.g. apt-get install "
                    + "fonts-noto-core) or name another family in the template's font field"
            )
        }
    }
}
