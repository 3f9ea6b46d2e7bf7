/// A registered printing condition (ICC's characterization registry) a PDF/X file names in its output intent:
/// the press and paper the file's CMYK numbers were prepared for. Registered conditions need no embedded profile.
public struct OutputCondition: Hashable, Sendable {
    /// The option's value and the output intent's `/OutputConditionIdentifier`.
    public let identifier: String
    /// What the shop reads: the standard, paper and screen.
    public let name: String

    public static let registryName = "http://www.color.org"

    /// The conditions print shops name most, Europe and North America first.
    public static let registered: [OutputCondition] = [
        OutputCondition(
            identifier: "FOGRA39",
            name: "Offset commercial and specialty printing, ISO 12647-2:2004, coated paper (PC1)"),
        OutputCondition(identifier: "FOGRA51", name: "Offset printing, ISO 12647-2:2013, premium coated paper (PS1)"),
        OutputCondition(
            identifier: "FOGRA52", name: "Offset printing, ISO 12647-2:2013, wood-free uncoated paper (PS5)"),
        OutputCondition(identifier: "FOGRA47", name: "Offset printing, ISO 12647-2:2004, uncoated white paper (PC4)"),
        OutputCondition(identifier: "CGATS TR 006", name: "GRACoL 2006, coated #1 paper (CGATS TR 006)"),
        OutputCondition(identifier: "CGATS TR 003", name: "SWOP 2006, publication grade 3 paper (CGATS TR 003)"),
        OutputCondition(identifier: "JC200103", name: "Japan Color 2001 Coated"),
    ]

    public static let fogra39 = registered[0]

    /// Other names shops use for the same conditions.
    static let aliases: [String: String] = [
        "GRACOL2006": "CGATS TR 006", "GRACOL": "CGATS TR 006", "SWOP2006": "CGATS TR 003", "SWOP": "CGATS TR 003",
        "JAPANCOLOR2001COATED": "JC200103",
    ]

    /// The condition a shop's name or identifier means (`FOGRA39`, `fogra51`, `GRACoL2006`), nil when unknown.
    public init?(named text: String) {
        let key = text.uppercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
        let identifier = Self.aliases[key] ?? text.uppercased()
        guard let found = Self.registered.first(where: { $0.identifier == identifier }) else { return nil }
        self = found
    }

    init(identifier: String, name: String) {
        self.identifier = identifier
        self.name = name
    }
}
