/// The dark modules of a symbol as closed outlines on the module grid: one loop per edge of every dark region
/// (and of every light hole in one), corners only. Drawn as one path, it paints exactly the dark modules with
/// either fill rule, in a fraction of the points of a rectangle per run: smaller PDFs and SVGs, and less for
/// every reader to parse.
public struct QROutline: Hashable, Sendable {
    public struct GridPoint: Hashable, Sendable {
        public let x: Int
        public let y: Int
    }

    /// Each loop turns clockwise on screen (y down) around dark, anticlockwise around a hole; the first point
    /// is not repeated at the end.
    public let loops: [[GridPoint]]

    public init(_ matrix: QRMatrix) {
        let width = matrix.width
        // Directed unit edges with dark on their right: top edges run east, right edges south, bottom edges west,
        // left edges north. Keyed by start point; a point where two dark modules touch diagonally starts two.
        var outgoing: [GridPoint: [GridPoint]] = [:]
        func add(_ from: GridPoint, _ to: GridPoint) { outgoing[from, default: []].append(to) }
        for y in 0..<width {
            for x in 0..<width where matrix[x, y] {
                if !matrix[x, y - 1] { add(GridPoint(x: x, y: y), GridPoint(x: x + 1, y: y)) }
                if !matrix[x + 1, y] { add(GridPoint(x: x + 1, y: y), GridPoint(x: x + 1, y: y + 1)) }
                if !matrix[x, y + 1] { add(GridPoint(x: x + 1, y: y + 1), GridPoint(x: x, y: y + 1)) }
                if !matrix[x - 1, y] { add(GridPoint(x: x, y: y + 1), GridPoint(x: x, y: y)) }
            }
        }
        var loops: [[GridPoint]] = []
        // Start points in row order, so the same matrix always gives the same loops in the same order.
        let starts = outgoing.keys.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        for start in starts {
            while let first = outgoing[start]?.first {
                var loop = [start]
                var previous = start, current = first
                Self.take(first, from: start, in: &outgoing)
                while current != start {
                    let incoming = (current.x - previous.x, current.y - previous.y)
                    guard let candidates = outgoing[current], !candidates.isEmpty else { break }
                    // At a diagonal touch, turn right (keep to the module the edge came along): loops stay simple.
                    let next =
                        candidates.count == 1
                        ? candidates[0]
                        : candidates.first { candidate in
                            let turn = (candidate.x - current.x, candidate.y - current.y)
                            return incoming.0 * turn.1 - incoming.1 * turn.0 > 0
                        } ?? candidates[0]
                    Self.take(next, from: current, in: &outgoing)
                    let turn = (next.x - current.x, next.y - current.y)
                    if turn != incoming { loop.append(current) }  // a corner
                    previous = current
                    current = next
                }
                loops.append(loop)
            }
        }
        self.loops = loops
    }

    /// The loops as SVG path data in module units, shifted by `offset` modules (the quiet zone). Every segment is
    /// horizontal or vertical, so H and V carry one number each; the segment back to the first point is the "z".
    public func svgPathData(offset: Int) -> String {
        var data = ""
        for loop in loops {
            guard let first = loop.first else { continue }
            data += "M\(offset + first.x) \(offset + first.y)"
            var previous = first
            for point in loop.dropFirst() {
                data += point.y == previous.y ? "H\(offset + point.x)" : "V\(offset + point.y)"
                previous = point
            }
            data += "z"
        }
        return data
    }

    private static func take(_ end: GridPoint, from start: GridPoint, in outgoing: inout [GridPoint: [GridPoint]]) {
        guard var ends = outgoing[start], let index = ends.firstIndex(of: end) else { return }
        ends.remove(at: index)
        outgoing[start] = ends.isEmpty ? nil : ends
    }
}
