import Foundation

/// The search stage: from the indexed `Site` to the search page and its static index
/// (see `SearchIndexBuilder` for the files and their format). Called by `SiteBuilder` when
/// `search` is on in site.yml.
public enum SearchIndex {
    /// The search page and every index file, with paths below the output folder; none when
    /// site.yml says `search: false`.
    public static func files(for site: Site, theme: Theme, options: SearchIndexBuilder.Options? = nil) throws -> [OutputFile] {
        try files(for: site, theme: theme, context: nil, options: options).files
    }

    /// The same, reusing the renderer's `PageContext` (whose article items are costly to prepare)
    /// and, with a cache, the slices of articles that the last build tokenised; with the last
    /// build's output folder and manifest too, the segments that did not change keep their files
    /// (`kept`, paths below the output folder, as they are there); `altered` are the files of the
    /// manifest that are not as it lists them (`OutputWriter.alteredFiles`, checked by the build).
    static func files(for site: Site, theme: Theme, context: PageContext?, options: SearchIndexBuilder.Options? = nil,
                      cache: SearchTokenCache? = nil, previous: (output: URL, manifest: Manifest, altered: Set<String>)? = nil) throws
        -> (files: [OutputFile], kept: [String]) {
        guard site.config.search else { return ([], []) }
        let folder = site.config.searchPath
        guard theme.has("search") else {
            throw BuildFailure([SourceError(path: "templates/search.mustache", message: "template missing (or set 'search: false' in site.yml)")])
        }
        var index = build(site, options: options, cache: cache,
                          previous: previous.map { previousFiles(in: $0.output, folder: folder, manifest: $0.manifest, altered: $0.altered) })
        for position in index.files.indices { index.files[position].path = folder + index.files[position].path }
        return ([page(for: site, theme: theme, context: context ?? PageContext(site: site, theme: theme))] + index.files,
                index.kept.map { folder + $0 })
    }

    /// The index files, with paths relative to the search folder.
    public static func build(_ site: Site, options: SearchIndexBuilder.Options? = nil, cache: SearchTokenCache? = nil,
                             previous: SearchIndexBuilder.PreviousFiles? = nil) -> SearchIndexBuilder.Output {
        var options = options ?? SearchIndexBuilder.Options()
        options.pageSize = site.config.pageSize
        options.permalink = site.config.permalinks.article
        let (documents, categories) = documents(of: site)
        return SearchIndexBuilder.build(documents, categories: categories, options: options, cache: cache, previous: previous)
    }

    /// The index files the last build wrote below `folder` of `output`, as its manifest lists
    /// them: a file counts while it is not `altered` (there, with the manifest's size: the build
    /// checked every file of the manifest already, and stating the 18,000 search files again at
    /// 35,000 articles was most of what a one-edit rebuild's index waited for), and its bytes are
    /// handed over only when they have the manifest's hash.
    static func previousFiles(in output: URL, folder: String, manifest: Manifest, altered: Set<String>) -> SearchIndexBuilder.PreviousFiles {
        let root = output.path + "/" + folder
        let entries = manifest.entries
        return SearchIndexBuilder.PreviousFiles(
            hash: { path in
                guard let entry = entries[folder + path], !altered.contains(folder + path) else { return nil }
                return entry.hash
            },
            bytes: { path in
                guard let entry = entries[folder + path], let bytes = try? FileBytes.read(root + path),
                      bytes.count == entry.size, ContentHash.of(bytes) == entry.hash else { return nil }
                return bytes
            })
    }

    /// The site's articles, oldest first, and its categories.
    public static func documents(of site: Site) -> ([SearchDocument], [SearchIndexBuilder.Category]) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = site.config.timeZone
        let categories = site.categories.terms.map {
            SearchIndexBuilder.Category(name: $0.name, slug: $0.slug, path: site.permalinks.term(.category, slug: $0.slug))
        }
        let articles = site.articles
        let days = calendar.components([.year, .month, .day], periodsOf: .day, for: articles.map(\.date)).map {
            ($0.year ?? 0) * 10000 + ($0.month ?? 0) * 100 + ($0.day ?? 0)
        }
        let documents = parallelMap(Array(articles.indices.reversed())) { index -> SearchDocument in
            // Fields one by one: copying a whole article costs more than the rest.
            let editorSummary = articles[index].provenance["summary"] != .derived("lead paragraph")
            return SearchDocument(
                title: articles[index].title,
                path: site.articlePaths[index],
                day: days[index],
                category: site.articleCategories[index].first.map { $0 + 1 } ?? 0,
                terms: articles[index].tags + articles[index].categories + articles[index].authors,
                summary: editorSummary ? articles[index].summary : "",
                body: articles[index].body,
                snippet: articles[index].summary
            )
        }
        return (documents, categories)
    }

    /// The search page: the form, the filters and an empty result list that search.js fills.
    static func page(for site: Site, theme: Theme, context: PageContext) -> OutputFile {
        let path = site.config.searchPath
        let model = PageModelBuilder(site: site, strings: theme.strings, format: context.format).search(path: path)
        let (template, fields) = TemplateValues(context: context).of(.search(model))
        return OutputFile(path: path + "index.html", bytes: context.render(fields, template: template, path: path))
    }
}
