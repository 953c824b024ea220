import Foundation

/// "Tin khác": for each article, the others that share its rarest tags, then its category,
/// then are nearest in time. Built from the taxonomies' posting lists (tag → articles), so the
/// cost grows with the archive, not with its square.
public enum RelatedArticles {
    /// How many neighbours in time are looked at on each side in a long posting list. A tag
    /// shared by 30,000 articles says little; its nearest ones in time are the best of them.
    public static let window = 50

    /// `articleDates` newest first (the order of `Site.articles`); returns indices for each article.
    public static func compute(
        count: Int, limit: Int, tags: Taxonomy, categories: Taxonomy,
        tagsOf: (Int) -> [Int], categoriesOf: (Int) -> [Int], dates: [Date]
    ) -> [[Int]] {
        guard limit > 0, count > 1 else { return Array(repeating: [], count: count) }
        let total = Double(count)
        // Rarer tags weigh more (inverse document frequency).
        let tagWeights = tags.terms.map { log(1 + total / Double(max(1, $0.articles.count))) }
        let times = dates.map(\.timeIntervalSince1970)
        typealias Candidate = (index: Int, score: Double, sameCategory: Bool, distance: Double)
        func better(_ a: Candidate, than b: Candidate) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.sameCategory != b.sameCategory { return a.sameCategory }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.index < b.index
        }
        // Articles in chunks, each with scratch arrays over the whole archive: a candidate's
        // score is summed in place, and only the touched entries are reset afterwards.
        let chunks = stride(from: 0, to: count, by: 512).map { $0..<min($0 + 512, count) }
        return parallelMap(chunks) { chunk -> [[Int]] in
            var score = [Double](repeating: 0, count: count)
            var sameCategory = [Bool](repeating: false, count: count)
            var touched = [Bool](repeating: false, count: count)
            var candidates: [Int] = []
            return chunk.map { article in
                candidates.removeAll(keepingCapacity: true)
                func hit(_ other: Int, _ weight: Double, category: Bool) {
                    if !touched[other] { touched[other] = true; candidates.append(other) }
                    score[other] += weight
                    if category { sameCategory[other] = true }
                }
                for tag in tagsOf(article) {
                    forEachNeighbour(of: article, in: tags.terms[tag].articles) { hit($0, tagWeights[tag], category: false) }
                }
                for category in categoriesOf(article) {
                    forEachNeighbour(of: article, in: categories.terms[category].articles) { hit($0, 0, category: true) }
                }
                // The best `limit` of some hundreds of candidates, kept in order as they come.
                let time = times[article]
                var best: [Candidate] = []
                best.reserveCapacity(limit + 1)
                for other in candidates {
                    let candidate = (other, score[other], sameCategory[other], abs(times[other] - time))
                    score[other] = 0
                    sameCategory[other] = false
                    touched[other] = false
                    guard best.count < limit || better(candidate, than: best[best.count - 1]) else { continue }
                    best.insert(candidate, at: best.firstIndex { better(candidate, than: $0) } ?? best.count)
                    if best.count > limit { best.removeLast() }
                }
                var result = best.map(\.index)
                // Nothing in common with enough others: fill with the nearest in time.
                var step = 1
                while result.count < limit, step < count {
                    for other in [article - step, article + step] where other >= 0 && other < count && !result.contains(other) {
                        if result.count < limit { result.append(other) }
                    }
                    step += 1
                }
                return result
            }
        }.flatMap { $0 }
    }

    /// The article's neighbours in a posting list sorted by article index, never the article itself.
    static func forEachNeighbour(of article: Int, in postings: [Int], _ body: (Int) -> Void) {
        var start = 0, end = postings.count
        if postings.count > 2 * window + 1 {
            let position = lowerBound(postings, article)
            start = max(0, position - window)
            end = min(postings.count, position + window + 1)
        }
        for other in postings[start..<end] where other != article { body(other) }
    }

    static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
