#!/usr/bin/env python3
"""Picks articles of a real legacy archive across topics and prints their "Tin khác", for judging by hand.

    python3 Benchmarks/related-judge.py CORPUS_DIR PUBLIC_DIR [--per-topic 5] [--seed 14] [--top 5]

CORPUS_DIR holds the legacy .txt files (line 1 the title, line 2 the lead); PUBLIC_DIR is the
output of `sitegen build` of a site whose content/ holds those files. Each file is put under the
first topic whose keywords its title (or else its lead) contains; `--per-topic` files are drawn
from each topic with a fixed seed, so the same corpus gives the same picks whatever sitegen
lists. Prints Markdown: per article its file id, title and the first `--top` related titles,
with an empty judgement column to fill in.
"""
import argparse
import html
import os
import random
import re
import sys
import unicodedata

# Crude on purpose: it only spreads the picks; a reader judges relatedness.
TOPICS = [
    ("sport", ["bóng đá", "cầu thủ", "đội tuyển", "HLV", "World Cup", "V-League", "Premier League", "Champions League",
               "tennis", "SEA Games", "U23", "Real Madrid", "Barcelona", "Man Utd", "Chelsea", "Arsenal", "Messi", "Ronaldo"]),
    ("crime", ["bắt giữ", "khởi tố", "lừa đảo", "cướp", "trộm", "ma túy", "giết", "truy nã", "tạm giam", "bị bắt",
               "án tù", "xét xử", "hung thủ", "nghi phạm", "công an", "tai nạn", "tử vong", "vụ cháy", "hỏa hoạn", "đuối nước",
               "va chạm", "thiệt mạng"]),
    ("world", ["Mỹ", "Trung Quốc", "Triều Tiên", "Nga", "Tổng thống", "Nhật Bản", "Hàn Quốc", "Syria", "IS", "Trump",
               "châu Âu", "Anh", "Pháp", "Đức", "Ấn Độ", "Philippines", "Thái Lan"]),
    ("economy", ["giá", "doanh nghiệp", "ngân hàng", "xuất khẩu", "đầu tư", "thị trường", "chứng khoán", "tỷ đồng",
                 "thuế", "kinh tế", "xăng", "vàng", "bất động sản"]),
    ("health", ["bệnh", "bác sĩ", "bệnh viện", "sức khỏe", "ung thư", "thuốc", "dịch", "virus", "vắc xin"]),
    ("culture", ["ca sĩ", "phim", "nghệ sĩ", "hoa hậu", "lễ hội", "diễn viên", "MV", "người mẫu", "showbiz", "sao"]),
    ("technology", ["Facebook", "iPhone", "Samsung", "Apple", "Google", "điện thoại", "smartphone", "công nghệ", "ứng dụng"]),
    ("education", ["học sinh", "sinh viên", "thi", "trường", "giáo viên", "đại học", "tuyển sinh"]),
]


def nfc(text):
    return unicodedata.normalize("NFC", text)


def contains_word(text, keyword):
    # Whole words, case as written for short uppercase keywords ("IS", "MV"), else case-insensitive.
    flags = 0 if keyword.isupper() else re.IGNORECASE
    return re.search(r"(?<!\w)" + re.escape(keyword) + r"(?!\w)", text, flags) is not None


def topic_of(title, lead):
    for text in (title, lead):
        for name, keywords in TOPICS:
            if any(contains_word(text, keyword) for keyword in keywords):
                return name
    return None


def read_corpus(folder):
    articles = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
            lines = [nfc(line.strip()) for line in handle.read().splitlines() if line.strip()]
        if len(lines) < 2:
            continue
        articles.append({"id": name[:-4], "title": lines[0], "lead": lines[1]})
    return articles


ARTICLE_H1 = re.compile(r'<h1 itemprop="headline">(.*?)</h1>', re.S)
LEAD = re.compile(r'<p class="lead"[^>]*>(.*?)</p>', re.S)
RELATED = re.compile(r'<section class="related".*?<ul class="compact">(.*?)</ul>', re.S)
LINK = re.compile(r'<a href="[^"]*">(.*?)</a>', re.S)


def read_pages(public):
    """Title → [(lead, related titles)] of every article page."""
    pages = {}
    for root, _, files in os.walk(public):
        if "index.html" not in files:
            continue
        with open(os.path.join(root, "index.html"), encoding="utf-8") as handle:
            text = handle.read()
        heading = ARTICLE_H1.search(text)
        if not heading:
            continue
        title = nfc(html.unescape(heading.group(1)).strip())
        lead = LEAD.search(text)
        related = RELATED.search(text)
        titles = [nfc(html.unescape(link).strip()) for link in LINK.findall(related.group(1))] if related else []
        pages.setdefault(title, []).append((nfc(html.unescape(lead.group(1))) if lead else "", titles))
    return pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("public")
    parser.add_argument("--per-topic", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--top", type=int, default=5)
    arguments = parser.parse_args()

    articles = read_corpus(arguments.corpus)
    by_topic = {name: [] for name, _ in TOPICS}
    for article in articles:
        topic = topic_of(article["title"], article["lead"])
        if topic:
            by_topic[topic].append(article)
    pages = read_pages(arguments.public)
    generator = random.Random(arguments.seed)
    picks = []
    for name, _ in TOPICS:
        candidates = sorted(by_topic[name], key=lambda article: article["id"])
        picks += [(name, article) for article in generator.sample(candidates, min(arguments.per_topic, len(candidates)))]

    print(f"{len(articles)} articles read, {sum(len(v) for v in pages.values())} article pages; "
          f"topics: " + ", ".join(f"{name} {len(by_topic[name])}" for name, _ in TOPICS), file=sys.stderr)
    for number, (topic, article) in enumerate(picks, 1):
        found = pages.get(article["title"], [])
        # Same title twice: the page whose lead starts like the file's.
        match = next((page for page in found if page[0][:60] == article["lead"][:60]), found[0] if found else None)
        print(f"### {number}. {article['id']} ({topic}): {article['title']}\n")
        if match is None:
            print("(no article page found)\n")
            continue
        for index, title in enumerate(match[1][:arguments.top], 1):
            print(f"{index}. {title} — ")
        print()


if __name__ == "__main__":
    main()
