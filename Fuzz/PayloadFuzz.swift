import QRDeskCore

/// `qrdesk payload lint`: any bytes as a payload (and, when clean, as a card's scheme code under an allow-list).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let report = PayloadLinter.lint(text)
    if let payload = try? SchemePayload(report) {
        _ = payload.amount
        _ = PaymentCode.scheme(payload).displayText
        _ = LinkPolicy(allowedPayees: ["DE89370400440532013000"]).payeeProblem(payload)
    }
    return 0
}
