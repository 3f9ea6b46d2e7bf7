import Foundation

/// The date written into documents. Output must be byte-identical for identical input, so it is never the
/// wall clock: `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set, else a fixed date.
public enum ReproducibleDate {
    public static let fallback = "2000-01-01T00:00:00Z"

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text), seconds >= 0 else {
            return fallback
        }
        return iso8601(seconds: seconds)
    }

    /// The same instant in seconds since 1970, for zip entries (2000-01-01 when unset).
    public static func epochSeconds(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text), seconds >= 0 else {
            return 946_684_800
        }
        return seconds
    }

    static func iso8601(seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        return "\(day)T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
