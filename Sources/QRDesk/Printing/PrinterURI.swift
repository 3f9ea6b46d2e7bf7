/// Where a receipt is printed: `tcp://HOST[:PORT]` (a network printer's raw port, 9100 by default),
/// `cups:QUEUE` (through `lp`, as a raw job), or `file:PATH` (a device node such as `/dev/usb/lp0`).
public enum PrinterURI: Hashable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case cups(queue: String)
    case file(path: String)

    public static let defaultPort: UInt16 = 9100

    public init(_ text: String) throws(PrinterError) {
        if text.hasPrefix("tcp://") {
            let rest =
                String(text.dropFirst("tcp://".count)).split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            var host = rest, port = Self.defaultPort
            if rest.hasPrefix("[") {
                // [IPv6]:port — an IPv6 literal is always bracketed (RFC 3986 §3.2.2).
                guard let close = rest.firstIndex(of: "]") else { throw .badURI(text) }
                host = String(rest[rest.index(after: rest.startIndex)..<close])
                let after = rest[rest.index(after: close)...]
                if after.hasPrefix(":") {
                    guard let value = UInt16(after.dropFirst()), value > 0 else { throw .badURI(text) }
                    port = value
                } else if !after.isEmpty {
                    throw .badURI(text)
                }
                guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || ":.".contains($0) }) else {
                    throw .badURI(text)
                }
            } else {
                // A second colon means an unbracketed IPv6 literal (tcp://fe80::1): which part is the port is a guess.
                guard rest.filter({ $0 == ":" }).count <= 1 else { throw .badURI(text) }
                if let colon = rest.lastIndex(of: ":") {
                    host = String(rest[..<colon])
                    guard let value = UInt16(rest[rest.index(after: colon)...]), value > 0 else { throw .badURI(text) }
                    port = value
                }
                guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-".contains($0)) }) else {
                    throw .badURI(text)
                }
            }
            guard !host.isEmpty, host.count <= 253 else { throw .badURI(text) }
            self = .tcp(host: host, port: port)
        } else if text.hasPrefix("cups:") {
            let queue = String(text.dropFirst("cups:".count))
            // CUPS queue names: printable, no spaces, "/" or "#"; kept to a safe subset since it becomes an argument.
            guard !queue.isEmpty, queue.count <= 127,
                queue.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            else {
                throw .badURI(text)
            }
            self = .cups(queue: queue)
        } else if text.hasPrefix("file:") {
            var path = String(text.dropFirst("file:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw .badURI(text) }
            self = .file(path: path)
        } else {
            throw .badURI(text)
        }
    }

    public var description: String {
        switch self {
        case let .tcp(host, port): "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case let .cups(queue): "cups:\(queue)"
        case let .file(path): "file:\(path)"
        }
    }
}
