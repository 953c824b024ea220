import ArgumentParser
import Foundation
import SiteKit
import SiteServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it, rebuild on save and reload the browser.",
        discussion: """
        The preview is written to SOURCE/.sitegen-cache/preview (not public/: its links point at this \
        server, and public/ stays exactly what `sitegen build` made). Pages served get a small live-reload \
        script; the files on disk never contain it.
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Address to listen on. Anything but loopback exposes the preview to the network.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .long, help: "Another name accepted in the Host header (repeatable), e.g. this machine's LAN name.")
    var allowHost: [String] = []

    @Flag(name: .long, help: "Open the site in the default browser once it is served.")
    var open = false

    @Flag(name: .long, help: "Build once and serve, without watching for changes.")
    var noWatch = false

    @Option(name: .long, help: "Poll for changes every N seconds instead of using inotify.")
    var poll: Double?

    @Flag(name: .long, help: "Print the time of each stage of every rebuild.")
    var verbose = false

    func run() async throws {
        let source = site.project
        let output = site.output == nil ? source.root.appendingPathComponent(".sitegen-cache/preview") : source.output
        let project = Project(root: source.root, output: output)
        var options = site.builderOptions
        // Links point at this server whatever site.yml says, under the same path as the real site.
        let basePath: String
        if let given = site.baseURL {
            var config = SiteConfig()
            config.baseURL = given
            basePath = config.basePath
        } else {
            basePath = ((try? SiteConfig.load(from: project.settings)) ?? SiteConfig()).basePath
            options.baseURL = basePath
        }
        if !["127.0.0.1", "localhost", "::1"].contains(host.lowercased()) {
            Console.error("warning: listening on \(host): anyone who can reach this machine can read the preview.")
        }
        let displayHost = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "127.0.0.1" : host)
        let open = self.open
        let verbose = self.verbose
        let configuration = PreviewServer.Configuration(
            project: project, options: options, host: host, port: port, allowedHosts: Set(allowHost),
            watch: !noWatch, pollingInterval: poll, basePath: basePath
        )
        let printed = SeenLines()
        let server = PreviewServer(configuration: configuration) { event in
            switch event {
            case .building:
                break
            case .built(let report, let seconds):
                let write = report.write
                Self.say(String(format: "Built %d articles in %.0f ms (%d re-read): %d files written, %d removed",
                             report.articles, seconds * 1000, report.reloaded, write.written, write.removed))
                if verbose {
                    var laps = report.timings.map { "\($0.stage) \(Int(($0.seconds * 1000).rounded()))" }
                    if let ahead = report.firstPagesSeconds { laps.append(String(format: "ahead@%.0f", ahead * 1000)) }
                    Self.say("  ms: " + laps.joined(separator: ", ") + " (\(report.rendered) pages rendered)")
                }
                // Each warning once, not again with every rebuild.
                for warning in printed.fresh(report.warnings.map(\.description)) { Console.error("warning: \(warning)") }
            case .pagesAhead(let pages, let seconds):
                let shown = pages.prefix(3).map { basePath + $0 }.joined(separator: ", ")
                let more = pages.count > 3 ? " and \(pages.count - 3) more" : ""
                Self.say("Updated \(shown)\(more) in \(Int((seconds * 1000).rounded())) ms; rendering the rest…")
            case .cancelled:
                break
            case .stoppingDuringBuild:
                Self.say("Stopping: letting the build under way stop or finish writing…")
            case .failed(let problems, let seconds):
                for problem in problems { Console.error("error: \(problem.text)") }
                Console.error(String(format: "Build failed in %.0f ms (%d error(s)); still serving the last good build.",
                                     seconds * 1000, problems.count))
            case .listening(_, let port):
                let url = "http://\(displayHost):\(port)\(basePath)"
                Self.say("Serving \(project.output.path) at \(url) (Ctrl-C to stop)")
                if open { Self.openBrowser(url) }
            case .watching(let mode):
                switch mode {
                case .inotify: Self.say("Watching content/, templates/, data/ and site.yml for changes.")
                case .polling(let interval): Self.say("Watching for changes (polling every \(interval) s).")
                }
            case .stopped:
                Self.say("Stopped.")
            }
        }
        do {
            try await server.run()
        } catch {
            Console.error("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode.failure
        }
    }

    /// Unbuffered, so progress lines appear as they happen even when piped to a file.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [url]
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Console.error("warning: could not open a browser: \(error)")
        }
    }
}

/// Lines already printed, so a rebuild repeats no warning.
final class SeenLines: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []

    func fresh(_ lines: [String]) -> [String] {
        lock.withLock { lines.filter { seen.insert($0).inserted } }
    }
}
