import Foundation

/// The words "Tin khác" compares articles on, as a build numbered them (`RelatedTerms`), kept for
/// the next build (`RelatedMemo`): each article's word terms, by the article's key
/// (`RelatedInput.keys`), and the vocabulary that numbered them. A rebuild then cuts into
/// syllables only the titles and leads it does not find here: at 35,000 articles, cutting all of
/// them again was most of what publishing one article cost "Tin khác".
///
/// Words are numbered in order of first use from the oldest article, so a new article only adds
/// numbers. Numbers of words no article has any more stay taken; the lists do not depend on the
/// numbers, only on which articles share a word.
public struct RelatedWords: Sendable, Equatable {
    /// Per syllable id: its exact form, and its term (-1 for a stop syllable).
    var syllables: [String]
    var syllableTerms: [Int32]
    /// Per pair of syllables (first id << 32 | second id), its term.
    var pairs: [UInt64]
    var pairTerms: [Int32]
    var termCount: Int
    /// Per article (in the order of that build), its key and its word terms with their weights
    /// in halves: `terms[starts[a]..<starts[a + 1]]`.
    var keys: [UInt64]
    var starts: [Int]
    var terms: [Int32]
    var weightUnits: [UInt8]

    /// Whether it holds together (a damaged cache file gives something else).
    var isWhole: Bool {
        syllables.count == syllableTerms.count && pairs.count == pairTerms.count
            && starts.count == keys.count + 1 && starts.first == 0 && starts.last == terms.count
            && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 } && weightUnits.count == terms.count
            && syllableTerms.allSatisfy { $0 >= -1 && Int($0) < termCount }
            && pairTerms.allSatisfy { $0 >= 0 && Int($0) < termCount } && terms.allSatisfy { $0 >= 0 && Int($0) < termCount }
    }

    func write(to writer: inout BinaryWriter) {
        writer.strings(syllables)
        writer.numbers(syllableTerms)
        writer.numbers(pairs)
        writer.numbers(pairTerms)
        writer.int(termCount)
        writer.numbers(keys)
        writer.numbers(starts.map(Int64.init))
        writer.numbers(terms)
        writer.numbers(weightUnits)
    }

    static func read(from reader: inout BinaryReader) throws -> RelatedWords {
        RelatedWords(syllables: try reader.strings(), syllableTerms: try reader.numbers(), pairs: try reader.numbers(),
                     pairTerms: try reader.numbers(), termCount: try reader.int(), keys: try reader.numbers(),
                     starts: try reader.numbers(Int64.self).map { Int($0) }, terms: try reader.numbers(),
                     weightUnits: try reader.numbers())
    }
}
