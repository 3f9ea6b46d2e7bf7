import QRDeskCore

/// Every way a receipt printer can fail, each said so the person at the desk knows what to do.
public enum PrinterError: Error, Hashable, Sendable, CustomStringConvertible {
    case badURI(String)
    case unreachable(printer: String, reason: String)
    case refused(printer: String)
    case connectTimeout(printer: String, seconds: Double)
    case writeTimeout(printer: String, sent: Int, total: Int, seconds: Double)
    case closed(printer: String, sent: Int, total: Int)
    case paperOut(printer: String)
    case coverOpen(printer: String)
    case offline(printer: String, status: UInt8)
    case notAPrinter(printer: String, answer: UInt8)
    case device(printer: String, reason: String)
    case cups(queue: String, reason: String)

    public var description: String {
        switch self {
        case let .badURI(text):
            return
                "printer \"\(Excerpt.of(text, limit: 80))\" is not a printer address; use tcp://HOST[:PORT] (port "
                + "9100 by default; an IPv6 address in brackets: tcp://[fe80::1]:9100), cups:QUEUE or "
                + "file:/dev/usb/lp0"
        case let .unreachable(printer, reason):
            return "\(printer): cannot reach the printer (\(reason)); check the address and that it is on the network"
        case let .refused(printer):
            return
                "\(printer): the printer refused the connection; is it switched on, and is this its raw port (usually "
                + "9100)?"
        case let .connectTimeout(printer, seconds):
            return
                "\(printer): no answer within \(formatSeconds(seconds)) s; is the printer switched on and on this "
                + "network?"
        case let .writeTimeout(printer, sent, total, seconds):
            return
                "\(printer): the printer stopped taking data after \(sent) of \(total) bytes (nothing for "
                + "\(formatSeconds(seconds)) s); check for a paper jam, then print again"
        case let .closed(printer, sent, total):
            return
                "\(printer): the printer closed the connection after \(sent) of \(total) bytes; the receipt is not "
                + "printed whole: print it again"
        case let .paperOut(printer):
            return "\(printer): the printer is out of paper; load a new roll, then print again"
        case let .coverOpen(printer):
            return "\(printer): the printer's cover is open; close it, then print again"
        case let .offline(printer, status):
            return
                "\(printer): the printer reports it is offline (status "
                + "0x\(String(status, radix: 16, uppercase: true))); check it, then print again"
        case let .notAPrinter(printer, answer):
            return
                "\(printer): the device answered the status query with "
                + "0x\(String(answer, radix: 16, uppercase: true)), which no ESC/POS printer sends; is this a "
                + "receipt printer's raw port?"
        case let .device(printer, reason):
            return "\(printer): \(reason)"
        case let .cups(queue, reason):
            return "cups:\(queue): \(reason)"
        }
    }

    private func formatSeconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
