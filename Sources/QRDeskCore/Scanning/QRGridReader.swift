/// The modules of a QR symbol read from pixels: each module's centre area sampled through the symbol's quad,
/// the threshold set halfway between the finder patterns' dark and light modules.
public struct QRGridReading: Sendable {
    public let width: Int
    /// Row-major, true for dark.
    public let modules: [Bool]
    public let darkLevel: Double
    public let lightLevel: Double
    /// Rings of light modules around the symbol, counted outward up to `QRGridReader.quietZoneCountLimit`.
    public let quietZone: Int
    /// True when the count stopped at the image's edge rather than at a dark module.
    public let quietZoneReachesEdge: Bool
    public let format: FormatInformation?
    /// Bits of the format word that differed from the nearest valid one; nil when none was near.
    public let formatErrors: Int?
    public let quad: Quad

    public var version: Int { (width - 17) / 4 }
    /// Pixels per module: from the symbol's edges found to a fraction of a pixel along the finder rows, or from
    /// the corners when the edges could not be found.
    public let modulePixels: Double
    /// How far, on average, each module's sampled level lies from the threshold, as a share of the way to the
    /// finders' dark or light level: near 1 when every sample falls inside its module, lower when the grid is off
    /// and samples straddle module edges. It says how well the grid fits, not whether the modules are right.
    public let sharpness: Double

    /// WCAG contrast ratio between the light and dark modules, reading grey levels as sRGB.
    public var contrastRatio: Double {
        RGBColor.grey(lightLevel).contrastRatio(with: RGBColor.grey(darkLevel))
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * width + x] }

    /// Modules that differ from `matrix`, as (column, row); every module when the widths differ.
    public func mismatches(with matrix: QRMatrix) -> [(x: Int, y: Int)] {
        guard matrix.width == width else { return [(0, 0)] }
        var wrong: [(Int, Int)] = []
        for y in 0..<width { for x in 0..<width where self[x, y] != matrix[x, y] { wrong.append((x, y)) } }
        return wrong
    }
}

public enum QRGridReader {
    public static let quietZoneCountLimit = 10

    /// Reads a symbol `width` modules across whose outer corners are `quad` (geometry known: qrdesk's own files),
    /// counting quiet-zone rings up to `quietZoneLimit`.
    public static func read(
        _ image: GreyImage, quad: Quad, width: Int, quietZoneLimit: Int = quietZoneCountLimit
    ) -> QRGridReading {
        let levels = finderLevels(image, quad: quad, width: width)
        let threshold = (levels.dark + levels.light) / 2
        var modules = [Bool](repeating: false, count: width * width)
        var decisiveness = 0.0
        let halfSpan = max((levels.light - levels.dark) / 2, 1)
        for y in 0..<width {
            for x in 0..<width {
                let level = moduleLevel(image, quad: quad, width: width, x: x, y: y)
                modules[y * width + x] = level < threshold
                decisiveness += min(abs(level - threshold) / halfSpan, 1)
            }
        }
        var rings = 0, reachesEdge = false
        ringLoop: for ring in 1...max(1, quietZoneLimit) {
            for (x, y) in ringModules(ring, width: width) {
                let centre = quad.map(u: (Double(x) + 0.5) / Double(width), v: (Double(y) + 0.5) / Double(width))
                guard centre.x >= 0, centre.y >= 0, centre.x < Double(image.width), centre.y < Double(image.height)
                else {
                    reachesEdge = true
                    break ringLoop
                }
                if moduleLevel(image, quad: quad, width: width, x: x, y: y) < threshold { break ringLoop }
            }
            rings = ring
        }
        let format = FormatInformation.readWithErrors(width: width) { modules[$1 * width + $0] }
        return QRGridReading(
            width: width, modules: modules, darkLevel: levels.dark, lightLevel: levels.light, quietZone: rings,
            quietZoneReachesEdge: reachesEdge, format: format?.format, formatErrors: format?.errors, quad: quad,
            modulePixels: measuredModulePixels(image, quad: quad, width: width, threshold: threshold) ?? quad.meanSide
                / Double(width),
            sharpness: decisiveness / Double(max(width * width, 1)))
    }

    /// Reads a symbol found by a decoder, which gives its four corners but neither its orientation nor its size
    /// in modules: every quarter turn and every version whose modules would cover at least a pixel is tried, and
    /// the one whose finder patterns, separators and timing patterns agree best wins.
    public static func locate(_ image: GreyImage, corners: [Point]) -> QRGridReading? {
        guard let found = Quad(Self.outward(corners, by: 1)) else { return nil }
        var candidates: [(score: Double, quad: Quad, width: Int)] = []
        for start in [found, found.mirrored].compactMap({ $0 }) {
            var turned: Quad? = start
            for _ in 0..<4 {
                guard let quad = turned else { break }
                for version in 1...40 {
                    let width = QRCapacity.width(version: version)
                    guard quad.meanSide / Double(width) >= 1 else { break }
                    let score = structureScore(image, quad: quad, width: width)
                    if score >= 0.8 { candidates.append((score, quad, width)) }
                }
                turned = quad.rotated
            }
        }
        // A symbol and its mirror image along the diagonal have the same finders and timing patterns; the format
        // bits, which are not symmetric, tell them apart.
        guard let top = candidates.map(\.score).max() else { return nil }
        let readings = candidates.filter { $0.score >= top - 0.01 }.map { candidate -> QRGridReading in
            let reading = read(image, quad: candidate.quad, width: candidate.width)
            // A reading that looks sound stays; one that shows a thin quiet zone or a damaged format word is read
            // again with its sides on the symbol's edges, and that reading wins when it is the sounder one.
            guard reading.quietZone < QRModuleRule.quietZone || (reading.formatErrors ?? 16) > 0 else { return reading }
            let fitted = read(
                image, quad: edgeFitted(candidate.quad, width: candidate.width, in: image), width: candidate.width)
            let (before, after) = (reading.formatErrors ?? 16, fitted.formatErrors ?? 16)
            return after < before || (after == before && fitted.quietZone > reading.quietZone) ? fitted : reading
        }
        return readings.min { ($0.formatErrors ?? 16) < ($1.formatErrors ?? 16) }
    }

    /// The quad with its sides moved onto the symbol's edges as found through the finders' middle rows: a
    /// decoder's corners can be most of a module off (seen on a sheet of framed cards at 200 dpi: a corner half a
    /// module in made the outer modules and the quiet zone read wrong). Kept when the edges are not found, or
    /// disagree with the corners by more than a tenth.
    public static func edgeFitted(_ quad: Quad, width: Int, in image: GreyImage) -> Quad {
        guard let (row, column) = symbolEdges(quad, width: width, in: image) else { return quad }
        let across = Double(width)
        let (u0, u1) = (row.0 / across, row.1 / across), (v0, v1) = (column.0 / across, column.1 / across)
        return Quad([quad.map(u: u0, v: v0), quad.map(u: u1, v: v0), quad.map(u: u1, v: v1), quad.map(u: u0, v: v1)])
            ?? quad
    }

    /// The symbol's edges along row 3.5 and column 3.5 (`edges`), threshold from the finders; nil when either is
    /// not found or the span disagrees with the quad's by more than a tenth.
    static func symbolEdges(
        _ quad: Quad, width: Int, in image: GreyImage
    ) -> (row: (Double, Double), column: (Double, Double))? {
        let levels = finderLevels(image, quad: quad, width: width)
        let threshold = (levels.dark + levels.light) / 2
        let across = Double(width)
        guard let row = edges(image, quad: quad, width: width, threshold: threshold, alongRow: true),
            let column = edges(image, quad: quad, width: width, threshold: threshold, alongRow: false),
            abs((row.1 - row.0) - across) < 0.1 * across, abs((column.1 - column.0) - across) < 0.1 * across
        else { return nil }
        return (row, column)
    }

    /// The symbol as a parallelogram built from its edges alone: the left and right edges where row 3.5 crosses
    /// them, the top and bottom where column 3.5 does, each module step taken from those spans. Exact for a flat
    /// page (a rendered PDF or SVG, a print raster) whatever the decoder's fourth corner says; nil when the edges
    /// are not found or disagree with the quad by more than a tenth. A photo in perspective is read better by the
    /// quad itself, so callers keep whichever reading is sounder.
    public static func affineFitted(_ quad: Quad, width: Int, in image: GreyImage) -> Quad? {
        guard let (row, column) = symbolEdges(quad, width: width, in: image) else { return nil }
        let across = Double(width)
        let left = quad.map(u: row.0 / across, v: 3.5 / across), right = quad.map(u: row.1 / across, v: 3.5 / across)
        let top = quad.map(u: 3.5 / across, v: column.0 / across)
        let bottom = quad.map(u: 3.5 / across, v: column.1 / across)
        let stepU = Point(x: (right.x - left.x) / across, y: (right.y - left.y) / across)
        let stepV = Point(x: (bottom.x - top.x) / across, y: (bottom.y - top.y) / across)
        // The top-left corner seen from each edge, averaged.
        let corner = Point(
            x: ((left.x - 3.5 * stepV.x) + (top.x - 3.5 * stepU.x)) / 2,
            y: ((left.y - 3.5 * stepV.y) + (top.y - 3.5 * stepU.y)) / 2)
        func at(_ u: Double, _ v: Double) -> Point {
            Point(x: corner.x + u * stepU.x + v * stepV.x, y: corner.y + u * stepU.y + v * stepV.y)
        }
        return Quad([at(0, 0), at(across, 0), at(across, across), at(0, across)])
    }

    /// Where, in module units of `quad`, the symbol's two edges cross row 3.5 (or column 3.5): the first
    /// light-to-dark and the last dark-to-light crossing, interpolated between samples.
    static func edges(
        _ image: GreyImage, quad: Quad, width: Int, threshold: Double, alongRow: Bool
    ) -> (Double, Double)? {
        let across = Double(width)
        let steps = Int(across * 20) + 60
        let (start, end) = (-1.5, across + 1.5)
        let samples = (0...steps).map { step -> (level: Double, position: Double) in
            let position = start + (end - start) * Double(step) / Double(steps)
            let point =
                alongRow
                ? quad.map(u: position / across, v: 3.5 / across) : quad.map(u: 3.5 / across, v: position / across)
            return (image.sample(x: point.x, y: point.y), position)
        }
        func crossing(_ index: Int) -> Double {
            let (a, b) = (samples[index], samples[index + 1])
            return a.position + (b.position - a.position) * (threshold - a.level) / (b.level - a.level)
        }
        guard
            let first = samples.indices.dropLast().first(where: {
                samples[$0].level >= threshold && samples[$0 + 1].level < threshold
            }),
            let last = samples.indices.dropLast().last(where: {
                samples[$0].level < threshold && samples[$0 + 1].level >= threshold
            })
        else { return nil }
        return (crossing(first), crossing(last))
    }

    /// Corners moved `pixels` away from their centre along each axis: decoders report the outermost dark pixels,
    /// about a pixel inside the symbol's edge (zbar: 1 px on every side, measured on qrencode's output).
    static func outward(_ corners: [Point], by pixels: Double) -> [Point] {
        guard !corners.isEmpty else { return corners }
        let centreX = corners.map(\.x).reduce(0, +) / Double(corners.count),
            centreY = corners.map(\.y).reduce(0, +) / Double(corners.count)
        return corners.map {
            Point(x: $0.x + ($0.x < centreX ? -pixels : pixels), y: $0.y + ($0.y < centreY ? -pixels : pixels))
        }
    }

    /// The symbol's width in pixels measured across the middle of the top finders and down the middle of the left
    /// finders: the first light-to-dark and last dark-to-light crossing, interpolated between samples, divided
    /// by the modules across. Corner points from a decoder are only good to a pixel; this is good to a tenth.
    static func measuredModulePixels(_ image: GreyImage, quad: Quad, width: Int, threshold: Double) -> Double? {
        let across = Double(width)
        func distance(_ a: Point, _ b: Point) -> Double {
            ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        }
        // Row and column 3.5 run through the finders' centres, whose outer modules sit on the symbol's edge.
        guard let row = edges(image, quad: quad, width: width, threshold: threshold, alongRow: true),
            let column = edges(image, quad: quad, width: width, threshold: threshold, alongRow: false)
        else {
            return nil
        }
        let middle = 3.5 / across
        let horizontal = distance(quad.map(u: row.0 / across, v: middle), quad.map(u: row.1 / across, v: middle))
        let vertical = distance(quad.map(u: middle, v: column.0 / across), quad.map(u: middle, v: column.1 / across))
        let measured = (horizontal + vertical) / 2 / across
        // Trust the measurement only when it agrees with the corners (a stray dark mark in the quiet zone would not).
        let fromCorners = quad.meanSide / across
        return abs(measured - fromCorners) < 0.1 * fromCorners ? measured : nil
    }

    /// The share of the function modules (finders, separators, timing) that read as the standard places them.
    static func structureScore(_ image: GreyImage, quad: Quad, width: Int) -> Double {
        let known = functionModules(width: width)
        let samples = known.map { centreLevel(image, quad: quad, width: width, x: $0.x, y: $0.y) }
        var dark = 0.0, light = 0.0, darkCount = 0.0, lightCount = 0.0
        for (index, module) in known.enumerated() {
            if module.dark { dark += samples[index]; darkCount += 1 } else { light += samples[index]; lightCount += 1 }
        }
        let darkMean = dark / darkCount, lightMean = light / lightCount
        guard lightMean - darkMean > 20 else { return 0 }
        let threshold = (darkMean + lightMean) / 2
        let agreeing = known.indices.filter { (samples[$0] < threshold) == known[$0].dark }.count
        return Double(agreeing) / Double(known.count)
    }

    /// Finder patterns with their separators, and both timing patterns: modules every QR symbol has in the same place.
    static func functionModules(width: Int) -> [(x: Int, y: Int, dark: Bool)] {
        var modules: [(Int, Int, Bool)] = []
        for (originX, originY) in [(0, 0), (width - 7, 0), (0, width - 7)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let x = originX + dx, y = originY + dy
                    guard x >= 0, y >= 0, x < width, y < width else { continue }
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    modules.append((x, y, ring != 2 && ring != 4))
                }
            }
        }
        if width > 16 {
            for i in 8...(width - 9) {
                modules.append((i, 6, i % 2 == 0))
                modules.append((6, i, i % 2 == 0))
            }
        }
        return modules
    }

    static func finderLevels(_ image: GreyImage, quad: Quad, width: Int) -> (dark: Double, light: Double) {
        var dark = 0.0, light = 0.0, darkCount = 0.0, lightCount = 0.0
        for module in functionModules(width: width) {
            let level = moduleLevel(image, quad: quad, width: width, x: module.x, y: module.y)
            if module.dark { dark += level; darkCount += 1 } else { light += level; lightCount += 1 }
        }
        return (dark / max(darkCount, 1), light / max(lightCount, 1))
    }

    /// The mean of five points in the central half of module (x, y): its centre and four around it.
    static func moduleLevel(_ image: GreyImage, quad: Quad, width: Int, x: Int, y: Int) -> Double {
        var sum = 0.0
        for (dx, dy) in [(0.5, 0.5), (0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7)] {
            let point = quad.map(u: (Double(x) + dx) / Double(width), v: (Double(y) + dy) / Double(width))
            sum += image.sample(x: point.x, y: point.y)
        }
        return sum / 5
    }

    static func centreLevel(_ image: GreyImage, quad: Quad, width: Int, x: Int, y: Int) -> Double {
        let point = quad.map(u: (Double(x) + 0.5) / Double(width), v: (Double(y) + 0.5) / Double(width))
        return image.sample(x: point.x, y: point.y)
    }

    /// The modules of ring `ring` outside the symbol (ring 1 touches it).
    static func ringModules(_ ring: Int, width: Int) -> [(Int, Int)] {
        let low = -ring, high = width - 1 + ring
        var modules: [(Int, Int)] = []
        for i in low...high {
            modules.append((i, low)); modules.append((i, high))
            if i != low && i != high { modules.append((low, i)); modules.append((high, i)) }
        }
        return modules
    }
}
