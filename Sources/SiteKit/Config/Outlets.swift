/// News outlets and agencies that bylines name as a source ("Theo VnExpress", "TTXVN/Tin Tức"),
/// with the spellings scraped bylines use, so "Vnexpress", "VNE" and "vnexpress.net" are one source.
public struct Outlets: Sendable, Equatable {
    public struct Outlet: Sendable, Equatable {
        /// The name pages show.
        public var name: String
        /// Other spellings; the name itself always matches.
        public var spellings: [String]

        public init(name: String, spellings: [String] = []) {
            self.name = name
            self.spellings = spellings
        }
    }

    public private(set) var outlets: [Outlet]
    /// Folded spelling → index into `outlets`, made once.
    private var byKey: [String: Int] = [:]

    public init(_ outlets: [Outlet]) {
        self.outlets = outlets
        for (index, outlet) in outlets.enumerated() {
            for spelling in [outlet.name] + outlet.spellings where byKey[Self.key(spelling)] == nil {
                byKey[Self.key(spelling)] = index
            }
        }
    }

    /// The outlet a spelling names, if it is one of the list.
    public func outlet(named text: String) -> Outlet? {
        let key = Self.key(text)
        if let index = byKey[key] { return outlets[index] }
        // "vnexpress.net", "VOV.VN", "VOV-Tokyo": the part before a domain or a bureau.
        for separator: Character in [".", "-", "–"] {
            if let head = text.split(separator: separator).first, head.count < text.count, let index = byKey[Self.key(String(head))] {
                return outlets[index]
            }
        }
        // "VTV1", "VOV5": a channel of the outlet.
        let channel = key.reversed().drop(while: \.isNumber)
        if channel.count >= 2, channel.count < key.count, let index = byKey[String(channel.reversed())] { return outlets[index] }
        return nil
    }

    /// Letters and digits only, folded: "Dân Trí", "dantri" and "DÂN TRÍ" meet; "&" and "+" count.
    static func key(_ text: String) -> String {
        String(VietnameseText.fold(text).unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "&" || $0 == "+" }
            .map(Character.init))
    }

    /// Vietnamese news outlets and agencies, and the foreign ones they quote most, as spelled in
    /// 5,062 scraped articles of a provincial archive. `site.yml` `outlets:` adds to or overrides it.
    public static let vietnamese = Outlets([
        Outlet(name: "VnExpress", spellings: ["VNE", "vnexpress.net", "Vn Express"]),
        Outlet(name: "Tuổi Trẻ", spellings: ["Tuổi Trẻ Online", "TTO", "tuoitre.vn"]),
        Outlet(name: "Thanh Niên", spellings: ["TNO", "Thanh Niên Online", "thanhnien.vn"]),
        Outlet(name: "Dân trí", spellings: ["dantri.com.vn"]),
        Outlet(name: "VietNamNet", spellings: ["VNN", "Vietnamnet.vn"]),
        Outlet(name: "Zing", spellings: ["Zing.vn", "Zing News", "Znews"]),
        Outlet(name: "VOV", spellings: ["VOV.VN", "Đài Tiếng nói Việt Nam", "VOV Online"]),
        Outlet(name: "VTV", spellings: ["VTV.vn", "VTV News", "VTV24"]),
        Outlet(name: "VTC", spellings: ["VTC News", "VTC.vn"]),
        Outlet(name: "Thể thao Việt Nam", spellings: ["TTVN", "thethaovietnam.vn"]),
        Outlet(name: "TTXVN", spellings: ["VNA", "Thông tấn xã Việt Nam"]),
        Outlet(name: "Tin Tức", spellings: ["Báo Tin Tức", "baotintuc.vn"]),
        Outlet(name: "Vietnam+", spellings: ["VietnamPlus", "Vietnam Plus"]),
        Outlet(name: "Người Lao Động", spellings: ["NLĐ", "NLD", "nld.com.vn"]),
        Outlet(name: "Lao Động", spellings: ["laodong.vn", "Báo Lao Động"]),
        Outlet(name: "Tiền Phong", spellings: ["Báo Tiền Phong", "tienphong.vn"]),
        Outlet(name: "Pháp Luật TP.HCM", spellings: ["PLO", "Pháp luật TPHCM", "Pháp luật Thành phố Hồ Chí Minh"]),
        Outlet(name: "An ninh Thủ đô", spellings: ["ANTĐ", "ANTD"]),
        Outlet(name: "Công an Nhân dân", spellings: ["CAND", "CAND Online"]),
        Outlet(name: "Nhân Dân", spellings: ["Báo Nhân Dân", "nhandan.vn"]),
        Outlet(name: "Quân đội Nhân dân", spellings: ["QĐND", "QDND"]),
        Outlet(name: "Sài Gòn Giải Phóng", spellings: ["SGGP"]),
        Outlet(name: "Kinh tế & Đô thị", spellings: ["Kinh tế và Đô thị", "KTĐT"]),
        Outlet(name: "Trí Thức Trẻ", spellings: ["Trithuctre", "Tri thức trẻ", "ttt.vn"]),
        Outlet(name: "Giáo dục Việt Nam", spellings: ["GĐVN", "GDVN", "giaoduc.net.vn"]),
        Outlet(name: "Đời sống & Pháp luật", spellings: ["Đời sống và Pháp luật", "ĐS&PL", "Đời sống Plus"]),
        Outlet(name: "Thể thao & Văn hóa", spellings: ["TT&VH", "TTVH", "Thể thao và Văn hóa", "thethaovanhoa.vn"]),
        Outlet(name: "Ngôi Sao", spellings: ["Ngoisao", "Ngoisao.net"]),
        Outlet(name: "Dân Việt", spellings: ["danviet.vn"]),
        Outlet(name: "Khám phá", spellings: ["Khampha", "Khampha.vn"]),
        Outlet(name: "Thời Đại", spellings: ["Báo Thời Đại"]),
        Outlet(name: "Kênh 14", spellings: ["Kenh14", "Kenh14.vn"]),
        Outlet(name: "24h", spellings: ["24h.com.vn"]),
        Outlet(name: "Soha", spellings: ["Soha.vn"]),
        Outlet(name: "CafeF", spellings: ["Cafef.vn"]),
        Outlet(name: "CafeBiz", spellings: ["Cafebiz.vn"]),
        Outlet(name: "Infonet", spellings: ["Infonet.vn"]),
        Outlet(name: "Một Thế Giới", spellings: ["1thegioi", "1thegioi.vn"]),
        Outlet(name: "VGP", spellings: ["Cổng TTĐT Chính phủ", "Chinhphu.vn", "Báo Điện tử Chính phủ"]),
        Outlet(name: "Vietnam Finance", spellings: ["VietnamFinance"]),
        Outlet(name: "Đầu tư", spellings: ["Báo Đầu tư", "Baodautu.vn"]),
        Outlet(name: "Doanh nhân Sài Gòn", spellings: ["DNSG"]),
        Outlet(name: "Tri thức & Cuộc sống", spellings: ["Kiến thức", "Kienthuc.net.vn"]),
        Outlet(name: "Eva", spellings: ["Eva.vn"]),
        Outlet(name: "Afamily", spellings: ["Afamily.vn"]),
        Outlet(name: "Bongda.com.vn", spellings: ["Bongda"]),
        Outlet(name: "Bóng đá+", spellings: ["Bongdaplus", "Bongdaplus.vn"]),
        Outlet(name: "Webthethao", spellings: ["Webthethao.vn"]),
        Outlet(name: "VFF", spellings: []),
        Outlet(name: "Reuters"),
        Outlet(name: "AFP"),
        Outlet(name: "AP", spellings: ["Associated Press"]),
        Outlet(name: "EPA"),
        Outlet(name: "BBC"),
        Outlet(name: "CNN"),
        Outlet(name: "Bloomberg"),
        Outlet(name: "Tân Hoa Xã", spellings: ["Xinhua", "THX"]),
        Outlet(name: "Kyodo"),
        Outlet(name: "Yonhap"),
        Outlet(name: "Sputnik"),
        Outlet(name: "RT", spellings: ["Russia Today"]),
        Outlet(name: "The Guardian", spellings: ["Guardian"]),
        Outlet(name: "Daily Mail", spellings: ["Dailymail", "Dailymail.co.uk"]),
        Outlet(name: "The Sun", spellings: ["Thesun.co.uk", "Sun Sport"]),
        Outlet(name: "Telegraph", spellings: ["The Telegraph"]),
        Outlet(name: "Goal", spellings: ["Goal.com"]),
        Outlet(name: "ESPN"),
        Outlet(name: "Marca"),
        Outlet(name: "Sky Sports"),
        Outlet(name: "New York Times", spellings: ["NYTimes", "The New York Times", "NYT"]),
        Outlet(name: "Washington Post", spellings: ["The Washington Post"]),
        Outlet(name: "Nikkei"),
    ])
}
