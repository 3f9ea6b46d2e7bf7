import Foundation
import QRDeskCore

/// Sends an ESC/POS stream to a printer and reports it printed only when every byte was accepted: over TCP
/// (connect and write timeouts, the real-time status asked first, a reset after the last byte is a failure),
/// to a device file, or through CUPS (`lp -o raw`).
public struct ReceiptPrinter: Sendable {
    public var connectTimeout: Double
    public var writeTimeout: Double
    /// How long to wait for each `DLE EOT` answer; printers answer at once, some clones never.
    public var statusTimeout: Double

    public init(connectTimeout: Double = 5, writeTimeout: Double = 30, statusTimeout: Double = 1) {
        self.connectTimeout = connectTimeout
        self.writeTimeout = writeTimeout
        self.statusTimeout = statusTimeout
    }

    /// What happened, for the command's summary line.
    public struct Report: Sendable {
        public let printer: String
        public let bytes: Int
        /// The printer's answers to the status queries, when it gave them.
        public let status: PrinterStatus?
        /// CUPS's own words, such as "request id is desk-12 (1 file(s))".
        public let cupsReply: String?
    }

    public func send(_ bytes: [UInt8], to uri: PrinterURI) throws(PrinterError) -> Report {
        switch uri {
        case let .tcp(host, port):
            return try TCPPrinterConnection(host: host, port: port, printer: uri.description, settings: self).print(
                bytes)
        case let .file(path):
            try writeDevice(bytes, path: path, printer: uri.description)
            return Report(printer: uri.description, bytes: bytes.count, status: nil, cupsReply: nil)
        case let .cups(queue):
            return Report(
                printer: uri.description, bytes: bytes.count, status: nil,
                cupsReply: try submitToCUPS(bytes, queue: queue))
        }
    }

    /// A device node (a USB printer, `/dev/usb/lp0`): written with the same write timeout, never created.
    private func writeDevice(_ bytes: [UInt8], path: String, printer: String) throws(PrinterError) {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .device(
                printer: printer,
                reason:
                    "cannot open it (\(String(cString: strerror(errno)))); is the printer connected, and may this "
                    + "user write to it?"
            )
        }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, printer: printer, call: { write(descriptor, $0, $1) }) { code, sent in
            .device(
                printer: printer,
                reason: "writing failed after \(sent) of \(bytes.count) bytes (\(String(cString: strerror(code))))")
        }
    }

    /// Every byte to a non-blocking descriptor, waiting at most the write timeout each time it takes none;
    /// `call` is the system call (write, send), `failure` names any error but an interruption.
    func writeAll(
        _ bytes: [UInt8], to descriptor: Int32, printer: String, call: (UnsafeRawPointer, Int) -> Int,
        failure: (_ code: Int32, _ sent: Int) -> PrinterError
    ) throws(PrinterError) {
        var sent = 0
        while sent < bytes.count {
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(writeTimeout * 1000))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else {
                throw .writeTimeout(printer: printer, sent: sent, total: bytes.count, seconds: writeTimeout)
            }
            let count = bytes.withUnsafeBytes { call($0.baseAddress! + sent, bytes.count - sent) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure(errno, sent)
            }
            sent += count
        }
    }

    /// `lp -d QUEUE -o raw`: CUPS passes the bytes to the printer untouched. The report carries CUPS's answer.
    private func submitToCUPS(_ bytes: [UInt8], queue: String) throws(PrinterError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["lp", "-d", queue, "-o", "raw", "-t", "qrdesk receipt"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw .cups(
                queue: queue,
                reason:
                    "cannot run lp (\(error.localizedDescription)); install the CUPS client (apt-get install "
                    + "cups-client)"
            )
        }
        // lp may exit before reading (an unknown queue): its own message then says why, not the broken pipe.
        let delivered = (try? input.fileHandleForWriting.write(contentsOf: Data(bytes))) != nil
        try? input.fileHandleForWriting.close()
        let reply = String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        let problem = String(decoding: (try? errors.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, delivered else {
            throw .cups(
                queue: queue,
                reason:
                    "lp refused the job: "
                    + "\(Excerpt.of(problem.trimmingCharacters(in: .whitespacesAndNewlines), limit: 200))"
            )
        }
        return reply.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
