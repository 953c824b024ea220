import Dispatch
import Foundation

/// Large values a build is done with, freed on another thread once the build has returned.
/// Freeing an archive's articles, pages and tables is millions of small frees: at 35,000
/// articles, a sixth of a one-edit rebuild's samples on the thread that waits for the build. Nothing needs
/// them freed at once (the command exits, the preview serves).
final class Leftovers: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Any] = []

    func keep(_ value: Any) {
        lock.withLock { values.append(value) }
    }

    /// Frees what is kept, on another thread. Called when the build has returned: these then
    /// hold the last references, so the frees happen there and not on the caller's thread.
    func freeInBackground() {
        DispatchQueue.global(qos: .utility).async { [self] in
            let values = lock.withLock { () -> [Any] in
                let values = self.values
                self.values = []
                return values
            }
            withExtendedLifetime(values) {}
        }
    }
}
