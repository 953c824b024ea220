import Foundation

/// "Tin khác": for each article, the others that say the most of what it says. Two articles score
/// the words of their titles and leads, their tags and categories (`RelatedTerms`) that they share,
/// each weighted by its rarity in the archive (inverse document frequency) and by where both have
/// it; ties go to the nearest in time. Candidates come from the inverted index, and a long posting
/// list is only looked at near the article, so the cost grows with the archive, not its square.
enum RelatedArticles {
    /// How many neighbours in time are looked at on each side in a long posting list. A word
    /// shared by 3,000 articles says little; its nearest ones in time are the best of them.
    static let window = 50

    /// The related articles of each article (of those in `only`, in its order), as indices in the input's order.
    /// `terms`: the input's terms when they are at hand (else they are made from it).
    static func compute(_ input: RelatedInput, terms prepared: RelatedTerms? = nil, only chosen: [Int]? = nil) -> [[Int]] {
        let count = input.count, limit = input.limit
        guard limit > 0, count > 1 else { return Array(repeating: [], count: chosen?.count ?? count) }
        let terms = prepared ?? RelatedTerms(input)
        // Rarer terms weigh more; one that every article has weighs nothing.
        let total = Double(count)
        let rarity = (0..<terms.termCount).map { log(total / Double(max(1, terms.documentFrequency($0)))) }
        let times = input.dates.map(\.timeIntervalSince1970)
        typealias Candidate = (index: Int, score: Double, distance: Double)
        func better(_ a: Candidate, than b: Candidate) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.index < b.index
        }
        // Articles in chunks, each with scratch arrays over the whole archive: a candidate's
        // score is summed in place, and only the touched entries are reset afterwards.
        let articles = chosen ?? Array(0..<count)
        let chunks = stride(from: 0, to: articles.count, by: 512).map { articles[$0..<min($0 + 512, articles.count)] }
        return parallelMap(chunks) { chunk -> [[Int]] in
            var score = [Double](repeating: 0, count: count)
            var touched = [Bool](repeating: false, count: count)
            var candidates: [Int] = []
            return chunk.map { article in
                candidates.removeAll(keepingCapacity: true)
                for index in terms.articleStarts[article]..<terms.articleStarts[article + 1] {
                    let term = Int(terms.terms[index])
                    let postings = terms.termStarts[term]..<terms.termStarts[term + 1]
                    let factor = rarity[term] * Double(terms.weights[index])
                    guard postings.count > 1, factor > 0 else { continue }
                    for position in neighbourhood(of: article, in: postings, terms.postingArticles) {
                        let other = Int(terms.postingArticles[position])
                        guard other != article else { continue }
                        if !touched[other] { touched[other] = true; candidates.append(other) }
                        score[other] += factor * Double(terms.postingWeights[position])
                    }
                }
                // The best `limit` of the candidates, kept in order as they come.
                let time = times[article]
                var best: [Candidate] = []
                best.reserveCapacity(limit + 1)
                for other in candidates {
                    let candidate = (other, score[other], abs(times[other] - time))
                    score[other] = 0
                    touched[other] = false
                    guard best.count < limit || better(candidate, than: best[best.count - 1]) else { continue }
                    best.insert(candidate, at: best.firstIndex { better(candidate, than: $0) } ?? best.count)
                    if best.count > limit { best.removeLast() }
                }
                var result = best.map(\.index)
                // Nothing in common with enough others: fill with the nearest in time, from both
                // sides of the article (the list is sorted by date, so each side gets farther).
                var newer = article - 1, older = article + 1
                while result.count < limit, newer >= 0 || older < count {
                    let takeNewer = older >= count || (newer >= 0 && time - times[older] >= times[newer] - time)
                    let other = takeNewer ? newer : older
                    if takeNewer { newer -= 1 } else { older += 1 }
                    if !result.contains(other) { result.append(other) }
                }
                return result
            }
        }.flatMap { $0 }
    }

    /// The positions of a posting list (articles in ascending order) to look at for `article`:
    /// all of a short list, the `window` nearest on each side of a long one.
    static func neighbourhood(of article: Int, in postings: Range<Int>, _ articles: [Int32]) -> Range<Int> {
        guard postings.count > 2 * window + 1 else { return postings }
        var low = postings.lowerBound
        var high = postings.upperBound
        while low < high {
            let mid = (low + high) / 2
            if Int(articles[mid]) < article { low = mid + 1 } else { high = mid }
        }
        return max(postings.lowerBound, low - window)..<min(postings.upperBound, low + window + 1)
    }
}
