import Dispatch
import Foundation

/// Maps over all cores, keeping the input order so the output stays deterministic.
/// Each index is written by exactly one worker, which is why the unchecked captures are safe.
func parallelMap<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
    if items.count < 2 { return items.map(transform) }
    return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        // Chunks keep the scheduling overhead small next to the work of one item.
        let chunkCount = min(items.count, 16 * ProcessInfo.processInfo.activeProcessorCount)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                let end = min(start + chunkSize, items.count)
                guard start < end else { return }
                for index in start..<end {
                    (base + index).initialize(to: transform(items[index]))
                }
            }
        }
        initialized = items.count
    }
}
