/// One QR code found in a file by `qrdesk verify`: what it says, how it is built, how large it printed, and how
/// far away it reads; `problems` says which gate it failed. Figures are rounded, so reports diff cleanly.
public struct QRFinding: Codable, Hashable, Sendable {
    /// 1-based; images have one page.
    public var page: Int
    public var payload: String
    /// The payment scheme the payload is written in (`pix`, `epc` …); nil for a link or other data.
    public var scheme: String?
    public var version: Int?
    public var errorCorrection: String?
    /// Modules across, quiet zone excluded.
    public var modules: Int?
    /// nil when the file records no physical size (a photo, an image without resolution).
    public var moduleMillimetres: Double?
    /// Light module rings around the code, counted up to 10.
    public var quietZoneModules: Int?
    /// WCAG contrast of light to dark modules, 1…21.
    public var contrastRatio: Double?
    /// How far a phone reads it (ScanDistanceModel), from the module size.
    public var ratedDistanceMetres: Double?
    /// Damaged modules: those unlike the symbol rebuilt from its own error-corrected codewords with its own
    /// version, level and mask (whichever encoder made it); nil when the codewords do not correct.
    public var wrongModules: Int?
    /// The largest distance, in modules, of a timing-pattern edge from an even grid.
    public var pitchDeviation: Double?
    public var problems: [String]

    public init(page: Int, payload: String, reading: QRGridReading?, pixelsPerMillimetre: Double?) {
        self.page = page
        self.payload = payload
        if PayloadLinter.scheme(of: payload) != nil { scheme = PayloadLinter.lint(payload).scheme?.rawValue }
        problems = []
        guard let reading else { return }
        version = reading.version
        errorCorrection = reading.format?.level.rawValue
        modules = reading.width
        quietZoneModules = reading.quietZone
        contrastRatio = Self.rounded(reading.contrastRatio, digits: 1)
        if let pixelsPerMillimetre, pixelsPerMillimetre > 0 {
            let module = reading.modulePixels / pixelsPerMillimetre
            moduleMillimetres = Self.rounded(module, digits: 2)
            ratedDistanceMetres = Self.rounded(ScanDistanceModel.reachMetres(moduleMillimetres: module), digits: 2)
        }
    }

    public static func rounded(_ value: Double, digits: Int) -> Double {
        guard value.isFinite else { return 0 }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

/// A whole file's verdict.
public struct FileAuditReport: Codable, Hashable, Sendable {
    public var file: String
    public var kind: String
    public var pages: Int
    public var codes: [QRFinding]
    /// Problems of the file as a whole: unreadable, no code, hash or payload unlike the manifest's.
    public var problems: [String]

    public init(file: String, kind: String, pages: Int, codes: [QRFinding], problems: [String]) {
        self.file = file
        self.kind = kind
        self.pages = pages
        self.codes = codes
        self.problems = problems
    }

    public var passed: Bool { problems.isEmpty && codes.allSatisfy(\.problems.isEmpty) }
}
