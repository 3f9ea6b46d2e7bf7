import QRDeskCore

/// Link validation: any bytes as a command-line or CSV link, under every policy.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? PaymentLink(text)
    _ = try? PaymentLink(text, policy: LinkPolicy(allowsHTTP: true, allowedHosts: ["pay.example.com"]))
    return 0
}
