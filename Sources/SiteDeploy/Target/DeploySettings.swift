import SiteKit

/// The `deploy:` list of site.yml: named targets, the first the default, and per-kind
/// Cache-Control headers. No credentials live here (they come from the environment).
///
/// ```yaml
/// deploy:
///   - name: production
///     url: "s3://luu-tru/?endpoint=https://s3.example.vn&region=hn-1"
///     cache_control: { html: "public, max-age=60" }
/// ```
public struct DeploySettings: Sendable, Equatable {
    public struct Target: Sendable, Equatable {
        public var name: String
        public var url: String
        public var location: DeployTarget
        public var cacheControl: CacheControl
        /// The remote shell for rsync (`ssh -i KEY`), else rsync's own default or RSYNC_RSH.
        public var ssh: String?
    }

    public var targets: [Target]

    public init(targets: [Target] = []) {
        self.targets = targets
    }

    /// Reads `deploy:` from the site's settings (it arrives among the keys SiteKit does not know).
    public init(config: SiteConfig) throws(DeployError) {
        guard let value = config.params["deploy"] else { self.init(); return }
        guard case .list(let items) = value else {
            throw .badTarget("site.yml: deploy: expected a list of targets, each with 'name' and 'url'")
        }
        var targets: [Target] = []
        for item in items {
            guard case .map(let map) = item, let name = map["name"]?.text, let url = map["url"]?.text else {
                throw .badTarget("site.yml: deploy: each target needs 'name' and 'url'")
            }
            guard !targets.contains(where: { $0.name == name }), Self.isSafeName(name) else {
                throw .badTarget("site.yml: deploy: target name '\(name)' is repeated or not a plain name (letters, digits, '-', '_')")
            }
            var cacheControl = CacheControl()
            if let overrides = map["cache_control"] {
                guard case .map(let kinds) = overrides else { throw .badTarget("site.yml: deploy: \(name): cache_control: expected a mapping") }
                for (kind, header) in kinds {
                    guard let header = header.text, let kind = CacheControl.Kind(rawValue: kind) else {
                        throw .badTarget("site.yml: deploy: \(name): cache_control: '\(kind)' (expected html, feeds, assets or search)")
                    }
                    cacheControl.headers[kind] = header
                }
            }
            targets.append(Target(name: name, url: url, location: try DeployTarget.parse(url), cacheControl: cacheControl, ssh: map["ssh"]?.text))
        }
        self.init(targets: targets)
    }

    /// A name from site.yml, or a URL given on the command line (named after its scheme and host).
    public func target(_ nameOrURL: String?) throws(DeployError) -> Target {
        guard let nameOrURL else {
            guard let first = targets.first else {
                throw .badTarget("no deploy target: name a URL (file://, ssh://, s3://) or add a 'deploy:' list to site.yml")
            }
            return first
        }
        if let named = targets.first(where: { $0.name == nameOrURL }) { return named }
        guard nameOrURL.contains("://") else {
            throw .badTarget("no deploy target named '\(nameOrURL)' in site.yml (\(targets.map(\.name).joined(separator: ", ")))")
        }
        let location = try DeployTarget.parse(nameOrURL)
        return Target(name: Self.name(for: nameOrURL), url: nameOrURL, location: location, cacheControl: CacheControl(), ssh: nil)
    }

    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }

    /// A file name for the local mirror of a URL target: the URL with everything unsafe folded to "_".
    static func name(for url: String) -> String {
        let base = url.split(separator: "?", maxSplits: 1)[0]
        let folded = String(base.map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == "-") ? character : "_"
        })
        return String(folded.prefix(100))
    }
}
