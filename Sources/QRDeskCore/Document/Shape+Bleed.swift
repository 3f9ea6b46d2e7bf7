extension Shape {
    /// A square-cornered fill that touches an edge of its card, extended `bleed` points past each edge it
    /// touches, so a cut a little off the trim leaves no white sliver. Other shapes stay as they are.
    public func runningIntoBleed(card: Size, by bleed: Double) -> Shape {
        guard bleed > 0, case let .fill(rect, color, radius) = self, radius == 0 else { return self }
        var extended = rect
        if rect.x <= 0.01 { extended.x -= bleed; extended.width += bleed }
        if rect.y <= 0.01 { extended.y -= bleed; extended.height += bleed }
        if rect.maxX >= card.width - 0.01 { extended.width += bleed }
        if rect.maxY >= card.height - 0.01 { extended.height += bleed }
        return .fill(extended, color, cornerRadius: 0)
    }
}

/// Crop marks: at each corner of the trim, two short lines on the trim's edges extended, starting `offset`
/// outside the trim (beyond the bleed) and running `length`.
public enum CropMarks {
    public static func segments(around trim: Rect, offset: Double, length: Double) -> [(from: Point, to: Point)] {
        var segments: [(from: Point, to: Point)] = []
        for (x, y, dx, dy) in [
            (trim.x, trim.y, -1.0, -1.0), (trim.maxX, trim.y, 1.0, -1.0), (trim.x, trim.maxY, -1.0, 1.0),
            (trim.maxX, trim.maxY, 1.0, 1.0),
        ] {
            let start = offset, end = offset + length
            segments.append((Point(x: x + dx * start, y: y), Point(x: x + dx * end, y: y)))
            segments.append((Point(x: x, y: y + dy * start), Point(x: x, y: y + dy * end)))
        }
        return segments
    }
}
