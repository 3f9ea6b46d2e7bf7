import Foundation
import QRDeskCore

@testable import QRDeskNative

/// Small PDFs written by hand for preflight's corpus: a 100 × 100 mm card with a 3 mm bleed, a band running into
/// the bleed, a QR code in black ink inside the safe area, every PDF/X-1a key, and one defect at a time.
struct PreflightCorpus {
    static let millimetre = 72 / 25.4
    static let bleed = 3 * millimetre
    static let trimSide = 100 * millimetre
    static let link = "https://pay.example.com/p/Xk9fA2"

    var identity = true
    var outputIntent = true
    var trapped = true
    var trimBox: String? = "[\(n(bleed)) \(n(bleed)) \(n(bleed + trimSide)) \(n(bleed + trimSide))]"
    var bleedBox: String? = "[0 0 \(n(2 * bleed + trimSide)) \(n(2 * bleed + trimSide))]"
    /// The band across the top of the card, from the bleed edge (or shorter, to break the bleed rule).
    var band = "0.8 0.2 0 0 k 0 \(n(bleed + 80 * millimetre)) \(n(2 * bleed + trimSide)) \(n(23 * millimetre)) re f\n"
    /// The code: its module size (mm), its corner (mm from the trim's bottom-left) and the colour of its modules.
    var moduleMillimetres = 1.0
    var codeOrigin = (x: 20.0, y: 10.0)
    var moduleColour = "0 0 0 1 k"
    /// More drawing, after the band and the code, in page space (points from the sheet's bottom-left corner).
    var extra = ""
    var fonts: [String: String] = [:]
    var images: [String: (dictionary: String, data: [UInt8])] = [:]
    var extGStates: [String: String] = [:]

    static func n(_ value: Double) -> String { String(format: "%.3f", value) }

    func bytes() throws -> [UInt8] {
        var table = PDFObjectTable()
        let catalog = table.reserve()
        let pages = table.reserve()
        var content = band
        let matrix = try QREncoder().encode(Self.link, level: .medium)
        let module = moduleMillimetres * Self.millimetre
        let originX = Self.bleed + codeOrigin.x * Self.millimetre, originY = Self.bleed + codeOrigin.y * Self.millimetre
        content += "\(moduleColour)\n"
        for row in 0..<matrix.width {
            for column in 0..<matrix.width where matrix[column, row] {
                let x = originX + (Double(column) + 4) * module
                let y = originY + (Double(matrix.width - 1 - row) + 4) * module
                content += "\(Self.n(x)) \(Self.n(y)) \(Self.n(module)) \(Self.n(module)) re\n"
            }
        }
        content += "f\n" + extra
        let contents = try table.addStream("", data: Array(content.utf8))
        var resources: [String] = []
        if !fonts.isEmpty {
            var entries: [String] = []
            for (name, dictionary) in fonts.sorted(by: { $0.key < $1.key }) {
                entries.append("/\(name) \(try font(dictionary, in: &table)) 0 R")
            }
            resources.append("/Font << \(entries.joined(separator: " ")) >>")
        }
        if !images.isEmpty {
            var entries: [String] = []
            for (name, image) in images.sorted(by: { $0.key < $1.key }) {
                var dictionary = image.dictionary
                if dictionary.contains("/SMask MASK") {
                    let mask = try table.addStream(
                        "/Type /XObject /Subtype /Image /Width 100 /Height 100 /BitsPerComponent 8 "
                            + "/ColorSpace /DeviceGray", data: [UInt8](repeating: 128, count: 100 * 100))
                    dictionary = dictionary.replacingOccurrences(of: "/SMask MASK", with: "/SMask \(mask) 0 R")
                }
                entries.append("/\(name) \(try table.addStream(dictionary, data: image.data)) 0 R")
            }
            resources.append("/XObject << \(entries.joined(separator: " ")) >>")
        }
        if !extGStates.isEmpty {
            let entries = extGStates.sorted(by: { $0.key < $1.key }).map { "/\($0.key) \($0.value)" }
            resources.append("/ExtGState << \(entries.joined(separator: " ")) >>")
        }
        let side = Self.n(2 * Self.bleed + Self.trimSide)
        var page = "<< /Type /Page /Parent \(pages) 0 R /MediaBox [0 0 \(side) \(side)] "
        if let bleedBox { page += "/BleedBox \(bleedBox) " }
        if let trimBox { page += "/TrimBox \(trimBox) " }
        page += "/Resources << \(resources.joined(separator: " ")) >> /Contents \(contents) 0 R >>"
        let pageNumber = table.add(page)
        table.set(pages, "<< /Type /Pages /Kids [\(pageNumber) 0 R] /Count 1 >>")
        let intent =
            outputIntent
            ? "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (FOGRA39) "
                + "/RegistryName (http://www.color.org) >>] " : ""
        table.set(catalog, "<< /Type /Catalog /Pages \(pages) 0 R \(intent)>>")
        var info = "/Title (corpus) /CreationDate (D:20240101000000Z) /ModDate (D:20240101000000Z) "
        if identity { info += "/GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001) " }
        if trapped { info += "/Trapped /False " }
        let infoNumber = table.add("<< \(info)>>")
        return try table.file(
            version: "1.3",
            trailer: "/Root \(catalog) 0 R /Info \(infoNumber) 0 R /ID [<00112233445566778899AABBCCDDEEFF> "
                + "<00112233445566778899AABBCCDDEEFF>]")
    }

    /// `type3` is an embedded font (its one glyph, "a", a filled square); anything else is written as given.
    private func font(_ dictionary: String, in table: inout PDFObjectTable) throws -> Int {
        guard dictionary == "type3" else { return table.add(dictionary) }
        let glyph = try table.addStream("", data: Array("1000 0 0 0 700 700 d1 0 0 700 700 re f".utf8))
        return table.add(
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 700 700] /FontMatrix [0.001 0 0 0.001 0 0] "
                + "/CharProcs << /a \(glyph) 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> "
                + "/FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>")
    }

    /// An image of `side` pixels square, in `colourSpace` (DeviceCMYK, DeviceRGB, DeviceGray), mid-grey.
    static func image(side: Int, colourSpace: String, extra: String = "") -> (dictionary: String, data: [UInt8]) {
        let components = ["DeviceCMYK": 4, "DeviceRGB": 3, "DeviceGray": 1][colourSpace] ?? 1
        return (
            "/Type /XObject /Subtype /Image /Width \(side) /Height \(side) /BitsPerComponent 8 "
                + "/ColorSpace /\(colourSpace) \(extra)",
            [UInt8](repeating: 96, count: side * side * components)
        )
    }

    /// Page-space points `mm` millimetres into the trim.
    static func at(_ mm: Double) -> String { n(bleed + mm * millimetre) }
}
