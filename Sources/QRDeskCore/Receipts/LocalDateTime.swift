/// A date and time as RFC 3339 writes it, with its offset (`2026-11-21T15:30:00+01:00`, `…T15:30:00.5Z`);
/// shown as local wall-clock time. The date must exist in the calendar (no 30 February), as JSON Schema's
/// `date-time` format requires; leap seconds are not accepted.
public struct LocalDateTime: Hashable, Sendable {
    public let year, month, day, hour, minute, second: Int
    /// `+01:00`, `Z`.
    public let offset: String

    public init?(_ text: String) {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/
        guard text.utf8.count <= 40, let match = text.wholeMatch(of: pattern),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
            let hour = Int(match.4), let minute = Int(match.5), let second = Int(match.6)
        else { return nil }
        guard year >= 1, (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        if let offsetHours = match.8.flatMap({ Int($0) }), let offsetMinutes = match.9.flatMap({ Int($0) }) {
            guard offsetHours < 24, offsetMinutes < 60 else { return nil }
        }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
        offset = String(match.7)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `2026-11-21 15:30`: unambiguous in every language.
    public var display: String { "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute))" }
    /// `20261121T1530`: the `t=` field of the Russian fiscal QR.
    public var compact: String { "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))" }
}
