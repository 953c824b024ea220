import Foundation

/// What "Tin khác" compares articles on: the syllables and the pairs of neighbouring syllables of
/// each article's title and lead (cut as the search tokeniser cuts them; most Vietnamese words are
/// two syllables, so "Triều Tiên" and "bóng đá" are pairs), its tags and its categories; each with
/// a weight for where it appears, and an inverted index from each term to its articles.
struct RelatedTerms {
    /// How much a term weighs by where the article has it. A title says what the article is about;
    /// a lead also tells the circumstances. Tags are chosen (or ruled) topics; a category is broad.
    static let titleWeight: Float = 2
    static let leadWeight: Float = 1
    static let tagWeight: Float = 2
    static let categoryWeight: Float = 0.5

    /// Per article, its distinct terms in ascending order with their weights (in halves, so that
    /// scores are sums of whole numbers: the same in any order) and the article's position in each
    /// term's posting list: `termsOf[a]` in `terms[articleStarts[a]..<articleStarts[a + 1]]`.
    var articleStarts: [Int] = [0]
    var terms: [Int32] = []
    var weightUnits: [UInt8] = []
    var postingPositions: [Int32] = []
    /// Per term, its articles in ascending index (newest first, as `Site.articles`) with the
    /// term's weight in each: in `postingArticles[termStarts[t]..<termStarts[t + 1]]`.
    var termStarts: [Int] = []
    var postingArticles: [Int32] = []
    var postingWeightUnits: [UInt8] = []

    /// The words' vocabulary, and how many terms are words (tags, then categories, follow them).
    private(set) var words = Words()
    private(set) var wordCount = 0
    private(set) var tagCount = 0

    var termCount: Int { termStarts.count - 1 }
    var articleCount: Int { articleStarts.count - 1 }

    /// Notes that an article has `term` in `place`. Not a function nested in `init`: one capturing
    /// `places` and `touched` made every access to them checked at run time, per syllable.
    @inline(__always)
    private static func mark(_ term: Int32, _ place: UInt8, places: inout [UInt8], touched: inout [Int32]) {
        if Int(term) >= places.count { places += repeatElement(0, count: Int(term) + 1 - places.count) }
        if places[Int(term)] == 0 { touched.append(term) }
        places[Int(term)] |= place
    }

    /// The terms of `input`. With `kept`, the words of an earlier build, and `keys` (the input's
    /// `keys`), the articles found there by key are not cut into syllables again.
    init(_ input: RelatedInput, keys: [UInt64]? = nil, kept: RelatedWords? = nil) {
        let kept = keys == nil ? nil : kept.flatMap { $0.isWhole ? $0 : nil }
        var words = kept.map(Words.init(kept:)) ?? Words()
        let keptArticle = kept.map { Dictionary(zip($0.keys, $0.keys.indices), uniquingKeysWith: { first, _ in first }) } ?? [:]
        // Per term: 1 if the title has it, 2 if the lead has it; reset through `touched`.
        var places: [UInt8] = []
        var touched: [Int32] = []
        var articleWords = [[(term: Int32, units: UInt8)]](repeating: [], count: input.count)
        // Oldest first, so that the words of older articles keep their numbers as articles are added.
        for article in input.titles.indices.reversed() {
            if let keys, let kept, let old = keptArticle[keys[article]] {
                articleWords[article] = (kept.starts[old]..<kept.starts[old + 1]).map { (kept.terms[$0], kept.weightUnits[$0]) }
            } else {
                articleWords[article] = Self.weighedWords(input.titles[article], input.leads[article], words: &words,
                                                          places: &places, touched: &touched).map { ($0.term, Self.units($0.weight)) }
            }
        }
        // Tags and categories after every word, so that their ids follow the words' in each list.
        (self.words, self.wordCount, self.tagCount) = (words, words.termCount, input.tagCount)
        for article in input.titles.indices {
            let others = otherTerms(tags: input.tagsOf[article], categories: input.categoriesOf[article]).map { ($0.term, Self.units($0.weight)) }
            for (term, units) in articleWords[article] + others {
                terms.append(term)
                weightUnits.append(units)
            }
            articleStarts.append(terms.count)
        }
        indexTerms(count: words.termCount + input.tagCount + input.categoryCount)
    }

    /// Its articles' words, by `keys` (the input's `keys`), and the vocabulary, for the next build.
    func keptWords(keys: [UInt64]) -> RelatedWords {
        var starts = [0], wordTerms: [Int32] = [], units: [UInt8] = []
        starts.reserveCapacity(articleCount + 1)
        for article in 0..<articleCount {
            for index in articleStarts[article]..<articleStarts[article + 1] where Int(terms[index]) < wordCount {
                wordTerms.append(terms[index])
                units.append(weightUnits[index])
            }
            starts.append(wordTerms.count)
        }
        let vocabulary = words.vocabulary
        return RelatedWords(syllables: vocabulary.syllables, syllableTerms: vocabulary.syllableTerms, pairs: vocabulary.pairs,
                            pairTerms: vocabulary.pairTerms, termCount: words.termCount, keys: keys, starts: starts,
                            terms: wordTerms, weightUnits: units)
    }

    /// The terms of one more article, put at `place` (the others after it move up by one): what
    /// `init` makes of the archive with it, but for the ids of words, which stay those of the
    /// archive without it (scores are whole numbers, so the order they are summed in does not
    /// matter). Its words that the archive does not have are left out: a term of one article
    /// relates it to none.
    func inserting(title: String, lead: String, tags: [Int], categories: [Int], at place: Int) -> RelatedTerms {
        var words = self.words
        var places: [UInt8] = [], touched: [Int32] = []
        let known = Self.weighedWords(title, lead, words: &words, places: &places, touched: &touched).filter { $0.term < Int32(wordCount) }
        let added = known + otherTerms(tags: tags, categories: categories)
        var copy = self
        copy.terms = Array(terms[..<articleStarts[place]]) + added.map(\.term) + terms[articleStarts[place]...]
        copy.weightUnits = Array(weightUnits[..<articleStarts[place]]) + added.map { Self.units($0.weight) } + weightUnits[articleStarts[place]...]
        copy.articleStarts = Array(articleStarts[...place]) + articleStarts[place...].map { $0 + added.count }
        copy.indexTerms(count: termCount)
        return copy
    }

    /// An article's words with the weight of where it has them, in ascending term order.
    private static func weighedWords(_ title: String, _ lead: String, words: inout Words, places: inout [UInt8],
                                     touched: inout [Int32]) -> [(term: Int32, weight: Float)] {
        words.scan(title) { Self.mark($0, 1, places: &places, touched: &touched) }
        words.scan(lead) { Self.mark($0, 2, places: &places, touched: &touched) }
        touched.sort()
        // A word of the title that the lead repeats is the article's subject: a little more.
        let weighed = touched.map { term in
            let place = places[Int(term)]
            return (term: term, weight: (place & 1 != 0 ? Self.titleWeight : 0) + (place & 2 != 0 ? Self.leadWeight : 0))
        }
        for term in touched { places[Int(term)] = 0 }
        touched.removeAll(keepingCapacity: true)
        return weighed
    }

    private func otherTerms(tags: [Int], categories: [Int]) -> [(term: Int32, weight: Float)] {
        Set(tags).sorted().map { (Int32(wordCount + $0), Self.tagWeight) }
            + Set(categories).sorted().map { (Int32(wordCount + tagCount + $0), Self.categoryWeight) }
    }

    /// A weight in halves (every weight is a multiple of one half).
    private static func units(_ weight: Float) -> UInt8 { UInt8((weight * 2).rounded()) }

    /// The inverted index: a counting sort by term keeps each term's articles in order.
    private mutating func indexTerms(count termCount: Int) {
        termStarts = [Int](repeating: 0, count: termCount + 1)
        for term in terms { termStarts[Int(term) + 1] += 1 }
        for term in 0..<termCount { termStarts[term + 1] += termStarts[term] }
        var next = termStarts
        postingArticles = [Int32](repeating: 0, count: terms.count)
        postingWeightUnits = [UInt8](repeating: 0, count: terms.count)
        postingPositions = [Int32](repeating: 0, count: terms.count)
        for article in 0..<articleCount {
            for index in articleStarts[article]..<articleStarts[article + 1] {
                let term = Int(terms[index])
                postingArticles[next[term]] = Int32(article)
                postingWeightUnits[next[term]] = weightUnits[index]
                postingPositions[index] = Int32(next[term])
                next[term] += 1
            }
        }
    }

    /// Per posting position, the term's rarity as the archive stood when that article was
    /// published: the log of how many articles it and the older ones are, over how many of them
    /// have the term (those at that position and after it), but never over fewer than the oldest
    /// `base` articles (a rarity judged on a handful of articles says little). A term that all of
    /// them have weighs nothing. In whole units of 2^-24, so that sums are exact.
    func postingRarity(base: Int) -> [Int64] {
        var rarity = [Int64](repeating: 0, count: postingArticles.count)
        let count = articleCount
        // The newest article of the base: an older one's rarity is the base's.
        let baseStart = max(0, count - base)
        for term in 0..<termCount {
            let start = termStarts[term], end = termStarts[term + 1]
            var inBase = end
            while inBase > start, Int(postingArticles[inBase - 1]) >= baseStart { inBase -= 1 }
            for position in start..<end {
                let article = min(Int(postingArticles[position]), baseStart)
                let holders = end - min(position, inBase)
                rarity[position] = Int64((log(Double(count - article) / Double(holders)) * 16_777_216).rounded())
            }
        }
        return rarity
    }

    /// Syllable and pair ids, numbered in order of first use (so a function of the input alone).
    /// Spellings are looked up as raw bytes first, as the search tokeniser does: hashing Swift
    /// strings of Vietnamese text for every syllable of an archive is the slow part otherwise.
    struct Words {
        private var spellings = SearchIndexBuilder.SpellingTable()
        /// Per syllable (by exact form): its term, or -1 for a stop syllable.
        private var syllableTerms: [Int32] = []
        private var syllableOfExact: [String: Int32] = [:]
        private var pairTerms: [UInt64: Int32] = [:]
        private(set) var termCount = 0

        init() {}

        /// The vocabulary of an earlier build (`RelatedWords`), numbered as it was.
        init(kept: RelatedWords) {
            syllableTerms = kept.syllableTerms
            syllableOfExact = Dictionary(zip(kept.syllables, kept.syllables.indices.map { Int32($0) }), uniquingKeysWith: { first, _ in first })
            pairTerms = Dictionary(zip(kept.pairs, kept.pairTerms), uniquingKeysWith: { first, _ in first })
            termCount = kept.termCount
        }

        /// Each syllable's exact form and term by id, and each pair's term: what `init(kept:)` reads.
        var vocabulary: (syllables: [String], syllableTerms: [Int32], pairs: [UInt64], pairTerms: [Int32]) {
            var syllables = [String](repeating: "", count: syllableTerms.count)
            for (exact, id) in syllableOfExact { syllables[Int(id)] = exact }
            return (syllables, syllableTerms, Array(pairTerms.keys), Array(pairTerms.values))
        }

        /// Calls `body` with the term of each syllable and each pair of `text` that is not a stop
        /// syllable or a pair with one; a repeated term comes again.
        mutating func scan(_ text: String, _ body: (Int32) -> Void) {
            var text = text
            text.withUTF8 { buffer in
                var previous: Int32 = -1
                SearchText.scanUTF8(buffer) { start, end, pairsWithPrevious in
                    let syllable = self.syllable(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                    let term = syllableTerms[Int(syllable)]
                    if term >= 0 {
                        body(term)
                        if pairsWithPrevious, previous >= 0, syllableTerms[Int(previous)] >= 0 {
                            body(pair(previous, syllable))
                        }
                    }
                    previous = syllable
                }
            }
        }

        private mutating func syllable(_ raw: UnsafeBufferPointer<UInt8>) -> Int32 {
            let hash = SearchIndexBuilder.fnv1a(raw)
            if let known = spellings.find(raw, hash: hash) { return known }
            let exact = SearchText.exact(String(decoding: raw, as: UTF8.self))
            let id: Int32
            if let known = syllableOfExact[exact] {
                id = known
            } else {
                id = Int32(syllableTerms.count)
                syllableOfExact[exact] = id
                if StopSyllables.contains(exact) {
                    syllableTerms.append(-1)
                } else {
                    syllableTerms.append(Int32(termCount))
                    termCount += 1
                }
            }
            spellings.insert(raw, hash: hash, id: id)
            return id
        }

        private mutating func pair(_ first: Int32, _ second: Int32) -> Int32 {
            let key = UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))
            if let known = pairTerms[key] { return known }
            let term = Int32(termCount)
            pairTerms[key] = term
            termCount += 1
            return term
        }
    }
}
