import Foundation
import XCTest
@testable import SiteKit

final class LeftoversTests: XCTestCase {
    /// Tells when (and on which thread) it is freed.
    final class Canary {
        let freed: () -> Void
        init(freed: @escaping () -> Void) { self.freed = freed }
        deinit { freed() }
    }

    /// What a build keeps is held until the build has returned, then freed, and not on the
    /// thread that waited for the build.
    func testKeptValuesAreFreedOnAnotherThreadOnceAsked() {
        let leftovers = Leftovers()
        let done = expectation(description: "freed")
        let caller = pthread_self()
        let lock = NSLock()
        var freedOnCaller: Bool?
        do {
            let canary = Canary {
                lock.withLock { freedOnCaller = pthread_equal(pthread_self(), caller) != 0 }
                done.fulfill()
            }
            leftovers.keep((canary, [1, 2, 3]))
        }
        XCTAssertNil(lock.withLock { freedOnCaller }, "kept until asked")
        leftovers.freeInBackground()
        wait(for: [done], timeout: 30)
        XCTAssertEqual(lock.withLock { freedOnCaller }, false)
    }
}
