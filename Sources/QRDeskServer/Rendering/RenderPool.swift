import Dispatch
import Synchronization

/// Runs renders (CPU work) on Dispatch's threads, never on the event loop, at most `slots` at once; with
/// `queueLimit` already waiting, a new render is refused at once (the caller answers 503 with Retry-After)
/// instead of joining an unbounded queue.
public final class RenderPool: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())
    private let slots: Int
    private let queueLimit: Int

    public struct Saturated: Error {}

    public init(slots: Int, queueLimit: Int) {
        self.slots = max(1, slots)
        self.queueLimit = max(0, queueLimit)
    }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func acquire() async throws {
        enum Admission { case now, wait, refuse }
        let admission: Admission = state.withLock { state in
            if state.running < slots { state.running += 1; return .now }
            return state.waiting.count < queueLimit ? .wait : .refuse
        }
        switch admission {
        case .now: return
        case .refuse: throw Saturated()
        case .wait:
            await withCheckedContinuation { continuation in
                let resumeNow: Bool = state.withLock { state in
                    // A slot may have freed between the check and here.
                    if state.running < slots { state.running += 1; return true }
                    state.waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            if state.waiting.isEmpty { state.running -= 1; return nil }
            return state.waiting.removeFirst()  // the slot passes to the waiter
        }
        next?.resume()
    }
}
