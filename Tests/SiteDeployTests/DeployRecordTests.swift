import SiteKit
import XCTest
@testable import SiteDeploy

final class DeployRecordTests: XCTestCase {
    func testManifestRoundTripsAndDropsUnsafePaths() {
        let manifest = DeployManifest(entries: ["a/index.html": .init(md5: "0123", size: 5), "b c.css": .init(md5: nil, size: 7)], generation: "g-1")
        XCTAssertEqual(DeployManifest.parse(manifest.serialized()), manifest)
        let tampered = Array("sitegen-deploy 1 g\naa 1 ../etc/passwd\naa 1 /abs\naa 1 ok.html\naa x bad.html\n".utf8)
        XCTAssertEqual(DeployManifest.parse(tampered)?.entries.keys.sorted(), ["ok.html"])
        XCTAssertNil(DeployManifest.parse(Array("hello\n".utf8)))
    }

    func testJournalAppliesInOrderAndIgnoresATornLine() {
        let text = DeployJournal.headerLine(base: "g1")
            + DeployJournal.line(.started(path: "a.html", size: 3))
            + DeployJournal.line(.arrived(path: "a.html", md5: "ff", size: 3))
            + DeployJournal.line(.started(path: "b.html", size: 4))
            + DeployJournal.line(.deleted(path: "old.html"))
            + "+ ee 9 c.ht"  // the process died while writing this
        let journal = DeployJournal.parse(text)
        XCTAssertEqual(journal?.base, "g1")
        XCTAssertEqual(journal?.events.count, 4)
        let before = DeployManifest(entries: ["old.html": .init(md5: "11", size: 1), "b.html": .init(md5: "22", size: 4)], generation: "g1")
        let after = journal!.applied(to: before)
        XCTAssertEqual(after.entries, ["a.html": .init(md5: "ff", size: 3), "b.html": .init(md5: nil, size: 4)])
    }

    func testTargetURLs() throws {
        XCTAssertEqual(try DeployTarget.parse("file:///var/www/luu-tru"), .folder(path: "/var/www/luu-tru/"))
        guard case .rsync(let ssh) = try DeployTarget.parse("ssh://deploy@web.example.vn:2222/srv/site") else { return XCTFail() }
        XCTAssertEqual(ssh.destination, "deploy@web.example.vn:/srv/site/")
        XCTAssertEqual(ssh.port, 2222)
        guard case .s3(let s3) = try DeployTarget.parse("s3://luu-tru/ban-tin?endpoint=http://127.0.0.1:9000/&region=hn-1") else { return XCTFail() }
        XCTAssertEqual(s3, .init(bucket: "luu-tru", prefix: "ban-tin/", endpoint: "http://127.0.0.1:9000", region: "hn-1", profile: nil))
        guard case .s3(let aws) = try DeployTarget.parse("s3://b") else { return XCTFail() }
        XCTAssertEqual(aws.endpoint, "https://s3.us-east-1.amazonaws.com")
        XCTAssertThrowsError(try DeployTarget.parse("ftp://host/x"))
        XCTAssertThrowsError(try DeployTarget.parse("file://relative"))
        XCTAssertThrowsError(try DeployTarget.parse("ssh://host"))
    }

    func testMediaTypesAndCacheControl() {
        XCTAssertEqual(MediaType.of("2023/08/a/index.html"), "text/html; charset=utf-8")
        XCTAssertEqual(MediaType.of("feed.xml"), "application/rss+xml; charset=utf-8")
        XCTAssertEqual(MediaType.of("sitemap.xml"), "application/xml; charset=utf-8")
        XCTAssertEqual(MediaType.of("_redirects"), "text/plain; charset=utf-8")
        XCTAssertEqual(MediaType.of("a/b.JPG"), "image/jpeg")
        XCTAssertEqual(MediaType.of("tim-kiem/index/w1.bin"), "application/octet-stream")
        var cache = CacheControl()
        XCTAssertEqual(cache.header(for: "index.html", searchFolder: "tim-kiem/"), "public, max-age=300")
        XCTAssertEqual(cache.header(for: "assets/style.css", searchFolder: "tim-kiem/"), "public, max-age=86400")
        XCTAssertEqual(cache.header(for: "tim-kiem/index/w1.bin", searchFolder: "tim-kiem/"), "public, max-age=3600")
        // Names that carry a hash of their bytes never change: a year, immutable. Names that only
        // look hashed, or hashed names outside the build's two folders, keep a day.
        let year = "public, max-age=31536000, immutable"
        for path in ["assets/style.3f9a0c21d4e8.css", "assets/search.0123456789ab.js",
                     "img/anh-1-0123456789abcdef-800.webp", "img/le-hoi-0123456789abcdef-share.jpg"] {
            XCTAssertEqual(cache.header(for: path, searchFolder: "tim-kiem/"), year, path)
        }
        for path in ["assets/style.3F9A0C21D4E8.css", "assets/style.3f9a0c21d4e.css", "static/style.3f9a0c21d4e8.css",
                     "img/anh-0123456789abcdef.webp", "img/2023/anh-1-0123456789abcdef-800.webp",
                     "img/anh-1-0123456789abcdeg-800.webp"] {
            XCTAssertEqual(cache.header(for: path, searchFolder: "tim-kiem/"), "public, max-age=86400", path)
        }
        cache.headers[.html] = "no-cache"
        XCTAssertEqual(cache.header(for: "a/index.html", searchFolder: "tim-kiem/"), "no-cache")
    }

    /// AWS's own worked example ("Example: GET Object" of the S3 Signature V4 documentation).
    func testSignatureMatchesAWSExample() {
        let signer = SignatureV4(credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                                            secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                                 region: "us-east-1")
        let headers = signer.sign(method: "GET", encodedPath: "/test.txt", query: [],
                                  headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
                                  payloadHash: SignatureV4.sha256Hex([]), date: Date(timeIntervalSince1970: 1_369_353_600))
        let authorization = headers.first { $0.0 == "Authorization" }?.1 ?? ""
        XCTAssertTrue(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "))
        XCTAssertTrue(authorization.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"))
        XCTAssertTrue(authorization.hasSuffix("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), authorization)
        XCTAssertEqual(SignatureV4.encode("a b/ố~", keepSlash: true), "a%20b/%E1%BB%91~")
    }

    func testCredentialsFromEnvironmentThenProfile() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "[default]\naws_access_key_id = AK1\naws_secret_access_key = S1\n\n[lam-giang]\naws_access_key_id=AK2\naws_secret_access_key=S2\naws_session_token = T2\n"
            .write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        XCTAssertEqual(AWSCredentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "ES"], home: home, profile: nil)?.accessKeyID, "E")
        XCTAssertEqual(AWSCredentials.resolve(environment: [:], home: home, profile: nil)?.accessKeyID, "AK1")
        let named = AWSCredentials.resolve(environment: ["AWS_PROFILE": "lam-giang"], home: home, profile: nil)
        XCTAssertEqual(named?.sessionToken, "T2")
        XCTAssertEqual("\(named!)", "AWS credentials (hidden)")
        XCTAssertNil(AWSCredentials.resolve(environment: [:], home: home, profile: "missing"))
    }

    func testSettingsFromSiteYML() throws {
        let config = try SiteConfig.parse("""
        title: "Lưu trữ"
        deploy:
          - name: web
            url: "ssh://deploy@web.example.vn/var/www/luu-tru/"
            ssh: "ssh -i key"
          - name: s3
            url: "s3://luu-tru/?endpoint=https://s3.example.vn&region=hn-1"
            cache_control: { html: "no-cache" }
        """)
        let settings = try DeploySettings(config: config)
        XCTAssertEqual(try settings.target(nil).name, "web")
        XCTAssertEqual(try settings.target(nil).ssh, "ssh -i key")
        XCTAssertEqual(try settings.target("s3").cacheControl.headers[.html], "no-cache")
        XCTAssertEqual(try settings.target("s3").cacheControl.headers[.assets], "public, max-age=86400")
        XCTAssertThrowsError(try settings.target("missing"))
        XCTAssertEqual(try settings.target("file:///tmp/x/").name, "file____tmp_x_")
        XCTAssertThrowsError(try DeploySettings().target(nil))
        for bad in ["deploy: \"s3://b\"", "deploy:\n  - name: a\n    url: \"s3://b\"\n    cache_control: { bogus: x }",
                    "deploy:\n  - name: \"../x\"\n    url: \"s3://b\"", "deploy:\n  - name: a\n    url: \"ftp://b\""] {
            XCTAssertThrowsError(try DeploySettings(config: SiteConfig.parse(bad)), bad)
        }
    }

    func testRedirectsAreKeyedByTheFileThatAnswersThem() {
        let text = "/luu-tru/tin-tuc/1.html /luu-tru/2023/08/a/ 301\n/luu-tru/cu/ /luu-tru/b/ 301\n/khac/x /y 301\n"
        XCTAssertEqual(Redirects.parse(text, basePath: "/luu-tru/"),
                       ["tin-tuc/1.html": "/luu-tru/2023/08/a/", "cu/index.html": "/luu-tru/b/"])
    }
}
