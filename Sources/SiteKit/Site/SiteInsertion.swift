import Foundation

/// The site with one more article, made from an indexed site without indexing the archive again:
/// for the preview, which shows a new article's page at once and lets the full build follow.
///
/// Only for an article that changes nothing but its own place: published, without photos or
/// aliases, at an address no other article has, and named only with the tags, categories and
/// authors the site already has, each in the spelling the site shows (so no term's name, slug or
/// address can change). Then its own page is the page a full index of the archive gives: the
/// same neighbours, terms, month, most read and "Tin khác" (computed over the whole archive with
/// it). Other articles' "Tin khác" lists are not recomputed: their pages are the full build's.
extension Site {
    /// The site with `article` in its place, and that place; nil when the article needs a full index.
    /// `terms`: this site's `RelatedTerms`, when kept (else they are made again, with it).
    func inserting(_ article: Article, options: PublishOptions, terms: RelatedTerms? = nil) -> (site: Site, index: Int)? {
        guard (options.includeDrafts || !article.isDraft), (options.includeFuture || article.date <= options.now),
              article.images.isEmpty, article.aliases.isEmpty, images.ofArticle.isEmpty || images.ofArticle.count == articles.count,
              !articles.contains(where: { $0.sourcePath == article.sourcePath }) else { return nil }
        let path = permalinks.article(slug: article.slug, date: article.date)
        guard !articlePaths.contains(path) else { return nil }
        guard let tagsOf = Self.shownTerms(article.tags, in: tags),
              let categoriesOf = Self.shownTerms(article.categories, in: categories),
              let authorsOf = Self.shownTerms(article.authors, in: authors) else { return nil }
        // Newest first, ties by source path: the order `Site.index` sorts in.
        let place = articles.firstIndex {
            $0.date != article.date ? $0.date < article.date : $0.sourcePath > article.sourcePath
        } ?? articles.count
        func moved(_ index: Int) -> Int { index >= place ? index + 1 : index }
        func movedAll(_ list: [Int]) -> [Int] { list.map(moved) }
        func adding(_ list: [Int]) -> [Int] {
            var list = movedAll(list)
            list.insert(place, at: list.firstIndex { $0 > place } ?? list.count)
            return list
        }

        var site = self
        site.articles.insert(article, at: place)
        site.newestFirst = Array(site.articles.indices)
        site.articlePaths.insert(path, at: place)
        site.articleTags.insert(tagsOf, at: place)
        site.articleCategories.insert(categoriesOf, at: place)
        site.articleAuthors.insert(authorsOf, at: place)
        for (taxonomy, terms) in [(\Site.tags, tagsOf), (\Site.categories, categoriesOf), (\Site.authors, authorsOf)] {
            for term in site[keyPath: taxonomy].terms.indices {
                let list = site[keyPath: taxonomy].terms[term].articles
                site[keyPath: taxonomy].terms[term].articles = terms.contains(term) ? adding(list) : movedAll(list)
            }
        }
        site.years = Self.archives(site.articles, calendar: DateParsing(timeZone: config.timeZone).calendar)
        site.aliases = aliases.map { (path: $0.path, article: moved($0.article)) }
        if !images.ofArticle.isEmpty { site.images.ofArticle.insert([], at: place) }
        // The most read of the archive with it are among the most read without it, and it.
        site.mostRead = Self.mostViewed(adding(mostRead), of: site.articles, limit: config.mostReadCount)
        site.mostReadByCategory = mostReadByCategory.enumerated().map { category, list in
            Self.mostViewed(categoriesOf.contains(category) ? adding(list) : movedAll(list), of: site.articles, limit: config.mostReadCount)
        }
        site.related = related.map(movedAll)
        let withIt = terms?.inserting(title: article.title, lead: article.summary, tags: tagsOf, categories: categoriesOf, at: place)
        site.related.insert(RelatedArticles.compute(site.relatedInput, terms: withIt, only: [place])[0].articles, at: place)
        return (site, place)
    }

    /// What the "Tin khác" lists of this site are computed from.
    var relatedInput: RelatedInput {
        RelatedInput.of(articles, config: config, tags: tags, tagsOf: articleTags, categories: categories, categoriesOf: articleCategories)
    }

    /// The term indices of `names` (once each, in order), or nil when one is not a term of the
    /// site in the spelling it shows, or is an author whose address another name nearly took.
    private static func shownTerms(_ names: [String], in taxonomy: Taxonomy) -> [Int]? {
        var indices: [Int] = []
        for name in names {
            guard let index = taxonomy.indexByName[name], taxonomy.terms[index].name == name,
                  !taxonomy.collisions.contains(where: { $0.name == name || $0.other == name }) else { return nil }
            if !indices.contains(index) { indices.append(index) }
        }
        return indices
    }
}
