import Foundation

/// Which photo files the articles show, found on disk. A photo is named relative to its
/// article's file (a page bundle: `content/2023/08/slug/index.md` beside `anh-1.jpg`) or from the
/// site root (`/images/x.jpg`: `static/images/x.jpg`, else `content/images/x.jpg`). Every photo
/// that is missing, outside the site or too large is an error naming the article's line.
struct ImageSources: Sendable {
    struct Source: Sendable {
        /// Absolute path of the file.
        var file: String
        /// As messages name it: "content/2023/08/slug/anh-1.jpg".
        var display: String
        /// Some article shows it as its lead photo: it gets the thumbnail and the share picture too.
        var isLead: Bool
        /// Every article image that shows it, for messages.
        var uses: [Use]
    }

    struct Use: Sendable {
        var article: Int
        var image: Int
    }

    /// Unique files, in a fixed order (by display path).
    var sources: [Source]
    /// Per article, per entry of its `images`: the index in `sources`, nil for a remote one.
    var ofArticle: [[Int?]]
    /// A video file's address (as written) → its poster, the picture of the same name beside it in
    /// `static/` (`/video/x.mp4` → `/video/x.jpg`), for the player to show before it plays.
    var posters: [String: String] = [:]

    static func resolve(_ articles: [Article], project: Project, settings: ImageSettings) throws(BuildFailure) -> ImageSources {
        var errors: [SourceError] = []
        var indexOf: [String: Int] = [:]
        var found: [(display: String, file: String, isLead: Bool, uses: [Use])] = []
        var ofArticle: [[Int?]] = []
        var posters: [String: String] = [:]
        ofArticle.reserveCapacity(articles.count)
        for (articleIndex, article) in articles.enumerated() {
            var indices: [Int?] = []
            for (imageIndex, image) in article.images.enumerated() {
                // A video is no photo: checked here, with its line, and never decoded.
                if image.role == .body, let video = VideoEmbed.parse(image.source) {
                    switch checkVideo(video, project: project) {
                    case .failure(let message):
                        errors.append(SourceError(path: "content/" + article.sourcePath, line: image.line, message: message.text))
                    case .success(let poster):
                        if let poster { posters[image.source] = poster }
                    }
                    indices.append(nil)
                    continue
                }
                guard image.isLocal else { indices.append(nil); continue }
                switch locate(image.source, article: article.sourcePath, project: project, settings: settings) {
                case .failure(let message):
                    errors.append(SourceError(path: "content/" + article.sourcePath, line: image.line, message: message.text))
                    indices.append(nil)
                case .success(let place):
                    let index = indexOf[place.display] ?? {
                        found.append((place.display, place.file, false, []))
                        indexOf[place.display] = found.count - 1
                        return found.count - 1
                    }()
                    if image.role == .lead { found[index].isLead = true }
                    found[index].uses.append(Use(article: articleIndex, image: imageIndex))
                    indices.append(index)
                }
            }
            ofArticle.append(indices)
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        // Sorted, so that the same archive gives the same order whatever the articles' order.
        let order = found.indices.sorted { found[$0].display < found[$1].display }
        var newIndex = [Int](repeating: 0, count: found.count)
        for (new, old) in order.enumerated() { newIndex[old] = new }
        return ImageSources(
            sources: order.map { Source(file: found[$0].file, display: found[$0].display, isLead: found[$0].isLead, uses: found[$0].uses) },
            ofArticle: ofArticle.map { $0.map { $0.map { newIndex[$0] } } }, posters: posters)
    }

    /// Why a video cannot play (a bad address, a file of the site that `static/` does not have), or
    /// its poster's address when it has one.
    static func checkVideo(_ video: Result<VideoEmbed, Message>, project: Project) -> Result<String?, Message> {
        switch video {
        case .failure(let message): return .failure(message)
        case .success(let embed):
            guard case .file(let written) = embed.kind, written.hasPrefix("/") else { return .success(nil) }
            let path = written.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let decoded = VietnameseText.nfc(String(path).removingPercentEncoding ?? String(path))
            guard !decoded.contains("\0"), let relative = normalised(String(decoded.drop { $0 == "/" })) else {
                return .failure(Message("video '\(written)' leads outside the site's static/ folder"))
            }
            func isFile(_ relative: String) -> Bool {
                var info = stat()
                return stat(project.staticFiles.appendingPathComponent(relative).path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            }
            guard isFile(relative) else { return .failure(Message("video '\(written)' not found (looked for static/\(relative))")) }
            let stem = (relative as NSString).deletingPathExtension
            return .success(["jpg", "jpeg", "webp", "png"].lazy.map { "\(stem).\($0)" }.first(where: isFile).map { "/" + $0 })
        }
    }

    /// The file an article's image names, or why there is none.
    static func locate(_ written: String, article: String, project: Project, settings: ImageSettings)
        -> Result<(file: String, display: String), Message> {
        var path = written.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        path = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let decoded = VietnameseText.nfc(String(path).removingPercentEncoding ?? String(path))
        guard !decoded.isEmpty, !decoded.contains("\0"), !decoded.contains("\\") else {
            return .failure(Message("image '\(written)' is not a file name"))
        }
        var candidates: [(folder: URL, name: String, relative: String)] = []
        if decoded.hasPrefix("/") {
            let relative = String(decoded.drop { $0 == "/" })
            candidates = [(project.staticFiles, "static", relative), (project.content, "content", relative)]
        } else {
            let folder = (article as NSString).deletingLastPathComponent
            candidates = [(project.content, "content", folder.isEmpty ? decoded : folder + "/" + decoded)]
        }
        var looked: [String] = []
        for candidate in candidates {
            guard let relative = normalised(candidate.relative) else {
                return .failure(Message("image '\(written)' leads outside the site's \(candidate.name)/ folder"))
            }
            let display = candidate.name + "/" + relative
            looked.append(display)
            let file = candidate.folder.appendingPathComponent(relative).path
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Message("image '\(written)' is not a file (\(display))")) }
            // A symbolic link may not publish a file from outside the site (say /etc or a home folder),
            // unless site.yml lets content links lead out (then a page bundle's photos come with it).
            if let real = FileTree.realPath(file), let site = FileTree.realPath(project.root.path), !real.hasPrefix(site + "/"),
               candidate.name != "content" || project.contentLinkBoundary() != nil {
                return .failure(Message("image '\(written)' (\(display)) is a link to a file outside the site"))
            }
            guard access(file, R_OK) == 0 else { return .failure(Message("image '\(written)' cannot be read (\(display)): permission denied")) }
            if info.st_size > settings.maximumFileBytes {
                return .failure(Message("image '\(written)' (\(display)) is \(info.st_size) bytes, more than the limit of \(settings.maximumFileBytes)"))
            }
            return .success((file, display))
        }
        return .failure(Message("image '\(written)' not found (looked for \(looked.joined(separator: " and ")))"))
    }

    struct Message: Error, Sendable {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// "a/./b/../c.jpg" → "a/c.jpg"; nil when it climbs above its folder.
    static func normalised(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
