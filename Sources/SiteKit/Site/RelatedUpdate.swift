import Foundation

/// The "Tin khác" lists of an archive from the lists of an earlier build of it: only the lists that
/// the difference can reach are computed again, and the result is what computing every list gives.
///
/// The archive is sorted newest first, so the articles that an edit, a new article or a deletion
/// leaves alone are a run at the end of both builds (the oldest; the same keys). Such an article's
/// list can change only if
/// - one of the changed (newer) articles is in its window of some term: it is among the first
///   `window` unchanged articles of the posting list of a term that a changed article has now;
/// - its list held a changed article (one that is gone, or now scores otherwise);
/// - filling its list by time looked at a changed article (its `reach`).
/// Every score between two unchanged articles stays: their rarities are those of the archive when
/// the later of them was published, which the newer articles do not change, or those of the
/// oldest `base` articles: a change among those is a change to every list.
enum RelatedUpdate {
    /// The lists of `input`, from `previous` where they cannot have changed; `terms` makes the
    /// input's terms when they are needed, given the input's `keys`.
    static func lists(_ input: RelatedInput, previous: RelatedLists?, terms: ([UInt64]) -> RelatedTerms) -> RelatedLists {
        let keys = input.keys, settings = input.settings
        func computedInFull() -> RelatedLists {
            let computed = RelatedArticles.compute(input, terms: terms(keys))
            return RelatedLists(settings: settings, keys: keys, lists: computed.map(\.articles), reach: computed.map(\.reach))
        }
        guard let previous, previous.settings == settings, previous.isWhole else { return computedInFull() }
        // The unchanged run at the end, and where it starts in each build.
        var kept = 0
        while kept < keys.count, kept < previous.keys.count,
              keys[keys.count - 1 - kept] == previous.keys[previous.keys.count - 1 - kept] { kept += 1 }
        let boundary = keys.count - kept, oldBoundary = previous.keys.count - kept
        let shift = boundary - oldBoundary
        if boundary == 0 && shift == 0 { return RelatedLists(settings: settings, keys: keys, lists: previous.lists, reach: previous.reach) }
        guard kept >= input.base else { return computedInFull() }

        var again = [Bool](repeating: false, count: keys.count)
        for article in 0..<boundary { again[article] = true }
        for article in boundary..<keys.count {
            let old = article - shift
            if previous.reach[old] < oldBoundary || previous.lists[old].contains(where: { $0 < oldBoundary }) { again[article] = true }
        }
        // The changed articles' terms: an unchanged article among the first `window` unchanged ones
        // of such a term's posting list has a changed one in its window. (A deletion of the newest
        // articles only changes none; then the terms are not made at all.)
        let terms = boundary > 0 || again.contains(true) ? terms(keys) : nil
        for article in 0..<boundary {
            guard let terms else { break }
            for index in terms.articleStarts[article]..<terms.articleStarts[article + 1] {
                let term = Int(terms.terms[index])
                // The changed articles are at the start of the posting list, the unchanged after them.
                var position = terms.termStarts[term]
                let end = terms.termStarts[term + 1]
                while position < end, terms.postingArticles[position] < boundary { position += 1 }
                for next in position..<min(end, position + RelatedArticles.window) { again[Int(terms.postingArticles[next])] = true }
            }
        }
        let chosen = again.indices.filter { again[$0] }
        let computed = terms.map { RelatedArticles.compute(input, terms: $0, only: chosen) } ?? []
        var lists = [[Int]](), reach = [Int]()
        lists.reserveCapacity(keys.count)
        reach.reserveCapacity(keys.count)
        var next = 0
        for article in keys.indices {
            if next < chosen.count, chosen[next] == article {
                lists.append(computed[next].articles)
                reach.append(computed[next].reach)
                next += 1
            } else {
                lists.append(previous.lists[article - shift].map { $0 + shift })
                reach.append(previous.reach[article - shift] + shift)
            }
        }
        return RelatedLists(settings: settings, keys: keys, lists: lists, reach: reach)
    }
}
