import ArgumentParser
import Foundation
import QRDesk

@main
struct QRDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qrdesk",
        abstract: "Print-ready payment QR cards and receipts.",
        version: QRDeskVersion.current,
        subcommands: [
            CardCommand.self, ReceiptCommand.self, PrintCommand.self, BatchCommand.self, ManifestCommand.self,
            VerifyCommand.self, PreflightCommand.self, PayloadCommand.self, ServeCommand.self, TemplatesCommand.self,
            DemoCommand.self,
        ]
    )

    static func main() {
        // A reader that goes away (`qrdesk … | head`) makes writes fail with EPIPE instead of killing the process.
        signal(SIGPIPE, SIG_IGN)
        if let index = RawArguments.firstInvalidUTF8() {
            printError(
                "argument \(index) is not valid UTF-8 text; pass text in UTF-8 (check the terminal's or the script's "
                    + "encoding)"
            )
            Foundation.exit(64)
        }
        main(nil)
    }
}
