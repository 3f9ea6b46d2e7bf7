import Foundation
import QRDesk

/// The batch list reader: any bytes as a CSV, YAML or JSON list; the first byte picks the syntax.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let fileExtension = ["csv", "yaml", "json"][Int(data[0]) % 3]
    _ = try? BatchList.parse(
        bytes, fileExtension: fileExtension, displayName: "fuzz.\(fileExtension)",
        baseDirectory: URL(fileURLWithPath: "/nonexistent"))
    return 0
}
