/// Finds the largest type size, in half-point steps between a maximum and a minimum, at which text fits its box.
/// Text that does not fit even at the minimum is cut to as many lines as fit, with an ellipsis: it never overflows.
public struct TextFitter {
    let measurer: any TextMeasuring

    public init(measurer: any TextMeasuring) { self.measurer = measurer }

    public struct Fit: Hashable, Sendable {
        public var size: Double
        public var maxLines: Int?
        public var metrics: TextMetrics
    }

    public func fit(_ text: String, in frame: Rect, style: TextStyle, minSize: Double) throws -> Fit {
        let steps = max(0, Int(((style.size - minSize) * 2).rounded(.down)))
        func measure(step: Int, maxLines: Int? = nil) throws -> TextMetrics {
            var sized = style
            sized.size = style.size - Double(step) / 2
            return try measurer.measure(text, style: sized, width: frame.width, maxLines: maxLines)
        }
        func fits(_ metrics: TextMetrics) -> Bool {
            metrics.height <= frame.height + 0.01 && metrics.width <= frame.width + 0.01
        }
        // Binary search for the first (largest) size that fits; fitting is monotonic in size.
        let largest = try measure(step: 0)
        if fits(largest) { return Fit(size: style.size, maxLines: nil, metrics: largest) }
        var low = 1, high = steps, found: (Int, TextMetrics)?
        while low <= high {
            let middle = (low + high) / 2
            let metrics = try measure(step: middle)
            if fits(metrics) { found = (middle, metrics); high = middle - 1 } else { low = middle + 1 }
        }
        if let (step, metrics) = found {
            return Fit(size: style.size - Double(step) / 2, maxLines: nil, metrics: metrics)
        }

        // Still too long at the smallest size: keep the lines that fit and end with an ellipsis.
        let oneLine = try measure(step: steps, maxLines: 1)
        var lines = max(1, Int(frame.height / max(oneLine.height, 0.01)))
        while true {
            let metrics = try measure(step: steps, maxLines: lines)
            if fits(metrics) || lines == 1 {
                return Fit(size: style.size - Double(steps) / 2, maxLines: lines, metrics: metrics)
            }
            lines -= 1
        }
    }
}
