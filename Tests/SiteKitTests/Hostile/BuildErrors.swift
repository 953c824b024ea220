import XCTest
@testable import SiteKit

extension TestSite {
    /// The errors of a build that must fail; a build that succeeds fails the calling test.
    func buildErrors(file: StaticString = #filePath, line: UInt = #line) -> [SourceError] {
        do {
            try build()
            XCTFail("the build should have failed", file: file, line: line)
            return []
        } catch let failure as BuildFailure {
            return failure.errors
        } catch let error as SourceError {
            return [error]
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return []
        }
    }
}
