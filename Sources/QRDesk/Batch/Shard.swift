import QRDeskCore

/// A stable slice of the rows for jobs that share a list: a row's shard comes from its id's hash, not its
/// position, so adding a row moves no other row between shards. `K/N` names the shard (1-based, as CI
/// matrices count); `auto/N` takes it from the engine running the job.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The zero-based index variables of the engines that run array jobs, each with the name people know it by.
    public static let indexVariables: [(name: String, engine: String)] = [
        ("JOB_COMPLETION_INDEX", "a Kubernetes Indexed Job"), ("AWS_BATCH_JOB_ARRAY_INDEX", "an AWS Batch array job"),
    ]

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N`, or `auto/N` with the index from `environment`; the reason when neither reads.
    public static func parse(_ text: String, environment: [String: String]) -> Result<Shard, ShardError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "auto" else {
            return Shard(text).map { .success($0) } ?? .failure(.malformed(text))
        }
        guard let count = Int(parts[1]), count >= 1 else { return .failure(.malformed(text)) }
        let given = indexVariables.compactMap { variable in environment[variable.name].map { (variable, $0) } }
        guard let (variable, value) = given.first else { return .failure(.noIndex(count: count)) }
        guard let zeroBased = Int(value), (0..<count).contains(zeroBased) else {
            return .failure(.indexOutOfRange(variable: variable.name, value: value, count: count))
        }
        if let other = given.dropFirst().first, Int(other.1) != zeroBased {
            return .failure(.disagreeing(first: variable.name, second: other.0.name))
        }
        return Shard("\(zeroBased + 1)/\(count)").map { .success($0) } ?? .failure(.malformed(text))
    }

    public func contains(id: String?) -> Bool {
        // Rows without a usable id are reported by shard 1 only, so a merge lists them once.
        guard let id, RowID.problem(with: id) == nil else { return index == 1 }
        return Int(StableHash.fnv1a(id) % UInt64(count)) + 1 == index
    }

    public var description: String { "\(index)/\(count)" }
}

/// Why `--shard` could not be read.
public enum ShardError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case noIndex(count: Int)
    case indexOutOfRange(variable: String, value: String, count: Int)
    case disagreeing(first: String, second: String)

    public var description: String {
        switch self {
        case let .malformed(text):
            return "expected K/N with 1 ≤ K ≤ N, such as 2/4, or auto/N; got \"\(Excerpt.of(text, limit: 20))\""
        case let .noIndex(count):
            let names = Shard.indexVariables.map { "\($0.name) (\($0.engine))" }.joined(separator: " or ")
            return "auto/\(count) takes the shard from \(names), and neither is set; pass K/\(count) instead"
        case let .indexOutOfRange(variable, value, count):
            return "\(variable) is \"\(Excerpt.of(value, limit: 20))\", not a zero-based index below \(count); "
                + "make the job's completions (array size) \(count)"
        case let .disagreeing(first, second):
            return "\(first) and \(second) are both set and disagree; unset the one the engine did not set"
        }
    }
}
