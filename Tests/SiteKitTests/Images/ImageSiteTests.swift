import XCTest
@testable import SiteKit

/// Whole sites with photos drawn by the test: what `build` makes of them, and what it refuses.
final class ImageSiteTests: XCTestCase {
    static let bundle = "content/2023/08/khai-mac-hoi-cho/"

    /// A page bundle with a lead photo (1600×1000) and a body photo (1000×600) beside its `index.md`.
    func bundleSite() throws -> TestSite {
        let article = TestSite.markdown(
            title: "Khai mạc hội chợ", date: "2023-08-01T08:00:00+07:00", tags: ["Kinh tế"],
            extra: """
            image: anh-dau.jpg
            image_alt: 'Toàn cảnh "hội chợ" & <khách>'
            image_caption: 'Lễ khai mạc <b>hội chợ</b> & triển lãm'
            image_credit: "Ảnh: Xuân Kha"
            """,
            body: "Sáng 1/8, hội chợ khai mạc.\n\n![Gian hàng & nông sản](anh-1.jpg \"Ảnh: Hòa Lê\")\n\nKhách tham quan đông.")
        let site = try TestSite(files: [
            Self.bundle + "index.md": article,
            "content/2023/08/tin-khac.md": TestSite.markdown(title: "Tin khác về hội chợ", date: "2023-08-02", tags: ["Kinh tế"]),
        ])
        try site.write(Self.bundle + "anh-dau.jpg", bytes: try TestPhotos.jpeg(1600, 1000))
        try site.write(Self.bundle + "anh-1.jpg", bytes: try TestPhotos.jpeg(1000, 600))
        return site
    }

    func testBundlePhotosAreResizedToEachWidthAsRealJPEGAndWebP() throws {
        let site = try bundleSite()
        let report = try site.build()
        XCTAssertEqual(report.images, 2)
        XCTAssertEqual(report.imagesEncoded, 2)

        // The lead: the site's widths and the thumbnail's, both formats, and the share picture.
        let lead = try site.photoFiles("anh-dau")
        XCTAssertEqual(lead.count, 9, "\(lead)")
        for width in [240, 480, 800, 1200] {
            for format in ["jpg", "webp"] {
                guard let name = lead.first(where: { $0.hasSuffix("-\(width).\(format)") }) else { return XCTFail("no \(width).\(format) in \(lead)") }
                let header = try Vips.probe(try site.bytes("img/" + name))
                XCTAssertEqual(header.width, width)
                XCTAssertEqual(header.height, width * 1000 / 1600, "\(name): the aspect ratio is kept")
                XCTAssertTrue(header.loader.lowercased().contains(format == "jpg" ? "jpeg" : "webp"), "\(name) is \(header.loader)")
            }
        }
        let share = try XCTUnwrap(lead.first { $0.hasSuffix("-share.jpg") })
        let shareHeader = try Vips.probe(try site.bytes("img/" + share))
        XCTAssertEqual([shareHeader.width, shareHeader.height], [1200, 630])

        // The body photo is narrower than the largest width: it gets its own width instead, never enlarged.
        let body = try site.photoFiles("anh-1")
        XCTAssertEqual(body.map { $0.split(separator: "-").last! }.sorted(), ["1000.jpg", "1000.webp", "480.jpg", "480.webp", "800.jpg", "800.webp"])
        // Named by the hash of their bytes and settings: "anh-1-<16 hex>-800.jpg".
        XCTAssertTrue(body.allSatisfy { $0.range(of: #"^anh-1-[0-9a-f]{16}-\d+\.(jpg|webp)$"#, options: .regularExpression) != nil }, "\(body)")
        XCTAssertEqual(try LinkChecker.brokenLinks(in: site.output, basePath: "/luu-tru/"), [])
    }

    /// The names the build gives by hash are the ones `FingerprintedNames` (and so the deploy's
    /// year-long Cache-Control) recognises: every processed photo and hashed theme asset, and no
    /// other file of the site.
    func testEveryHashedOutputNameIsRecognisedAndNoOtherFile() throws {
        let site = try bundleSite()
        try site.build()
        let paths = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.output.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        let photos = paths.filter { $0.hasPrefix("img/") }
        let hashedAssets = paths.filter { $0.hasPrefix("assets/") && $0.range(of: #"\.[0-9a-f]{12}\.[a-z]+$"#, options: .regularExpression) != nil }
        XCTAssertFalse(photos.isEmpty)
        XCTAssertTrue(hashedAssets.contains { $0.hasPrefix("assets/style.") }, "\(hashedAssets)")
        for path in paths {
            XCTAssertEqual(FingerprintedNames.contains(path), photos.contains(path) || hashedAssets.contains(path), path)
        }
        XCTAssertFalse(FingerprintedNames.contains("assets/style.css"))
    }

    func testArticlePageShowsPicturesWithSrcsetSizeAndEscapedCaptions() throws {
        let site = try bundleSite()
        try site.build()
        let page = try site.page("2023/08/khai-mac-hoi-cho/index.html")
        // The lead photo: WebP and JPEG srcsets, the fallback's size, loaded at once.
        XCTAssertTrue(page.contains(#"<figure class="photo"><picture><source type="image/webp" srcset="/luu-tru/img/anh-dau-"#), page)
        XCTAssertNotNil(page.range(of: #"srcset="/luu-tru/img/anh-dau-[0-9a-f]{16}-240\.jpg 240w, /luu-tru/img/anh-dau-[0-9a-f]{16}-480\.jpg 480w, /luu-tru/img/anh-dau-[0-9a-f]{16}-800\.jpg 800w, /luu-tru/img/anh-dau-[0-9a-f]{16}-1200\.jpg 1200w""#, options: .regularExpression))
        XCTAssertTrue(page.contains(#"width="800" height="500" alt="Toàn cảnh &quot;hội chợ&quot; &amp; &lt;khách&gt;" fetchpriority="high" decoding="async">"#), page)
        XCTAssertTrue(page.contains("<figcaption>Lễ khai mạc &lt;b&gt;hội chợ&lt;/b&gt; &amp; triển lãm <span class=\"credit\">Ảnh: Xuân Kha</span></figcaption>"), page)
        // The body photo: its Markdown text is caption and alt, its title the credit; below the first screen, lazy.
        XCTAssertTrue(page.contains(#"width="800" height="480" alt="Gian hàng &amp; nông sản" loading="lazy" decoding="async">"#), page)
        XCTAssertTrue(page.contains("<figcaption>Gian hàng &amp; nông sản <span class=\"credit\">Ảnh: Hòa Lê</span></figcaption>"), page)
        XCTAssertFalse(page.contains("<p><figure"), "a lone image's paragraph is replaced by the figure")
        XCTAssertFalse(page.contains(#"src="anh-1.jpg""#))
        // Shares: the cropped 1200×630 picture, absolute.
        XCTAssertNotNil(page.range(of: #"<meta property="og:image" content="https://example.gov.vn/luu-tru/img/anh-dau-[0-9a-f]{16}-share\.jpg">"#, options: .regularExpression), page)
        XCTAssertTrue(page.contains(#"<meta property="og:image:width" content="1200">"#))
        XCTAssertTrue(page.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        // Feeds carry the lead photo (Media RSS).
        let feed = try site.page("feed.xml")
        XCTAssertNotNil(feed.range(of: #"<media:content url="https://example.gov.vn/luu-tru/img/anh-dau-[0-9a-f]{16}-800\.jpg" medium="image" type="image/jpeg" width="800" height="500"/>"#, options: .regularExpression), feed)
        XCTAssertEqual(feed.components(separatedBy: "<media:content").count - 1, 1, "the article without a photo has none")

        // Lists show the thumbnail; an article without a photo has none, and its page a plain card.
        let tag = try site.page("chu-de/kinh-te/index.html")
        XCTAssertNotNil(tag.range(of: #"<img src="/luu-tru/img/anh-dau-[0-9a-f]{16}-240\.jpg" width="240" height="150" alt="" loading="lazy""#, options: .regularExpression), tag)
        XCTAssertEqual(tag.components(separatedBy: "class=\"thumb\"").count - 1, 1)
        let other = try site.page("2023/08/tin-khac-ve-hoi-cho/index.html")
        XCTAssertTrue(other.contains(#"<meta name="twitter:card" content="summary">"#))
        XCTAssertFalse(other.contains("og:image"))
        XCTAssertTrue(other.contains("thumb-s"), "its \"Tin khác\" shows the other article's thumbnail")
    }

    func testEXIFIsStrippedAndOrientationApplied() throws {
        let site = try TestSite(files: [
            "content/2023/08/dien-thoai/index.md": TestSite.markdown(title: "Ảnh chụp bằng điện thoại", date: "2023-08-03", extra: "image: chan-dung.jpg"),
        ])
        // Stored 300×200 with "turn 90°" in EXIF, as a phone held upright writes it, with its GPS position.
        let original = TestPhotos.withEXIF(try TestPhotos.jpeg(300, 200))
        XCTAssertTrue(TestPhotos.contains(original, "Exif"))
        let header = try Vips.probe(original)
        XCTAssertEqual([header.width, header.height], [200, 300], "libvips reads the orientation we wrote")
        try site.write("content/2023/08/dien-thoai/chan-dung.jpg", bytes: original)
        try site.build()
        let files = try site.photoFiles("chan-dung")
        XCTAssertFalse(files.isEmpty)
        for name in files {
            let bytes = try site.bytes("img/" + name)
            XCTAssertFalse(TestPhotos.contains(bytes, "Exif"), "\(name) keeps EXIF (and the GPS position)")
            XCTAssertFalse(TestPhotos.contains(bytes, "GPS"))
            if name.hasSuffix("-share.jpg") { continue }
            let made = try Vips.probe(bytes)
            XCTAssertGreaterThan(made.height, made.width, "\(name) is upright (orientation applied, then dropped)")
        }
        XCTAssertTrue(files.contains { $0.hasSuffix("-200.jpg") }, "the photo's own width, after turning: \(files)")
    }

    func testRebuildEncodesOnlyNewOrChangedPhotos() throws {
        let site = try bundleSite()
        XCTAssertEqual(try site.build().imagesEncoded, 2)
        let before = try site.snapshot().filter { $0.key.hasPrefix("img/") }
        // Text edited: pages are rendered again, photos are not encoded again.
        try site.write(Self.bundle + "index.md", try String(contentsOf: site.root.appendingPathComponent(Self.bundle + "index.md"), encoding: .utf8)
            .replacingOccurrences(of: "Khách tham quan đông.", with: "Khách tham quan rất đông."))
        let second = try site.build()
        XCTAssertEqual(second.images, 2)
        XCTAssertEqual(second.imagesEncoded, 0)
        XCTAssertEqual(try site.snapshot().filter { $0.key.hasPrefix("img/") }, before)
        XCTAssertTrue(try site.page("2023/08/khai-mac-hoi-cho/index.html").contains("rất đông"))

        // One photo replaced: only it is encoded, under new names; its old files are removed.
        try site.write(Self.bundle + "anh-1.jpg", bytes: try TestPhotos.jpeg(900, 600))
        let third = try site.build()
        XCTAssertEqual(third.imagesEncoded, 1)
        let after = try site.photoFiles("anh-1")
        XCTAssertTrue(after.contains { $0.hasSuffix("-900.jpg") }, "\(after)")
        XCTAssertEqual(after.count, 6, "the old photo's files are gone: \(after)")
        XCTAssertEqual(try site.photoFiles("anh-dau").count, 9)

        // The same photos with the cache ignored: encoded again, and every file the same bytes.
        let cached = try site.snapshot()
        let clean = try site.build(cache: false)
        XCTAssertEqual(clean.imagesEncoded, 2)
        XCTAssertEqual(try site.photoFiles("anh-1"), after)
        XCTAssertEqual(try site.snapshot(), cached)
    }

    func testMissingPhotosAreEachAnErrorWithTheirLineAndOutputIsKept() throws {
        let site = try bundleSite()
        try site.build()
        let before = try site.snapshot()
        try site.write("content/2023/09/thieu-anh.md", TestSite.markdown(
            title: "Bài thiếu ảnh", date: "2023-09-01", extra: "image: khong-co.jpg",
            body: "Đoạn một.\n\n![Ảnh](thu-muc/khong-co-2.png)\n\n![Ngoài](../../../../bi-mat.jpg)"))
        let errors = site.buildErrors().map(\.description)
        XCTAssertEqual(errors, [
            "content/2023/09/thieu-anh.md:4: image 'khong-co.jpg' not found (looked for content/2023/09/khong-co.jpg)",
            "content/2023/09/thieu-anh.md:9: image 'thu-muc/khong-co-2.png' not found (looked for content/2023/09/thu-muc/khong-co-2.png)",
            "content/2023/09/thieu-anh.md:11: image '../../../../bi-mat.jpg' leads outside the site's content/ folder",
        ])
        XCTAssertEqual(try site.snapshot(), before, "public/ is left as it was")
        // `sitegen check` finds the same.
        XCTAssertThrowsError(try site.load()) { error in
            XCTAssertEqual((error as? BuildFailure)?.errors.map(\.description), errors)
        }
    }

    func testCorruptTruncatedHugeAndBombPhotosAreErrorsNotCrashes() throws {
        let photo = try TestPhotos.jpeg(800, 600)
        let cases: [(name: String, bytes: [UInt8], message: String)] = [
            ("hong.jpg", Array("không phải ảnh".utf8) + [UInt8](repeating: 7, count: 500), "is not an image sitegen can read"),
            ("cat-doi.jpg", Array(photo.prefix(photo.count / 2)), "cannot be decoded"),
            ("khong-lo.jpg", TestPhotos.claimingSize(photo, width: 12_000, height: 10_000), "is 12000×10000 pixels, more than the limit of 50 megapixels"),
            ("bom.png", TestPhotos.pngBomb(width: 30_000, height: 30_000), ""),
        ]
        for (index, item) in cases.enumerated() {
            let site = try TestSite(files: [
                "content/2023/08/bai-\(index)/index.md": TestSite.markdown(title: "Bài \(index)", date: "2023-08-01", extra: "image: \(item.name)"),
            ])
            try site.write("content/2023/08/bai-\(index)/\(item.name)", bytes: item.bytes)
            let errors = site.buildErrors()
            XCTAssertEqual(errors.count, 1, item.name)
            XCTAssertEqual(errors.first?.path, "content/2023/08/bai-\(index)/index.md")
            XCTAssertEqual(errors.first?.line, 4)
            let text = errors.first?.description ?? ""
            XCTAssertTrue(text.contains("image '\(item.name)' (content/2023/08/bai-\(index)/\(item.name))"), text)
            if !item.message.isEmpty { XCTAssertTrue(text.contains(item.message), text) }
            if item.name == "bom.png" { XCTAssertTrue(text.contains("megapixels") || text.contains("not an image"), text) }
            XCTAssertFalse(site.exists("index.html"), "nothing is written")
            // `sitegen check` reads headers only: it finds all but the truncated file, which only decoding shows.
            if item.name != "cat-doi.jpg" { XCTAssertThrowsError(try site.load(), item.name) }
        }
    }

    /// The preview server's builder: a photo replaced on disk is picked up by the next rebuild.
    func testPreviewRebuildPicksUpAReplacedPhoto() throws {
        let site = try bundleSite()
        let builder = SiteBuilder(project: site.project, options: SiteBuilder.Options(publish: PublishOptions(now: TestSite.now)))
        let memory = BuildMemory(project: site.project)
        try builder.build(changes: nil, memory: memory)
        XCTAssertEqual(try site.photoFiles("anh-1").count, 6)
        let photo = site.root.appendingPathComponent(Self.bundle + "anh-1.jpg").path
        try site.write(Self.bundle + "anh-1.jpg", bytes: try TestPhotos.jpeg(700, 500))
        try builder.build(changes: ChangeSet(watched: [photo], project: site.project), memory: memory)
        let files = try site.photoFiles("anh-1")
        XCTAssertTrue(files.contains { $0.hasSuffix("-700.jpg") }, "\(files)")
        let name = try XCTUnwrap(files.first { $0.hasSuffix("-700.jpg") })
        XCTAssertTrue(try site.page("2023/08/khai-mac-hoi-cho/index.html").contains(name))
    }

    func testAPhotoLinkedFromOutsideTheSiteIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-outside-\(UUID().uuidString).jpg")
        try Data(try TestPhotos.jpeg(300, 200)).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let site = try TestSite(files: [
            "content/2023/08/lien-ket/index.md": TestSite.markdown(title: "Liên kết", date: "2023-08-01", extra: "image: anh.jpg"),
        ])
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/2023/08/lien-ket/anh.jpg").path,
                                                   withDestinationPath: outside.path)
        XCTAssertEqual(site.buildErrors().map(\.description),
                       ["content/2023/08/lien-ket/index.md:4: image 'anh.jpg' (content/2023/08/lien-ket/anh.jpg) is a link to a file outside the site"])
    }

    /// Found by the photo benchmark: two bundles with the same photo under the same name wanted the same files.
    func testTheSamePhotoInTwoBundlesMakesOneSetOfFiles() throws {
        let site = try TestSite(files: [
            "content/2023/08/mot/index.md": TestSite.markdown(title: "Bài một", date: "2023-08-01", extra: "image: anh.jpg"),
            "content/2023/08/hai/index.md": TestSite.markdown(title: "Bài hai", date: "2023-08-02", extra: "image: anh.jpg"),
        ])
        let photo = try TestPhotos.jpeg(600, 400)
        try site.write("content/2023/08/mot/anh.jpg", bytes: photo)
        try site.write("content/2023/08/hai/anh.jpg", bytes: photo)
        try site.build()
        let files = try site.photoFiles("anh")
        XCTAssertEqual(files.count, 7, "\(files)")
        let share = try XCTUnwrap(files.first { $0.hasSuffix("-share.jpg") })
        XCTAssertTrue(try site.page("2023/08/bai-mot/index.html").contains(share))
        XCTAssertTrue(try site.page("2023/08/bai-hai/index.html").contains(share))
    }

    func testStaticFilesAreCopiedAndRootPathsFindThem() throws {
        let site = try TestSite(files: [
            "content/2023/08/logo.md": TestSite.markdown(title: "Biểu trưng mới", date: "2023-08-01", extra: "image: /images/bieu-trung.png",
                                                         body: "Xem ![bản đồ](https://example.com/ban-do.jpg) trên mạng."),
            "static/tai-lieu/huong-dan.txt": "Hướng dẫn",
            "static/.an": "hidden",
        ])
        try site.write("static/images/bieu-trung.png", bytes: try TestPhotos.png(640, 640))
        try site.build()
        XCTAssertEqual(try site.page("tai-lieu/huong-dan.txt"), "Hướng dẫn")
        XCTAssertEqual(try site.bytes("images/bieu-trung.png"), try TestPhotos.png(640, 640), "copied as it is")
        XCTAssertFalse(site.exists(".an"))
        XCTAssertTrue(try site.photoFiles("bieu-trung").contains { $0.hasSuffix("-640.jpg") })
        let page = try site.page("2023/08/bieu-trung-moi/index.html")
        XCTAssertTrue(page.contains(#"<img src="https://example.com/ban-do.jpg" alt="bản đồ" />"#), "a photo on another site is left as written")
        // A static file that would overwrite a page is refused.
        try site.write("static/index.html", "<p>tay</p>")
        XCTAssertTrue(site.buildErrors().contains { $0.path == "static/index.html" })
    }
}
