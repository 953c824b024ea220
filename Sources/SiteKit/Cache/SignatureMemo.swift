import Foundation

/// The plan's cache layer: signing every page builds every page's model (most of a rebuild's
/// plan at 35,000 articles), yet after an edit or a new article almost every page is made of
/// what it was made of last time. This keeps, from the last build, each article's parts (by the
/// article's key) and each page's input key and signature (by its output file): a page whose
/// input key is unchanged keeps its signature; only the others are signed (`PageSignatures`).
/// `PageSignatures` and the model builder know nothing of it.
struct SignatureMemo {
    /// Article key → its list item's and feed's hashes.
    var parts: [UInt64: PageSignatures.ArticleParts] = [:]
    /// Output file (by `fileKey`) → the input key its signature was made for (pages that have one).
    var inputs: [UInt64: UInt64] = [:]

    /// An output file as the cache state keys it: the hash of its path. (Two paths of one site
    /// sharing a key could only keep a wrong signature if their signatures, which hash the
    /// page's path, were equal too.)
    static func fileKey(_ outputFile: String) -> UInt64 {
        ContentHash.of(outputFile)
    }

    /// What one signing did, for the next build and for tests.
    struct Signed {
        var signatures: [UInt64]
        /// Kept for the next build (the signatures are the state's, by output file).
        var memo: SignatureMemo
        /// Pages signed (the others kept their signature), and articles whose parts were made.
        var pagesSigned: Int
        var articlesSigned: Int
    }

    /// Signs `pages`, keeping the signatures of `previous` (output file key → signature, the last
    /// build's) for the pages whose input key this memo holds unchanged; `files` are the pages'
    /// `fileKey`s.
    func sign(_ pages: [Page], files: [UInt64], with signing: PageSignatures, previous: [UInt64: UInt64]) -> Signed {
        let site = signing.site
        let keys = parallelMap(Array(site.articles.indices)) { Self.articleKey($0, site: site, global: signing.global) }
        let known = keys.map { self.parts[$0] }
        let missing = known.indices.filter { known[$0] == nil }
        let made = parallelMap(missing) { signing.parts(of: $0) }
        var current = known.map { $0 ?? PageSignatures.ArticleParts(item: 0, feed: 0) }
        for (index, part) in zip(missing, made) { current[index] = part }

        let inputs = parallelMap(pages) { signing.inputKey(of: $0, keys: keys, parts: current) }
        var signatures = [UInt64](repeating: 0, count: pages.count)
        var toSign: [Int] = []
        for (index, file) in files.enumerated() {
            if let input = inputs[index], self.inputs[file] == input, let signature = previous[file] {
                signatures[index] = signature
            } else {
                toSign.append(index)
            }
        }
        for (index, signature) in zip(toSign, signing.sign(toSign.map { pages[$0] }, parts: current, sitemapOf: pages)) {
            signatures[index] = signature
        }

        var next = SignatureMemo()
        next.parts = Dictionary(zip(keys, current), uniquingKeysWith: { first, _ in first })
        next.inputs.reserveCapacity(files.count)
        for (file, input) in zip(files, inputs) { if let input { next.inputs[file] = input } }
        return Signed(signatures: signatures, memo: next, pagesSigned: toSign.count, articlesSigned: missing.count)
    }

    /// Everything the site holds about one article (the article as indexed: as it was loaded, by its
    /// `fingerprint`, with what indexing changed since; or, without one, as the cache writes it, with
    /// its body by hash; its path; its tags, categories and authors as named and linked; its photos
    /// as processed), with what every page depends on (`global`).
    static func articleKey(_ index: Int, site: Site, global: UInt64) -> UInt64 {
        var writer = BinaryWriter()
        // The article is read in place: a copy of each of 35,000 is some twenty retains and releases.
        if let fingerprint = site.articles[index].fingerprint {
            writer.uint64(fingerprint)
            writer.string(site.articles[index].slug)
            writer.double(site.articles[index].date.timeIntervalSince1970)
            let origin = site.articles[index].provenance["date"]
            writer.bool(origin != nil)
            if let origin { writer.provenance(origin) }
        } else {
            writer.article(site.articles[index])
        }
        writer.string(site.articlePaths[index])
        for (kind, terms) in [(Taxonomy.Kind.tag, site.articleTags[index]), (.category, site.articleCategories[index]),
                              (.author, site.articleAuthors[index])] {
            writer.int(terms.count)
            for term in terms {
                writer.string(site.taxonomy(kind).terms[term].name)
                writer.string(site.taxonomy(kind).terms[term].slug)
            }
        }
        var key = global
        ContentHash.combine(&key, ContentHash.of(writer.bytes))
        if index < site.images.ofArticle.count, !site.images.ofArticle[index].isEmpty {
            ContentHash.combine(&key, ModelHash.of(site.images.ofArticle[index]))
            for image in site.articles[index].images { ContentHash.combine(&key, ContentHash.of(site.images.videoPosters[image.source] ?? "")) }
        }
        return key
    }
}
