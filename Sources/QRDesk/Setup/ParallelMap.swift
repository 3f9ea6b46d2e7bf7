import Foundation
import Dispatch
import Synchronization

/// Maps over items on every core; results come back in input order, so output never depends on scheduling.
public enum ParallelMap {
    public static func run<Input: Sendable, Output: Sendable>(
        _ items: [Input], jobs: Int = ProcessInfoCores.count,
        _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let slots = Mutex<[Output?]>(Array(repeating: nil, count: items.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, items.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let output = transform(items[index])
                slots.withLock { $0[index] = output }
            }
        }
        return slots.withLock { $0.map { $0! } }
    }
}

public enum ProcessInfoCores {
    public static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}
