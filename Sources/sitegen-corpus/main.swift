import ArgumentParser
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sitegen-corpus --count N --out DIR [--seed S] [--legacy-share 0.1]`: writes a complete
/// generated site (site.yml, content/YYYY/MM/*.md, content/legacy/*.txt) for the benchmark.
struct SitegenCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen-corpus",
        abstract: "Write a deterministic generated news archive for the benchmark.",
        discussion: """
        DIR receives site.yml, content/YYYY/MM/<slug>.md (Markdown with YAML front matter: title, \
        date, author, views, tags, categories, summary on half, slug) and content/legacy/bai-NNNNNN.txt \
        (the legacy plain-text format). The same arguments always give byte-identical files. \
        An existing DIR is reused only if this tool made it: its content/ and site.yml are replaced, \
        anything else in it (templates/, the benchmark's outputs) is left alone.
        """
    )

    @Option(name: .long, help: "Number of articles (Markdown and legacy together).")
    var count: Int

    @Option(name: .long, help: "The site folder to write.")
    var out: String

    @Option(name: .long, help: "Seed of the random streams.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Share of articles written as legacy .txt files (0 to 1).")
    var legacyShare: Double = 0.1

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    static let marker = ".sitegen-corpus"

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard (0...1).contains(legacyShare) else { throw ValidationError("--legacy-share must be between 0 and 1") }
    }

    func run() throws {
        let start = Date()
        let root = URL(fileURLWithPath: out).standardizedFileURL
        try prepare(root)
        let corpus = Corpus(count: count, seed: seed, legacyShare: legacyShare)
        let content = root.appendingPathComponent("content")

        // Folders first (one per month used, and legacy/), then the files in parallel.
        var folders = Set(corpus.articles.map { ($0.contentPath as NSString).deletingLastPathComponent })
        folders.insert("legacy")
        for folder in folders.sorted() {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Self.writeFile(Array(corpus.siteYAML().utf8), to: root.appendingPathComponent("site.yml").path)

        let failures = Failures()
        let totals = Totals()
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 16)
        let contentPath = content.path
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var writer = TextWriter(capacity: 64 * 1024)
            var bytes = 0, words = 0
            for index in (chunk * corpus.count / chunks)..<((chunk + 1) * corpus.count / chunks) {
                let meta = corpus.articles[index]
                writer.reset()
                var text = ArticleText(corpus: corpus, meta: meta)
                if meta.isLegacy { text.legacy(&writer) } else { text.markdown(&writer) }
                do {
                    try Self.writeFile(writer.out, to: contentPath + "/" + meta.contentPath)
                } catch {
                    failures.add("\(meta.contentPath): \(error)")
                }
                bytes += writer.out.count
                words += writer.words
            }
            totals.add(bytes: bytes, words: words)
        }
        if let first = failures.first { throw ValidationError("cannot write \(first) (\(failures.count) file(s) failed)") }

        let legacy = corpus.articles.lazy.filter(\.isLegacy).count
        let stamp = "\(Corpus.version) count=\(count) seed=\(seed) legacy-share=\(legacyShare)\n"
        try Self.writeFile(Array(stamp.utf8), to: root.appendingPathComponent(Self.marker).path)
        guard !quiet else { return }
        let seconds = Date().timeIntervalSince(start)
        print("Wrote \(count) articles (\(count - legacy) Markdown, \(legacy) legacy .txt), "
              + "\(totals.words) words, \(totals.bytes) bytes to \(root.path) in \(String(format: "%.2f", seconds)) s "
              + "(\(corpus.lexicon.size) vocabulary entries, \(Vocabulary.tags.count) tags, "
              + "\(Vocabulary.categories.count) categories, \(corpus.authors.count) authors)")
    }

    /// Makes DIR ready: creates it, or clears what an earlier run of this tool wrote there. Refuses
    /// a non-empty folder this tool did not make, so a typo cannot wipe somebody's site.
    func prepare(_ root: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            try manager.createDirectory(at: root, withIntermediateDirectories: true)
            return
        }
        guard isDirectory.boolValue else { throw ValidationError("\(root.path) exists and is not a folder") }
        let entries = try manager.contentsOfDirectory(atPath: root.path)
        guard !entries.isEmpty else { return }
        guard entries.contains(Self.marker) else {
            throw ValidationError("\(root.path) is not empty and was not made by sitegen-corpus (no \(Self.marker)); choose another --out")
        }
        for name in [Self.marker, "site.yml", "content"] where entries.contains(name) {
            try manager.removeItem(at: root.appendingPathComponent(name))
        }
    }

    /// Plain open/write/close: `Data.write` fsyncs every file on Linux, 2–3× slower for thousands.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXFailure(call: "write", code: errno)
            }
            offset += written
        }
    }
}

struct POSIXFailure: Error, CustomStringConvertible {
    var call: String
    var code: Int32
    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// Errors from the writer threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var first: String? { lock.lock(); defer { lock.unlock() }; return messages.min() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return messages.count }
}

/// Bytes and words written, summed over threads.
final class Totals: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var bytes = 0
    private(set) var words = 0
    func add(bytes: Int, words: Int) { lock.lock(); self.bytes += bytes; self.words += words; lock.unlock() }
}

SitegenCorpus.main()
