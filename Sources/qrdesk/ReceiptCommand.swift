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
    // The request's options: flags, help and defaults from `ReceiptKeys`; `ReceiptOptionsDecoder` reads them.
    @Option(name: .customLong(ReceiptKeys.template.flag), help: ReceiptKeys.template.argumentHelp)
    var template: String?
    @Option(name: .customLong(ReceiptKeys.format.flag), help: ReceiptKeys.format.argumentHelp)
    var format: [String] = []
    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR")) var out = "output/receipts"
    @Option(name: .customLong(ReceiptKeys.lang.flag), help: ReceiptKeys.lang.argumentHelp) var lang: String?
    @Option(name: .customLong(ReceiptKeys.dpi.flag), help: ReceiptKeys.dpi.argumentHelp) var dpi: String?
    @OptionGroup var printerOptions: PrinterOptions
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip reading each file back before writing it.") var noVerify = false
    @Flag(help: "Print a JSON list of the files written on standard output.") var json = false
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        try reportingErrors {
            let library = try templateOptions.library()
            let request = try ReceiptDocument.request(
                file,
                options: [
                    (ReceiptKeys.template, template), (ReceiptKeys.lang, lang), (ReceiptKeys.dpi, dpi),
                    (ReceiptKeys.format, format.isEmpty ? nil : format.joined(separator: ",")),
                ],
                printer: printerOptions, linkPolicy: linkOptions.policy, library: library, verify: !noVerify)
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
