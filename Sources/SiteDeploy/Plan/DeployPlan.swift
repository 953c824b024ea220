/// What a deploy will do, decided before anything is sent (pure: unit-tested, and what
/// `--dry-run` prints). Uploads come in phases, each finished before the next starts, so that a
/// reader never follows a link into a file that is not there yet:
/// assets and new files (nothing links to a new file until a changed page does), changed
/// articles, lists (tags, archives, feeds, sitemaps), the home page; then deletions, only of
/// files that an earlier deploy of this site uploaded.
public struct DeployPlan: Sendable, Equatable {
    public enum Phase: Int, Sendable, CaseIterable, CustomStringConvertible {
        case assetsAndNewFiles, articles, lists, home

        public var description: String {
            switch self {
            case .assetsAndNewFiles: return "assets and new files"
            case .articles: return "changed articles"
            case .lists: return "lists, feeds and sitemaps"
            case .home: return "home page"
            }
        }
    }

    /// Uploads by phase, each sorted by kind then path.
    public var phases: [(phase: Phase, files: [LocalFile])] {
        Phase.allCases.compactMap { phase in
            let files = uploads.filter { $0.phase == phase }.map(\.file)
            return files.isEmpty ? nil : (phase, files)
        }
    }

    public struct Upload: Sendable, Equatable {
        public var file: LocalFile
        public var phase: Phase
    }

    public var uploads: [Upload]
    /// Paths an earlier deploy uploaded that the site no longer has (empty with --no-delete).
    public var deletions: [String]
    /// Paths an earlier deploy uploaded that the site still has but that are kept with --no-delete.
    public var kept: Int
    public var unchanged: Int
    /// Files at the target that no deploy of this site uploaded (found by listing a target
    /// that has no manifest). Left alone; the deploy refuses to start beside them unless adopting.
    public var foreign: [String]
    /// What the target is known to hold before the deploy (the manifest the journal starts from).
    public var before: DeployManifest

    public var uploadBytes: Int { uploads.reduce(0) { $0 + $1.file.size } }

    public static func == (lhs: DeployPlan, rhs: DeployPlan) -> Bool {
        lhs.uploads == rhs.uploads && lhs.deletions == rhs.deletions && lhs.unchanged == rhs.unchanged
            && lhs.foreign == rhs.foreign && lhs.kept == rhs.kept && lhs.before == rhs.before
    }

    /// - Parameters:
    ///   - known: what the target holds from our deploys (its manifest, plus the local journal).
    ///   - listing: the target's files, given when it had no manifest; then it is the truth,
    ///     and `known` only says which of them are ours.
    ///   - adopt: deploy beside foreign files; those the site also has become ours.
    public static func make(local: [LocalFile], known: DeployManifest, listing: [String: RemoteObject]? = nil,
                            adopt: Bool = false, delete: Bool = true) -> DeployPlan {
        var state = known
        var foreign: [String] = []
        if let listing {
            state.entries = [:]
            let producing = Set(local.map(\.path))
            for (path, object) in listing where path != DeployManifest.fileName {
                let ours = known.entries[path]
                guard ours != nil || (adopt && producing.contains(path)) else {
                    foreign.append(path)
                    continue
                }
                // The listing's MD5 is what is really there; without one, trust our record only
                // while the size agrees with it.
                let md5 = object.md5 ?? (ours?.size == object.size ? ours?.md5 : nil)
                state.entries[path] = .init(md5: md5, size: object.size)
            }
            foreign.sort()
        }

        var uploads: [Upload] = []
        var unchanged = 0
        for file in local {
            let held = state.entries[file.path]
            if let held, held.md5 == file.md5 {
                unchanged += 1
                continue
            }
            let phase: Phase
            switch file.kind {
            case .home: phase = .home  // even when new: it is the way in
            case _ where held == nil || file.kind == .asset: phase = .assetsAndNewFiles
            case .article: phase = .articles
            case .list, .asset: phase = .lists
            }
            uploads.append(Upload(file: file, phase: phase))
        }
        uploads.sort { ($0.phase.rawValue, $0.file.kind, $0.file.path) < ($1.phase.rawValue, $1.file.kind, $1.file.path) }

        let producing = Set(local.map(\.path))
        let gone = state.entries.keys.filter { !producing.contains($0) }.sorted()
        return DeployPlan(uploads: uploads, deletions: delete ? gone : [], kept: delete ? 0 : gone.count,
                          unchanged: unchanged, foreign: foreign, before: state)
    }
}

/// A file as a target's listing shows it.
public struct RemoteObject: Sendable, Equatable {
    public var size: Int
    /// The content's MD5 when the target tells it (an S3 ETag of a single-part upload).
    public var md5: String?

    public init(size: Int, md5: String? = nil) {
        self.size = size
        self.md5 = md5
    }
}
