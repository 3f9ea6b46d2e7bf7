import ArgumentParser
import Dispatch
import Foundation
import Logging
import QRDesk
import QRDeskCore
import QRDeskServer
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the front-desk pages and the HTTP API (loopback by default).",
        discussion: """
            Pages: / (counter cards with live preview and downloads), /show (Show QR), /receipts, /kits. API (see
            /openapi.json): POST /v1/cards, /v1/receipts, /v1/kits, /v1/verify; errors as application/problem+json
            naming the field. The same templates and rules as the command line, every file read back before it is sent.
            Any address but loopback needs a token: --token-file, or QRDESK_TOKEN. Stops cleanly on SIGTERM.
            """
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port, printed at start).") var port = 8080
    @Option(
        name: .customLong("token-file"),
        help: ArgumentHelp("A file holding the bearer token clients must send.", valueName: "FILE"))
    var tokenFile: String?
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp("Refuse links to any other host; repeatable.", valueName: "HOST"))
    var allowedHosts: [String] = []
    @Option(
        name: .customLong("allowed-payee"),
        help: ArgumentHelp(
            "Refuse payment codes paying any other account (PIX key, IBAN, VPA, proxy); repeatable.",
            valueName: "ACCOUNT"))
    var allowedPayees: [String] = []
    @Option(help: "Renders at once (default: every core).") var jobs = ProcessInfoCores.count
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("debug, info (a line per request), warning or error.", valueName: "LEVEL"))
    var logLevel = "info"
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        var token = ProcessInfo.processInfo.environment["QRDESK_TOKEN"]
        if let tokenFile {
            let bytes = try reportingErrors {
                try InputFile.read(URL(fileURLWithPath: tokenFile), limit: 4096, displayName: tokenFile)
            }
            token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let settings = ServerSettings(
            host: host, port: port, token: token, allowedHosts: allowedHosts, allowedPayees: allowedPayees,
            renderSlots: max(1, jobs),
            queueLimit: max(1, jobs) * 8)
        if let problem = settings.problem { throw fail(problem) }
        guard let level = Logger.Level(rawValue: logLevel), ["debug", "info", "warning", "error"].contains(logLevel)
        else {
            throw fail("--log-level: expected debug, info, warning or error, got \"\(logLevel)\"")
        }
        let resources = try reportingErrors {
            try ServerResources.load(extra: templateOptions.templateDirectories.map { URL(fileURLWithPath: $0) })
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Task {
            do {
                let app = QRDeskServer.application(settings: settings, resources: resources, logLevel: level) { port in
                    // Written at once, unbuffered: scripts wait for this line to learn the port.
                    // The throwing write: `write(_:)` traps on a closed stream.
                    let line = "qrdesk: serving on http://\(settings.host):\(port)\n"
                    try? FileHandle.standardOutput.write(contentsOf: Data(line.utf8))

                }
                try await app.runService()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        finished.wait()
        if let message = failure.withLock({ $0 }) { throw fail(message) }
    }
}
