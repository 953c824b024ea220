import Foundation

/// The local record of a deploy in progress, one line per event, appended as transfers happen:
/// a deploy that is killed leaves in it what really arrived, and the next deploy starts from
/// the target's manifest plus this journal (when the journal continues that very manifest).
///
/// `base GENERATION` then `? SIZE PATH` (upload started), `+ MD5 SIZE PATH` (arrived), `- PATH` (deleted).
public struct DeployJournal: Sendable, Equatable {
    public enum Event: Sendable, Equatable {
        case started(path: String, size: Int)
        case arrived(path: String, md5: String, size: Int)
        case deleted(path: String)
    }

    public var base: String?
    public var events: [Event]

    public init(base: String?, events: [Event] = []) {
        self.base = base
        self.events = events
    }

    static func headerLine(base: String?) -> String { "base \(base ?? "-")\n" }

    static func line(_ event: Event) -> String {
        switch event {
        case .started(let path, let size): return "? \(size) \(path)\n"
        case .arrived(let path, let md5, let size): return "+ \(md5) \(size) \(path)\n"
        case .deleted(let path): return "- \(path)\n"
        }
    }

    /// A torn last line (the process died while writing it) is ignored.
    public static func parse(_ text: String) -> DeployJournal? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard text.hasSuffix("\n") || lines.count > 1 else { return nil }
        if !text.hasSuffix("\n") { lines.removeLast() }
        guard let first = lines.popFirst(), first.hasPrefix("base ") else { return nil }
        let base = first.dropFirst(5)
        var journal = DeployJournal(base: base == "-" ? nil : String(base))
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: line.hasPrefix("+") ? 3 : (line.hasPrefix("?") ? 2 : 1), omittingEmptySubsequences: false)
            switch parts.first {
            case "?" where parts.count == 3:
                guard let size = Int(parts[1]), RemotePath.isSafe(parts[2]) else { continue }
                journal.events.append(.started(path: String(parts[2]), size: size))
            case "+" where parts.count == 4:
                guard let size = Int(parts[2]), RemotePath.isSafe(parts[3]) else { continue }
                journal.events.append(.arrived(path: String(parts[3]), md5: String(parts[1]), size: size))
            case "-" where parts.count == 2:
                guard RemotePath.isSafe(parts[1]) else { continue }
                journal.events.append(.deleted(path: String(parts[1])))
            default:
                continue
            }
        }
        return journal
    }

    /// The manifest after these events.
    public func applied(to manifest: DeployManifest) -> DeployManifest {
        var manifest = manifest
        for event in events {
            switch event {
            case .started(let path, let size): manifest.entries[path] = .init(md5: nil, size: size)
            case .arrived(let path, let md5, let size): manifest.entries[path] = .init(md5: md5, size: size)
            case .deleted(let path): manifest.entries[path] = nil
            }
        }
        return manifest
    }
}
