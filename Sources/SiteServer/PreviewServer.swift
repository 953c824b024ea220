import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SiteKit

/// `sitegen serve`: builds the site, serves the output folder, rebuilds when a source changes and
/// tells open pages to reload (or to show what went wrong).
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var project: Project
        public var options: SiteBuilder.Options
        /// Address to listen on: loopback unless asked otherwise.
        public var host: String
        /// 0 picks a free port (tests); `onStart` is told which.
        public var port: Int
        /// Extra names accepted in the `Host` header (e.g. a LAN name when listening on 0.0.0.0).
        public var allowedHosts: Set<String>
        /// Watch the sources and rebuild; off, it serves what was built once.
        public var watch: Bool
        /// Poll modification times every N seconds instead of using inotify.
        public var pollingInterval: Double?
        /// How long the sources must be quiet before a rebuild starts.
        public var quietPeriod: Double
        /// URL path the site is served under ("/" or, with a base_url like https://x/luu-tru/, "/luu-tru/").
        public var basePath: String

        public init(project: Project, options: SiteBuilder.Options = .init(), host: String = "127.0.0.1", port: Int = 8080,
                    allowedHosts: Set<String> = [], watch: Bool = true, pollingInterval: Double? = nil,
                    quietPeriod: Double = 0.05, basePath: String = "/") {
            self.project = project
            self.options = options
            self.host = host
            self.port = port
            self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
            self.watch = watch
            self.pollingInterval = pollingInterval
            self.quietPeriod = quietPeriod
            self.basePath = basePath
        }
    }

    /// What the server reports to whoever runs it (the command prints these).
    public enum Event: Sendable {
        case building
        case built(SiteBuilder.Report, seconds: Double)
        /// The pages of the edited articles, and those open in a browser, written ahead of the rest.
        case pagesAhead([String], seconds: Double)
        /// A build given up for a newer change (the next build starts at once).
        case cancelled
        case failed([PreviewState.Problem], seconds: Double)
        case listening(host: String, port: Int)
        /// Shutting down while a build is under way: it is given up, or finishes writing, first.
        case stoppingDuringBuild
        case watching(FileWatcher.Mode)
        case stopped
    }

    public let configuration: Configuration
    public let state = PreviewState()
    let rebuilder: Rebuilder
    let files: OutputFiles
    let onEvent: @Sendable (Event) -> Void

    public init(configuration: Configuration, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.configuration = configuration
        self.onEvent = onEvent
        self.files = OutputFiles(root: configuration.project.output.path)
        self.rebuilder = Rebuilder(project: configuration.project, options: configuration.options, state: state, onEvent: onEvent)
    }

    /// The first build, before serving. A failure is reported (and shown on every page) but does
    /// not stop the server: the editor fixes the file and saves.
    @discardableResult
    public func buildNow() -> Bool {
        rebuilder.buildNow(nil)
    }

    /// Queues a build that checks every file ("anything may have changed"), run in the background.
    public func scheduleFullBuild() {
        rebuilder.schedule(FileWatcher.Batch(overflowed: true))
    }

    /// Serves at once (the last preview, if any, until the first build is done: a large archive
    /// takes a while), builds in the background, and stops cleanly on Ctrl-C (SIGINT) or SIGTERM:
    /// a build under way is given up between chunks of pages, or allowed to finish writing.
    public func run() async throws {
        scheduleFullBuild()
        try await makeApplication().runService()
        await rebuilder.stop()
        onEvent(.stopped)
    }

    /// The Hummingbird application: routes, middleware, and the watcher as a service beside it.
    public func makeApplication() -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        // Outermost first: 404 page, then Host/path checks, then files, then the preview's routes.
        let state = self.state
        router.add(middleware: NotFoundPageMiddleware(files: files, firstBuildPending: { state.current.builds == 0 }))
        router.add(middleware: RequestGuardMiddleware(
            bindHost: configuration.host, extraHosts: configuration.allowedHosts, basePath: configuration.basePath))
        let basePath = configuration.basePath == "/" ? nil : String(configuration.basePath.dropLast())
        router.add(middleware: FileMiddleware(fileProvider: files, urlBasePath: basePath, searchForIndexHtml: true)
            .withAdditionalMediaTypes(forFileExtensions: Self.textTypes))
        addRoutes(to: router)

        let watcherService = WatcherService(server: self)
        let onEvent = self.onEvent
        let host = configuration.host
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .warning
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil, backlog: 256),
            services: configuration.watch ? [watcherService] : [PingService(state: state)],
            onServerRunning: { channel in
                onEvent(.listening(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
    }

    /// Text types with their charset (Vietnamese text must not be read as Latin-1).
    static let textTypes: [String: MediaType] = [
        "html": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
        "htm": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
        "css": MediaType(type: .text, subType: "css", parameter: ("charset", "utf-8")),
        "js": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
        "txt": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
        "xml": MediaType(type: .application, subType: "xml", parameter: ("charset", "utf-8")),
        "json": MediaType(type: .application, subType: "json", parameter: ("charset", "utf-8")),
        "svg": MediaType(type: .image, subType: "svg+xml"),
        "woff2": MediaType(type: .font, subType: "woff2"),
        "webmanifest": MediaType(type: .application, subType: "manifest+json"),
    ]

    private func addRoutes(to router: Router<BasicRequestContext>) {
        let state = self.state
        router.get(RouterPath(LiveReload.scriptPath)) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get(RouterPath(LiveReload.statusPath)) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.json(state.current) + "\n")))
        }
        let basePath = configuration.basePath
        router.get(RouterPath(LiveReload.eventsPath)) { request, _ in
            let page = request.uri.queryParameters["page"].flatMap { LiveReload.pagePath(fromURLPath: String($0), basePath: basePath) }
            return Self.events(state: state, page: page, lastEventID: request.headers[.init("Last-Event-ID")!])
        }
        if configuration.basePath != "/" {
            let target = configuration.basePath
            router.get("/") { _, _ in Response(status: .found, headers: [.location: target]) }
        }
    }

    /// The Server-Sent Events stream of one open page.
    static func events(state: PreviewState, page: String?, lastEventID: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Accel-Buffering")!] = "no"
        let (id, stream) = state.subscribe(page: page)
        let body = ResponseBody { writer in
            // A page that reconnects after missing a build (or a server restart) reloads at once.
            var opening = "retry: 1000\n\n"
            let status = state.current
            let now = state.eventID
            if let lastEventID, lastEventID != now {
                opening += LiveReload.format(.reload(generation: status.generation), id: now)
            } else {
                opening += "id: \(now)\nevent: hello\ndata: {\"generation\":\(status.generation)}\n\n"
            }
            if !status.ok {
                opening += LiveReload.format(.error(generation: status.generation, problems: status.errors), id: now)
            }
            try await writer.write(ByteBuffer(string: opening))
            try await withGracefulShutdownHandler {
                for await event in stream {
                    try await writer.write(ByteBuffer(string: LiveReload.format(event, id: state.eventID)))
                }
            } onGracefulShutdown: {
                state.unsubscribe(id)
            }
            state.unsubscribe(id)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// Runs rebuilds one at a time on their own thread (they use every core; the server's threads
/// keep serving the last good build meanwhile), merging what changed while one was running.
final class Rebuilder: @unchecked Sendable {
    let project: Project
    let options: SiteBuilder.Options
    /// What the last build read, kept for the next one.
    let memory: BuildMemory
    let state: PreviewState
    let onEvent: @Sendable (PreviewServer.Event) -> Void
    private let lock = NSLock()
    private var pending: FileWatcher.Batch?
    private var running = false
    private let queue = DispatchQueue(label: "sitegen.rebuild", qos: .userInitiated)

    init(project: Project, options: SiteBuilder.Options, state: PreviewState, onEvent: @escaping @Sendable (PreviewServer.Event) -> Void) {
        self.project = project
        self.options = options
        memory = BuildMemory(project: project)
        self.state = state
        self.onEvent = onEvent
    }

    /// Queues a rebuild for these changes (merged with any already waiting).
    func schedule(_ batch: FileWatcher.Batch) {
        let start: Bool = lock.withLock {
            guard !stopping else { return false }
            if pending == nil { pending = batch } else { pending!.merge(batch) }
            guard !running else { return false }
            running = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    private var stopping = false

    var isRunning: Bool {
        lock.withLock { running }
    }

    private var hasPending: Bool {
        lock.withLock { pending != nil || stopping }
    }

    /// Gives up the build under way (between chunks of pages, never while writing) and waits for it.
    func stop() async {
        let busy = lock.withLock {
            stopping = true
            pending = nil
            return running
        }
        if busy { onEvent(.stoppingDuringBuild) }
        while lock.withLock({ running }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func drain() {
        while true {
            let batch: FileWatcher.Batch? = lock.withLock {
                defer { pending = nil }
                if pending == nil { running = false }
                return pending
            }
            guard let batch else { return }
            buildNow(batch.overflowed ? nil : ChangeSet(watched: batch.files, folders: batch.folders, project: project))
        }
    }

    /// One build now, on the calling thread; true when it succeeded.
    @discardableResult
    func buildNow(_ changes: ChangeSet?) -> Bool {
        state.buildStarted()
        onEvent(.building)
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
            let state = self.state
            let onEvent = self.onEvent
            var options = self.options
            options.publish.now = Date()  // a server runs for hours: an article dated later may come due
            let report = try SiteBuilder(project: project, options: options).build(
                changes: changes, memory: memory,
                firstPages: SiteBuilder.FirstPages(open: state.openPages) { pages in
                    state.pagesWrittenAhead(pages)
                    onEvent(.pagesAhead(pages.sorted(), seconds: elapsed()))
                },
                shouldCancel: { [unowned self] in self.hasPending }
            )
            let seconds = elapsed()
            state.buildSucceeded(changedFiles: report.write.written + report.write.removed, seconds: seconds)
            onEvent(.built(report, seconds: seconds))
            return true
        } catch is SiteBuilder.Cancelled {
            state.buildCancelled()
            onEvent(.cancelled)
            return true
        } catch {
            let problems = PreviewState.Problem.from(error)
            let seconds = elapsed()
            state.buildFailed(problems, seconds: seconds)
            onEvent(.failed(problems, seconds: seconds))
            return false
        }
    }
}

/// Watches the sources while the server runs; on shutdown, stops watching and ends the
/// pages' event streams so the server can close its connections.
struct WatcherService: Service {
    let server: PreviewServer

    func run() async throws {
        let configuration = server.configuration
        let project = configuration.project
        let rebuilder = server.rebuilder
        let watcher = FileWatcher(
            folders: [project.content, project.templates, project.data],
            files: [project.settings],
            quietPeriod: configuration.quietPeriod,
            forcePolling: configuration.pollingInterval
        ) { batch in
            rebuilder.schedule(batch)
        }
        watcher.start()
        server.state.setWatching(true)
        server.onEvent(.watching(watcher.mode))
        try? await PingService(state: server.state).run()
        watcher.stop()
        server.state.setWatching(false)
        await rebuilder.stop()
    }
}

/// Keeps event streams alive (and notices pages that went away) until shutdown.
struct PingService: Service {
    let state: PreviewState

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(15))
                state.ping()
            }
        }
        state.closeAll()
    }
}
