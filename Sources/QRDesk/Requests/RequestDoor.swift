import QRDeskCore

/// The ways a request comes in. The engine's refusals name a `RequestKey`; each door words it its own way.
public enum RequestDoor: Sendable, Hashable {
    /// `qrdesk card`: values are the option's text.
    case commandLine
    /// A `qrdesk batch` list row (CSV, YAML or JSON): values are cells, read as text.
    case list
    /// A list sent over HTTP (a kit): read as a list, but no file may be named and no option can be passed.
    case listOverHTTP
    /// `POST /v1/cards` and the page's form (turned into the same JSON): typed JSON values.
    case api

    /// Doors whose values arrive as text (`"300"` for a number, `"pdf,svg"` for a list).
    public var readsText: Bool { self != .api }

    /// Doors where a file (a logo) is named by its path; over HTTP it travels inside the request.
    public var namesFiles: Bool { self == .commandLine || self == .list }

    /// Doors run from a command line, where an option (`--allow-http`) can change the outcome.
    public var hasCommandLine: Bool { self == .commandLine || self == .list }

    /// How this door names a key in a core message's advice (`lower --ecc`, `lower "ecc"`).
    public var keyNaming: KeyNaming {
        let door = self
        return KeyNaming { json in
            guard let key = CardKeys.key(named: json) else { return "\"\(json)\"" }
            return door == .api ? "\"\(key.json)\"" : door.name(of: key)
        }
    }

    /// An error's message at this door: advice naming keys the door's way.
    public func describe(_ error: Error) -> String {
        // The engine's one mapping of an error to its key (with the door's advice), then any other advice.
        if let request = RequestError(rendering: error) { return request.reason(for: self) }
        if let advising = error as? KeyAdvising { return advising.description(naming: keyNaming) }
        return "\(error)"
    }

    /// How this door names the key in a message.
    public func name(of key: RequestKey) -> String {
        switch self {
        case .commandLine: "--\(key.flag)"
        case .list, .listOverHTTP: "column \"\(key.column)\""
        case .api: key.json
        }
    }
}
