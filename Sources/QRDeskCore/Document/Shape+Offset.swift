extension Shape {
    /// The same shape moved down by `dy` points: layout builds blocks at y = 0, then places them.
    func offset(by dy: Double) -> Shape { offset(dx: 0, dy: dy) }

    /// The same shape moved by (`dx`, `dy`) points.
    public func offset(dx: Double, dy: Double) -> Shape {
        func move(_ rect: Rect) -> Rect { Rect(x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height) }
        switch self {
        case let .fill(rect, color, radius): return .fill(move(rect), color, cornerRadius: radius)
        case let .stroke(rect, color, width, radius):
            return .stroke(move(rect), color, lineWidth: width, cornerRadius: radius)
        case let .line(from, to, color, width, dashed):
            return .line(
                from: Point(x: from.x + dx, y: from.y + dy), to: Point(x: to.x + dx, y: to.y + dy), color: color,
                lineWidth: width, dashed: dashed)
        case var .text(box): box.frame = move(box.frame); return .text(box)
        case var .qr(symbol): symbol.frame = move(symbol.frame); return .qr(symbol)
        case var .image(image): image.frame = move(image.frame); return .image(image)
        }
    }
}
