import Foundation

/// A video in an article, written as a Markdown image whose address is a video (as GitLab reads
/// `![…](clip.mp4)`): `![Lễ hội cồng chiêng](https://www.youtube.com/watch?v=ID "Video: Xuân Kha")`
/// or `![Lũ về sông Lam](/video/lu-song-lam.mp4)`. The text is the caption, the title the credit.
/// No `unsafe_html` is needed, and nothing the editor writes reaches the page unescaped.
///
/// A YouTube video becomes a lite embed: a box drawn by our CSS and a link to the player on
/// youtube-nocookie.com, so that nothing is loaded from Google until the reader asks for it.
/// A video file becomes `<video controls preload="none">`, which loads nothing before a click.
struct VideoEmbed: Sendable, Equatable, Encodable {
    enum Kind: Sendable, Equatable, Encodable {
        case youtube(id: String, start: Int?)
        /// An address from the site root (a file of `static/`) or on another site (https).
        case file(String)
    }

    var kind: Kind

    /// nil when `source` is not a video (a photo); a failure for a video address that cannot play.
    static func parse(_ source: String) -> Result<VideoEmbed, ImageSources.Message>? {
        let trimmed = source.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if let components = URLComponents(string: trimmed), let host = components.host?.lowercased(),
           lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("//") {
            if youtubeHosts.contains(host) { return youtube(components, written: source) }
        }
        let path = String(lower.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard let dot = path.lastIndex(of: "."), fileTypes.contains(String(path[path.index(after: dot)...])) else { return nil }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return .success(VideoEmbed(kind: .file(trimmed))) }
        guard trimmed.hasPrefix("/"), !trimmed.hasPrefix("//") else {
            return .failure(.init("video '\(source)': a video file is published from static/ and written from the site root, such as /video/clip.mp4"))
        }
        return .success(VideoEmbed(kind: .file(trimmed)))
    }

    static let fileTypes: Set<String> = ["mp4", "m4v", "webm", "ogv", "mov"]
    static let youtubeHosts: Set<String> = ["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                                             "youtube-nocookie.com", "www.youtube-nocookie.com"]

    /// `watch?v=ID`, `youtu.be/ID`, `embed/ID`, `shorts/ID`, `live/ID`, with an optional `t=` or `start=` in seconds.
    private static func youtube(_ url: URLComponents, written: String) -> Result<VideoEmbed, ImageSources.Message> {
        let parts = url.path.split(separator: "/").map(String.init)
        let query = url.queryItems ?? []
        var id: String?
        if url.host?.lowercased() == "youtu.be" {
            id = parts.first
        } else if parts.first == "watch" {
            id = query.first { $0.name == "v" }?.value
        } else if parts.count >= 2, ["embed", "shorts", "live", "v"].contains(parts[0]) {
            id = parts[1]
        }
        guard let id, id.count == 11, id.unicodeScalars.allSatisfy({ idCharacters.contains($0) }) else {
            return .failure(.init("video '\(written)': expected a YouTube video address with its 11-character id, such as https://www.youtube.com/watch?v=aBcD3fGh1jK"))
        }
        let startText = query.first { $0.name == "t" || $0.name == "start" }?.value.map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 }
        var start: Int?
        if let startText {
            guard let seconds = Int(startText), seconds >= 0 else {
                return .failure(.init("video '\(written)': the start time must be whole seconds (t=90)"))
            }
            start = seconds
        }
        return .success(VideoEmbed(kind: .youtube(id: id, start: start)))
    }

    private static let idCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    /// The player the reader's click opens: no cookies, nothing fetched before.
    var playURL: String? {
        guard case .youtube(let id, let start) = kind else { return nil }
        return "https://www.youtube-nocookie.com/embed/\(id)?autoplay=1" + (start.map { "&start=\($0)" } ?? "")
    }
}
