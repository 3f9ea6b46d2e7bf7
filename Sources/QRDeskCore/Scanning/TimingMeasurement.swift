/// The module grid measured along a symbol's two timing patterns (row 6 and column 6), which every QR symbol
/// has in the same place: light and dark alternating between the finders, so every module boundary from
/// column 7 to column width − 7 is an edge, and the finders' outer edges lie at 0 and width.
///
/// Each edge is found where the grey level crosses halfway between dark and light, to a fraction of a pixel;
/// a straight line fitted through edge position against boundary index gives the drawn pitch (`scale`, 1 when
/// the modules are the size the quad says) and how far any edge strays from an even grid (`pitchDeviation`).
/// The 10–90 % rise of each edge measures how sharp the pixels are (`edgeWidthPixels`).
public struct TimingMeasurement: Hashable, Sendable {
    /// Drawn module pitch over the quad's, from the fitted line (mean of both patterns).
    public let scale: Double
    /// The largest distance, in modules, of an edge from the fitted even grid.
    public let pitchDeviation: Double
    /// The widest 10–90 % rise of an edge, in the image's pixels.
    public let edgeWidthPixels: Double

    /// - Returns: nil when either pattern does not show the edges a QR symbol's timing pattern has (a count off:
    ///   a pitch so uneven that an edge moved past its neighbour, or a symbol drawn elsewhere than the quad).
    public static func measure(
        _ image: GreyImage, quad: Quad, width: Int, dark: Double, light: Double
    ) -> TimingMeasurement? {
        guard width >= 21, light - dark > 1 else { return nil }
        let pixelsPerModule = quad.meanSide / Double(width)
        guard pixelsPerModule > 0 else { return nil }
        let boundaries = [0.0] + (7...(width - 7)).map(Double.init) + [Double(width)]
        var lines: [(scale: Double, deviation: Double, edge: Double)] = []
        for horizontal in [true, false] {
            // Samples a quarter pixel apart (at most a twentieth of a module) from 1.5 modules outside each end.
            let step = min(0.05, 0.25 / pixelsPerModule)
            let start = -1.5, end = Double(width) + 1.5
            let count = Int(((end - start) / step).rounded(.up))
            func level(at t: Double) -> Double {
                let point =
                    horizontal
                    ? quad.map(u: t / Double(width), v: 6.5 / Double(width))
                    : quad.map(u: 6.5 / Double(width), v: t / Double(width))
                return image.sample(x: point.x, y: point.y)
            }
            let samples = (0...count).map { level(at: start + Double($0) * step) }
            let half = (dark + light) / 2, low = dark + 0.1 * (light - dark), high = dark + 0.9 * (light - dark)
            var edges: [Double] = []
            var widest = 0.0
            for index in 0..<count where (samples[index] < half) != (samples[index + 1] < half) {
                let fraction = (half - samples[index]) / (samples[index + 1] - samples[index])
                edges.append(start + (Double(index) + fraction) * step)
                // The rise: from the last sample beyond one level to the first beyond the other, within half a module.
                let reach = Int((0.5 / step).rounded())
                let falling = samples[index] > samples[index + 1]
                var first = index, last = index + 1
                while first > max(0, index - reach), falling ? samples[first] < high : samples[first] > low {
                    first -= 1
                }
                while last < min(count, index + 1 + reach), falling ? samples[last] > low : samples[last] < high {
                    last += 1
                }
                widest = max(widest, Double(last - first - 1) * step * pixelsPerModule)
            }
            guard edges.count == boundaries.count else { return nil }
            // Least squares: edge = offset + scale × boundary.
            let n = Double(edges.count)
            let meanB = boundaries.reduce(0, +) / n, meanE = edges.reduce(0, +) / n
            var covariance = 0.0, variance = 0.0
            for (b, e) in zip(boundaries, edges) {
                covariance += (b - meanB) * (e - meanE)
                variance += (b - meanB) * (b - meanB)
            }
            let scale = covariance / variance, offset = meanE - scale * meanB
            let deviation = zip(boundaries, edges).map { abs($1 - (offset + scale * $0)) }.max() ?? 0
            lines.append((scale, deviation / max(scale, 0.01), widest))
        }
        return TimingMeasurement(
            scale: (lines[0].scale + lines[1].scale) / 2,
            pitchDeviation: max(lines[0].deviation, lines[1].deviation),
            edgeWidthPixels: max(lines[0].edge, lines[1].edge))
    }
}
