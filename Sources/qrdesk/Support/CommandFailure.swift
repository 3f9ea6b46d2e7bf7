import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

/// Prints a person-readable message to standard error and exits 1: input errors are not usage errors.
func fail(_ message: String, context: String? = nil) -> ExitCode {
    let line = context.map { "qrdesk: \($0): \(message)" } ?? "qrdesk: \(message)"
    writeStandardError(line)
    return ExitCode(1)
}

func printError(_ message: String) {
    writeStandardError("qrdesk: \(message)")
}

/// A warning on standard error: the command goes on.
func warn(_ message: String) {
    writeStandardError("qrdesk: warning: \(message)")
}

/// Writes a line to standard error through a throwing call: a closed or full stderr loses the message but never
/// traps (corelibs Foundation's non-throwing `FileHandle.write(_:)` aborts on a failed write).
private func writeStandardError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
}

/// Runs a body and turns any thrown error into a readable message and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as KeyAdvising {
        throw fail(RequestDoor.commandLine.describe(error))
    } catch let error as LinkError {
        throw fail(RequestDoor.commandLine.describe(error))
    } catch let error as CustomStringConvertible {
        throw fail(error.description)
    } catch {
        throw fail("\(error)")
    }
}
