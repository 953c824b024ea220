import Foundation

/// Writes the text of one article into a `TextWriter`: sentences from a small grammar over the
/// lexicon, paragraphs, and for Markdown headings, lists, bold and links to other articles.
struct ArticleText {
    let corpus: Corpus
    let meta: ArticleMeta
    var random: SplitMix64
    var lex: Lexicon { corpus.lexicon }

    init(corpus: Corpus, meta: ArticleMeta) {
        self.corpus = corpus
        self.meta = meta
        self.random = SplitMix64(seed: corpus.seed, stream: Corpus.bodyStream, index: meta.index)
    }

    // MARK: - Phrases

    mutating func pick(_ words: [Word]) -> Word { words[random.below(words.count)] }

    mutating func nounPhrase(_ w: inout TextWriter, quantifier: Double = 0.35) {
        if random.chance(quantifier) { w.put(pick(lex.quantifiers)) }
        w.put(pick(lex.nouns))
        if random.chance(0.25) { w.put(pick(lex.nouns)) }
        if random.chance(0.3) { w.put(pick(lex.modifiers)) }
    }

    mutating func place(_ w: inout TextWriter) {
        w.put(pick(Fixed.placeKinds))
        w.put(pick(lex.places))
    }

    mutating func subject(_ w: inout TextWriter) {
        if random.chance(0.55) { w.put(pick(lex.subjects)) } else { nounPhrase(&w, quantifier: 0.6) }
    }

    mutating func predicate(_ w: inout TextWriter) {
        if random.chance(0.5) { w.put(pick(lex.auxiliaries)) }
        w.put(pick(lex.verbs))
        nounPhrase(&w)
    }

    mutating func personName(_ w: inout TextWriter) {
        w.put(pick(lex.familyNames))
        if random.chance(0.7) { w.put(pick(lex.middleNames)) }
        w.put(pick(lex.givenNames))
    }

    /// "đạt 96,4% kế hoạch", "với tổng kinh phí hơn 1.300 triệu đồng", …
    mutating func figure(_ w: inout TextWriter) {
        switch random.below(5) {
        case 0:
            w.put(Fixed.dat); w.decimal(tenths: random.int(300, 1_200)); w.punct(0x25); w.put(Fixed.keHoach)
        case 1:
            w.put(Fixed.voiTongKinhPhiHon); w.number(random.int(2, 2_500))
            w.put(random.chance(0.5) ? Fixed.tyDong : Fixed.trieuDong)
        case 2:
            w.put(Fixed.tang); w.decimal(tenths: random.int(5, 400)); w.punct(0x25); w.put(Fixed.soVoiCungKy)
        case 3:
            w.put(Fixed.choHon); w.number(random.int(50, 20_000)); w.put(pick([Fixed.laoDong, Fixed.hoDan, Fixed.hocSinh, Fixed.luotNguoi]))
        default:
            w.put(Fixed.trenDienTich); w.number(random.int(5, 45_000)); w.put(Fixed.ha)
        }
    }

    /// One sentence, capitalised and closed with a full stop. `bold` may wrap its object in `**`.
    mutating func sentence(_ w: inout TextWriter, bold: Bool = false, figures: Bool = true) {
        w.startSentence()
        let form = random.below(20)
        if form == 0 {
            // Reported speech: "Ông Nguyễn Văn Tám, Chủ tịch UBND huyện, cho biết …"
            w.put(random.chance(0.6) ? Fixed.ong : Fixed.ba); personName(&w); w.punct(0x2C)
            w.put(pick(lex.officials)); w.punct(0x2C)
            w.put(pick([Fixed.choBiet, Fixed.nhanManh, Fixed.deNghi, Fixed.khangDinh]))
            subject(&w); predicate(&w)
        } else {
            if random.chance(0.25) { w.put(pick(lex.openers)); w.punct(0x2C) }
            subject(&w)
            if random.chance(0.5) { w.put(pick(lex.auxiliaries)) }
            w.put(pick(lex.verbs))
            if bold { w.open("**") }
            nounPhrase(&w)
            if bold { w.close("**") }
            if random.chance(0.5) {
                w.put(pick(lex.prepositions))
                if random.chance(0.2) { place(&w) } else { nounPhrase(&w, quantifier: 0.2) }
            }
            if random.chance(0.3) { w.punct(0x2C); w.put(pick(lex.linkers)); predicate(&w) }
        }
        if figures && random.chance(0.15) { w.punct(0x2C); figure(&w) }
        w.punct(0x2E)
    }

    /// A sentence that names a tag's keyword, so legacy articles get their tags from site.yml's rules.
    mutating func topicSentence(_ w: inout TextWriter, tag: Int) {
        w.startSentence()
        w.put(Fixed.congTac); w.put(lex.tagKeywords[tag]); w.put(Fixed.duoc)
        subject(&w); w.put(Fixed.quanTamChiDao); w.put(pick(lex.modifiers)); w.punct(0x2E)
    }

    // MARK: - Markdown

    /// The whole `.md` file: front matter, then the body.
    mutating func markdown(_ w: inout TextWriter) {
        w.raw("---\ntitle: "); w.raw(Corpus.yamlQuoted(meta.title))
        w.raw("\ndate: "); w.appendNumber(meta.year); w.raw("-"); w.twoDigits(meta.month); w.raw("-"); w.twoDigits(meta.day)
        w.raw("T"); w.twoDigits(meta.hour); w.raw(":"); w.twoDigits(meta.minute); w.raw(":00+07:00")
        w.raw("\nauthor: "); w.raw(Corpus.yamlQuoted(corpus.authors[meta.author]))
        w.raw("\nviews: "); w.appendNumber(meta.views)
        w.raw("\ntags: [")
        w.raw(meta.tags.map { Corpus.yamlQuoted(Vocabulary.tags[$0].name) }.joined(separator: ", "))
        w.raw("]\ncategories: [")
        w.raw(meta.categories.map { Corpus.yamlQuoted(Vocabulary.categories[$0].name) }.joined(separator: ", "))
        w.raw("]\n")
        if meta.hasSummary {
            w.raw("summary: \"")
            sentence(&w, figures: false)
            w.raw("\"\n")
        }
        w.raw("slug: "); w.raw(Corpus.yamlQuoted(meta.slug)); w.raw("\n---\n\n")
        w.startLine()
        let frontMatterWords = w.words
        body(&w, target: meta.wordTarget + frontMatterWords)
    }

    mutating func body(_ w: inout TextWriter, target: Int) {
        // Lead: two or three sentences, in bold a third of the time.
        let boldLead = random.chance(0.3)
        if boldLead { w.open("**") }
        for i in 0..<random.int(2, 3) { sentence(&w, figures: i > 0) }
        if boldLead { w.close("**") }
        w.newline(2)

        var linksLeft = [0, 1, 1, 2, 2, 2, 3, 3, 4, 5][random.below(10)]
        if corpus.linkTargets.count < 2 { linksLeft = 0 }
        var topics = meta.tags
        let usesHeadings = random.chance(0.4)
        var hasList = false
        var paragraphsSinceHeading = 0
        while w.words < target {
            let remaining = target - w.words
            if usesHeadings && paragraphsSinceHeading >= 3 && remaining > 120 {
                w.raw("## "); w.startSentence(); nounPhrase(&w, quantifier: 0)
                if random.chance(0.5) { w.put(pick(lex.verbs)); nounPhrase(&w, quantifier: 0) }
                w.newline(2)
                paragraphsSinceHeading = 0
                continue
            }
            if !hasList && remaining > 80 && random.chance(0.12) {
                list(&w)
                hasList = true
                continue
            }
            let sentences = random.int(2, 6)
            let linkAt = linksLeft > 0 && random.chance(0.35) ? random.below(sentences) : -1
            for s in 0..<sentences {
                if s == linkAt {
                    link(&w)
                    linksLeft -= 1
                } else if !topics.isEmpty && random.chance(0.1) {
                    topicSentence(&w, tag: topics.removeFirst())
                } else {
                    sentence(&w, bold: random.chance(0.06))
                }
            }
            w.newline(2)
            paragraphsSinceHeading += 1
        }
        if linksLeft > 0 {
            w.raw("Tin liên quan:\n\n")
            for _ in 0..<linksLeft {
                let target = linkTarget()
                w.raw("- [")
                w.raw(target.titleWord.bytes)
                w.raw("](" + target.url + ")\n")
                w.words += target.titleWord.syllables
            }
            w.newline()
        }
    }

    /// A list of 3–6 short items, bulleted or numbered.
    mutating func list(_ w: inout TextWriter) {
        let numbered = random.chance(0.3)
        w.startSentence(); subject(&w); w.put(Fixed.tapTrungVaoCacNoiDungSau); w.punct(0x3A)
        w.newline(2)
        let count = random.int(3, 6)
        for item in 1...count {
            if numbered { w.appendNumber(item); w.raw(". ") } else { w.raw("- ") }
            w.startSentence()
            w.put(pick(lex.verbs)); nounPhrase(&w)
            if random.chance(0.4) { w.put(pick(lex.prepositions)); nounPhrase(&w, quantifier: 0) }
            w.punct(item == count ? 0x2E : 0x3B)
            w.newline()
        }
        w.newline()
    }

    mutating func linkTarget() -> ArticleMeta {
        var target = corpus.linkTargets[random.below(corpus.linkTargets.count)]
        if target == meta.index { target = corpus.linkTargets[(random.below(corpus.linkTargets.count - 1) + 1) % corpus.linkTargets.count] }
        if target == meta.index { target = corpus.linkTargets.first { $0 != meta.index } ?? target }
        return corpus.articles[target]
    }

    /// A sentence with a root-relative link to another generated article.
    mutating func link(_ w: inout TextWriter) {
        let target = linkTarget()
        w.startSentence()
        switch random.below(3) {
        case 0:
            w.put(Fixed.nhuBaoDaDuaTin); w.punct(0x2C)
            w.open("["); w.put(Word(Self.lowercasedFirst(target.title))); w.close("](" + target.url + ")"); w.punct(0x2E)
        case 1:
            subject(&w); w.put(pick(lex.verbs)); nounPhrase(&w)
            w.open("(xem ["); w.put(target.titleWord); w.close("](" + target.url + "))"); w.punct(0x2E)
        default:
            w.put(Fixed.xemThem); w.punct(0x3A)
            w.open("**["); w.put(target.titleWord); w.close("](" + target.url + ")**")
        }
    }

    static func lowercasedFirst(_ text: String) -> String {
        // Keep proper nouns ("UBND", "Huyện Lam Hạ" stays capitalised only where it was mid-title).
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: - Legacy text

    /// A scraped article in the old CMS's plain-text format (see seed-format.txt): title, views,
    /// a lead with "Sáng ngày d/m … năm yyyy", blank-ish lines, a caption, paragraphs on one line
    /// each, the author's signature, then the site's "Tin khác" block.
    mutating func legacy(_ w: inout TextWriter) {
        w.raw(meta.titleWord.bytes); w.newline()
        w.raw("Lượt xem: "); w.appendNumber(meta.views, grouped: random.chance(0.5)); w.newline()
        // The lead dates the article: "Sáng ngày 1/8, … tháng 8 năm 2023."
        w.put(pick(lex.timesOfDay)); w.put(Fixed.ngay)
        w.open(""); w.appendNumber(meta.day); w.raw("/"); w.appendNumber(meta.month); w.punct(0x2C)
        subject(&w); predicate(&w)
        if random.chance(0.5) { w.put(pick(lex.prepositions)); nounPhrase(&w, quantifier: 0) }
        w.put(Fixed.thang); w.number(meta.month, grouped: false); w.put(Fixed.nam); w.number(meta.year, grouped: false)
        w.punct(0x2E)
        w.newline()
        // The CMS's empty paragraphs: non-breaking spaces.
        if random.chance(0.7) { w.raw("\u{00A0}\n\n\u{00A0}\n\n") } else { w.newline() }
        if random.chance(0.6) {  // photo caption repeating the title
            w.raw(meta.titleWord.bytes)
            if random.chance(0.3) { w.raw(" năm "); w.appendNumber(meta.year) }
            w.newline(2)
        }
        let glued = random.chance(0.1)
        var topics = meta.tags
        while w.words < meta.wordTarget || !topics.isEmpty {
            for _ in 0..<random.int(3, 7) {
                if !topics.isEmpty && random.chance(0.3) {
                    topicSentence(&w, tag: topics.removeFirst())
                } else {
                    sentence(&w)
                }
            }
            if w.words < meta.wordTarget || !topics.isEmpty { w.newline(2) }
        }
        var author = corpus.authors[meta.author]
        if random.chance(0.1) { author += " (T/h)" }
        if glued {  // "… đối thủ. Hòa Lê (T/h)"
            w.raw(" " + author + "\n")
        } else {
            w.newline(2)
            w.raw(author + (random.chance(0.3) ? "\u{00A0}\n" : "\n"))
        }
        w.raw("\nTin khác\n")
        for _ in 0..<3 {
            w.raw(linkTarget().titleWord.bytes); w.newline()
        }
    }
}

/// Fixed words of the grammar, built once.
enum Fixed {
    static let placeKinds = ["huyện", "xã", "thành phố", "thị xã", "thôn"].map(Word.init)
    static let ba = Word("bà")
    static let choBiet = Word("cho biết")
    static let choHon = Word("cho hơn")
    static let congTac = Word("công tác")
    static let dat = Word("đạt")
    static let deNghi = Word("đề nghị")
    static let duoc = Word("được")
    static let ha = Word("ha")
    static let hoDan = Word("hộ dân")
    static let hocSinh = Word("học sinh")
    static let keHoach = Word("kế hoạch")
    static let khangDinh = Word("khẳng định")
    static let laoDong = Word("lao động")
    static let luotNguoi = Word("lượt người")
    static let nam = Word("năm")
    static let ngay = Word("ngày")
    static let nhanManh = Word("nhấn mạnh")
    static let nhuBaoDaDuaTin = Word("như báo đã đưa tin")
    static let ong = Word("ông")
    static let quanTamChiDao = Word("quan tâm chỉ đạo")
    static let soVoiCungKy = Word("so với cùng kỳ")
    static let tang = Word("tăng")
    static let tapTrungVaoCacNoiDungSau = Word("tập trung vào các nội dung sau")
    static let thang = Word("tháng")
    static let trenDienTich = Word("trên diện tích")
    static let trieuDong = Word("triệu đồng")
    static let tyDong = Word("tỷ đồng")
    static let voiTongKinhPhiHon = Word("với tổng kinh phí hơn")
    static let xemThem = Word("xem thêm")
}
