import Foundation

/// The command line as the kernel handed it over. Swift's `CommandLine.arguments` silently turns invalid
/// UTF-8 into U+FFFD, which would then be printed or encoded; qrdesk refuses such an argument instead.
enum RawArguments {
    /// The position (1-based, after the program name) of the first argument that is not valid UTF-8.
    static func firstInvalidUTF8() -> Int? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if String(validating: bytes, as: UTF8.self) == nil { return index }
        }
        return nil
    }
}
