import Foundation

/// The preview's answer to the commonest change: an editor saves an article and only what it
/// says changed (its text, summary and reading time; not its title, date, slug, tags, authors,
/// photos or front matter). Nothing else in the site can then differ on the article's own page,
/// so that page is rendered at once from the last finished build's site with the new text, before
/// the scan, and written ahead. The build that follows runs every stage as usual and renders the
/// page again (it stays unconfirmed until then), so the output ends the same either way; the
/// editor sees the edit in milliseconds instead of after scanning and indexing the whole archive.
extension SiteBuilder {
    /// What the last finished build made, kept by a long-running process (`BuildMemory.shown`).
    struct Shown: Sendable {
        var site: Site
        var theme: Theme
        var pages: [Page]
        var enricher: Enricher
        /// The articles as that build enriched them, by content path (before the dates that need
        /// the whole archive): what an edit is compared with.
        var enriched: CachedArticles
        /// The index in `pages` of each article's page, by content path.
        var pageOfSource: [String: Int]
        /// The site's "Tin khác" terms, made on another thread once the build is done (for a new
        /// article's list, `Site.inserting`): tokenising every title and lead again took 0.25 s at 35,000.
        var relatedTerms: BackgroundWork<RelatedTerms>
        /// What they were made from (`RelatedLists.fingerprint`), when known.
        var relatedFingerprint: UInt64?

        /// `previous`: the last build's, whose terms are kept when they were made from the same
        /// titles, leads, tags, categories and dates (most edits change a body only); else they are
        /// made again, from `relatedWords` (the words kept by the builds, `RelatedWords`) where they hold an article.
        init(site: Site, theme: Theme, pages: [Page], enricher: Enricher, enriched: CachedArticles,
             relatedFingerprint: UInt64? = nil, relatedWords: RelatedWords? = nil, previous: Shown? = nil) {
            (self.site, self.theme, self.pages, self.enricher, self.enriched) = (site, theme, pages, enricher, enriched)
            self.relatedFingerprint = relatedFingerprint
            var pageOfSource: [String: Int] = [:]
            for (index, page) in pages.enumerated() {
                if case .article(let article) = page.kind { pageOfSource[site.articles[article].sourcePath] = index }
            }
            self.pageOfSource = pageOfSource
            if let relatedFingerprint, let previous, previous.relatedFingerprint == relatedFingerprint {
                relatedTerms = previous.relatedTerms
            } else {
                relatedTerms = BackgroundWork {
                    let input = site.relatedInput
                    return RelatedTerms(input, keys: relatedWords.map { _ in input.keys }, kept: relatedWords)
                }
            }
        }
    }

    /// At most this many edited files take the shortcut (a save, not a checkout of many files).
    static let editedAheadLimit = 8

    /// Writes ahead the pages of the articles in `changes` whose edit changed only their text;
    /// their URL paths. Anything else (a new or deleted file, a changed title, a file that no
    /// longer reads) is left to the build, which reports it.
    func writeEditedAhead(_ changes: ChangeSet, shown: Shown, memory: BuildMemory) -> Set<String> {
        // Every file named must be an article of the last build: a new one changes its neighbours.
        guard changes.onlyContent, changes.added.isEmpty, changes.deleted.isEmpty, !changes.edited.isEmpty,
              changes.edited.count <= Self.editedAheadLimit, changes.edited.allSatisfy({ shown.pageOfSource[$0] != nil }) else { return [] }
        var site = shown.site
        var edited: [Page] = []
        for path in changes.edited.sorted() {
            guard let index = shown.pageOfSource[path], case .article(let article) = shown.pages[index].kind,
                  let last = shown.enriched.article(at: path),
                  let now = try? shown.enricher.enrich(ContentLoader.read(project.content.appendingPathComponent(path), relativePath: path)).article,
                  now.differsOnlyInText(from: last) else { continue }
            site.articles[article].body = now.body
            site.articles[article].summary = now.summary
            site.articles[article].fingerprint = nil
            site.articles[article].wordCount = now.wordCount
            site.articles[article].readingMinutes = now.readingMinutes
            edited.append(shown.pages[index])
        }
        guard !edited.isEmpty else { return [] }
        return writeAhead(edited, of: site, theme: shown.theme, memory: memory)
    }

    /// Renders `pages` of `site` and writes them ahead of the build (unconfirmed until it ends); their URL paths.
    func writeAhead(_ pages: [Page], of site: Site, theme: Theme, memory: BuildMemory) -> Set<String> {
        let renderer = PageRenderer(site: site, theme: theme, pages: [], sitemapLimit: options.sitemapLimit)
        let writer = OutputWriter(output: project.output)
        var written: Set<String> = []
        for page in pages {
            let file = renderer.render(page)
            if writer.writeAhead(file) {
                written.insert(page.path)
                memory.unconfirmed.insert(file.path)
            }
        }
        return written
    }
}

extension Article {
    /// True when `other` is this article with other text: every field the site is indexed from
    /// (title, date, slug, tags, authors, photos, front matter) is the same, so of its own page
    /// only what shows the text can differ.
    func differsOnlyInText(from other: Article) -> Bool {
        sourcePath == other.sourcePath && format == other.format && title == other.title && slug == other.slug
            && date == other.date && authors == other.authors && views == other.views && tags == other.tags
            && categories == other.categories && aliases == other.aliases && image == other.image
            && isDraft == other.isDraft && weight == other.weight && params == other.params
            && provenance == other.provenance && images == other.images
    }
}
