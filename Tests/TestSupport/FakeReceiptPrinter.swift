import Foundation
import Synchronization

/// A receipt printer on 127.0.0.1 for tests: it accepts connections one after another, answers the real-time
/// status queries sent before each receipt, and records every byte of each. It can misbehave as printers do: close
/// half-way, stop
/// reading, report paper out or an open cover. It only ever listens on loopback, and stops when it is released
/// (or after `lifetime` seconds at the latest).
public final class FakeReceiptPrinter: Sendable {
    public enum Behaviour: Sendable {
        case accept
        /// Reads this many bytes, then closes the connection.
        case closeAfter(bytes: Int)
        /// Reads this many bytes, then stops reading (keeping the connection open).
        case stopReading(after: Int)
        /// Answers DLE EOT 4 (paper) and DLE EOT 2 (offline cause) with these bytes.
        case status(paper: UInt8, offlineCause: UInt8)
    }

    public let port: UInt16
    private let listener: Int32
    private let state = State()

    /// What the serving thread shares with the test; the thread holds this, not the printer, so releasing the
    /// printer stops it.
    private final class State: Sendable {
        /// One entry per connection, in order; the last one may still be receiving.
        let received = Mutex<[[UInt8]]>([])
        /// Connections the sender has closed (or the printer gave up on).
        let completed = Mutex<Int>(0)
        let finished = Mutex<Bool>(false)
        let stop = Mutex<Bool>(false)
    }

    /// Whether something accepts connections on 127.0.0.1:`port` (a connect that succeeds at once).
    public static func isListening(port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    /// A loopback port nobody listens on: bound, then closed.
    public static func unusedPort() throws -> UInt16 {
        let printer = try FakeReceiptPrinter(lifetime: 0)
        return printer.port
    }

    public init(_ behaviour: Behaviour = .accept, lifetime: Double = 60) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(socket, Int32(SOL_SOCKET), SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if case .stopReading = behaviour {
            // A small receive buffer, so a printer that stops reading is felt by the sender soon.
            var size: Int32 = 4_096
            setsockopt(socket, Int32(SOL_SOCKET), SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 4) == 0 else {
            close(socket)
            throw TestSupportError("bind/listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = socket
        let state = self.state
        let thread = Thread {
            Self.serve(behaviour, listener: socket, state: state, deadline: Date().addingTimeInterval(lifetime))
        }
        thread.start()
    }

    deinit {
        state.stop.withLock { $0 = true }
        // The thread closes the listening socket when it sees the stop, so the port is free once it has.
        while !state.finished.withLock({ $0 }) { usleep(5_000) }
    }

    /// Every byte of the first connection, once the sender closed it; waits at most `timeout` seconds.
    public func bytes(timeout: Double = 30) -> [UInt8] {
        streams(1, timeout: timeout).first ?? []
    }

    /// The bytes of the first `count` connections, once each was closed; waits at most `timeout` seconds.
    public func streams(_ count: Int, timeout: Double = 30) -> [[UInt8]] {
        let deadline = Date().addingTimeInterval(timeout)
        while state.completed.withLock({ $0 }) < count, !state.finished.withLock({ $0 }), Date() < deadline {
            usleep(10_000)
        }
        return state.received.withLock { Array($0.prefix(count)) }
    }

    private static func serve(_ behaviour: Behaviour, listener: Int32, state: State, deadline: Date) {
        defer { close(listener); state.finished.withLock { $0 = true } }
        while !state.stop.withLock({ $0 }), Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            state.received.withLock { $0.append([]) }
            receive(on: connection, behaviour, state: state, deadline: deadline)
            close(connection)
            state.completed.withLock { $0 += 1 }
        }
    }

    private static func receive(on connection: Int32, _ behaviour: Behaviour, state: State, deadline: Date) {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        var total = 0, seenInitialize = false
        while !state.stop.withLock({ $0 }), Date() < deadline {
            if case let .stopReading(after) = behaviour, total >= after {
                // A jammed printer: stop reading, hold the connection until released.
                usleep(20_000)
                continue
            }
            var connectionPoll = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&connectionPoll, 1, 100) > 0 else { continue }
            var limit = buffer.count
            if case let .closeAfter(bytes) = behaviour { limit = min(limit, bytes - total) }
            if case let .stopReading(after) = behaviour { limit = min(limit, after - total) }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, limit, 0) }
            guard count > 0 else { return }
            let chunk = Array(buffer[0..<count])
            state.received.withLock { $0[$0.count - 1] += chunk }
            // Real-time status queries come before the receipt's ESC @; answer them as a printer would.
            if !seenInitialize {
                var index = 0
                while index < chunk.count {
                    if chunk[index] == 0x1B, index + 1 < chunk.count, chunk[index + 1] == 0x40 {
                        seenInitialize = true; break
                    }
                    if chunk[index] == 0x10, index + 2 < chunk.count, chunk[index + 1] == 0x04 {
                        var answer: UInt8 = 0x12
                        if case let .status(paper, cause) = behaviour { answer = chunk[index + 2] == 4 ? paper : cause }
                        _ = withUnsafePointer(to: &answer) { send(connection, $0, 1, Int32(MSG_NOSIGNAL)) }
                        index += 3
                    } else {
                        index += 1
                    }
                }
            }
            total += count
            if case let .closeAfter(bytes) = behaviour, total >= bytes { return }
        }
    }
}
