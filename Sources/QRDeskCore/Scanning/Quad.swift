/// Four corners of a QR symbol in an image (top-left, top-right, bottom-right, bottom-left, in the symbol's own
/// orientation), and the projective map from the unit square onto them (Heckbert's square-to-quad).
public struct Quad: Hashable, Sendable {
    public let corners: [Point]
    private let a, b, c, d, e, f, g, h: Double

    /// - Parameter corners: exactly four points; fewer or more give nil.
    public init?(_ corners: [Point]) {
        guard corners.count == 4, corners.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        self.corners = corners
        let (p0, p1, p2, p3) = (corners[0], corners[1], corners[2], corners[3])
        let dx1 = p1.x - p2.x, dx2 = p3.x - p2.x, dx3 = p0.x - p1.x + p2.x - p3.x
        let dy1 = p1.y - p2.y, dy2 = p3.y - p2.y, dy3 = p0.y - p1.y + p2.y - p3.y
        var g = 0.0, h = 0.0
        if abs(dx3) > 1e-9 || abs(dy3) > 1e-9 {
            let denominator = dx1 * dy2 - dx2 * dy1
            guard abs(denominator) > 1e-12 else { return nil }
            g = (dx3 * dy2 - dx2 * dy3) / denominator
            h = (dx1 * dy3 - dx3 * dy1) / denominator
        }
        self.g = g
        self.h = h
        a = p1.x - p0.x + g * p1.x; b = p3.x - p0.x + h * p3.x; c = p0.x
        d = p1.y - p0.y + g * p1.y; e = p3.y - p0.y + h * p3.y; f = p0.y
    }

    /// An axis-aligned square of `side` pixels from (`x`, `y`): an affine map, defined for any side.
    public init(x: Double, y: Double, side: Double) {
        corners = [
            Point(x: x, y: y), Point(x: x + side, y: y), Point(x: x + side, y: y + side), Point(x: x, y: y + side),
        ]
        a = side; b = 0; c = x
        d = 0; e = side; f = y
        g = 0; h = 0
    }

    /// The image point of (u, v) in the unit square (u across, v down).
    public func map(u: Double, v: Double) -> Point {
        let w = g * u + h * v + 1
        return Point(x: (a * u + b * v + c) / w, y: (d * u + e * v + f) / w)
    }

    /// The same corners starting from the next one: the symbol turned a quarter (nil if that map degenerates).
    public var rotated: Quad? { Quad([corners[1], corners[2], corners[3], corners[0]]) }
    /// The corners in the other direction: the symbol seen in a mirror (nil if that map degenerates).
    public var mirrored: Quad? { Quad([corners[0], corners[3], corners[2], corners[1]]) }

    /// The mean length of the four sides, in pixels.
    public var meanSide: Double {
        (0..<4).map { index in
            let p = corners[index], q = corners[(index + 1) % 4]
            return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
        }.reduce(0, +) / 4
    }
}
