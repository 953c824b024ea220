/// The words of the generated archive: Vietnamese news vocabulary, written for this generator.
/// Lists are "|"-separated so a phrase of several syllables ("phát triển") is one entry.
/// Sentences are built from these with a small grammar (see `TextGenerator`): they read like
/// Vietnamese provincial news to the eye, and have its letters, diacritics and word lengths.
enum Vocabulary {
    static let province = "Lam Giang"

    /// Nouns and noun phrases: the objects of sentences.
    static let nouns = list("""
    kinh tế|xã hội|chính trị|văn hóa|giáo dục|y tế|nông nghiệp|công nghiệp|thương mại|dịch vụ|du lịch|\
    giao thông|xây dựng|môi trường|tài nguyên|đất đai|nhà ở|việc làm|thu nhập|đời sống|người dân|nhân dân|\
    cán bộ|đảng viên|công chức|viên chức|doanh nghiệp|nhà đầu tư|dự án|công trình|kế hoạch|chương trình|\
    nghị quyết|chỉ thị|quyết định|văn bản|chính sách|cơ chế|giải pháp|nhiệm vụ|mục tiêu|chỉ tiêu|kết quả|\
    thành tích|hiệu quả|chất lượng|tiến độ|nguồn vốn|ngân sách|hộ gia đình|hộ nghèo|hộ cận nghèo|trẻ em|\
    học sinh|sinh viên|giáo viên|bệnh viện|trạm y tế|trường học|cơ sở|địa phương|khu vực|vùng sâu|\
    vùng xa|hội nghị|cuộc họp|buổi làm việc|đoàn công tác|lãnh đạo|đơn vị|tổ chức|lực lượng|an ninh|\
    trật tự|quốc phòng|thiên tai|mưa lũ|sạt lở|hạn hán|mùa vụ|cây lúa|cây ngô|cà phê|hồ tiêu|cao su|\
    cây ăn quả|rau màu|chăn nuôi|thủy sản|rừng phòng hộ|nguồn nước|điện lưới|tuyến đường|cây cầu|\
    kênh mương|hồ chứa|trạm bơm|sản phẩm|hàng hóa|thị trường|giá cả|tăng trưởng|hạ tầng|đô thị|nông thôn|\
    miền núi|biên giới|ven biển|lễ hội|di tích|truyền thống|bản sắc|phong trào|cuộc thi|giải thưởng|\
    hoạt động|sự kiện|tình hình|thông tin|dữ liệu|công nghệ|thủ tục|hồ sơ|dịch vụ công|quy hoạch|\
    mặt bằng|khu công nghiệp|cụm công nghiệp|làng nghề|hợp tác xã|tổ hợp tác|nông dân|ngư dân|công nhân|\
    người lao động|thanh niên|phụ nữ|người cao tuổi|cựu chiến binh|gia đình chính sách|người có công|\
    đồng bào|dân tộc thiểu số|chức sắc|tôn giáo|mặt trận|đoàn thể|hội viên|đoàn viên|chi bộ|đảng bộ|\
    cấp ủy|chính quyền|ủy ban|hội đồng|sở ngành|phòng ban|cơ quan|bộ phận|ban chỉ đạo|tổ công tác|\
    năng lực|trách nhiệm|kỷ luật|kỷ cương|đạo đức|lối sống|tư tưởng|nhận thức|ý thức|niềm tin|\
    sức khỏe|dịch bệnh|tiêm chủng|khám chữa bệnh|bảo hiểm y tế|bảo hiểm xã hội|an sinh xã hội|\
    nhà văn hóa|sân chơi|thư viện|bảo tàng|nghệ thuật|âm nhạc|thể thao|bóng đá|giải đấu|vận động viên|\
    mô hình|kinh nghiệm|sáng kiến|đề tài|nghiên cứu|khoa học|kỹ thuật|giống cây trồng|vật nuôi|phân bón|\
    thời tiết|nhiệt độ|lượng mưa|mực nước|đê điều|bờ kè|cửa biển|tàu cá|bến cảng|chợ|siêu thị|\
    tiểu thương|sức mua|nguồn cung|giá trị|sản lượng|năng suất|diện tích|dân số|lao động|tay nghề|\
    đào tạo|học nghề|chứng chỉ|việc làm mới|xuất khẩu lao động|vốn vay|tín dụng|ngân hàng|thuế|phí
    """)

    /// Verbs and verb phrases.
    static let verbs = list("""
    triển khai|thực hiện|tổ chức|tham gia|hỗ trợ|đẩy mạnh|tăng cường|nâng cao|phát huy|xây dựng|\
    hoàn thành|đạt|vượt|kiểm tra|giám sát|chỉ đạo|đề nghị|yêu cầu|phối hợp với|tuyên truyền|vận động|\
    khắc phục|giải quyết|đầu tư|cải thiện|bảo đảm|rà soát|đánh giá|tổng kết|sơ kết|trao tặng|thăm hỏi|\
    làm việc với|khánh thành|khởi công|ký kết|phát động|ra mắt|tiếp nhận|bàn giao|ban hành|thông qua|\
    quán triệt|cụ thể hóa|huy động|lồng ghép|duy trì|mở rộng|nhân rộng|chuyển đổi|ứng dụng|số hóa|\
    theo dõi|nắm bắt|tháo gỡ|xử lý|ngăn chặn|phòng ngừa|ứng phó|di dời|sửa chữa|nâng cấp|cải tạo|\
    bố trí|phân bổ|giải ngân|thu hút|kêu gọi|khuyến khích|biểu dương|khen thưởng|ghi nhận|đón nhận|\
    công bố|lấy ý kiến|góp ý|thảo luận|bàn bạc|thống nhất|chủ trì|dự|tiếp xúc|đối thoại|lắng nghe|\
    chăm lo|quan tâm|tạo điều kiện cho|đồng hành cùng|gắn kết|kết nối|quảng bá|giới thiệu|bảo tồn|\
    phát triển|củng cố|kiện toàn|sắp xếp|tinh gọn|đổi mới|cải cách|rút ngắn|đơn giản hóa|công khai
    """)

    /// Adjectives and adverbs that follow a noun or a verb.
    static let modifiers = list("""
    quan trọng|hiệu quả|bền vững|toàn diện|cụ thể|kịp thời|chặt chẽ|tích cực|mới|lớn|cao|tốt|\
    khó khăn|thuận lợi|đồng bộ|thiết thực|nổi bật|trọng điểm|cấp bách|lâu dài|rõ rệt|đáng kể|\
    ổn định|an toàn|minh bạch|công khai|nghiêm túc|quyết liệt|linh hoạt|sáng tạo|chủ động|thường xuyên|\
    đúng tiến độ|đúng quy định|chất lượng cao|phù hợp|hợp lý|lành mạnh|văn minh|sạch đẹp|vững chắc|\
    sâu rộng|hiện đại|truyền thống|đặc sắc|phong phú|đa dạng|thiết yếu|cơ bản|then chốt|đột phá
    """)

    /// Openers that begin a sentence and are followed by a comma.
    static let openers = list("""
    Theo đó|Trong thời gian qua|Bên cạnh đó|Đồng thời|Tuy nhiên|Ngoài ra|Cũng trong dịp này|Năm nay|\
    Trong tháng qua|Thời gian tới|Để đạt mục tiêu trên|Trước đó|Sau hội nghị|Tại buổi làm việc|\
    Phát biểu tại hội nghị|Theo báo cáo|Theo ông|Theo bà|Qua kiểm tra|Nhờ vậy|Từ đầu năm đến nay|\
    Trong năm|Những năm gần đây|Với sự vào cuộc của cả hệ thống chính trị|Dịp này|Cùng ngày
    """)

    /// Small words between the parts of a sentence.
    static let quantifiers = list("các|những|nhiều|một số|toàn bộ|hầu hết các|từng")
    static let auxiliaries = list("đã|đang|sẽ|tiếp tục|cần|phải|đã và đang|kịp thời|chủ động|cùng")
    static let prepositions = list("""
    cho|với|tại|trên địa bàn|trong|theo|về|đối với|của|thuộc|ở|từ|nhằm phục vụ|gắn với|trong lĩnh vực|\
    trên lĩnh vực|bằng nguồn|vì
    """)
    static let linkers = list("""
    và|đồng thời|nhằm|để|qua đó|từ đó|góp phần|bảo đảm|tạo điều kiện|giúp|hướng tới|nhất là|trong đó
    """)

    /// Subjects: who does things in provincial news.
    static let subjects = list("""
    UBND tỉnh|Tỉnh ủy|Ban Thường vụ Tỉnh ủy|HĐND tỉnh|Ủy ban MTTQ Việt Nam tỉnh|Sở Y tế|\
    Sở Giáo dục và Đào tạo|Sở Nông nghiệp và Phát triển nông thôn|Sở Tài chính|Sở Kế hoạch và Đầu tư|\
    Sở Giao thông vận tải|Sở Văn hóa, Thể thao và Du lịch|Sở Tài nguyên và Môi trường|Sở Công Thương|\
    Sở Lao động - Thương binh và Xã hội|Sở Thông tin và Truyền thông|Sở Khoa học và Công nghệ|Công an tỉnh|\
    Bộ Chỉ huy Quân sự tỉnh|Bộ đội Biên phòng tỉnh|Tỉnh đoàn|Hội Nông dân tỉnh|Hội Liên hiệp Phụ nữ tỉnh|\
    Liên đoàn Lao động tỉnh|Hội Cựu chiến binh tỉnh|Ngân hàng Chính sách xã hội tỉnh|Bệnh viện Đa khoa tỉnh|\
    Trung tâm Kiểm soát bệnh tật tỉnh|Cục Thuế tỉnh|Kho bạc Nhà nước tỉnh|Đài Phát thanh - Truyền hình tỉnh|\
    UBND huyện Lam Hạ|UBND thành phố Lam Giang|Huyện ủy Bắc Lam|UBND thị xã Sông Lam|UBND huyện Phước Sơn|\
    UBND huyện Tân Phú|UBND huyện Đồng Hới|người dân|bà con nông dân|các doanh nghiệp|các địa phương|\
    các sở, ngành|ngành chức năng|lực lượng chức năng|chính quyền địa phương|các cấp, các ngành
    """)

    /// Places, for titles and sentences.
    static let places = list("""
    Lam Giang|Lam Hạ|Bắc Lam|Sông Lam|Phước Sơn|Tân Phú|Đồng Hới|Phước Lam|Tân Phú Đông|An Thạnh|\
    Hòa Bình|Thạnh Lợi|Mỹ Đức|Vĩnh Hưng|Bình Minh|Long Hải|Đông Xuyên|Tây Sơn|Cẩm Phô|Núi Thành|\
    Hương Trà|Đại Lộc|Quế Sơn|Tam Kỳ|Điện Bàn|Duy Xuyên|Thăng Bình|Hiệp Đức|Tiên Phước|Bắc Trà My
    """)

    /// Titles of officials, after a name: "ông Nguyễn Văn Tám, Chủ tịch UBND tỉnh".
    static let officials = list("""
    Bí thư Tỉnh ủy|Phó Bí thư Thường trực Tỉnh ủy|Chủ tịch UBND tỉnh|Phó Chủ tịch UBND tỉnh|\
    Chủ tịch HĐND tỉnh|Giám đốc Sở Y tế|Giám đốc Sở Tài chính|Trưởng Ban Tuyên giáo Tỉnh ủy|\
    Chủ tịch UBND huyện|Bí thư Huyện ủy|Chủ tịch UBND xã|Trưởng thôn|Giám đốc hợp tác xã|Hiệu trưởng nhà trường|\
    Giám đốc Bệnh viện Đa khoa tỉnh|Trưởng phòng Nông nghiệp huyện|Chủ tịch Hội Nông dân xã
    """)

    static let familyNames = list("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đoàn|Trương|Đinh|Lâm")
    static let middleNames = list("Văn|Thị|Thanh|Minh|Hữu|Quốc|Thu|Ngọc|Xuân|Đức|Hoài|Kim|Anh|Công|Bảo")
    static let givenNames = list("""
    Tám|Hà|Kha|Cường|Dũng|Hùng|Lan|Mai|Hương|Tuấn|Nam|Bình|Phương|Hạnh|Sơn|Hải|Quang|Trung|Thảo|Vân|\
    Khải|Long|Thắng|Nga|Yến|Tâm|Hiếu|Duẩn|Quyết|Huyền|Linh|Phúc|Lộc|Thủy|Châu|Trinh|Nhung|Khoa|Vinh|Toàn
    """)

    /// Headline verbs ("… triển khai …") and endings ("… năm 2023").
    static let headlineVerbs = list("""
    triển khai|tổ chức|sơ kết|tổng kết|khánh thành|khởi công|phát động|ra quân|kiểm tra|hỗ trợ|trao|\
    đẩy mạnh|tăng cường|nâng cao|hoàn thành|đón nhận|ký kết|ban hành|thông qua|công bố|bàn giải pháp|\
    tập trung|chủ động|khẩn trương|quyết liệt|đối thoại về|lấy ý kiến về|gặp mặt|tuyên dương|biểu dương
    """)

    /// The 40 tags, most used first (the generator gives them Zipf-like weights in this order), each
    /// with the phrase that marks it in a legacy article (`site.yml`'s tag_rules).
    static let tags: [(name: String, keyword: String)] = [
        ("Nông nghiệp", "sản xuất nông nghiệp"), ("Tỉnh ủy", "Tỉnh ủy"), ("Giáo dục", "ngành giáo dục"),
        ("Y tế", "ngành y tế"), ("Giao thông", "an toàn giao thông"), ("Đầu tư", "thu hút đầu tư"),
        ("Nông thôn mới", "nông thôn mới"), ("Du lịch", "khách du lịch"), ("Xây dựng Đảng", "công tác xây dựng Đảng"),
        ("Doanh nghiệp", "cộng đồng doanh nghiệp"), ("Môi trường", "bảo vệ môi trường"), ("Văn hóa", "đời sống văn hóa"),
        ("Thể thao", "thể dục thể thao"), ("Cải cách hành chính", "cải cách hành chính"),
        ("Chuyển đổi số", "chuyển đổi số"), ("Phòng chống thiên tai", "phòng chống thiên tai"),
        ("Giảm nghèo", "giảm nghèo bền vững"), ("An ninh trật tự", "an ninh trật tự"), ("HĐND tỉnh", "kỳ họp HĐND"),
        ("Lao động việc làm", "giải quyết việc làm"), ("Thủy lợi", "công trình thủy lợi"), ("Xuất khẩu", "kim ngạch xuất khẩu"),
        ("Thu ngân sách", "thu ngân sách"), ("Phòng chống tham nhũng", "phòng, chống tham nhũng"),
        ("Dân tộc thiểu số", "vùng đồng bào dân tộc thiểu số"), ("OCOP", "sản phẩm OCOP"), ("Thủy sản", "nuôi trồng thủy sản"),
        ("Lâm nghiệp", "trồng rừng"), ("Quốc phòng", "quốc phòng toàn dân"), ("Biển đảo", "chủ quyền biển đảo"),
        ("Khoa học công nghệ", "ứng dụng khoa học công nghệ"), ("Tết Nguyên đán", "Tết Nguyên đán"),
        ("Lễ hội", "lễ hội truyền thống"), ("Covid-19", "Covid-19"), ("Khuyến học", "khuyến học, khuyến tài"),
        ("Người cao tuổi", "người cao tuổi"), ("Tôn giáo", "hoạt động tôn giáo"), ("Bảo hiểm xã hội", "bảo hiểm xã hội tự nguyện"),
        ("Cựu chiến binh", "Hội Cựu chiến binh"), ("Trẻ em", "quyền trẻ em"),
    ]

    /// The 8 categories, each with the tags that suggest it (`site.yml`'s category_rules use their keywords).
    static let categories: [(name: String, tags: [Int])] = [
        ("Thời sự", [1, 8, 18]), ("Kinh tế", [0, 5, 9, 20, 21, 22, 25, 26, 27]),
        ("Xã hội", [16, 19, 24, 35, 37, 39]), ("Văn hóa - Thể thao", [7, 11, 12, 31, 32]),
        ("Pháp luật", [17, 23]), ("Quốc phòng - An ninh", [28, 29, 38]),
        ("Giáo dục - Y tế", [2, 3, 33, 34]), ("Khoa học - Công nghệ", [14, 30, 13]),
    ]

    static let timesOfDay = list("Sáng|Chiều|Tối|Trưa")

    static func list(_ text: String) -> [String] {
        text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping }
            .filter { !$0.isEmpty }
    }
}
