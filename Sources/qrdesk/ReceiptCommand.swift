import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Render a receipt from a JSON document (see docs/receipt-format.md).",
        discussion: """
            Thermal templates give PDFs exactly the roll's width and as tall as the content, and 1-bit PNGs at the
            printer's 203 dpi (576 dots for 80 mm, 384 for 58 mm). A receipt with a balance and a payment link
            carries a QR for the rest; every file is read back and its QR checked before anything is written.
            """
    )

    @Argument(help: ArgumentHelp("The receipt document; - reads standard input.", valueName: "FILE.json")) var file:
        String
    @Option(help: ArgumentHelp("receipt-80mm, receipt-58mm or receipt-a4.", valueName: "ID")) var template =
        "receipt-80mm"
    @Option(
        help: ArgumentHelp(
            "pdf, png, svg, escpos (the printer's own bytes); repeatable or comma-separated.", valueName: "FORMAT"))
    var format: [String] = []
    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR")) var out = "output/receipts"
    @Option(help: ArgumentHelp("Language of labels and money format; overrides the document's.", valueName: "CODE"))
    var lang: String?
    @Option(
        help: ArgumentHelp(
            "PNG resolution for sheet templates (rolls use the printer's own). Default: 300.", valueName: "DPI"))
    var dpi: String?
    @OptionGroup var printerOptions: PrinterOptions
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip reading each file back before writing it.") var noVerify = false
    @Flag(help: "Print a JSON list of the files written on standard output.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        let formats = try ArgumentValues.choices(format, allowed: OutputFormat.allCases, option: "--format")
        let resolution = try ArgumentValues.dpi(dpi)
        try reportingErrors {
            let library = try templateOptions.library()
            let receipt = try ReceiptDocument.read(file, linkPolicy: linkOptions.policy)
            if let lang, let problem = library.strings.languageProblem(lang) { throw fail("--lang: \(problem)") }
            var request = ReceiptRequest(
                receipt: receipt, templateID: template, formats: formats.isEmpty ? [.pdf] : formats,
                language: lang, dpi: resolution, verify: !noVerify, printerProfile: printerOptions.profile)
            request.openDrawer = printerOptions.drawer
            request.nativeQR = printerOptions.nativeQR
            let artifacts = try ReceiptRenderer(library: library).render(request)
            let folder = try OutputFolder(URL(fileURLWithPath: out))
            var written: [WrittenList.Entry] = []
            for artifact in artifacts {
                try folder.write(artifact.bytes, to: artifact.fileName)
                written.append(
                    .init(
                        path: (out as NSString).appendingPathComponent(artifact.fileName),
                        template: artifact.templateID,
                        variant: artifact.variant.rawValue, format: artifact.format.rawValue,
                        bytes: artifact.bytes.count))
            }
            if json { WrittenList(artifacts: written).printJSON() } else { written.forEach { print($0.path) } }
        }
    }
}
