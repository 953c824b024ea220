import Foundation

/// The photos of the site as pages show them: for each article, each of its images processed
/// (nil for an address on another site, left as written), and the files to write.
public struct SiteImages: Sendable {
    /// Per article, per entry of its `images`.
    public var ofArticle: [[ProcessedImage?]] = []
    /// Video files' posters, by the video's address as written (see `ImageSources.posters`).
    public var videoPosters: [String: String] = [:]
    var photos: [ImageProcessor.Photo] = []

    public init() {}

    /// Photos encoded by this build (the others came from `.sitegen-cache/images/`).
    public var encoded: Int { photos.reduce(0) { $0 + ($1.encoded ? 1 : 0) } }
    public var count: Int { photos.count }

    /// Every output path the photos make, once: two files with the same bytes and name (a photo
    /// copied into two bundles) make the same files.
    var paths: [String] {
        var seen: Set<String> = []
        return unique.flatMap(Self.paths).filter { seen.insert($0).inserted }
    }

    /// The photos, without those whose files another one makes already.
    private var unique: [ImageProcessor.Photo] {
        var seen: Set<String> = []
        return photos.filter { seen.insert(Self.paths($0).first ?? "").inserted }
    }

    private static func paths(_ photo: ImageProcessor.Photo) -> [String] {
        photo.image.variants.map(\.path) + (photo.image.share.map { [$0.path] } ?? [])
    }

    /// The article's lead photo and how it was processed.
    func lead(of index: Int, in site: Site) -> (image: ArticleImage, processed: ProcessedImage)? {
        guard index < ofArticle.count, let first = site.articles[index].images.first, first.role == .lead,
              let processed = ofArticle[index].first ?? nil else { return nil }
        return (first, processed)
    }

    /// Resolves, checks and processes the photos of `site`'s articles.
    static func make(for site: Site, project: Project, useCache: Bool) throws(BuildFailure) -> SiteImages {
        let settings = site.config.images
        let sources = try ImageSources.resolve(site.articles, project: project, settings: settings)
        guard !sources.sources.isEmpty else {
            return SiteImages(ofArticle: sources.ofArticle.map { $0.map { _ in nil } }, photos: [], videoPosters: sources.posters)
        }
        let photos = try ImageProcessor(settings: settings, store: ImageStore(project: project), useCache: useCache)
            .process(sources, articles: site.articles)
        return SiteImages(ofArticle: sources.ofArticle.map { $0.map { $0.map { photos[$0].image } } }, photos: photos,
                          videoPosters: sources.posters)
    }

    /// For `sitegen check`: every photo found, readable and of an accepted size, nothing encoded.
    static func inspect(_ site: Site, project: Project) throws(BuildFailure) {
        let sources = try ImageSources.resolve(site.articles, project: project, settings: site.config.images)
        let processor = ImageProcessor(settings: site.config.images, store: ImageStore(project: project), useCache: true)
        try processor.inspect(sources, articles: site.articles)
    }

    private init(ofArticle: [[ProcessedImage?]], photos: [ImageProcessor.Photo], videoPosters: [String: String]) {
        self.ofArticle = ofArticle
        self.photos = photos
        self.videoPosters = videoPosters
    }

    /// The files of the photos not in `kept`, a few photos at a time (their bytes come from the store).
    func write(to session: OutputSession, keeping kept: Set<String>, store: ImageStore) throws {
        let pending = unique.filter { !Self.paths($0).allSatisfy(kept.contains) }
        for start in stride(from: 0, to: pending.count, by: 16) {
            let batch = Array(pending[start..<min(start + 16, pending.count)])
            let files = parallelMap(batch) { photo -> Result<[OutputFile], FileBytes.IOError> in
                let paths = Self.paths(photo)
                if let bytes = photo.bytes { return .success(paths.map { OutputFile(path: $0, bytes: bytes[$0] ?? []) }) }
                guard let entry = store.read(photo.key), entry.variants.count == paths.count else {
                    return .failure(FileBytes.IOError(path: store.cache.folder.appendingPathComponent(ImageStore.name(photo.key)).path,
                                                      operation: "photo files removed from the cache during the build:", code: ENOENT))
                }
                return .success(zip(paths, entry.variants).map { OutputFile(path: $0, bytes: $1.bytes) })
            }
            try session.add(try files.flatMap { try $0.get() })
        }
    }
}
