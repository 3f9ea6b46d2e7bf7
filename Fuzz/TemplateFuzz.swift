import QRDeskCore

/// The template reader: any bytes as a card or receipt template.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? TemplateLibrary.template(from: Array(UnsafeBufferPointer(start: data, count: size)), file: "fuzz.yaml")
    return 0
}
