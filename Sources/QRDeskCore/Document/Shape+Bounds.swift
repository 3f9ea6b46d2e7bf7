extension Shape {
    /// The area the shape may ink, in points: a stroke's line included, a text's line boxes (at least its ink).
    public var bounds: Rect {
        switch self {
        case let .fill(rect, _, _): return rect
        case let .stroke(rect, _, lineWidth, _): return rect.insetBy(-lineWidth / 2)
        case let .line(from, to, _, lineWidth, _):
            return Rect(
                x: min(from.x, to.x) - lineWidth / 2, y: min(from.y, to.y) - lineWidth / 2,
                width: abs(to.x - from.x) + lineWidth, height: abs(to.y - from.y) + lineWidth)
        case let .text(box): return box.frame
        case let .qr(symbol): return symbol.frame
        case let .image(image): return image.frame
        }
    }
}
