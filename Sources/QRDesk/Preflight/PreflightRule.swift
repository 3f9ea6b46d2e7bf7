/// A preflight check, by the stable id reports and CI gates use.
public enum PreflightRule: String, Codable, CaseIterable, Sendable {
    case pdfxID = "pdfx-id"
    case outputIntent = "output-intent"
    case trapped
    case boxes
    case colourSpace = "colour-space"
    case transparency
    case fonts
    case hairline
    case imageResolution = "image-resolution"
    case bleed
    case safeMargin = "safe-margin"
    case richBlack = "rich-black"
    case qrModule = "qr-module"
    case qrQuietZone = "qr-quiet-zone"
    case qrScanDistance = "qr-scan-distance"
}

/// Which rules a file is held to: a print shop's PDF/X-1a or PDF/X-4, or only the codes on an office PDF.
public enum PreflightProfile: String, Codable, CaseIterable, Sendable {
    case x1a
    case x4
    case qrOnly = "qr-only"

    public var rules: Set<PreflightRule> {
        let codes: Set<PreflightRule> = [.qrModule, .qrQuietZone, .qrScanDistance]
        switch self {
        case .x1a: return Set(PreflightRule.allCases)
        // PDF/X-4 allows live transparency and ICC-based colour; device RGB stays refused.
        case .x4: return Set(PreflightRule.allCases).subtracting([.transparency])
        case .qrOnly: return codes
        }
    }
}

/// One rule broken, where, and how to fix it.
public struct PreflightFinding: Codable, Hashable, Sendable, CustomStringConvertible {
    public var rule: PreflightRule
    /// 1-based; nil for the document as a whole.
    public var page: Int?
    public var message: String

    public var description: String {
        "\(page.map { "page \($0): " } ?? "")\(rule.rawValue): \(message)"
    }
}

/// What `qrdesk preflight` says about one file.
public struct PreflightReport: Codable, Hashable, Sendable {
    public var file: String
    public var profile: PreflightProfile
    public var pages: Int
    /// Each QR code found, measured at the trim.
    public var codes: [PreflightCode]
    public var findings: [PreflightFinding]
    /// Why the file could not be read at all (exit 2); nil when it was.
    public var unreadable: String?
    /// What preflight could not look at in full (a page past its operation budget), said rather than hidden.
    public var notes: [String] = []

    public init(
        file: String, profile: PreflightProfile, pages: Int = 0, codes: [PreflightCode] = [],
        findings: [PreflightFinding] = [], unreadable: String? = nil
    ) {
        self.file = file
        self.profile = profile
        self.pages = pages
        self.codes = codes
        self.findings = findings
        self.unreadable = unreadable
    }

    public var passed: Bool { unreadable == nil && findings.isEmpty }
}

/// A QR code as preflight measured it, at its page's trim.
public struct PreflightCode: Codable, Hashable, Sendable {
    public var page: Int
    public var payload: String
    public var moduleMillimetres: Double?
    /// Light module rings around the symbol inside the trim.
    public var quietZoneInsideTrim: Int?
    public var ratedDistanceMetres: Double?
}
