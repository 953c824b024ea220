import Foundation
import XCTest
@testable import SiteDeploy

/// The programs a deploy starts (rsync over ssh) stop when the deploy is cancelled.
final class ProcessResultTests: XCTestCase {
    /// An ignored signal is inherited through exec: a sitegen that ignores SIGTERM (as a server
    /// that handles its own signals does) must not pass that on, or cancelling would not stop
    /// the program. Without its own signal defaults, this `sleep` ran its whole 15 s and exited 0.
    func testCancellingStopsTheProgramEvenWhenThisProcessIgnoresSIGTERM() async throws {
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        let task = Task { try await ProcessResult.run("sleep", ["15"]) }
        try await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        let result = try await task.value
        XCTAssertEqual(result.status, 128 + SIGTERM, result.message)
    }
}
