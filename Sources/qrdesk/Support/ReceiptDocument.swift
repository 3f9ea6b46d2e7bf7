import Foundation
import QRDesk
import QRDeskCore

/// A receipt document from a file or standard input (`-`), within the size budget.
enum ReceiptDocument {
    static func read(_ file: String, linkPolicy: LinkPolicy) throws -> Receipt {
        let bytes =
            file == "-"
            ? try InputFile.readStandardInput(limit: ReceiptLimits.documentBytes)
            : try InputFile.read(URL(fileURLWithPath: file), limit: ReceiptLimits.documentBytes, displayName: file)
        return try ReceiptReader.parse(
            bytes, file: file == "-" ? "<stdin>" : file, format: .forFile(named: file), linkPolicy: linkPolicy)
    }
}

extension ReceiptDocument {
    /// A receipt request from a command line: its options read by `ReceiptOptionsDecoder` (a refusal names the
    /// option), then the document, then the printer's choices.
    static func request(
        _ file: String, options: [(RequestKey, String?)], printer: PrinterOptions, linkPolicy: LinkPolicy,
        library: TemplateLibrary, verify: Bool
    ) throws -> ReceiptRequest {
        var values: [String: String] = [:]
        for (key, value) in options + [(ReceiptKeys.printerProfile, printer.profile)] {
            if let value { values[key.json] = value }
        }
        var request: ReceiptRequest
        do {
            request = try ReceiptOptionsDecoder(library: library, door: .commandLine)
                .decode(CardRequestDecoder.textValues(values)) { try read(file, linkPolicy: linkPolicy) }
        } catch let error as RequestError {
            throw fail(error.description(for: .commandLine))
        }
        request.verify = verify
        request.openDrawer = printer.drawer
        request.nativeQR = printer.nativeQR
        return request
    }
}
