import QRDeskCore
internal import CCairo
internal import CPangoCairo

/// Draws a page's items onto a Cairo context in page points. Shared by the PDF, PNG and verification rasters.
struct CairoPainter {
    let cairo: OpaquePointer
    /// Needed only for pages with text; the verification raster draws the QR alone and skips Pango entirely.
    let shaper: PangoTextShaper?

    func paint(_ page: Page, only filter: ((DrawItem) -> Bool)? = nil) throws(NativeError) {
        shaper?.prepare(for: cairo)
        // A die-cut sticker: nothing beyond its shape.
        cairo_save(cairo)
        if let cut = page.cut {
            addRectangle(cut.rect, cornerRadius: cut.radius)
            cairo_clip(cairo)
        }
        for item in page.items where filter?(item) ?? true {
            try paint(item.shape)
        }
        cairo_restore(cairo)
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw NativeError(
                library: "cairo", operation: "drawing", detail: String(cString: cairo_status_to_string(status)))
        }
    }

    private func paint(_ shape: Shape) throws(NativeError) {
        switch shape {
        case let .fill(rect, color, radius):
            setColor(color)
            addRectangle(rect, cornerRadius: radius)
            cairo_fill(cairo)
        case let .stroke(rect, color, lineWidth, radius):
            setColor(color)
            cairo_set_line_width(cairo, lineWidth)
            addRectangle(rect, cornerRadius: radius)
            cairo_stroke(cairo)
        case let .line(from, to, color, lineWidth, dashed):
            setColor(color)
            cairo_set_line_width(cairo, lineWidth)
            if dashed {
                let dashes: [Double] = [lineWidth * 3, lineWidth * 2]
                cairo_set_dash(cairo, dashes, 2, 0)
            }
            cairo_move_to(cairo, from.x, from.y)
            cairo_line_to(cairo, to.x, to.y)
            cairo_stroke(cairo)
            cairo_set_dash(cairo, nil, 0, 0)
        case let .text(box):
            guard let shaper else {
                throw NativeError(library: "qrdesk", operation: "text", detail: "painter has no text shaper")
            }
            let layout = try shaper.makeLayout(
                box.text, style: box.style, width: box.frame.width, maxLines: box.maxLines)
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            setColor(box.style.color)
            cairo_save(cairo)
            if box.upsideDown { turnHalf(about: box.frame) }
            cairo_move_to(cairo, box.frame.x, box.frame.y)
            pango_cairo_show_layout(cairo, layout)
            cairo_restore(cairo)
        case let .qr(symbol):
            paintQR(symbol)
        case let .image(image):
            try paintImage(image)
        }
    }

    /// The quiet zone as one light square, then the dark modules' outlines as one path filled once: modules
    /// share edges inside a single fill, so no viewer shows hairline seams between them.
    private func paintQR(_ symbol: QRSymbol) {
        setColor(symbol.light)
        cairo_rectangle(cairo, symbol.frame.x, symbol.frame.y, symbol.frame.width, symbol.frame.height)
        cairo_fill(cairo)
        cairo_save(cairo)
        cairo_translate(cairo, symbol.frame.x, symbol.frame.y)
        cairo_scale(cairo, symbol.moduleSize, symbol.moduleSize)
        cairo_new_path(cairo)
        let quiet = Double(symbol.quietZone)
        for loop in QROutline(symbol.matrix).loops {
            for (index, point) in loop.enumerated() {
                let x = quiet + Double(point.x), y = quiet + Double(point.y)
                if index == 0 { cairo_move_to(cairo, x, y) } else { cairo_line_to(cairo, x, y) }
            }
            cairo_close_path(cairo)
        }
        cairo_restore(cairo)
        setColor(symbol.dark)
        cairo_fill(cairo)
    }

    private func paintImage(_ image: ImageBox) throws(NativeError) {
        let surface = try RasterImage.decodePNG(image.png, monochrome: image.monochrome)
        defer { cairo_surface_destroy(surface) }
        let width = Double(cairo_image_surface_get_width(surface)),
            height = Double(cairo_image_surface_get_height(surface))
        cairo_save(cairo)
        if image.upsideDown { turnHalf(about: image.frame) }
        cairo_translate(cairo, image.frame.x, image.frame.y)
        cairo_scale(cairo, image.frame.width / width, image.frame.height / height)
        cairo_set_source_surface(cairo, surface, 0, 0)
        if image.monochrome { cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_NEAREST) }
        cairo_paint(cairo)
        cairo_restore(cairo)
    }

    /// What follows is drawn turned 180° about the frame's centre (a folded tent's back panel).
    private func turnHalf(about frame: Rect) {
        cairo_translate(cairo, frame.x + frame.width / 2, frame.y + frame.height / 2)
        cairo_rotate(cairo, .pi)
        cairo_translate(cairo, -(frame.x + frame.width / 2), -(frame.y + frame.height / 2))
    }

    private func setColor(_ color: RGBColor) {
        let (r, g, b) = color.unitComponents
        cairo_set_source_rgb(cairo, r, g, b)
    }

    private func addRectangle(_ rect: Rect, cornerRadius radius: Double) {
        guard radius > 0 else {
            cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
            return
        }
        let r = min(radius, rect.width / 2, rect.height / 2)
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, rect.maxX - r, rect.y + r, r, -.pi / 2, 0)
        cairo_arc(cairo, rect.maxX - r, rect.maxY - r, r, 0, .pi / 2)
        cairo_arc(cairo, rect.x + r, rect.maxY - r, r, .pi / 2, .pi)
        cairo_arc(cairo, rect.x + r, rect.y + r, r, .pi, 3 * .pi / 2)
        cairo_close_path(cairo)
    }
}
