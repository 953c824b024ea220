import Foundation
import SiteKit

/// The preview's state — which build is served, and what the last rebuild said — and the open
/// pages listening for changes (Server-Sent Events).
public final class PreviewState: @unchecked Sendable {
    /// One problem of a failed build, as the overlay shows it.
    public struct Problem: Sendable, Codable, Equatable {
        public var file: String?
        public var line: Int?
        public var message: String
        /// "file:line: message", as printed in the terminal.
        public var text: String

        public init(_ error: SourceError) {
            file = error.path
            line = error.line
            message = error.message
            text = error.description
        }

        public init(message: String) {
            self.file = nil
            self.line = nil
            self.message = message
            self.text = message
        }

        /// Every problem an error stands for (a `BuildFailure` holds one per bad file).
        public static func from(_ error: Error) -> [Problem] {
            switch error {
            case let failure as BuildFailure: return failure.errors.map(Problem.init)
            case let error as SourceError: return [Problem(error)]
            default: return [Problem(message: "\(error)")]
            }
        }
    }

    public struct Status: Sendable, Codable, Equatable {
        /// Goes up by one with every build that changed the served files (or cleared an error).
        public var generation: Int
        /// Whether the last build succeeded (the served files are then its output).
        public var ok: Bool
        public var building: Bool
        /// The problems of the last build, when it failed; the previous good build is still served.
        public var errors: [Problem]
        /// When the last build finished, and how long it took.
        public var finishedAt: Date?
        public var seconds: Double?
        /// Builds since the server started (good or bad).
        public var builds: Int
        /// Whether the sources are being watched (changes made from then on are seen).
        public var watching: Bool = false
    }

    public enum Event: Sendable, Equatable {
        case reload(generation: Int)
        case error(generation: Int, problems: [Problem])
        case ping
    }

    /// Changes with every server start, so a page reconnecting to a restarted server reloads.
    public let instance: String
    private let lock = NSLock()
    private var status = Status(generation: 0, ok: true, building: false, errors: [], builds: 0)
    private struct Listener {
        var continuation: AsyncStream<Event>.Continuation
        /// The URL path of the page listening ("/2023/08/slug/"), if it said.
        var page: String?
    }

    private var listeners: [Int: Listener] = [:]
    /// Pages told to reload during the current build (their pages were written ahead).
    private var reloadedAhead: Set<String> = []
    private var nextListener = 0
    private var closed = false

    public init() {
        instance = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    public var current: Status {
        lock.withLock { status }
    }

    /// The id of the state a page saw last ("instance-generation"), sent back by a reconnecting
    /// EventSource as `Last-Event-ID`.
    public var eventID: String {
        lock.withLock { "\(instance)-\(status.generation)" }
    }

    public var listenerCount: Int {
        lock.withLock { listeners.count }
    }

    func setWatching(_ watching: Bool) {
        lock.withLock { status.watching = watching }
    }

    func buildStarted() {
        lock.withLock {
            status.building = true
            reloadedAhead = []
        }
    }

    /// The URL paths of the pages open in a browser (they are rendered first).
    var openPages: Set<String> {
        lock.withLock { Set(listeners.values.compactMap(\.page)) }
    }

    /// Pages written ahead of the rest of a build: those open on them reload now.
    func pagesWrittenAhead(_ pages: Set<String>) {
        let (event, targets): (Event, [AsyncStream<Event>.Continuation]) = lock.withLock {
            status.generation += 1
            reloadedAhead.formUnion(pages)
            let targets = listeners.values.filter { $0.page.map(pages.contains) ?? false }.map(\.continuation)
            return (.reload(generation: status.generation), targets)
        }
        for continuation in targets { continuation.yield(event) }
    }

    /// A build was given up for a newer change; the next one follows at once.
    func buildCancelled() {}

    /// A build succeeded. Pages reload if it changed any file, or if they show an error to clear
    /// (except those already reloaded with their page written ahead: it has not changed since).
    func buildSucceeded(changedFiles: Int, seconds: Double) {
        let (event, targets): (Event?, [AsyncStream<Event>.Continuation]) = lock.withLock {
            let clearsError = !status.ok
            let reload = changedFiles > 0 || clearsError || status.builds == 0
            status.building = false
            status.ok = true
            status.errors = []
            status.finishedAt = Date()
            status.seconds = seconds
            status.builds += 1
            guard reload else { return (nil, []) }
            status.generation += 1
            let skip = clearsError ? [] : reloadedAhead
            let targets = listeners.values.filter { listener in !(listener.page.map(skip.contains) ?? false) }.map(\.continuation)
            return (.reload(generation: status.generation), targets)
        }
        if let event { for continuation in targets { continuation.yield(event) } }
    }

    /// A build failed: the last good build stays served; open pages show the problems.
    func buildFailed(_ problems: [Problem], seconds: Double) {
        let event: Event = lock.withLock {
            status.building = false
            status.ok = false
            status.errors = problems
            status.finishedAt = Date()
            status.seconds = seconds
            status.builds += 1
            return .error(generation: status.generation, problems: problems)
        }
        broadcast(event)
    }

    func ping() {
        broadcast(.ping)
    }

    /// A new listener: its stream, and what it must be told first.
    func subscribe(page: String? = nil) -> (id: Int, stream: AsyncStream<Event>) {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id: Int = lock.withLock {
            nextListener += 1
            if closed { continuation.finish() } else { listeners[nextListener] = Listener(continuation: continuation, page: page) }
            return nextListener
        }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        let listener = lock.withLock { listeners.removeValue(forKey: id) }
        listener?.continuation.finish()
    }

    /// Ends every stream (the server is stopping); later subscribers end at once.
    func closeAll() {
        let all = lock.withLock {
            closed = true
            defer { listeners = [:] }
            return listeners.values.map(\.continuation)
        }
        for continuation in all { continuation.finish() }
    }

    private func broadcast(_ event: Event) {
        let all = lock.withLock { listeners.values.map(\.continuation) }
        for continuation in all { continuation.yield(event) }
    }
}

/// The bytes the preview adds to pages, and the Server-Sent Events wire format.
enum LiveReload {
    static let prefix = "/__sitegen/"
    static let eventsPath = "/__sitegen/events"
    static let scriptPath = "/__sitegen/live.js"
    static let statusPath = "/__sitegen/status"

    /// Added before `</body>` of every HTML page the preview serves (never written to disk).
    static let tag = Array("<script src=\"\(scriptPath)\" data-sitegen-preview></script>\n".utf8)

    /// The page's end of it: reloads after a good build, shows an overlay after a bad one.
    static let script = """
    (function () {
      "use strict";
      if (!window.EventSource || window.__sitegenLive) return;
      window.__sitegenLive = true;
      var overlay = null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(problems) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "__sitegen-overlay";
        overlay.setAttribute("role", "alertdialog");
        overlay.setAttribute("aria-label", "sitegen: build failed");
        overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);" +
          "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem;";
        var box = document.createElement("div");
        box.style.cssText = "max-width:60rem;margin:0 auto;";
        var title = document.createElement("h2");
        title.textContent = "Lỗi khi dựng trang — build failed (" + problems.length + ")";
        title.style.cssText = "color:#ff8a80;font-size:1.2rem;margin:0 0 .5rem;";
        var note = document.createElement("p");
        note.textContent = "Trang đang hiển thị là bản dựng tốt gần nhất. Sửa lỗi và lưu lại; trang sẽ tự tải lại. " +
          "(The last good build is still served; fix and save to reload.)";
        note.style.cssText = "color:#ccc;margin:0 0 1rem;";
        var list = document.createElement("pre");
        list.style.cssText = "white-space:pre-wrap;margin:0;";
        list.textContent = problems.map(function (p) { return p.text; }).join("\\n");
        var close = document.createElement("button");
        close.type = "button";
        close.textContent = "Đóng (close)";
        close.style.cssText = "margin-top:1rem;font:inherit;padding:.3rem .8rem;";
        close.onclick = hide;
        box.appendChild(title); box.appendChild(note); box.appendChild(list); box.appendChild(close);
        overlay.appendChild(box);
        (document.body || document.documentElement).appendChild(overlay);
      }
      var source = new EventSource("\(eventsPath)?page=" + encodeURIComponent(location.pathname));
      source.addEventListener("reload", function () { source.close(); location.reload(); });
      source.addEventListener("error", function (event) {
        if (!event.data) return;  // the connection's own error event: EventSource reconnects
        try { show(JSON.parse(event.data).errors || []); } catch (e) {}
      });
      source.addEventListener("ok", hide);
    })();

    """

    static func format(_ event: PreviewState.Event, id: String) -> String {
        switch event {
        case .reload(let generation):
            return "id: \(id)\nevent: reload\ndata: {\"generation\":\(generation)}\n\n"
        case .error(let generation, let problems):
            return "id: \(id)\nevent: error\ndata: \(json(ErrorPayload(generation: generation, errors: problems)))\n\n"
        case .ping:
            return ": ping\n\n"
        }
    }

    struct ErrorPayload: Codable {
        var generation: Int
        var errors: [PreviewState.Problem]
    }

    /// One line of JSON (no raw newlines, so it fits one `data:` field).
    static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// "/luu-tru/2023/08/x/index.html" (percent-encoded or not) → "2023/08/x/", the page's path in
    /// the plan; nil when it is not below the base path.
    static func pagePath(fromURLPath urlPath: String, basePath: String) -> String? {
        var path = urlPath.removingPercentEncoding ?? urlPath
        guard path.hasPrefix(basePath) || path + "/" == basePath else { return nil }
        path = String(path.dropFirst(min(basePath.count, path.count)))
        if path.hasSuffix("index.html") { path.removeLast("index.html".count) }
        return path
    }

    /// The page's HTML with the script tag before its last `</body>` (or at the end).
    static func inject(into html: [UInt8]) -> [UInt8] {
        let close = Array("</body".utf8)
        var index = html.count - close.count
        while index >= 0 {
            if html[index] == UInt8(ascii: "<") {
                var match = true
                for offset in 1..<close.count {
                    let byte = html[index + offset]
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                    if lower != close[offset] { match = false; break }
                }
                if match {
                    var result = [UInt8]()
                    result.reserveCapacity(html.count + tag.count)
                    result += html[..<index]
                    result += tag
                    result += html[index...]
                    return result
                }
            }
            index -= 1
        }
        return html + tag
    }
}
