import Foundation
import QRDeskCore

/// `batch --print`: the ESC/POS streams of a run's receipt rows, sent to one printer in list order. Printing
/// stops at the first failure (a printer out of paper fails every receipt after it too), and says which
/// receipts were printed and which were not.
public struct ReceiptRun: Sendable {
    public struct Outcome: Sendable {
        public var printed: [(row: Int, id: String, bytes: Int)] = []
        /// The row that failed and why, and the rows not sent after it.
        public var failure: (row: Int, id: String, error: PrinterError)?
        public var notSent: [(row: Int, id: String)] = []
    }

    let printer: ReceiptPrinter

    public init(printer: ReceiptPrinter) { self.printer = printer }

    public func print(_ manifest: Manifest, from directory: URL, to uri: PrinterURI) throws -> Outcome {
        let folder = try OutputFolder(directory, create: false)
        let streams = manifest.artifacts.filter { $0.format == OutputFormat.escpos.rawValue }.sorted {
            ($0.row, $0.path) < ($1.row, $1.path)
        }
        var outcome = Outcome()
        for (index, entry) in streams.enumerated() {
            guard let bytes = folder.contents(entry.path, bytes: entry.bytes, sha256: entry.sha256) else {
                throw FileError(path: folder.display(entry.path), reason: "is missing or changed since it was rendered")
            }
            do {
                let report = try printer.send(bytes, to: uri)
                outcome.printed.append((entry.row, entry.id, report.bytes))
            } catch {
                outcome.failure = (entry.row, entry.id, error)
                outcome.notSent = streams.dropFirst(index + 1).map { ($0.row, $0.id) }
                break
            }
        }
        return outcome
    }
}
