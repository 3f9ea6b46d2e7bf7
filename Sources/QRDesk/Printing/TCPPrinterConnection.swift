import Foundation
import QRDeskCore

/// One connection to a network printer's raw port, with POSIX sockets: non-blocking, every wait bounded by
/// `poll`, every failure a `PrinterError` that says how far it got.
struct TCPPrinterConnection {
    let host: String
    let port: UInt16
    let printer: String
    let settings: ReceiptPrinter

    func print(_ bytes: [UInt8]) throws(PrinterError) -> ReceiptPrinter.Report {
        let socket = try connect()
        defer { close(socket) }
        let status = try queryStatus(socket)
        if let problem = status.problem(printer: printer) { throw problem }
        try writeAll(bytes, to: socket)
        // Everything is in the kernel's hands; a reset now means the printer dropped part of it.
        shutdown(socket, Int32(SHUT_WR))
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        if poll(&poller, 1, 2_000) > 0 {
            var drain = [UInt8](repeating: 0, count: 256)
            while true {
                let count = drain.withUnsafeMutableBytes {
                    recv(socket, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT))
                }
                if count > 0 { continue }
                if count < 0, errno == ECONNRESET {
                    throw .closed(printer: printer, sent: bytes.count, total: bytes.count)
                }
                break
            }
        }
        return ReceiptPrinter.Report(printer: printer, bytes: bytes.count, status: status, cupsReply: nil)
    }

    private func connect() throws(PrinterError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw .unreachable(printer: printer, reason: String(cString: gai_strerror(resolved)))
        }
        defer { freeaddrinfo(list) }
        var failure: PrinterError = .unreachable(printer: printer, reason: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let socket = Glibc.socket(
                address.pointee.ai_family,
                address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue),
                address.pointee.ai_protocol)
            guard socket >= 0 else { continue }
            var enable: Int32 = 1
            setsockopt(socket, Int32(SOL_SOCKET), SO_KEEPALIVE, &enable, socklen_t(MemoryLayout<Int32>.size))
            // A small send buffer: the write timeout then measures what the printer takes, not what the kernel
            // would hold for it, and a stalled printer is noticed within a receipt's worth of bytes.
            var buffer: Int32 = 16_384
            setsockopt(socket, Int32(SOL_SOCKET), SO_SNDBUF, &buffer, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return socket }
            guard errno == EINPROGRESS else {
                failure =
                    errno == ECONNREFUSED
                    ? .refused(printer: printer)
                    : .unreachable(printer: printer, reason: String(cString: strerror(errno)))
                close(socket)
                continue
            }
            var poller = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(settings.connectTimeout * 1000))
            guard ready > 0 else {
                failure = .connectTimeout(printer: printer, seconds: settings.connectTimeout)
                close(socket)
                continue
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socket, Int32(SOL_SOCKET), SO_ERROR, &code, &length)
            if code == 0 { return socket }
            failure =
                code == ECONNREFUSED
                ? .refused(printer: printer) : .unreachable(printer: printer, reason: String(cString: strerror(code)))
            close(socket)
        }
        throw failure
    }

    /// `DLE EOT 4` (paper) and `DLE EOT 2` (offline cause); a printer that stays silent is taken as ready.
    private func queryStatus(_ socket: Int32) throws(PrinterError) -> PrinterStatus {
        func ask(_ n: UInt8) throws(PrinterError) -> UInt8? {
            try writeAll(ESCPOSEncoder.Command.status(n), to: socket)
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(settings.statusTimeout * 1000)) > 0 else { return nil }
            var answer: UInt8 = 0
            let count = recv(socket, &answer, 1, Int32(MSG_DONTWAIT))
            if count == 0 || (count < 0 && errno == ECONNRESET) { throw .closed(printer: printer, sent: 0, total: 0) }
            guard count == 1 else { return nil }
            // Every real-time status byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a
            // receipt printer talking (a web server, a proxy), and is not taken for "out of paper".
            guard answer & 0x93 == 0x12 else { throw .notAPrinter(printer: printer, answer: answer) }
            return answer
        }
        let paper = try ask(4)
        let first = PrinterStatus(offlineCause: nil, paper: paper)
        // Out of paper already says it all; and a printer that did not answer will not answer again.
        guard paper != nil, first.problem(printer: printer) == nil else { return first }
        return PrinterStatus(offlineCause: try ask(2), paper: paper)
    }

    /// `send` with MSG_NOSIGNAL: a printer that hangs up is an error, never SIGPIPE.
    private func writeAll(_ bytes: [UInt8], to socket: Int32) throws(PrinterError) {
        try settings.writeAll(bytes, to: socket, printer: printer, call: { send(socket, $0, $1, Int32(MSG_NOSIGNAL)) })
        { code, sent in
            code == EPIPE || code == ECONNRESET
                ? .closed(printer: printer, sent: sent, total: bytes.count)
                : .unreachable(printer: printer, reason: String(cString: strerror(code)))
        }
    }
}
