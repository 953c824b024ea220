import XCTest
@testable import SiteKit

/// The page arithmetic of lists, both schemes. An article is named by its age: 0 is the oldest,
/// so a list of `count` articles holds, newest first, `count - 1 … 0`.
final class PaginationTests: XCTestCase {
    let size = 3

    func stable(_ count: Int) -> Pagination { Pagination(scheme: .stable, articleCount: count, pageSize: size) }
    func newestFirst(_ count: Int) -> Pagination { Pagination(scheme: .newestFirst, articleCount: count, pageSize: size) }

    /// The articles a page shows, by age, in the order shown.
    func ages(_ pagination: Pagination, at position: Int) -> [Int] {
        pagination.items(at: position).map { pagination.articleCount - 1 - $0 }
    }

    func paths(_ pagination: Pagination) -> [String] {
        pagination.positions.map { pagination.path(at: $0, base: "chu-de/x/") }
    }

    /// Numbers of the pager's links (0 for the entry page, -1 for a gap), in reading order.
    func pager(_ pagination: Pagination, at position: Int) -> [Int] {
        pagination.window(around: position).map { $0.map { pagination.number(at: $0) ?? 0 } ?? -1 }
    }

    func testStableEmptyAndShortListsAreOnePage() {
        for count in [0, 1, size - 1, size] {
            let pagination = stable(count)
            XCTAssertEqual(pagination.pageCount, 1, "\(count)")
            XCTAssertEqual(paths(pagination), ["chu-de/x/"])
            XCTAssertEqual(ages(pagination, at: 0), Array((0..<count).reversed()))
            XCTAssertEqual(pagination.window(around: 0), [0])
        }
    }

    func testStableOneMoreThanAPageMakesPageOne() {
        let pagination = stable(size + 1)
        XCTAssertEqual(paths(pagination), ["chu-de/x/", "chu-de/x/page/1/"])
        XCTAssertEqual(ages(pagination, at: 0), [3, 2, 1], "the newest, topped up to a full page")
        XCTAssertEqual(ages(pagination, at: 1), [2, 1, 0], "page 1: the oldest, newest first")
        XCTAssertEqual(pagination.number(at: 1), 1)
        XCTAssertFalse(pagination.isFixed(at: 0))
        XCTAssertTrue(pagination.isFixed(at: 1))
    }

    func testStableManyArticles() {
        let pagination = stable(7 * size + 2)  // 23: blocks 1–7 full, 2 newer articles
        XCTAssertEqual(pagination.pageCount, 8)
        XCTAssertEqual(paths(pagination), ["chu-de/x/"] + (1...7).reversed().map { "chu-de/x/page/\($0)/" })
        XCTAssertEqual(ages(pagination, at: 0), [22, 21, 20])
        XCTAssertEqual(ages(pagination, at: 1), [20, 19, 18], "page 7, the newest full page, is the entry's older neighbour")
        XCTAssertEqual(ages(pagination, at: 7), [2, 1, 0])
        XCTAssertEqual(pager(pagination, at: 0), [0, 7, 6, -1, 1])
        XCTAssertEqual(pager(pagination, at: 4), [0, -1, 6, 5, 4, 3, 2, 1])
        XCTAssertEqual(pager(pagination, at: 7), [0, -1, 3, 2, 1])
    }

    /// Every article is on exactly one numbered page or only on the entry page, and the entry page
    /// never shows exactly what a numbered page shows.
    func testStablePagesCoverTheListOnce() {
        for count in 0...40 {
            let pagination = stable(count)
            let numbered = pagination.positions.dropFirst().flatMap { ages(pagination, at: $0) }
            XCTAssertEqual(Set(numbered).count, numbered.count, "\(count)")
            XCTAssertEqual(Set(numbered).union(ages(pagination, at: 0)), Set(0..<count), "\(count)")
            for position in pagination.positions.dropFirst() {
                XCTAssertEqual(pagination.items(at: position).count, size, "a numbered page is full: \(count)")
                XCTAssertNotEqual(ages(pagination, at: position), ages(pagination, at: 0), "\(count)")
            }
            XCTAssertEqual(Set(paths(pagination)).count, pagination.pageCount, "no address twice: \(count)")
        }
    }

    /// The point of the scheme: publishing never moves an article off its numbered page, and the
    /// pager of a numbered page changes only while it is among the three newest.
    func testStableNumberedPagesNeverChangeAsArticlesAreAdded() {
        for count in 0...60 {
            let before = stable(count), after = stable(count + 1)
            for position in before.positions.dropFirst() {
                let number = before.number(at: position)!
                let later = after.positions.first { after.number(at: $0) == number }!
                XCTAssertEqual(ages(before, at: position), ages(after, at: later), "page \(number) at \(count)")
                XCTAssertEqual(before.path(at: position, base: ""), after.path(at: later, base: ""))
                if number <= before.numberedPages - 3 {
                    XCTAssertEqual(pager(before, at: position), pager(after, at: later), "pager of page \(number) at \(count)")
                }
            }
        }
    }

    func testNewestFirstKeepsTodaysNumbering() {
        XCTAssertEqual(newestFirst(0).pageCount, 1)
        XCTAssertEqual(paths(newestFirst(size)), ["chu-de/x/"])
        let pagination = newestFirst(size + 1)
        XCTAssertEqual(paths(pagination), ["chu-de/x/", "chu-de/x/page/2/"])
        XCTAssertEqual(ages(pagination, at: 0), [3, 2, 1])
        XCTAssertEqual(ages(pagination, at: 1), [0])
        XCTAssertEqual(pagination.number(at: 0), 1)
        XCTAssertFalse(pagination.isFixed(at: 1))
        let many = newestFirst(7 * size + 2)
        XCTAssertEqual(many.pageCount, 8)
        XCTAssertEqual(ages(many, at: 7), [1, 0])
        XCTAssertEqual(pager(many, at: 0), [1, 2, 3, -1, 8])
        XCTAssertEqual(pager(many, at: 4), [1, -1, 3, 4, 5, 6, 7, 8])
    }
}
