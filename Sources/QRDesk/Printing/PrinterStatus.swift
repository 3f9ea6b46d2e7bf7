/// The real-time status an ESC/POS printer answers to `DLE EOT n`, one byte each: the fixed bits are
/// 0b0xx1xx10; the others report trouble.
public struct PrinterStatus: Hashable, Sendable {
    /// `DLE EOT 2`, offline cause: bit 2 cover open, bit 5 printing stopped for paper end, bit 6 an error.
    public let offlineCause: UInt8?
    /// `DLE EOT 4`, paper sensor: bits 2–3 roll near its end, bits 5–6 paper end.
    public let paper: UInt8?

    public init(offlineCause: UInt8?, paper: UInt8?) {
        self.offlineCause = offlineCause
        self.paper = paper
    }

    /// The problem the answers show, if any; a printer that does not answer is assumed ready.
    public func problem(printer: String) -> PrinterError? {
        if let paper, paper & 0x60 != 0 { return .paperOut(printer: printer) }
        if let cause = offlineCause {
            if cause & 0x04 != 0 { return .coverOpen(printer: printer) }
            if cause & 0x20 != 0 { return .paperOut(printer: printer) }
            if cause & 0x40 != 0 { return .offline(printer: printer, status: cause) }
        }
        return nil
    }
}
