import Foundation

/// "Tin khác": for each article, the others that say the most of what it says. Two articles score
/// the words of their titles and leads, their tags and categories (`RelatedTerms`) that they share,
/// each weighted by where both have it and by its rarity in the archive as it stood when the later
/// of the two was published (inverse document frequency among that article and the older ones,
/// and never among fewer than the oldest `base`); ties go to the nearest in time. Candidates come
/// from the inverted index, looked at near the article in each posting list, so the cost grows
/// with the archive, not its square.
///
/// Why "as it stood": a new article then changes no score between two older ones, and each older
/// article's window of candidates only gains it. So publishing one article changes its own list
/// and the lists it now enters, and `RelatedUpdate` computes only those.
enum RelatedArticles {
    /// How many neighbours in time are looked at on each side of the article in a posting list.
    /// A word shared by 3,000 articles says little; its nearest ones in time are the best of them.
    static let window = 50

    /// The fewest articles a rarity is judged on: those of the oldest `base` articles are judged on
    /// all of them (an archive of fewer is judged whole, as it stands now). `RelatedInput.base`.
    static let base = 1_000

    /// One article's list, as indices in the input's order, and the newest article its filling by
    /// time looked at (`reach`; the article itself when the scores filled the list; -1 when it
    /// ran out of newer articles). Newer articles than `reach` cannot change the list but through
    /// the terms they share with it.
    struct List: Equatable {
        var articles: [Int]
        var reach: Int
    }

    /// The lists of the articles in `only` (in its order; every article when nil).
    /// `terms`: the input's terms when they are at hand (else they are made from it).
    static func compute(_ input: RelatedInput, terms prepared: RelatedTerms? = nil, only chosen: [Int]? = nil) -> [List] {
        let count = input.count, limit = input.limit
        let articles = chosen ?? Array(0..<count)
        guard limit > 0, count > 1 else { return articles.map { List(articles: [], reach: $0) } }
        let terms = prepared ?? RelatedTerms(input)
        let rarity = terms.postingRarity(base: input.base)
        let times = input.dates.map(\.timeIntervalSince1970)
        typealias Candidate = (index: Int, score: Int64, distance: Double)
        func better(_ a: Candidate, than b: Candidate) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.index < b.index
        }
        // Articles in chunks, each with scratch arrays over the whole archive: a candidate's
        // score is summed in place, and only the touched entries are reset afterwards.
        let chunks = stride(from: 0, to: articles.count, by: 512).map { articles[$0..<min($0 + 512, articles.count)] }
        return parallelMap(chunks) { chunk -> [List] in
            var score = [Int64](repeating: 0, count: count)
            var touched = [Bool](repeating: false, count: count)
            var candidates: [Int] = []
            return chunk.map { article in
                candidates.removeAll(keepingCapacity: true)
                for index in terms.articleStarts[article]..<terms.articleStarts[article + 1] {
                    let term = Int(terms.terms[index])
                    let postings = terms.termStarts[term]..<terms.termStarts[term + 1]
                    let own = Int(terms.postingPositions[index])
                    let weight = Int64(terms.weightUnits[index])
                    for position in max(postings.lowerBound, own - window)..<min(postings.upperBound, own + window + 1) where position != own {
                        // The rarity as it stood when the later of the two (the lower position) was published.
                        let added = rarity[min(own, position)] * weight * Int64(terms.postingWeightUnits[position])
                        guard added > 0 else { continue }
                        let other = Int(terms.postingArticles[position])
                        if !touched[other] { touched[other] = true; candidates.append(other) }
                        score[other] += added
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
                var reach = article
                while result.count < limit, newer >= 0 || older < count {
                    let takeNewer = older >= count || (newer >= 0 && time - times[older] >= times[newer] - time)
                    let other = takeNewer ? newer : older
                    if takeNewer { newer -= 1 } else { older += 1 }
                    if !result.contains(other) { result.append(other) }
                    reach = newer
                }
                return List(articles: result, reach: reach)
            }
        }.flatMap { $0 }
    }
}
