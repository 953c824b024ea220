#!/usr/bin/env python3
"""Real-browser test of the search page (issue 5).

Builds the sample archive (content/ and site.yml of the repository) with `swift run sitegen build`
under a base path (/luu-tru/), serves it with `python3 -m http.server` on a free loopback port,
and loads /luu-tru/tim-kiem/?q=... in headless Chromium (`--dump-dom`), then checks:

- a query without diacritics made from an article's title finds that article first, with the
  matched words highlighted (<mark>) in its title and its snippet;
- paging (page 2 differs from page 1), the year filter, and the no-result message.

Needs Debian's `chromium` (installed with apt-get when missing and running as root) and python3.
Usage: Tests/browser/search-test.py [--keep] [--no-build DIR]   (run from anywhere; exit 1 on failure)
"""
import html.parser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = "/luu-tru/"
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def fold(text):
    """VietnameseText.fold: NFC → đ/Đ to d, diacritics off, lower case."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return text.lower()


def syllables(text):
    return re.findall(r"[^\W_]+", fold(text))


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        return shutil.which("chromium")
    sys.exit("chromium is not installed (apt-get install chromium)")


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if not match:
        return None
    fields = {}
    for line in match.group(1).splitlines():
        m = re.match(r'(\w+):\s*"?(.*?)"?\s*$', line)
        if m:
            fields[m.group(1)] = m.group(2)
    body = match.group(2).strip()
    fields["lead"] = re.sub(r"[*_`\[\]]|\(/[^)]*\)", "", body.split("\n\n")[0]) if body else ""
    return fields


def pick_article():
    """The first Markdown article (by path) with a title of 6+ syllables that shares 2+ of them
    with its snippet (the summary, or the lead paragraph): its folded title is the query."""
    paths = []
    for folder, _, files in os.walk(os.path.join(ROOT, "content")):
        paths += [os.path.join(folder, f) for f in files if f.endswith(".md")]
    for path in sorted(paths):
        fields = front_matter(path)
        if not fields or fields.get("draft") == "true" or "title" not in fields:
            continue
        title = fields["title"]
        snippet = fields.get("summary") or fields["lead"]
        words = syllables(title)
        if len(words) >= 6 and len(set(words) & set(syllables(snippet[:150]))) >= 2:
            return path, title
    sys.exit("no suitable article in content/")


class Page(html.parser.HTMLParser):
    """Collects the result items, the status line, the page links and the form's data-stats."""

    def __init__(self):
        super().__init__()
        self.results = []
        self.status = None
        self.stats = None
        self.error = None
        self.pages = []
        self.current_page = None
        self.stack = []
        self.in_status = False
        self.in_pages = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "search-form":
            self.stats = attrs.get("data-stats")
            self.error = attrs.get("data-error")
        if attrs.get("id") == "search-status":
            self.in_status = True
            self.status = ""
        if attrs.get("id") == "search-pages":
            self.in_pages = True
        if self.in_pages and tag == "a":
            self.pages.append(attrs.get("href"))
            if attrs.get("aria-current") == "page":
                self.current_page = attrs.get("data-page")
        if tag == "li" and "search-result" in (attrs.get("class") or ""):
            self.results.append({"title": "", "title_marks": [], "href": None, "snippet": "", "snippet_marks": [], "date": None})
        if self.results:
            result = self.results[-1]
            if tag == "a" and result["href"] is None:
                result["href"] = attrs.get("href")
            if tag == "time":
                result["date"] = attrs.get("datetime")
        self.stack.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "p":
            self.in_status = False
        if tag == "nav":
            self.in_pages = False

    def handle_data(self, data):
        if self.in_status:
            self.status += data
        if not self.results or not any(t == "li" for t, _ in self.stack):
            return
        result = self.results[-1]
        tags = [t for t, _ in self.stack]
        classes = " ".join(c for _, c in self.stack)
        if "h2" in tags:
            result["title"] += data
            if tags[-1] == "mark":
                result["title_marks"].append(data)
        elif "summary" in classes:
            result["snippet"] += data
            if tags[-1] == "mark":
                result["snippet_marks"].append(data)


def main():
    keep = "--keep" in sys.argv
    chromium = find_chromium()
    work = tempfile.mkdtemp(prefix="sitegen-search-test-")
    site = os.path.join(work, "www", BASE.strip("/"))
    server = None
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        origin = f"http://127.0.0.1:{port}"
        print(f"building the sample archive into {site}", flush=True)
        subprocess.run(["swift", "run", "sitegen", "build", "--quiet", "--no-cache", "--output", site, "--base-url", origin + BASE],
                       cwd=ROOT, check=True)
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                   "--directory", os.path.join(work, "www")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(origin + BASE + "tim-kiem/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)

        def load(params):
            url = origin + BASE + "tim-kiem/?" + urllib.parse.urlencode(params)
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                  "--no-first-run", f"--user-data-dir={work}/profile", "--virtual-time-budget=5000",
                                  "--dump-dom", url],
                                 capture_output=True, text=True, timeout=120).stdout
            page = Page()
            page.feed(dom)
            return page

        # 1. A title typed without diacritics finds its article first, highlighted.
        path, title = pick_article()
        query = " ".join(syllables(title)[:8])
        page = load({"q": query})
        print(f"query {query!r} (from {os.path.relpath(path, ROOT)})")
        check(page.error is None, f"no error ({page.error})")
        check(len(page.results) > 0, f"results shown; status {page.status!r}")
        if page.results:
            first = page.results[0]
            check(first["title"].strip() == title, f"first result is {title!r} (got {first['title'].strip()!r})")
            check(first["href"] is not None and first["href"].startswith(BASE), f"its link is under {BASE}: {first['href']}")
            check(len(first["title_marks"]) >= 6, f"title highlighted: {first['title_marks']}")
            check(len(first["snippet_marks"]) >= 1, f"snippet highlighted: {first['snippet_marks']} in {first['snippet'][:80]!r}")
            marked = {fold(m) for m in first["title_marks"] + first["snippet_marks"]}
            check(marked <= set(query.split()), f"only query words are marked: {sorted(marked)}")
        check(bool(re.search(r"\d+ kết quả", page.status or "")), f"status counts results: {page.status!r}")
        stats = json.loads(page.stats) if page.stats else {}
        print(f"      fetched {stats.get('files')} files, {stats.get('bytes')} bytes")

        # 2. Paging and the year filter, on a common syllable.
        page1 = load({"q": "tinh"})
        count = int(re.search(r"(\d+)", (page1.status or "0").replace(".", "")).group(1))
        check(count > 10, f"'tinh' matches more than one page ({count})")
        check(any("page=2" in (href or "") for href in page1.pages), "page links include page 2")
        page2 = load({"q": "tinh", "page": "2"})
        check(page2.current_page == "2", f"page 2 is current ({page2.current_page})")
        check(bool(page2.results) and page2.results[0]["href"] != page1.results[0]["href"], "page 2 shows other articles")
        years = [r["date"][:4] for r in page1.results]
        year = years[-1] if years else "2023"
        filtered = load({"q": "tinh", "year": year})
        check(bool(filtered.results) and all(r["date"].startswith(year) for r in filtered.results),
              f"year filter {year}: {[r['date'] for r in filtered.results]}")

        # 3. Nothing found.
        page = load({"q": "zqxjv wkpfh"})
        check((page.status or "").strip() == "Không tìm thấy kết quả", f"no-result message: {page.status!r}")
        check(page.results == [], "no result items")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("search browser test passed")


if __name__ == "__main__":
    main()
