extension Shape {
    /// The same shape on a page of `size` turned 180° about its centre: a folded tent's back panel, printed upside
    /// down so it reads upright once folded. Rectangles and lines move; a code's modules turn with it; texts and
    /// images keep their layout and are drawn turned.
    public func turnedHalf(within size: Size) -> Shape {
        func turn(_ rect: Rect) -> Rect {
            Rect(x: size.width - rect.maxX, y: size.height - rect.maxY, width: rect.width, height: rect.height)
        }
        func turn(_ point: Point) -> Point { Point(x: size.width - point.x, y: size.height - point.y) }
        switch self {
        case let .fill(rect, color, radius): return .fill(turn(rect), color, cornerRadius: radius)
        case let .stroke(rect, color, width, radius):
            return .stroke(turn(rect), color, lineWidth: width, cornerRadius: radius)
        case let .line(from, to, color, width, dashed):
            return .line(from: turn(from), to: turn(to), color: color, lineWidth: width, dashed: dashed)
        case var .text(box):
            box.frame = turn(box.frame)
            box.upsideDown.toggle()
            return .text(box)
        case var .qr(symbol):
            symbol.frame = turn(symbol.frame)
            symbol.matrix = symbol.matrix.turnedHalf()
            symbol.isTurnedHalf.toggle()
            return .qr(symbol)
        case var .image(image):
            image.frame = turn(image.frame)
            image.upsideDown.toggle()
            return .image(image)
        }
    }
}
