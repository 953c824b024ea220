import Foundation

/// What a long-running process (the preview server) keeps in memory between builds, on top of
/// `.sitegen-cache/`: the articles as the last build enriched them, its "Tin khác" lists and
/// state, so a rebuild decodes nothing from disk. It is the same cache layer as a `sitegen build`
/// reads from disk, kept warm; the stages do not know which one they are given.
///
/// The preview writes its own cache folder (`serve-…`): it writes another output folder with
/// another base URL, and `sitegen build` should not find the preview's state in its place.
/// Builds that share a memory run one at a time (`SiteBuilder.build` holds its lock).
public final class BuildMemory: @unchecked Sendable {  // guarded by `lock`
    let lock = NSLock()
    let cache: BuildCache
    /// The articles of the last build, by content path, and the settings they were enriched with.
    var articles: (settings: UInt64, entries: CachedArticles)?
    var related: RelatedLists?
    var relatedWords: RelatedWords?
    var state: BuildCache.State?
    /// What the last finished build made, for writing an edited article's page ahead
    /// (`SiteBuilder.writeEditedAhead`); kept when a later build is cancelled or fails.
    var shown: SiteBuilder.Shown?
    /// Pages written ahead by a build that did not finish: never trusted as unchanged, and
    /// removed when a finished build no longer has them.
    var unconfirmed: Set<String> = []

    public init(project: Project) {
        let key = String(ContentHash.of(Project.resolved(project.output)), radix: 16)
        cache = BuildCache(folder: project.root.appendingPathComponent(".sitegen-cache/serve-\(key)"))
    }

    /// Forgets everything: the next build reads the cache folder again.
    public func reset() {
        lock.withLock {
            articles = nil
            related = nil
            relatedWords = nil
            state = nil
            shown = nil
        }
    }

    /// The cached articles: from memory when enriched with the same settings, else from disk.
    func readArticles(settings: UInt64) -> CachedArticles {
        if let articles, articles.settings == settings { return articles.entries }
        return cache.readArticles(settings: settings)
    }

    /// The related lists from memory, else from the disk cache; kept in both.
    var relatedMemo: RelatedMemo {
        let disk = cache.relatedMemo
        return RelatedMemo(
            recall: { [self] in related ?? disk.recall() },
            keep: { [self] lists in
                related = lists
                disk.keep(lists)
            },
            recallWords: { [self] in relatedWords ?? disk.recallWords() },
            keepWords: { [self] words in
                relatedWords = words
                disk.keepWords(words)
            })
    }
}
