import Foundation

/// How an enriched article is stored in the build cache. Every field of `Article` is written:
/// a field added there must be added here (the cache format version then changes).
extension BinaryWriter {
    /// An article's `fingerprint`: the hash of the bytes `article(_:)` writes, as the cache reads it back.
    static func fingerprint(of article: Article) -> UInt64 {
        var writer = BinaryWriter()
        writer.article(article)
        return ContentHash.of(writer.bytes)
    }

    /// `bodyAt`: where the shard's body file holds the article's body (`BodyFile`). It comes first,
    /// so that the article's own bytes are those of `article(_:)`: their hash is its `fingerprint`
    /// when it is read back.
    mutating func enriched(_ result: Enricher.Result, bodyAt range: Range<Int>) {
        int(range.lowerBound)
        int(range.count)
        article(result.article)
        int(result.warnings.count)
        for warning in result.warnings { sourceError(warning) }
    }

    /// The body is written as its hash alone: where its bytes are kept is the cache entry's (`enriched`),
    /// and for a key of the article (`Article.fingerprint`) its kilobytes of HTML would only be hashed again.
    mutating func article(_ article: Article) {
        string(article.sourcePath)
        string(article.format.rawValue)
        string(article.title)
        string(article.slug)
        double(article.date.timeIntervalSince1970)
        strings(article.authors)
        int(article.views)
        strings(article.tags)
        strings(article.categories)
        string(article.summary)
        strings(article.aliases)
        optionalString(article.image)
        bool(article.isDraft)
        int(article.weight)
        int(article.wordCount)
        int(article.readingMinutes)
        uint64(article.body.hash)
        fieldMap(article.params)
        int(article.provenance.count)
        for key in article.provenance.keys.sorted() {
            string(key)
            provenance(article.provenance[key]!)
        }
        int(article.images.count)
        for image in article.images {
            string(image.source)
            int(image.line ?? -1)
            string(image.role.rawValue)
            string(image.alt)
            optionalString(image.caption)
            optionalString(image.credit)
        }
    }

    mutating func sourceError(_ error: SourceError) {
        string(error.path)
        int(error.line ?? -1)
        string(error.message)
    }

    mutating func fieldMap(_ map: [String: FieldValue]) {
        int(map.count)
        for key in map.keys.sorted() {
            string(key)
            field(map[key]!)
        }
    }

    mutating func field(_ value: FieldValue) {
        switch value {
        case .string(let text): int(0); string(text)
        case .int(let number): int(1); int(number)
        case .bool(let flag): int(2); bool(flag)
        case .list(let values): int(3); int(values.count); for value in values { field(value) }
        case .map(let map): int(4); fieldMap(map)
        case .null: int(5)
        }
    }

    mutating func provenance(_ value: Provenance) {
        switch value {
        case .frontMatter(let line): int(0); int(line)
        case .legacyLine(let line): int(1); int(line)
        case .path(let path): int(2); string(path)
        case .text(let excerpt, let line): int(3); string(excerpt); int(line)
        case .keywordRule(let keyword): int(4); string(keyword)
        case .viewsFile(let file): int(5); string(file)
        case .derived(let how): int(6); string(how)
        case .modificationTime: int(7)
        case .siteDefault(let key): int(8); string(key)
        case .datesFile(let row): int(9); string(row)
        case .textWithoutYear(let excerpt, let line, let day, let month, let weekday):
            int(10); string(excerpt); int(line); int(day); int(month); int(weekday ?? 0)
        case .yearFromNeighbours(let excerpt, let line, let neighbours): int(11); string(excerpt); int(line); string(neighbours)
        case .neighbours(let how): int(12); string(how)
        }
    }
}

extension BinaryReader {
    /// `bodies`: the shard's body file, which the bodies are read from when needed.
    mutating func enriched(bodies: BodyFile) throws -> Enricher.Result {
        let start = try int(), count = try int()
        // Compared with what is left: `start + count` overflows for damaged numbers near Int.max.
        guard start >= 0, count >= 0, start <= bodies.size, count <= bodies.size - start else { throw Corrupt() }
        let articleStart = position
        var article = try article(bodies: bodies, body: start..<(start + count))
        article.fingerprint = hashOfBytes(from: articleStart)
        return Enricher.Result(article: article, warnings: try (0..<self.count()).map { _ in try sourceError() })
    }

    /// An article as `article(_:)` wrote it, its body's bytes at `range` of `bodies`.
    mutating func article(bodies: BodyFile, body range: Range<Int>) throws -> Article {
        let sourcePath = try string()
        guard let format = SourceDocument.Format(rawValue: try string()) else { throw Corrupt() }
        let title = try string(), slug = try string()
        let date = Date(timeIntervalSince1970: try double())
        let authors = try strings(), views = try int(), tags = try strings(), categories = try strings()
        let summary = try string(), aliases = try strings(), image = try optionalString()
        let isDraft = try bool(), weight = try int(), wordCount = try int(), readingMinutes = try int()
        let body = ArticleBody(stored: bodies, range: range, hash: try uint64()), params = try fieldMap()
        // Sized once (an article has a dozen or so; a damaged count asks no more than 64): growing
        // the table of every article of the cache a few entries at a time was a fifth of decoding it.
        var provenance: [String: Provenance] = [:]
        let provenanceCount = try count()
        provenance.reserveCapacity(min(provenanceCount, 64))
        for _ in 0..<provenanceCount {
            let key = try string()
            provenance[key] = try self.provenance()
        }
        var images: [ArticleImage] = []
        for _ in 0..<(try count()) {
            let source = try string(), line = try int()
            guard let role = ArticleImage.Role(rawValue: try string()) else { throw Corrupt() }
            images.append(ArticleImage(source: source, line: line < 0 ? nil : line, role: role, alt: try string(),
                                       caption: try optionalString(), credit: try optionalString()))
        }
        var article = Article(sourcePath: sourcePath, format: format, title: title, slug: slug, date: date, authors: authors,
                       views: views, tags: tags, categories: categories, summary: summary, aliases: aliases, image: image,
                       isDraft: isDraft, weight: weight, wordCount: wordCount, readingMinutes: readingMinutes,
                       body: body, params: params, provenance: provenance)
        article.images = images
        return article
    }

    mutating func sourceError() throws -> SourceError {
        let path = try string(), line = try int(), message = try string()
        return SourceError(path: path, line: line < 0 ? nil : line, message: message)
    }

    mutating func fieldMap() throws -> [String: FieldValue] {
        var map: [String: FieldValue] = [:]
        let count = try count()
        map.reserveCapacity(min(count, 64))
        for _ in 0..<count {
            let key = try string()
            map[key] = try field()
        }
        return map
    }

    mutating func field() throws -> FieldValue {
        switch try int() {
        case 0: return .string(try string())
        case 1: return .int(try int())
        case 2: return .bool(try bool())
        case 3: return .list(try (0..<count()).map { _ in try field() })
        case 4: return .map(try fieldMap())
        case 5: return .null
        default: throw Corrupt()
        }
    }

    mutating func provenance() throws -> Provenance {
        switch try int() {
        case 0: return .frontMatter(line: try int())
        case 1: return .legacyLine(try int())
        case 2: return .path(try string())
        case 3: let excerpt = try string(); return .text(excerpt: excerpt, line: try int())
        case 4: return .keywordRule(keyword: try string())
        case 5: return .viewsFile(try string())
        case 6: return .derived(try string())
        case 7: return .modificationTime
        case 8: return .siteDefault(try string())
        case 9: return .datesFile(try string())
        case 10:
            let excerpt = try string(), line = try int(), day = try int(), month = try int(), weekday = try int()
            return .textWithoutYear(excerpt: excerpt, line: line, day: day, month: month, weekday: weekday == 0 ? nil : weekday)
        case 11: let excerpt = try string(), line = try int(); return .yearFromNeighbours(excerpt: excerpt, line: line, neighbours: try string())
        case 12: return .neighbours(try string())
        default: throw Corrupt()
        }
    }
}
