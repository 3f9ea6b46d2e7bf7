/// A sticker cut to shape: its trim a rounded rectangle (a circle when the radius is half its side) that a print
/// shop's plotter cuts from a line in a separation that prints no ink (`separation`). Everything on the sticker is
/// clipped to the shape, so a band at its edge follows the corners; press files run it `bleed` past the line.
public struct DieCut: Hashable, Sendable {
    /// The corners' radius, in points.
    public let radius: Double
    /// How far the design runs past the cut in a press file, in points.
    public let bleed: Double

    public init(radius: Double, bleed: Double) {
        self.radius = radius
        self.bleed = bleed
    }

    /// The separation the line is drawn in: the name sign shops' RIPs and cutters take as the cut path.
    public static let separation = "CutContour"
    /// Drawn this thick: thin enough to be a line, at the press's 0.2 pt floor and above.
    public static let lineWidth = 0.25

    /// The shape on a page: where it lies and how round its corners are.
    public struct Shape: Hashable, Sendable {
        public var rect: Rect
        public var radius: Double

        public init(rect: Rect, radius: Double) {
            self.rect = rect
            self.radius = radius
        }

        /// The same shape grown by `amount` on every side (its corners by as much).
        public func grown(by amount: Double) -> Shape {
            Shape(rect: rect.insetBy(-amount), radius: radius + amount)
        }

        public func offset(dx: Double, dy: Double) -> Shape {
            Shape(
                rect: Rect(x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height), radius: radius)
        }
    }
}
