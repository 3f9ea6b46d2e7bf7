import QRDeskCore

/// The receipt reader: any bytes as a receipt document, as JSON and as YAML.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ReceiptReader.parse(bytes, file: "fuzz.json", format: .json)
    _ = try? ReceiptReader.parse(bytes, file: "fuzz.yaml", format: .yaml)
    return 0
}
