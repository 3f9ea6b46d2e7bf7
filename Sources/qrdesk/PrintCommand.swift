import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a receipt, or a pay-here slip written with --format escpos, on an ESC/POS receipt printer.",
        discussion: """
            A FILE ending in .escpos is a stream qrdesk wrote (qrdesk card --template slip-80mm --format escpos): it is
            read back first (a printer takes it, its raster fits the profile's line, its code decodes) and sent as it
            is. Otherwise FILE is a receipt document: qrdesk renders it for the printer's roll (raster graphics, so
            every script prints). It is sent to tcp://HOST[:PORT] (a network printer's raw port, 9100 by default),
            cups:QUEUE (a raw job through lp) or file:/dev/usb/lp0 (a USB printer's device). Over TCP the printer's
            status is asked first (paper out, cover open). It is reported printed only when every byte was accepted;
            otherwise the exit status is 1.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The receipt document (- reads standard input), or a written .escpos stream.", valueName: "FILE"))
    var file: String
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
            if file.hasSuffix(".\(OutputFormat.escpos.fileExtension)") {
                try printWritten(to: uri, library: library)
                return
            }
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

    /// A written stream (a slip), checked and sent byte for byte.
    func printWritten(to uri: PrinterURI, library: TemplateLibrary) throws {
        let profile = try printerOptions.profile.map { try library.printer($0) }
        let bytes = try InputFile.read(URL(fileURLWithPath: file), limit: Self.maximumStreamBytes)
        let codes = noVerify ? [] : try ESCPOSReadBack.checkWritten(bytes, profile: profile, fileName: file)
        let report = try ReceiptPrinter(connectTimeout: connectTimeout, writeTimeout: writeTimeout).send(bytes, to: uri)
        print(
            "print: \(file): \(report.bytes) bytes accepted by \(report.printer)"
                + "\(report.cupsReply.map { " (\($0))" } ?? "")"
                + (codes.isEmpty ? "" : "; its code reads \(codes.joined(separator: ", "))"))
    }

    /// A slip's stream is a few hundred kilobytes; a file far larger is not one.
    static let maximumStreamBytes = 16 << 20
}
