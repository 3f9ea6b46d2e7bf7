/// The legibility floor of a card template, tied to its scan distance and checked when the template is read: a
/// text the client must read from where they stand — the headline, the business name, the trust line and link,
/// the frame's call to action — has capitals at least 1/300 of that distance tall at its smallest size (A5 at
/// 1 m: 3.3 mm), and no text prints below 6 pt.
public enum LegibilityRule {
    /// Capital height as a fraction of the type size (Noto Sans: 0.714 em).
    public static let capHeightPerEm = 0.71
    /// Sign makers' rule of thumb: one unit of capital height per 300 units of reading distance.
    public static let distancePerCapHeight = 300.0
    public static let minimumTextSize = 6.0

    /// The placeholders whose text a client reads from the scan distance, and what to call that text.
    static let readFromDistance: [(placeholder: String, role: String)] = [
        ("headline", "headline"), ("name", "business name"), ("trust", "trust line"), ("link", "link"),
    ]

    public static func capHeightMillimetres(size: Double) -> Double {
        Length.pt(size * capHeightPerEm).millimetres
    }

    public static func minimumCapHeightMillimetres(for distance: ScanDistance) -> Double {
        distance.metres * 1_000 / distancePerCapHeight
    }

    /// The smallest type size, in points, whose capitals meet the floor for `distance`.
    public static func minimumSize(for distance: ScanDistance) -> Double {
        Length.mm(minimumCapHeightMillimetres(for: distance)).points / capHeightPerEm
    }

    /// The role of a text that must be read from the scan distance, or nil for one read close up (steps,
    /// tagline, address).
    static func role(of pattern: String) -> String? {
        guard let placeholders = try? TextPattern(pattern).placeholders else { return nil }
        return readFromDistance.first { placeholders.contains($0.placeholder) }?.role
    }

    /// Why a text of `minSize` points is too small, or nil when it is legible.
    static func problem(minSize: Double, pattern: String, distance: ScanDistance) -> String? {
        if minSize < minimumTextSize - 1e-9 {
            return "\(points(minSize)) is below the \(points(minimumTextSize)) floor for any printed text; "
                + "use at least \(points(minimumTextSize))"
        }
        guard let role = role(of: pattern) else { return nil }
        let needed = minimumCapHeightMillimetres(for: distance)
        let capitals = capHeightMillimetres(size: minSize)
        guard capitals < needed - 1e-9 else { return nil }
        let smallest = (minimumSize(for: distance) * 10).rounded(.up) / 10
        return "at \(points(minSize)) the \(role)'s capitals are \(formatDecimal(capitals, digits: 1)) mm tall; "
            + "read from \(distance) they need \(formatDecimal(needed, digits: 1)) mm (scan distance / 300): use at "
            + "least \(points(smallest))"
    }

    private static func points(_ size: Double) -> String { "\(formatDecimal(size, digits: 1))pt" }
}
