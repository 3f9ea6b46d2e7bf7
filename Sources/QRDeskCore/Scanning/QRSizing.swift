/// Chooses the QR code for a link in a template's box: the largest modules the box allows, then as much error
/// correction as comes free, and refuses a code whose modules would be too small to print or to read from the
/// template's scan distance.
public struct QRSizing: Sendable {
    /// The QR box's side, quiet zone included.
    public let boxMillimetres: Double
    public let quietZone: Int
    /// The print floor: 0.5 mm, and 4 dots on a printer of known resolution.
    public let printFloorMillimetres: Double
    public let scanDistance: ScanDistance
    /// A thermal printer's dots per millimetre: modules are whole dots there, so a module is what the box's dots
    /// divide into, rounded down (as the receipt layout draws it). nil for vector output.
    public let dotsPerMillimetre: Double?

    public init(
        boxMillimetres: Double, quietZone: Int, printFloorMillimetres: Double, scanDistance: ScanDistance,
        dotsPerMillimetre: Double? = nil
    ) {
        self.boxMillimetres = boxMillimetres
        self.quietZone = quietZone
        self.printFloorMillimetres = printFloorMillimetres
        self.scanDistance = scanDistance
        self.dotsPerMillimetre = dotsPerMillimetre
    }

    /// The smallest module this box may hold: the print floor or what the scan distance needs, whichever is larger.
    public var requiredModuleMillimetres: Double {
        max(printFloorMillimetres, ScanDistanceModel.minimumModuleMillimetres(distanceMetres: scanDistance.metres))
    }

    /// The module size of a symbol of `version` in this box.
    public func moduleMillimetres(version: Int) -> Double {
        let modules = Double(QRCapacity.width(version: version) + 2 * quietZone)
        guard let dots = dotsPerMillimetre, dots > 0 else { return boxMillimetres / modules }
        return (boxMillimetres * dots / modules + 1e-9).rounded(.down) / dots
    }

    /// The largest version whose modules are still at least `requiredModuleMillimetres`.
    public var largestVersion: Int? {
        largestVersion(minimum: requiredModuleMillimetres)
    }

    func largestVersion(minimum: Double) -> Int? {
        // Modules shrink as versions grow. A hair of tolerance: 80 mm / 37 modules is 2.16 mm, not a rounding error
        // below it.
        (1...40).last { moduleMillimetres(version: $0) >= minimum * (1 - 1e-9) }
    }

    /// The longest link (bytes) this box takes at `level`, or 0.
    public func longestLink(level: ErrorCorrectionLevel) -> Int {
        largestVersion.map { QRCapacity.bytes(version: $0, level: level) } ?? 0
    }

    public struct Plan: Hashable, Sendable {
        public let level: ErrorCorrectionLevel
        public let version: Int
        public let moduleMillimetres: Double
        /// How far a phone reads the printed code (ScanDistanceModel).
        public let reachMetres: Double
        /// Set when an explicit level made the modules smaller than the automatic choice would have.
        public let costsReach: AutomaticChoice?

        /// What the automatic level would have given.
        public struct AutomaticChoice: Hashable, Sendable {
            public let level: ErrorCorrectionLevel
            public let moduleMillimetres: Double
            public let reachMetres: Double
        }

        /// The warning an explicit error-correction level earns when it costs reach.
        public var warning: String? { warning(naming: .plain) }

        public func warning(naming name: KeyNaming) -> String? {
            guard let cost = costsReach else { return nil }
            return
                "\(name("ecc")) \(level.rawValue) makes the QR modules \(formatDecimal(moduleMillimetres, digits: 2)) "
                + "mm instead of \(formatDecimal(cost.moduleMillimetres, digits: 2)) mm at level "
                + "\(cost.level.rawValue): phones read the card from \(formatDecimal(reachMetres, digits: 2)) "
                + "m instead of \(formatDecimal(cost.reachMetres, digits: 2)) m"
        }
    }

    /// The refusal for a symbol of `version` that this box cannot print large enough.
    public func refusal(
        linkBytes: Int, level: ErrorCorrectionLevel, version: Int, template: String, explicitLevel: Bool = true
    ) -> QRSizeError {
        QRSizeError(
            template: template, linkBytes: linkBytes, level: level, version: version, sizing: self,
            explicitLevel: explicitLevel)
    }

    /// Automatic: the smallest version (level L), then the highest level that still fits that version —
    /// more error correction without shrinking a module.
    public func automaticPlan(linkBytes: Int) -> (level: ErrorCorrectionLevel, version: Int)? {
        Self.automaticLevel(linkBytes: linkBytes)
    }

    /// The automatic choice alone, for a code with no box to fit (a screen).
    public static func automaticLevel(linkBytes: Int) -> (level: ErrorCorrectionLevel, version: Int)? {
        guard let version = QRCapacity.smallestVersion(bytes: linkBytes, level: .low) else { return nil }
        let level =
            [ErrorCorrectionLevel.high, .quartile, .medium].first {
                QRCapacity.bytes(version: version, level: $0) >= linkBytes
            } ?? .low
        return (level, version)
    }

    /// The plan for a link of `linkBytes`, at `explicitLevel` when given; throws with the advice when it cannot be met.
    public func plan(linkBytes: Int, explicitLevel: ErrorCorrectionLevel?, template: String) throws(QRSizeError) -> Plan
    {
        let automatic = automaticPlan(linkBytes: linkBytes)
        let level = explicitLevel ?? automatic?.level ?? .low
        guard let version = QRCapacity.smallestVersion(bytes: linkBytes, level: level) else {
            throw QRSizeError(
                template: template, linkBytes: linkBytes, level: level, version: nil, sizing: self,
                explicitLevel: explicitLevel != nil)
        }
        let module = moduleMillimetres(version: version)
        guard let largest = largestVersion, version <= largest else {
            throw refusal(
                linkBytes: linkBytes, level: level, version: version, template: template,
                explicitLevel: explicitLevel != nil)
        }
        var cost: Plan.AutomaticChoice?
        if explicitLevel != nil, let automatic, automatic.version < version {
            let autoModule = moduleMillimetres(version: automatic.version)
            cost = .init(
                level: automatic.level, moduleMillimetres: autoModule,
                reachMetres: ScanDistanceModel.reachMetres(moduleMillimetres: autoModule))
        }
        return Plan(
            level: level, version: version, moduleMillimetres: module,
            reachMetres: ScanDistanceModel.reachMetres(moduleMillimetres: module), costsReach: cost)
    }

    /// The plan for a code whose printed size a standard fixes (the Swiss QR-bill's 46 mm without the quiet
    /// zone): the standard's level, the smallest version that holds the bytes, the module that size gives, and
    /// how far that reads — the template's scan distance does not apply. Refused below the print floor.
    public func fixedPlan(
        symbolMillimetres: Double, linkBytes: Int, level: ErrorCorrectionLevel, template: String
    ) throws(QRSizeError) -> Plan {
        guard let version = QRCapacity.smallestVersion(bytes: linkBytes, level: level) else {
            var error = QRSizeError(
                template: template, linkBytes: linkBytes, level: level, version: nil, sizing: self, explicitLevel: true)
            error.isPayload = true
            throw error
        }
        let module = symbolMillimetres / Double(QRCapacity.width(version: version))
        guard module >= printFloorMillimetres * (1 - 1e-9) else {
            let floor = QRSizing(
                boxMillimetres: module * Double(QRCapacity.width(version: version) + 2 * quietZone),
                quietZone: quietZone, printFloorMillimetres: printFloorMillimetres,
                scanDistance: ScanDistance(metres: ScanDistanceModel.reachMetres(moduleMillimetres: module)))
            var error = floor.refusal(
                linkBytes: linkBytes, level: level, version: version, template: template, explicitLevel: true)
            error.isPayload = true
            throw error
        }
        return Plan(
            level: level, version: version, moduleMillimetres: module,
            reachMetres: ScanDistanceModel.reachMetres(moduleMillimetres: module), costsReach: nil)
    }
}
