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
        let indices = Array(0..<count)
        return parallelMap(indices) { article in
            // (candidate, weight of the shared tag or 0 for the category, from the category?)
            var hits: [(index: Int, score: Double, sameCategory: Bool)] = []
            for tag in tagsOf(article) {
                for other in neighbours(of: article, in: tags.terms[tag].articles) { hits.append((other, tagWeights[tag], false)) }
            }
            for category in categoriesOf(article) {
                for other in neighbours(of: article, in: categories.terms[category].articles) { hits.append((other, 0, true)) }
            }
            // Merge the hits of each candidate, then rank: score, category, nearness in time, index.
            hits.sort { $0.index < $1.index }
            let time = times[article]
            var ranked: [(index: Int, score: Double, sameCategory: Bool, distance: Double)] = []
            ranked.reserveCapacity(hits.count)
            for hit in hits {
                if let last = ranked.last, last.index == hit.index {
                    ranked[ranked.count - 1].score += hit.score
                    ranked[ranked.count - 1].sameCategory = last.sameCategory || hit.sameCategory
                } else {
                    ranked.append((hit.index, hit.score, hit.sameCategory, abs(times[hit.index] - time)))
                }
            }
            func better(_ a: (index: Int, score: Double, sameCategory: Bool, distance: Double),
                        than b: (index: Int, score: Double, sameCategory: Bool, distance: Double)) -> Bool {
                if a.score != b.score { return a.score > b.score }
                if a.sameCategory != b.sameCategory { return a.sameCategory }
                if a.distance != b.distance { return a.distance < b.distance }
                return a.index < b.index
            }
            // The best `limit` of some hundreds of candidates: kept in order as they come, no full sort.
            var best: [(index: Int, score: Double, sameCategory: Bool, distance: Double)] = []
            best.reserveCapacity(limit + 1)
            for candidate in ranked where best.count < limit || better(candidate, than: best[best.count - 1]) {
                let position = best.firstIndex { better(candidate, than: $0) } ?? best.count
                best.insert(candidate, at: position)
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
    }

    /// The article's neighbours in a posting list sorted by article index, never the article itself.
    static func neighbours(of article: Int, in postings: [Int]) -> [Int] {
        let slice: ArraySlice<Int>
        if postings.count <= 2 * window + 1 {
            slice = postings[...]
        } else {
            let position = lowerBound(postings, article)
            let start = max(0, position - window)
            let end = min(postings.count, position + window + 1)
            slice = postings[start..<end]
        }
        return slice.filter { $0 != article }
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
