/// A rectangle in points, origin at the page's top-left corner, y growing downwards (Cairo's convention).
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// True when the interiors overlap; touching edges do not count.
    public func intersects(_ other: Rect) -> Bool {
        x < other.maxX - 1e-6 && other.x < maxX - 1e-6 && y < other.maxY - 1e-6 && other.y < maxY - 1e-6
    }

    /// True when `other` lies inside this rectangle (with a rounding tolerance of a thousandth of a point).
    public func contains(_ other: Rect) -> Bool {
        other.x >= x - 1e-3 && other.y >= y - 1e-3 && other.maxX <= maxX + 1e-3 && other.maxY <= maxY + 1e-3
    }

    public func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    public func offsetBy(y dy: Double) -> Rect { Rect(x: x, y: y + dy, width: width, height: height) }

    /// The smallest rectangle holding both.
    public func union(_ other: Rect) -> Rect {
        let left = min(x, other.x), top = min(y, other.y)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    public var description: String {
        "(\(formatDecimal(x, digits: 2)), \(formatDecimal(y, digits: 2)), "
            + "\(formatDecimal(width, digits: 2))×\(formatDecimal(height, digits: 2)) pt)"
    }
}

public struct Size: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}
