import Foundation

/// The preview's answer to the next commonest change: an editor saves a new article. Its page
/// is rendered at once from the last finished build's site with the article put in its place
/// (`Site.inserting`), before the scan, and written ahead; the build that follows runs every
/// stage and writes it again with everything else the article changes (lists, neighbours,
/// feeds, search). Only for an article whose place changes nothing but itself; anything else
/// (a new tag or author, photos, a date not in its front matter) is left to the build. What the
/// page written ahead cannot know (a new article can move the dates estimated for undated
/// neighbours, and so their order) the build's page corrects within seconds.
extension SiteBuilder {
    /// Writes ahead the page of the one new article in `changes`; its URL path, or nothing.
    func writeNewArticleAhead(_ changes: ChangeSet, shown: Shown, memory: BuildMemory) -> Set<String> {
        // A watcher names a new file as edited (the scan would say it is new): one file, not an article of the last build.
        let named = changes.added.union(changes.edited)
        guard changes.onlyContent, changes.deleted.isEmpty, named.count == 1, let path = named.first,
              shown.enriched.position(of: path) == nil, ContentLoader.isContentFile(path),
              !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
              let article = try? shown.enricher.enrich(ContentLoader.read(project.content.appendingPathComponent(path), relativePath: path)).article,
              case .frontMatter? = article.provenance["date"],
              let (site, index) = shown.site.inserting(article, options: options.publish, terms: try? shown.relatedTerms.value())
        else { return [] }
        return writeAhead([Page(path: site.articlePaths[index], kind: .article(index))], of: site, theme: shown.theme, memory: memory)
    }
}
