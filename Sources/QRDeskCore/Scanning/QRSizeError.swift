/// A link whose QR code would be too dense for its template: too small to print, or to read from the template's
/// scan distance. Says what would work: the longest link that fits, a shorter distance, a lower error-correction
/// level, or another template (filled in by the engine, which knows the templates).
public struct QRSizeError: KeyAdvising, Hashable, Sendable {
    public let template: String
    public let linkBytes: Int
    public let level: ErrorCorrectionLevel
    /// nil when not even a version 40 symbol holds the link at `level`.
    public let version: Int?
    public let boxMillimetres: Double
    public let moduleMillimetres: Double
    public let requiredMillimetres: Double
    public let printFloorMillimetres: Double
    public let scanDistance: ScanDistance
    public let explicitLevel: Bool
    public let longestLinkBytes: Int
    /// Templates that take this link at their own scan distance.
    public var alternatives: [Alternative] = []
    /// True when the code is a scheme payload (a PIX or EPC code), whose level its standard fixes.
    public var isPayload = false

    var subject: String { isPayload ? "payment code" : "link" }

    public struct Alternative: Hashable, Sendable {
        public let template: String
        public let reachMetres: Double
        public init(template: String, reachMetres: Double) {
            self.template = template
            self.reachMetres = reachMetres
        }
    }

    init(
        template: String, linkBytes: Int, level: ErrorCorrectionLevel, version: Int?, sizing: QRSizing,
        explicitLevel: Bool
    ) {
        self.template = template
        self.linkBytes = linkBytes
        self.level = level
        self.version = version
        boxMillimetres = sizing.boxMillimetres
        moduleMillimetres = version.map { sizing.moduleMillimetres(version: $0) } ?? 0
        requiredMillimetres = sizing.requiredModuleMillimetres
        printFloorMillimetres = sizing.printFloorMillimetres
        scanDistance = sizing.scanDistance
        self.explicitLevel = explicitLevel
        longestLinkBytes = sizing.longestLink(level: explicitLevel ? level : .low)
    }

    /// True when the print floor, not the scan distance, is what the module misses.
    public var limitedByPrinting: Bool { requiredMillimetres <= printFloorMillimetres }

    /// How far the code as it would print reads from.
    public var reachMetres: Double { ScanDistanceModel.reachMetres(moduleMillimetres: moduleMillimetres) }

    public var description: String { description(naming: .plain) }

    /// The message, its advice naming keys the way `name` says (`--ecc`, `column "ecc"`, `ecc`).
    public func description(naming name: KeyNaming) -> String {
        guard let version else {
            return
                "the \(subject) is \(linkBytes) bytes, more than the largest QR code (version 40) holds "
                + "at error correction "
                + "level \(level.rawValue); shorten the \(subject)"
        }
        let mm = { (value: Double) in "\(formatDecimal(value, digits: 2)) mm" }
        var text =
            "the \(subject) is \(linkBytes) bytes, which needs a version \(version) QR code at error correction "
            + "\(level.rawValue): in the \(formatDecimal(boxMillimetres, digits: 1)) mm QR box of template "
            + "\"\(template)\" a module would be \(mm(moduleMillimetres))"
        if limitedByPrinting {
            text += ", below the \(mm(requiredMillimetres)) a printer and a phone camera need"
        } else {
            text +=
                ", which phones read from \(formatDecimal(reachMetres, digits: 2)) m; the template is read from "
                + "\(scanDistance), which needs modules of at least \(mm(requiredMillimetres))"
        }
        var fixes = [
            "shorten the \(subject) to at most \(longestLinkBytes) bytes (this template's longest from \(scanDistance))"
        ]
        if explicitLevel && level != .low && !isPayload {
            fixes.append("lower \(name("ecc")) (L gives the largest modules)")
        }
        if !limitedByPrinting, moduleMillimetres >= printFloorMillimetres,
            reachMetres >= ScanDistanceModel.distanceRange.lowerBound
        {
            let distance = formatDecimal((reachMetres * 100).rounded(.down) / 100, digits: 2)
            fixes.append("set \(name("scanDistance")) to \(distance)m if clients stand that close")
        }
        if !alternatives.isEmpty {
            fixes.append(
                "use a template that takes it: "
                    + alternatives.map {
                        "\($0.template) (reads this \(subject) from \(formatDecimal($0.reachMetres, digits: 2)) m)"
                    }.joined(separator: ", "))
        }
        return text + "; " + fixes.joined(separator: ", or ")
    }
}
