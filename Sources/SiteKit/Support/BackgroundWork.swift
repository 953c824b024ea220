import Dispatch

/// A value computed on another thread while this one goes on; `value()` waits for it.
/// The build uses it to make the search index while pages are rendered and written: both need
/// only the indexed site, and the index has long single-threaded steps the other core can fill.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the worker before `done` is left, read only after waiting on it.
    private var result: Result<Value, Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try work() }
            self.done.leave()
        }
    }

    /// The value, or the error the work threw; waits until it is there.
    func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
