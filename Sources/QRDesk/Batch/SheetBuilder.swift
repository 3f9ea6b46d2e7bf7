import Crypto
import Foundation
import QRDeskCore
import QRDeskNative

/// `--sheet a3 --nup 4`: after a run, the run's cards imposed onto press sheets, one PDF per template and
/// variant (`DIR/_sheets/card-a6-color-a3-4up.pdf`), in row order. Cards are laid out again one at a time,
/// so memory does not grow with the list. Templates too large for the grid are skipped with a note. Rows with
/// press files also go onto press sheets (`…-4up-press.pdf`): PDF/X-1a, the sheet its own TrimBox, each card with
/// its bleed and crop marks on it.
struct SheetBuilder {
    static let folder = "_sheets"

    let sheet: String
    let cardsPerSheet: Int
    let library: TemplateLibrary
    let creationDate: String
    let folder: OutputFolder
    /// Read every sheet back from its bytes (the run's `--no-verify` turns it off).
    var verify = true

    private final class OpenSheet {
        let writer: any SheetWriter
        let imposition: Imposition
        let templateID: String
        let variant: Variant
        var pending: [Page] = []
        /// Per sheet page: its codes alone (where they are; each carries its own card's link), for the read-back.
        /// A few kB per card, where whole pages would hold every text and logo.
        var codePages: [Page] = []
        let scanDistance: ScanDistance
        var fileName = ""

        func add(_ page: Page) throws {
            try writer.add(page)
            codePages.append(
                Page(size: page.size, items: page.items.filter { if case .qr = $0.shape { true } else { false } }))
            pending.removeAll()
        }

        init(
            writer: any SheetWriter, imposition: Imposition, templateID: String, variant: Variant,
            scanDistance: ScanDistance
        ) {
            self.writer = writer
            self.imposition = imposition
            self.templateID = templateID
            self.variant = variant
            self.scanDistance = scanDistance
        }
    }

    /// Returns the sheet files as manifest entries, and notes on templates that could not be imposed.
    func build(_ rows: [PlannedRow]) throws -> (entries: [Manifest.Entry], notes: [String]) {
        var open: [String: OpenSheet] = [:], order: [String] = [], skipped: [String: String] = [:]
        let renderer = CardRenderer(library: library, creationDate: creationDate)
        for row in rows {
            guard case var .card(request) = row.job else { continue }
            // every card file was read back when the run wrote it; the sheets are read back below
            request.verify = false
            let template = try library.card(request.templateID, style: request.style)
            if skipped[template.id] != nil { continue }
            let imposition: Imposition
            do { imposition = try Imposition(sheetName: sheet, card: template.pageSize, count: cardsPerSheet) } catch {
                skipped[template.id] = "\(template.id): \(error.description)"
                continue
            }
            for (variant, document) in try renderer.documents(for: request).sorted(by: { $0.key < $1.key }) {
                let base = "\(template.id)-\(variant.rawValue)-\(sheet.lowercased())-\(cardsPerSheet)up"
                for press in [nil] + (request.press.map { [$0] } ?? []) {
                    let key = press == nil ? base : "\(base)-press-\(press?.outputCondition.identifier ?? "")"
                    let target: OpenSheet
                    if let existing = open[key] {
                        target = existing
                    } else {
                        let metadata = DocumentMetadata(
                            title:
                                "\(template.title), \(variant.rawValue), \(cardsPerSheet) up on \(sheet.uppercased())",
                            subject: "press sheets with 3 mm bleed and crop marks", creationDate: creationDate)
                        let writer: any SheetWriter =
                            if let press {
                                PressSheetWriter(
                                    writer: try PressPDFWriter(
                                        renderer: PressPDFRenderer(
                                            settings: PressSettings(
                                                bleedMillimetres: 0, outputCondition: press.outputCondition),
                                            profilePath: request.iccProfilePath),
                                        metadata: metadata))
                            } else {
                                try PDFWriter(metadata: metadata, firstPageSize: imposition.sheet)
                            }
                        target = OpenSheet(
                            writer: writer, imposition: imposition, templateID: template.id, variant: variant,
                            scanDistance: request.scanDistance ?? template.scanDistance)
                        // One press sheet file per printing condition; the usual one goes unnamed.
                        let condition = press?.outputCondition
                        target.fileName =
                            switch condition {
                            case nil: "\(base).pdf"
                            case OutputCondition.fogra39?: "\(base)-press.pdf"
                            case let other?: "\(base)-press-\(Slug.make(other.identifier)).pdf"
                            }
                        open[key] = target
                        order.append(key)
                    }
                    target.pending.append(document.pages[0])
                    if target.pending.count == cardsPerSheet { try target.add(imposition.sheetPage(target.pending)) }
                }
            }
        }
        var entries: [Manifest.Entry] = []
        for key in order {
            let target = open[key]!
            if !target.pending.isEmpty { try target.add(target.imposition.sheetPage(target.pending)) }
            let bytes = try target.writer.finish()
            let path = "\(Self.folder)/\(target.fileName)"
            if verify {
                try WrittenFileCheck(scanDistance: target.scanDistance).check(
                    bytes, format: .pdf, pages: target.codePages, fileName: path)
            }
            let entry = Manifest.Entry(
                path: path, row: 0, id: Self.folder, kind: "sheet", template: target.templateID,
                variant: target.variant.rawValue, format: "pdf", link: nil,
                bytes: bytes.count, sha256: SHA256.hash(data: bytes).hexString, fingerprint: "")
            if !folder.holds(path, bytes: bytes.count, sha256: entry.sha256) { try folder.write(bytes, to: path) }
            entries.append(entry)
        }
        return (entries, skipped.keys.sorted().map { skipped[$0]! })
    }
}

/// Where a sheet's pages go: Cairo's PDF, or the press file.
protocol SheetWriter: AnyObject {
    func add(_ page: Page) throws
    func finish() throws -> [UInt8]
}

extension PDFWriter: SheetWriter {}

/// Press sheets: each imposed page is its own trim (the cards on it carry their bleed and crop marks already).
final class PressSheetWriter: SheetWriter {
    let writer: PressPDFWriter

    init(writer: PressPDFWriter) { self.writer = writer }

    func add(_ page: Page) throws { try writer.add(PressPage(page, settings: PressSettings(bleedMillimetres: 0))) }

    func finish() throws -> [UInt8] { try writer.finish() }
}
