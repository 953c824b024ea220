import Foundation
import Hummingbird
import HummingbirdTesting
import SiteKit
import XCTest
@testable import SiteServer

/// The preview server against a real socket on an ephemeral loopback port.
final class ServerTests: XCTestCase {
    static let article = "/" + PreviewSite.articlePath

    /// Builds the site, starts the server (watching, unless told not to) and runs `body` with its port.
    func withServer(_ site: PreviewSite, watch: Bool = true,
                    _ body: @escaping @Sendable (_ port: Int, _ server: PreviewServer) async throws -> Void) async throws {
        let configuration = PreviewServer.Configuration(
            project: site.project, options: SiteBuilder.Options(baseURL: "/"), host: "127.0.0.1", port: 0,
            watch: watch, quietPeriod: 0.02)
        let server = PreviewServer(configuration: configuration)
        XCTAssertTrue(server.buildNow(), "\(server.state.current.errors)")
        try await server.makeApplication().test(.live) { client in
            let port = try XCTUnwrap(client.port)
            if watch {
                try await eventually(timeout: 5, "the watcher did not start") { server.state.current.watching }
            }
            try await body(port, server)
        }
    }

    static func get(_ port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> RawConnection.Response {
        try await RawHTTP.request(port: port, method: method, target: target, headers: headers)
    }

    // MARK: Files

    func testServesPagesWithContentTypes() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            let expected: [(String, String)] = [
                ("/", "text/html; charset=utf-8"),
                (Self.article, "text/html; charset=utf-8"),
                ("/assets/style.css", "text/css; charset=utf-8"),
                ("/sitemap.xml", "application/xml; charset=utf-8"),
                ("/feed.xml", "application/xml; charset=utf-8"),
                ("/robots.txt", "text/plain; charset=utf-8"),
                ("/assets/icon.svg", "image/svg+xml"),
                ("/assets/font.woff2", "font/woff2"),
                ("/assets/data.json", "application/json; charset=utf-8"),
            ]
            for (path, type) in expected {
                let response = try await Self.get(port, path)
                XCTAssertEqual(response.status, 200, path)
                XCTAssertEqual(response.headers["content-type"], type, path)
                XCTAssertEqual(response.headers["content-length"], String(response.body.count), path)
                XCTAssertEqual(response.headers["x-content-type-options"], "nosniff", path)
            }
            let page = try await Self.get(port, Self.article)
            XCTAssertTrue(page.text.contains("Nông dân Lam Giang thu hoạch lúa hè thu"))
            // The live-reload script is added to what is served, just before </body>.
            XCTAssertTrue(page.text.contains("<script src=\"/__sitegen/live.js\" data-sitegen-preview></script>\n</body>"), page.text)
            XCTAssertEqual(page.headers["cache-control"], "no-cache")
            // Not into other types.
            let css = try await Self.get(port, "/assets/style.css")
            XCTAssertFalse(css.text.contains("__sitegen"))
            // A folder without its final slash is redirected to it.
            let folder = try await Self.get(port, "/2023/08")
            XCTAssertEqual(folder.status, 301)
            XCTAssertEqual(folder.headers["location"], "/2023/08/")
            // The script itself.
            let script = try await Self.get(port, "/__sitegen/live.js")
            XCTAssertEqual(script.status, 200)
            XCTAssertTrue(script.text.contains("EventSource"))
        }
    }

    func testHeadRangeAndConditionalRequests() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            let full = try await Self.get(port, Self.article)
            let etag = try XCTUnwrap(full.headers["etag"])
            let modified = try XCTUnwrap(full.headers["last-modified"])

            let head = try await Self.get(port, Self.article, method: "HEAD")
            XCTAssertEqual(head.status, 200)
            XCTAssertEqual(head.headers["content-length"], String(full.body.count))
            XCTAssertEqual(head.headers["etag"], etag)
            XCTAssertTrue(head.body.isEmpty)

            let unchanged = try await Self.get(port, Self.article, headers: ["If-None-Match": etag])
            XCTAssertEqual(unchanged.status, 304)
            XCTAssertTrue(unchanged.body.isEmpty)
            let notModified = try await Self.get(port, Self.article, headers: ["If-Modified-Since": modified])
            XCTAssertEqual(notModified.status, 304)
            let other = try await Self.get(port, Self.article, headers: ["If-None-Match": "W/\"something-else\""])
            XCTAssertEqual(other.status, 200)

            let range = try await Self.get(port, "/assets/style.css", headers: ["Range": "bytes=0-9"])
            XCTAssertEqual(range.status, 206)
            XCTAssertEqual(range.body.count, 10)
        }
    }

    /// Issue 16, item 5: `Range: bytes=0-9223372036854775807` overflowed `upperBound + 1` and stopped the server.
    func testARangeUpToIntMaxIsServedAndTheServerStaysUp() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            let full = try await Self.get(port, "/assets/style.css")
            for range in ["bytes=0-9223372036854775807", "bytes=5-9223372036854775806", "bytes=-9223372036854775807"] {
                let response = try await Self.get(port, "/assets/style.css", headers: ["Range": range])
                XCTAssertTrue([200, 206, 416].contains(response.status), "\(range): \(response.status)")
                if response.status == 206 { XCTAssertEqual(response.body, Array(full.body.suffix(response.body.count)), range) }
            }
            let after = try await Self.get(port, "/assets/style.css")
            XCTAssertEqual(after.status, 200)
            XCTAssertEqual(after.body, full.body)
        }
    }

    /// Issue 16: until the first build is done, pages answer "building…" (and reload), not 404.
    func testTheFirstBuildAnswersABuildingPage() async throws {
        let site = try PreviewSite()
        let configuration = PreviewServer.Configuration(
            project: site.project, options: SiteBuilder.Options(baseURL: "/"), host: "127.0.0.1", port: 0, watch: false)
        let server = PreviewServer(configuration: configuration)
        try await server.makeApplication().test(.live) { client in
            let port = try XCTUnwrap(client.port)
            let waiting = try await Self.get(port, Self.article)
            XCTAssertEqual(waiting.status, 503)
            XCTAssertEqual(waiting.headers["retry-after"], "1")
            XCTAssertTrue(waiting.text.contains("Building the site"), waiting.text)
            XCTAssertTrue(waiting.text.contains("data-sitegen-preview"), "it reloads itself when the build is done")
            XCTAssertTrue(server.buildNow())
            let built = try await Self.get(port, Self.article)
            XCTAssertEqual(built.status, 200)
            let missing = try await Self.get(port, "/khong-co/")
            XCTAssertEqual(missing.status, 404)
        }
    }

    func testNotFoundPageHasStatus404AndFoldersAreNotListed() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            let notFoundFile = try site.read(output: "404.html")
            for path in ["/khong-co-trang-nay/", "/assets/", "/2023/08/khong-co.html", "/assets/missing.css"] {
                let response = try await Self.get(port, path)
                XCTAssertEqual(response.status, 404, path)
                XCTAssertEqual(response.headers["content-type"], "text/html; charset=utf-8", path)
                // The site's own 404 page (plus the live-reload script), never a listing.
                XCTAssertEqual(response.text, String(decoding: LiveReload.inject(into: Array(notFoundFile.utf8)), as: UTF8.self), path)
                XCTAssertFalse(response.text.contains("icon.svg") || response.text.contains("font.woff2"), path)
            }
            let head = try await Self.get(port, "/khong-co/", method: "HEAD")
            XCTAssertEqual(head.status, 404)
            XCTAssertTrue(head.body.isEmpty)
            // Other methods get nothing either.
            let post = try await Self.get(port, Self.article, method: "POST")
            XCTAssertEqual(post.status, 404)
        }
    }

    // MARK: Safety

    func testTraversalAttemptsAreRefused() async throws {
        let site = try PreviewSite()
        try site.write("secret.txt", "TOP-SECRET")
        try await withServer(site, watch: false) { port, _ in
            let targets = [
                "/../secret.txt", "/../../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
                "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                "/..%5csecret.txt", "/assets%5c..%5c..%5csecret.txt", "/assets\\..\\..\\secret.txt", "/index.html%00.css",
                "/%00", "/.sitegen-manifest", "//secret.txt", "//example.com/", "/%252e%252e/secret.txt", "/%ff%fe",
                "/assets/./style.css", "/%zz",
            ]
            for target in targets {
                let response: RawConnection.Response
                do {
                    response = try await Self.get(port, target)
                } catch {
                    continue  // the HTTP parser itself refused the request line: nothing served
                }
                XCTAssertTrue([400, 404].contains(response.status), "\(target) → \(response.status)")
                XCTAssertFalse(response.text.contains("TOP-SECRET"), target)
                XCTAssertFalse(response.text.contains("root:"), target)
                XCTAssertNil(response.headers["location"], target)
            }
            for raw in [Array("/a\0b".utf8), Array("/index.html\0.css".utf8)] {
                if let response = try? await RawHTTP.request(port: port, rawTarget: raw) {
                    XCTAssertTrue([400, 404].contains(response.status), "NUL → \(response.status)")
                    XCTAssertFalse(response.text.contains("TOP-SECRET"))
                }
            }
            // The server is still fine afterwards.
            let ok = try await Self.get(port, "/")
            XCTAssertEqual(ok.status, 200)
        }
    }

    func testSymlinksLeadingOutOfTheOutputAreNotServed() async throws {
        let site = try PreviewSite()
        try site.write("secret.txt", "TOP-SECRET")
        try await withServer(site, watch: false) { port, _ in
            let output = site.output.path
            XCTAssertEqual(symlink("../secret.txt", output + "/leak.txt"), 0)
            XCTAssertEqual(symlink(site.root.path, output + "/leakdir"), 0)
            XCTAssertEqual(symlink("/etc/passwd", output + "/passwd.txt"), 0)
            XCTAssertEqual(symlink("index.html", output + "/inside.html"), 0)  // inside: fine
            for target in ["/leak.txt", "/leakdir/secret.txt", "/leakdir/", "/passwd.txt"] {
                let response = try await Self.get(port, target)
                XCTAssertEqual(response.status, 404, target)
                XCTAssertFalse(response.text.contains("TOP-SECRET"), target)
                XCTAssertFalse(response.text.contains("root:"), target)
            }
            let inside = try await Self.get(port, "/inside.html")
            XCTAssertEqual(inside.status, 200)
        }
    }

    func testForeignHostHeadersAreRefused() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.nip.io", "localhost.evil.example:\(port)",
                         "evil.example@localhost", "10.0.0.1:\(port)", "", "localhost:abc"] {
                let response = try await RawHTTP.request(port: port, target: "/", host: host)
                XCTAssertEqual(response.status, 403, "Host: \(host)")
                XCTAssertFalse(response.text.contains("<html"), host)
            }
            let missing = try await RawHTTP.request(port: port, target: "/", host: nil)
            XCTAssertTrue([400, 403].contains(missing.status), "no Host → \(missing.status)")
            // An absolute-form request naming another host is refused too.
            let absolute = try await RawHTTP.request(port: port, target: "http://evil.example/", host: "evil.example")
            XCTAssertEqual(absolute.status, 403)
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST", "localhost.:\(port)", "app.localhost"] {
                let response = try await RawHTTP.request(port: port, target: "/", host: host)
                XCTAssertEqual(response.status, 200, "Host: \(host)")
            }
            // The event stream and status are guarded the same way.
            let status = try await RawHTTP.request(port: port, target: "/__sitegen/status", host: "evil.example")
            XCTAssertEqual(status.status, 403)
        }
    }

    func testSlowClientDoesNotBlockOthers() async throws {
        let site = try PreviewSite()
        try await withServer(site, watch: false) { port, _ in
            // Ten clients that send half a request and stall.
            let stalled = try await RawHTTP.blocking { () -> [RawConnection] in
                try (0..<10).map { _ in
                    let connection = try RawConnection(port: port)
                    try connection.send(Array("GET / HTTP/1.1\r\nHost: loc".utf8))
                    return connection
                }
            }
            let start = Date()
            for _ in 0..<20 {
                let response = try await Self.get(port, Self.article)
                XCTAssertEqual(response.status, 200)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 5)
            // Garbage is answered or dropped, and the server goes on.
            _ = try? await RawHTTP.blocking { () -> RawConnection.Response in
                let connection = try RawConnection(port: port, timeout: 2)
                try connection.send(Array("NOT HTTP AT ALL\r\n\r\n".utf8))
                return try connection.readResponse()
            }
            let after = try await Self.get(port, "/")
            XCTAssertEqual(after.status, 200)
            for connection in stalled { connection.close() }
        }
    }

    // MARK: Rebuilds

    func testEditIsServedAfterRebuild() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, server in
            let before = try await Self.get(port, Self.article)
            XCTAssertFalse(before.text.contains("EDIT-ONE"))
            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
                body: "Sản lượng tăng mạnh. EDIT-ONE"))
            try await eventually("the edit was not served") { try await Self.get(port, Self.article).text.contains("EDIT-ONE") }
            // Saved the way many editors do, through a temporary file renamed over the old one.
            try site.replace(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534,
                body: "Sản lượng tăng mạnh. EDIT-TWO"))
            try await eventually("the renamed file was not served") { try await Self.get(port, Self.article).text.contains("EDIT-TWO") }
            // Pages listing it follow (the title is on the home page).
            try site.replace(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu xong", date: "2023-08-05T07:00:00+07:00", views: 1534,
                body: "EDIT-THREE"))
            try await eventually("the home page did not follow") { try await Self.get(port, "/").text.contains("hè thu xong") }
            // A template change re-renders with it.
            let base = site.url("templates/base.mustache")
            let template = try String(contentsOf: base, encoding: .utf8)
            try site.replace("templates/base.mustache", template.replacingOccurrences(of: "<body>", with: "<body data-template=\"TEMPLATE-EDIT\">"))
            try await eventually("the template edit was not served") { try await Self.get(port, "/chu-de/").text.contains("TEMPLATE-EDIT") }
            XCTAssertTrue(server.state.current.ok)
        }
    }

    func testBrokenFileKeepsLastGoodBuildAndReportsError() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, server in
            try site.write(PreviewSite.articleFile, """
            ---
            title: "Nông dân Lam Giang thu hoạch lúa hè thu"
            date: "không phải ngày tháng"
            ---

            BROKEN-EDIT
            """)
            try await eventually("the failure was not reported") { !server.state.current.ok }
            // The status endpoint (what the overlay reads) says what and where.
            let status = try await Self.get(port, "/__sitegen/status")
            XCTAssertEqual(status.status, 200)
            let decoded = try JSONDecoder.preview.decode(PreviewState.Status.self, from: Data(status.body))
            XCTAssertFalse(decoded.ok)
            let problem = try XCTUnwrap(decoded.errors.first)
            XCTAssertEqual(problem.file, PreviewSite.articleFile)
            XCTAssertEqual(problem.line, 3)
            XCTAssertTrue(problem.text.hasPrefix("\(PreviewSite.articleFile):3: "), problem.text)
            // The last good page is still served.
            let page = try await Self.get(port, Self.article)
            XCTAssertEqual(page.status, 200)
            XCTAssertTrue(page.text.contains("Vụ hè thu năm nay đạt năng suất cao."))
            XCTAssertFalse(page.text.contains("BROKEN-EDIT"))
            // A broken template is reported with its line too, and fixing everything clears it.
            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", body: "FIXED-EDIT"))
            try await eventually("the fix was not served") {
                guard server.state.current.ok else { return false }
                return try await Self.get(port, Self.article).text.contains("FIXED-EDIT")
            }
            XCTAssertTrue(server.state.current.errors.isEmpty)
        }
    }

    func testEventsStreamSendsReloadAndError() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, server in
            let stream = try await RawHTTP.blocking { () -> RawConnection in
                let connection = try RawConnection(port: port)
                try connection.send(Array("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n".utf8))
                return connection
            }
            let head = try await RawHTTP.blocking { try stream.read(until: "\r\n\r\n") }
            XCTAssertTrue(head.hasPrefix("HTTP/1.1 200"), head)
            XCTAssertTrue(head.lowercased().contains("content-type: text/event-stream"), head)
            let hello = try await RawHTTP.blocking { try stream.read(until: "event: hello") }
            XCTAssertTrue(hello.contains("retry: 1000"), hello)
            try await eventually { server.state.listenerCount == 1 }

            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", body: "SSE-EDIT"))
            _ = try await RawHTTP.blocking { try stream.read(until: "event: reload") }

            try site.write(PreviewSite.articleFile, "---\ntitle: [unclosed\n---\nx\n")
            let error = try await RawHTTP.blocking { () -> String in
                _ = try stream.read(until: "event: error\ndata: ")
                return try stream.read(until: "\n\n")
            }
            XCTAssertTrue(error.contains(PreviewSite.articleFile), error)

            // A page that reconnects having missed a build is told to reload at once.
            let stale = try await RawHTTP.blocking { () -> String in
                let connection = try RawConnection(port: port)
                try connection.send(Array("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: old-1\r\n\r\n".utf8))
                let text = try connection.read(until: "event: reload")
                connection.close()
                return text
            }
            XCTAssertTrue(stale.contains("HTTP/1.1 200"))
            // The open stream stays open while the test ends: shutting down must not wait for it.
        }
    }

    func testOpenPageReloadsAsSoonAsItsPageIsWritten() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, server in
            let stream = try await RawHTTP.blocking { () -> RawConnection in
                let connection = try RawConnection(port: port)
                let target = "/__sitegen/events?page=%2F2023%2F08%2Fnong-dan-lam-giang-thu-hoach-lua-he-thu%2F"
                try connection.send(Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
                _ = try connection.read(until: "event: hello")
                return connection
            }
            try await eventually { server.state.openPages == [PreviewSite.articlePath] }
            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", views: 1534, body: "OPEN-PAGE"))
            _ = try await RawHTTP.blocking { try stream.read(until: "event: reload") }
            let page = try await Self.get(port, Self.article)
            XCTAssertTrue(page.text.contains("OPEN-PAGE"))
            stream.close()
        }
    }

    func testShutdownIsPromptWithOpenEventStreams() async throws {
        let site = try PreviewSite()
        let holder = ConnectionHolder()
        let start = Date()
        try await withServer(site) { port, server in
            for _ in 0..<3 {
                let connection = try await RawHTTP.blocking { () -> RawConnection in
                    let connection = try RawConnection(port: port)
                    try connection.send(Array("GET /__sitegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
                    _ = try connection.read(until: "event: hello")
                    return connection
                }
                holder.add(connection)
            }
            try await eventually { server.state.listenerCount == 3 }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 8)
        // The streams were ended by the server.
        for connection in holder.all {
            let ended = try await RawHTTP.blocking { () -> Bool in
                do { _ = try connection.read(until: "never-sent") } catch { return true }
                return false
            }
            XCTAssertTrue(ended)
        }
    }

    func testFirstBuildRunsInTheBackground() async throws {
        let site = try PreviewSite()
        let server = PreviewServer(configuration: PreviewServer.Configuration(
            project: site.project, options: SiteBuilder.Options(baseURL: "/"), port: 0, quietPeriod: 0.02))
        try await server.makeApplication().test(.live) { client in
            let port = try XCTUnwrap(client.port)
            // Served before anything is built: the "building…" page (issue 16), with the live-reload script.
            let early = try await Self.get(port, Self.article)
            XCTAssertEqual(early.status, 503)
            XCTAssertTrue(early.text.contains("/__sitegen/live.js"))
            server.scheduleFullBuild()
            try await eventually("the first build did not finish") { server.state.current.builds == 1 }
            let page = try await Self.get(port, Self.article)
            XCTAssertEqual(page.status, 200)
            // Shutting down while a build runs waits for it (no half-written output).
            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", body: "LAST"))
            server.scheduleFullBuild()
        }
        XCTAssertFalse(server.rebuilder.isRunning, "the server stopped with a build still running")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { $0.contains("sitegen-ahead") || $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testFoldersCreatedAndFilesDeletedAreSeen() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, _ in
            // A new folder with a file in it, created in one go.
            try site.write("content/2024/moi/bai-moi.md", PreviewSite.markdown(
                title: "Bài mới trong thư mục mới", date: "2024-03-02", body: "NEW-FOLDER"))
            let newPage = "/2024/03/bai-moi-trong-thu-muc-moi/"
            try await eventually("the new page did not appear") { try await Self.get(port, newPage).status == 200 }
            // Deleting the file removes its page.
            try FileManager.default.removeItem(at: site.url("content/2024/moi/bai-moi.md"))
            try await eventually("the deleted page is still served") { try await Self.get(port, newPage).status == 404 }
            // Deleting a whole folder too.
            let old = "/2022/01/khai-giang-nam-hoc-moi-o-ia-krong/"
            let before = try await Self.get(port, old)
            XCTAssertEqual(before.status, 200)
            try FileManager.default.removeItem(at: site.url("content/2022"))
            try await eventually("the deleted folder's page is still served") { try await Self.get(port, old).status == 404 }
            // A views export in data/ counts too.
            try site.write("data/views.csv", "slug,views\nban-thuong-vu-tinh-uy-hop-thang-7,987654\n")
            try await eventually("the data change was not served") {
                try await Self.get(port, "/2023/07/ban-thuong-vu-tinh-uy-hop-thang-7/").text.contains("987.654")
            }
            // And the settings.
            try site.replace("site.yml", "title: \"SETTINGS-EDIT\"\nbase_url: \"https://example.gov.vn/\"\nlanguage: vi\npage_size: 2\n")
            try await eventually("the settings change was not served") { try await Self.get(port, "/").text.contains("SETTINGS-EDIT") }
        }
    }

    func testFilesOnDiskNeverContainTheScript() async throws {
        let site = try PreviewSite()
        try await withServer(site) { port, _ in
            try site.write(PreviewSite.articleFile, PreviewSite.markdown(
                title: "Nông dân Lam Giang thu hoạch lúa hè thu", date: "2023-08-05T07:00:00+07:00", body: "DISK-EDIT"))
            try await eventually { try await Self.get(port, Self.article).text.contains("DISK-EDIT") }
        }
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: site.output.path))
        XCTAssertGreaterThan(files.count, 10)
        for file in files {
            guard let data = FileManager.default.contents(atPath: site.output.appendingPathComponent(file).path) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("__sitegen"), file)
        }
        // `sitegen build` does the same thing.
        let built = site.root.appendingPathComponent("built")
        _ = try SiteBuilder(project: Project(root: site.root, output: built)).build()
        for file in try FileManager.default.subpathsOfDirectory(atPath: built.path) {
            guard let data = FileManager.default.contents(atPath: built.appendingPathComponent(file).path) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("__sitegen"), file)
        }
    }

    func testServesUnderTheBasePath() async throws {
        let site = try PreviewSite()
        let configuration = PreviewServer.Configuration(
            project: site.project, options: SiteBuilder.Options(baseURL: "/luu-tru/"), port: 0, watch: false, basePath: "/luu-tru/")
        let server = PreviewServer(configuration: configuration)
        XCTAssertTrue(server.buildNow())
        try await server.makeApplication().test(.live) { client in
            let port = try XCTUnwrap(client.port)
            let root = try await Self.get(port, "/")
            XCTAssertEqual(root.status, 302)
            XCTAssertEqual(root.headers["location"], "/luu-tru/")
            let home = try await Self.get(port, "/luu-tru/")
            XCTAssertEqual(home.status, 200)
            XCTAssertTrue(home.text.range(of: "href=\"/luu-tru/assets/style\\.[0-9a-f]{12}\\.css\"", options: .regularExpression) != nil)
            let folder = try await Self.get(port, "/luu-tru/2023")
            XCTAssertEqual(folder.headers["location"], "/luu-tru/2023/")
            let outside = try await Self.get(port, "/2023/")
            XCTAssertEqual(outside.status, 404)
        }
    }
}

final class ConnectionHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [RawConnection] = []
    func add(_ connection: RawConnection) { lock.withLock { connections.append(connection) } }
    var all: [RawConnection] { lock.withLock { connections } }
}

extension JSONDecoder {
    static var preview: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
