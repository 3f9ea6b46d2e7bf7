import Foundation
import QRDeskCore

/// What a platform needs to build its own form: every template and printer profile with the numbers that
/// decide a code (page, QR box, scan distance, module floor, longest link), the request keys with their
/// spellings and defaults, and the choices (languages, variants, formats). `qrdesk templates --json` prints
/// it; the served OpenAPI document takes its enums from it.
public struct TemplateCatalog: Codable, Sendable {
    public struct Card: Codable, Sendable {
        public var id, title: String
        public var pageWidthMm, pageHeightMm, qrBoxMm: Double
        public var quietZone: Int
        public var scanDistanceMetres: Double
        /// The smallest module the code may have: what the scan distance needs, never below the print floor.
        public var moduleFloorMm: Double
        /// The longest link (bytes) that still prints large enough, at error correction L.
        public var longestLinkBytes: Int
        /// Faces the card shows: 1, or 2 for a folded table tent (one sheet holding both panels, one above the
        /// other) and a two-sided card (two PDF pages; PNG and SVG side by side). The page size is one face's.
        public var panels: Int
    }

    public struct Receipt: Codable, Sendable {
        public var id, title: String
        public var paperWidthMm: Double
        /// nil for a roll, whose length follows the receipt.
        public var pageHeightMm: Double?
        public var qrBoxMm, scanDistanceMetres, moduleFloorMm: Double
        public var longestLinkBytes: Int
        public var printerDPI: Int?
        public var printerProfile: String?
    }

    public struct Printer: Codable, Sendable {
        public var id, title: String
        public var dotsPerLine, dpi: Int
        public var printWidthMm: Double
        public var cut: String
        public var drawer, nativeQR: Bool
    }

    public struct Key: Codable, Sendable {
        public var json, flag, column: String
        public var formField: String?
        public var valueName, help: String
        public var defaultValue: String?
        public var refusal: String
    }

    public var cards: [Card]
    public var receipts: [Receipt]
    public var printers: [Printer]
    public var requestKeys: [Key]
    public var languages: [String]
    public var variants: [String]
    public var formats: [String]

    public init(library: TemplateLibrary) {
        func mm(_ points: Double) -> Double { Self.rounded(Length.pt(points).millimetres) }
        cards = library.cards.values.sorted { $0.id < $1.id }.compactMap { template in
            guard let qr = template.qrElement, let sizing = try? CardRenderer.sizing(template, scanDistance: nil) else {
                return nil
            }
            return Card(
                id: template.id, title: template.title, pageWidthMm: mm(template.pageSize.width),
                pageHeightMm: mm(template.pageSize.height), qrBoxMm: mm(qr.frame.width), quietZone: qr.quietZone,
                scanDistanceMetres: template.scanDistance.metres,
                moduleFloorMm: Self.rounded(max(sizing.requiredModuleMillimetres, sizing.printFloorMillimetres)),
                longestLinkBytes: sizing.longestLink(level: .low),
                panels: template.foldMargin == nil && template.front == nil ? 1 : 2)
        }
        receipts = library.receipts.values.sorted { $0.id < $1.id }.map { template in
            let sizing = ReceiptRenderer.sizing(template)
            return Receipt(
                id: template.id, title: template.title, paperWidthMm: mm(template.pageWidth),
                pageHeightMm: template.pageHeight.map(mm), qrBoxMm: mm(template.qrSize),
                scanDistanceMetres: template.scanDistance.metres,
                moduleFloorMm: Self.rounded(max(sizing.requiredModuleMillimetres, sizing.printFloorMillimetres)),
                longestLinkBytes: sizing.longestLink(level: .low), printerDPI: template.nativeDPI,
                printerProfile: template.printerProfile)
        }
        printers = library.printers.values.sorted { $0.id < $1.id }.map { profile in
            Printer(
                id: profile.id, title: profile.title, dotsPerLine: profile.dotsPerLine, dpi: profile.dpi,
                printWidthMm: Self.rounded(Double(profile.dotsPerLine) * 25.4 / Double(profile.dpi)),
                cut: profile.cut.rawValue, drawer: profile.drawer, nativeQR: profile.nativeQR)
        }
        requestKeys = CardKeys.all.map { key in
            Key(
                json: key.json, flag: key.flag, column: key.column, formField: key.formField, valueName: key.valueName,
                help: key.help, defaultValue: key.defaultValue, refusal: key.refusal)
        }
        languages = library.strings.languages
        variants = Variant.allCases.map(\.rawValue)
        formats = CardKeys.cardFormats.map(\.rawValue)
    }

    /// Millimetres to a hundredth, so the JSON carries no binary noise (`148.0`, not `147.99999999999997`).
    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Sorted keys, no escaped slashes: the same bytes for the same templates.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [10]
    }
}
