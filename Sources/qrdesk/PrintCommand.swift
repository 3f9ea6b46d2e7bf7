import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a receipt on an ESC/POS receipt printer.",
        discussion: """
            Renders the receipt for the printer's roll (raster graphics, so every script prints) and sends it to
            tcp://HOST[:PORT] (a network printer's raw port, 9100 by default), cups:QUEUE (a raw job through lp) or
            file:/dev/usb/lp0 (a USB printer's device). Over TCP the printer's status is asked first (paper out, cover
            open). The receipt is reported printed only when every byte was accepted; otherwise the exit status is 1.
            """
    )

    @Argument(help: ArgumentHelp("The receipt document; - reads standard input.", valueName: "FILE.json")) var file:
        String
    @Option(help: ArgumentHelp("tcp://HOST[:PORT], cups:QUEUE or file:PATH.", valueName: "URI")) var printer: String
    @Option(name: .customLong(ReceiptKeys.template.flag), help: ReceiptKeys.template.argumentHelp)
    var template: String?
    @Option(name: .customLong(ReceiptKeys.lang.flag), help: ReceiptKeys.lang.argumentHelp) var lang: String?
    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp("Seconds to wait for a network printer to answer.", valueName: "S")) var connectTimeout = 5.0
    @Option(
        name: .customLong("write-timeout"),
        help: ArgumentHelp("Seconds a printer may stop taking data before printing fails.", valueName: "S"))
    var writeTimeout = 30.0
    @OptionGroup var printerOptions: PrinterOptions
    @OptionGroup var linkOptions: LinkOptions
    @Flag(name: .customLong("no-verify"), help: "Skip decoding each QR before printing.") var noVerify = false
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        guard (0.1...600).contains(connectTimeout), (0.1...3_600).contains(writeTimeout) else {
            throw ValidationError("--connect-timeout takes 0.1 to 600 seconds, --write-timeout 0.1 to 3600")
        }
        _ = try PrinterURI(printer)
    }

    func run() throws {
        try reportingErrors {
            let uri = try PrinterURI(printer)
            let library = try templateOptions.library()
            let request = try ReceiptDocument.request(
                file,
                options: [
                    (ReceiptKeys.template, template), (ReceiptKeys.lang, lang),
                    (ReceiptKeys.format, OutputFormat.escpos.rawValue),
                ],
                printer: printerOptions, linkPolicy: linkOptions.policy, library: library, verify: !noVerify)
            guard let stream = try ReceiptRenderer(library: library).render(request).first?.bytes else {
                throw fail("nothing to print")
            }
            let report = try ReceiptPrinter(connectTimeout: connectTimeout, writeTimeout: writeTimeout).send(
                stream, to: uri)
            print(
                "print: receipt \(request.receipt.number): \(report.bytes) bytes accepted by "
                    + "\(report.printer)\(report.cupsReply.map { " (\($0))" } ?? "")"
            )
        }
    }
}
