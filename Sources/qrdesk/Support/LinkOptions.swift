import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

/// What a printed link may be, shared by every command that prints one.
struct LinkOptions: ParsableArguments {
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp("Refuse links to any other host; repeatable.", valueName: "HOST"))
    var allowedHosts: [String] = []
    @Option(
        name: .customLong("allowed-payee"),
        help: ArgumentHelp(
            "Refuse payment codes paying any other account (PIX key, IBAN, VPA, PromptPay/PayNow proxy); repeatable.",
            valueName: "ACCOUNT"))
    var allowedPayees: [String] = []
    @Flag(name: .customLong("allow-http"), help: "Accept plain http links (not recommended: payment pages are https).")
    var allowHTTP = false

    var policy: LinkPolicy {
        LinkPolicy(allowsHTTP: allowHTTP, allowedHosts: allowedHosts, allowedPayees: allowedPayees)
    }
}
