import ArgumentParser
import QRDesk
import QRDeskCore

/// Values argument-parser reads itself (`transform:`), with the engine's own message when one is refused.
enum ArgumentValues {
    static func scanDistance(_ text: String) throws -> ScanDistance {
        do { return try ScanDistance(parsing: text) } catch { throw ValidationError(error.description) }
    }

    /// `--dpi`, read by the card request's own rule, so every command refuses it alike (exit status 1).
    static func dpi(_ text: String?) throws -> Int {
        do throws(RequestError) {
            return try CardRequestDecoder.integer(CardKeys.dpi, text, in: PrintResolution.dpiRange, door: .commandLine)
                ?? CardKeys.defaultDPI
        } catch {
            throw fail(error.description(for: .commandLine))
        }
    }
}
