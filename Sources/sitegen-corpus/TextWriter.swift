import Foundation

/// A word or phrase ready to be copied into a file: its UTF-8 bytes, the same with a capital first
/// letter (for the start of a sentence), and its number of syllables (words, as a reader counts them).
struct Word: Sendable {
    let bytes: [UInt8]
    let capitalized: [UInt8]
    let syllables: Int

    init(_ text: String) {
        let text = text.precomposedStringWithCanonicalMapping
        bytes = Array(text.utf8)
        let first = text.prefix(1).uppercased()
        capitalized = Array((first + text.dropFirst()).utf8)
        syllables = text.split(separator: " ").count
    }
}

/// The vocabulary as bytes, built once and shared by every thread.
final class Lexicon: Sendable {
    let nouns, verbs, modifiers, openers, quantifiers, auxiliaries, prepositions, linkers: [Word]
    let subjects, places, officials, familyNames, middleNames, givenNames, timesOfDay: [Word]
    let tagKeywords: [Word]

    init() {
        func words(_ list: [String]) -> [Word] { list.map(Word.init) }
        nouns = words(Vocabulary.nouns)
        verbs = words(Vocabulary.verbs)
        modifiers = words(Vocabulary.modifiers)
        openers = words(Vocabulary.openers)
        quantifiers = words(Vocabulary.quantifiers)
        auxiliaries = words(Vocabulary.auxiliaries)
        prepositions = words(Vocabulary.prepositions)
        linkers = words(Vocabulary.linkers)
        subjects = words(Vocabulary.subjects)
        places = words(Vocabulary.places)
        officials = words(Vocabulary.officials)
        familyNames = words(Vocabulary.familyNames)
        middleNames = words(Vocabulary.middleNames)
        givenNames = words(Vocabulary.givenNames)
        timesOfDay = words(Vocabulary.timesOfDay)
        tagKeywords = Vocabulary.tags.map { Word($0.keyword) }
    }

    /// Every distinct entry, for the generator's self-description.
    var size: Int {
        Set([nouns, verbs, modifiers, openers, quantifiers, auxiliaries, prepositions, linkers, subjects,
             places, officials, familyNames, middleNames, givenNames].joined().map { $0.bytes }).count
    }
}

/// Builds one file's bytes: words separated by single spaces, sentences capitalised and closed,
/// a running count of words. Bytes, not `String`, because this runs 30 million times.
struct TextWriter {
    var out: [UInt8] = []
    var words = 0
    private var pendingSpace = false
    private var capitalizeNext = false

    init(capacity: Int) { out.reserveCapacity(capacity) }

    mutating func reset() {
        out.removeAll(keepingCapacity: true)
        words = 0
        pendingSpace = false
        capitalizeNext = false
    }

    /// A word, after a space unless at the start of a line or after an opening mark.
    mutating func put(_ word: Word) {
        if pendingSpace { out.append(0x20) }
        out.append(contentsOf: capitalizeNext ? word.capitalized : word.bytes)
        capitalizeNext = false
        pendingSpace = true
        words += word.syllables
    }

    /// Raw text: markup, punctuation, front matter. No space logic.
    mutating func raw(_ text: String) { out.append(contentsOf: text.utf8) }
    mutating func raw(_ bytes: [UInt8]) { out.append(contentsOf: bytes) }
    mutating func byte(_ byte: UInt8) { out.append(byte) }

    /// Punctuation glued to the word before it (",", ".", ":").
    mutating func punct(_ byte: UInt8) {
        out.append(byte)
        pendingSpace = true
    }

    /// Opening markup ("**", "[", "(") after a space, with the next word glued to it.
    mutating func open(_ text: String) {
        if pendingSpace { out.append(0x20) }
        out.append(contentsOf: text.utf8)
        pendingSpace = false
    }

    /// Closing markup glued to the word before it.
    mutating func close(_ text: String) {
        out.append(contentsOf: text.utf8)
        pendingSpace = true
    }

    mutating func startSentence() { capitalizeNext = true }

    /// After raw text that ended a line: the next word starts the line, without a space.
    mutating func startLine() { pendingSpace = false }

    /// A new line (or blank line): nothing pending.
    mutating func newline(_ count: Int = 1) {
        for _ in 0..<count { out.append(0x0A) }
        pendingSpace = false
    }

    /// 1.300 / 35.440: Vietnamese thousands separator.
    mutating func number(_ value: Int, grouped: Bool = true) {
        if pendingSpace { out.append(0x20) }
        appendNumber(value, grouped: grouped)
        pendingSpace = true
        words += 1
    }

    /// 36,4 (Vietnamese decimal comma), from tenths.
    mutating func decimal(tenths: Int) {
        if pendingSpace { out.append(0x20) }
        appendNumber(tenths / 10, grouped: true)
        out.append(0x2C)
        appendNumber(tenths % 10, grouped: false)
        pendingSpace = true
        words += 1
    }

    /// Digits without any space logic ("2023", "1/8").
    mutating func appendNumber(_ value: Int, grouped: Bool = false) {
        if value < 0 { out.append(0x2D); appendNumber(-value, grouped: grouped); return }
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(0x30 + rest % 10))
            rest /= 10
        } while rest > 0
        for (index, digit) in digits.enumerated().reversed() {
            out.append(digit)
            if grouped && index > 0 && index % 3 == 0 { out.append(0x2E) }
        }
    }

    /// Two digits, zero-padded ("07").
    mutating func twoDigits(_ value: Int) {
        out.append(UInt8(0x30 + value / 10 % 10))
        out.append(UInt8(0x30 + value % 10))
    }
}
