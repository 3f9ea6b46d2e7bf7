import Foundation
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
