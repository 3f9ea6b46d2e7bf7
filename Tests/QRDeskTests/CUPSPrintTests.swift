import Foundation
import Testing
import TestSupport
import QRDesk

/// Through a real CUPS: a private `cupsd` on a loopback port (its own configuration, spool and logs in a
/// temporary folder), a raw queue whose device is the fake printer's socket, and `qrdesk print --printer
/// cups:QUEUE`. The stream must arrive byte for byte. cupsd is stopped when the test ends, pass or fail.
@Suite("Receipt printers: through CUPS", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/cupsd")))
struct CUPSPrintTests {
    @Test func rawQueueDeliversTheStreamByteForByte() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let written = try sandbox.qrdesk(["receipt", ReceiptPrinterTests.example, "--format", "escpos", "--out", "out"])
        #expect(written.status == 0, "\(written.stderr)")
        let stream = [UInt8](
            try Data(contentsOf: sandbox.out.appendingPathComponent("lux-2026-7781-receipt-80mm.escpos")))

        let printer = try FakeReceiptPrinter()
        let cups = try PrivateCUPS(in: sandbox.root.appendingPathComponent("cups"))
        defer { cups.stop() }
        let added = try TestSupport.run(
            "/usr/sbin/lpadmin",
            ["-h", cups.server, "-p", "qrdesk-test", "-E", "-v", "socket://127.0.0.1:\(printer.port)", "-m", "raw"])
        #expect(added.status == 0, "lpadmin: \(added.stderr)")

        let printed = try sandbox.qrdesk(
            ["print", ReceiptPrinterTests.example, "--printer", "cups:qrdesk-test"],
            environment: ["CUPS_SERVER": cups.server])
        #expect(printed.status == 0, "\(printed.stderr)\n\(cups.log)")
        #expect(
            printed.stdout.contains("accepted by cups:qrdesk-test (request id is qrdesk-test-"), "\(printed.stdout)")
        let received = printer.bytes(timeout: 30)
        #expect(
            received == stream, "CUPS delivered \(received.count) bytes, the stream is \(stream.count)\n\(cups.log)")

        let unknown = try sandbox.qrdesk(
            ["print", ReceiptPrinterTests.example, "--printer", "cups:no-such-queue"],
            environment: ["CUPS_SERVER": cups.server])
        #expect(
            unknown.status == 1 && unknown.stderr.contains("cups:no-such-queue: lp refused the job"),
            "\(unknown.stderr)")
    }
}

/// A cupsd of the test's own, listening on 127.0.0.1 only.
struct PrivateCUPS {
    let folder: URL
    let port: UInt16
    let process: Process
    var server: String { "127.0.0.1:\(port)" }
    var log: String { (try? String(contentsOf: folder.appendingPathComponent("log/error_log"), encoding: .utf8)) ?? "" }

    init(in folder: URL) throws {
        self.folder = folder
        port = try FakeReceiptPrinter.unusedPort()
        for name in ["etc", "spool", "cache", "state", "tmp", "log"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: folder.deletingLastPathComponent().path)
        try Data(
            """
            LogLevel warn
            Listen 127.0.0.1:\(port)
            WebInterface No
            Browsing No
            DefaultAuthType None
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Location /admin>
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              <Limit All>
                Order deny,allow
              </Limit>
            </Policy>

            """.utf8
        ).write(to: folder.appendingPathComponent("etc/cupsd.conf"))
        let path = folder.path
        try Data(
            """
            ServerRoot \(path)/etc
            RequestRoot \(path)/spool
            CacheDir \(path)/cache
            StateDir \(path)/state
            TempDir \(path)/tmp
            AccessLog \(path)/log/access_log
            ErrorLog \(path)/log/error_log
            PageLog \(path)/log/page_log
            Sandboxing Relaxed

            """.utf8
        ).write(to: folder.appendingPathComponent("etc/cups-files.conf"))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/cupsd")
        process.arguments = ["-f", "-c", "\(path)/etc/cupsd.conf", "-s", "\(path)/etc/cups-files.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when its port takes connections; given up on after ten seconds.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if FakeReceiptPrinter.isListening(port: port) { return }
            usleep(100_000)
        }
        stop()
        throw TestSupportError("cupsd did not start on 127.0.0.1:\(port): \(log)")
    }

    /// SIGTERM, and SIGKILL after two seconds: started from a test runner, cupsd may have SIGTERM blocked.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
