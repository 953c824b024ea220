#!/usr/bin/env python3
"""Measures how well `sitegen import` infers a real scraped archive's metadata.

    Benchmarks/archive-measure.py [--sitegen .build/debug/sitegen] [--corpus ../shared/corpus-dev]

Imports every .txt of the corpus into a temporary site, then reads the Markdown it wrote and prints:
articles in and out; where each date came from; on articles whose title states their own date
("Kết quả xổ số ngày 6/2/2017"), the share whose inferred date matches (same day, within 3 days);
the share estimated from neighbours; years outside the archive's range; distinct authors and
sources, top 30 of each. Works with an older sitegen too (which writes no provenance): then a
date is "text" unless import said it used the file time. Prints; writes nothing outside a temp folder.
"""
import argparse, collections, datetime, os, re, shutil, subprocess, sys, tempfile

TITLE_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(20\d\d)(?![\d/])")
# Daily reports whose title names their own day without a year ("Giá vàng hôm nay 15/5", "Tin HOT
# bóng đá sáng 1/6", "Kết quả xổ số Vietlott ngày 18/6"); the year is then the archive's (--archive-end).
REPORT_DATE = re.compile(r"^(?:giá vàng|tin hot|điểm tin|chứng khoán|kết quả|tỷ giá|giá [^:]{0,40}? ngày|tin tức|"
                         r"phiên giao dịch|tennis ngày|lịch cắt điện|tin nóng)[^:]{0,50}?"
                         r"(?:ngày|hôm nay|sáng|chiều|tối|trưa)\s+(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d/.]*\d)", re.I)


def front_matter(text):
    """The few keys we read, from the YAML sitegen writes (one key a line; lists in flow style)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    fields, current_map = {}, None
    for line in text[4:end].split("\n"):
        if line.startswith("  ") and current_map is not None:
            key, _, value = line.strip().partition(":")
            fields[current_map][key] = unquote(value.strip())
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if value == "":
            fields[key], current_map = {}, key
        else:
            fields[key], current_map = parse_value(value), None
    return fields


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return value


def parse_value(value):
    if value.startswith("[") and value.endswith("]"):
        return [unquote(v.strip()) for v in re.findall(r'"(?:[^"\\]|\\.)*"|[^,]+', value[1:-1]) if v.strip()]
    return unquote(value)


def date_source(fields, mtime_files):
    provenance = fields.get("provenance")
    if isinstance(provenance, dict) and "date" in provenance:
        text = provenance["date"]
        for name, prefix in [("dates file", "dates file"), ("path", "file path"), ("neighbours", "estimated"),
                             ("text + neighbours' year", "text"), ("file time", "file modification")]:
            if text.startswith(prefix):
                if name.startswith("text") and "year from" not in text:
                    return "text"
                return name
        return text.split(" ")[0]
    return "file time" if fields.get("imported_from") in mtime_files else "text"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", default=".build/debug/sitegen")
    parser.add_argument("--corpus", default="../shared/corpus-dev")
    parser.add_argument("--archive-start", default="2016-01-01", help="written to site.yml as archive_start")
    parser.add_argument("--archive-end", default="2017-12-31", help="last plausible date of the archive")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site and print where")
    args = parser.parse_args()
    sitegen, corpus = os.path.abspath(args.sitegen), os.path.abspath(args.corpus)
    inputs = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
    root = tempfile.mkdtemp(prefix="archive-measure-")
    try:
        with open(os.path.join(root, "site.yml"), "w") as f:
            f.write('title: "Measure"\narchive_start: %s\nlegacy_url: "/tin-tuc/{id}.html"\n' % args.archive_start)
        os.makedirs(os.path.join(root, "content"))
        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        shutil.copytree(os.path.join(repo, "templates"), os.path.join(root, "templates"))
        into = os.path.join(root, "content", "imported")
        run = subprocess.run([sitegen, "import", corpus, "--into", into, "--source", root],
                             capture_output=True, text=True)
        mtime_files = set()
        for line in run.stdout.splitlines():
            m = re.match(r"\s+(\S+): could not determine .*date", line)
            if m:
                mtime_files.add(m.group(1))
        articles = []
        for folder, _, names in os.walk(into):
            for name in names:
                if name.endswith(".md"):
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        articles.append(front_matter(f.read()))
        print("== import (exit code %d)" % run.returncode)
        print("articles in: %d, articles out: %d" % (len(inputs), len(articles)))
        print("import summary: " + (run.stdout.strip().splitlines() or [""])[-1])
        n = max(1, len(articles))

        sources = collections.Counter(date_source(a, mtime_files) for a in articles)
        print("\n== dates by source")
        for name, count in sources.most_common():
            print("  %-26s %5d  %5.1f %%" % (name, count, 100.0 * count / n))
        estimated = sum(c for s, c in sources.items() if "neighbour" in s)
        print("estimated from neighbours (incl. year only): %.1f %%" % (100.0 * estimated / n))

        def day(a):
            try:
                return datetime.date.fromisoformat(str(a.get("date", ""))[:10])
            except ValueError:
                return None

        years = collections.Counter(d.year for d in map(day, articles) if d)
        lo, hi = datetime.date.fromisoformat(args.archive_start), datetime.date.fromisoformat(args.archive_end)
        outside = [a for a in articles if day(a) and not lo <= day(a) <= hi]
        print("\n== years: " + ", ".join("%d: %d" % kv for kv in sorted(years.items())))
        print("dates outside %s … %s: %d" % (lo, hi, len(outside)))
        for a in outside[:10]:
            print("  %s %s  %s" % (a.get("date"), a.get("imported_from"), a.get("title", "")[:70]))

        print("\n== titles that state their own date")
        judged, same, near, misses = 0, 0, 0, []
        for a in articles:
            title = str(a.get("title", ""))
            m = TITLE_DATE.search(title)
            r = None if m else REPORT_DATE.search(title)
            if not m and not r:
                continue
            try:
                stated = (datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m
                          else datetime.date(hi.year, int(r.group(2)), int(r.group(1))))
            except ValueError:
                continue
            judged += 1
            got = day(a)
            if got == stated:
                same += 1
            if got and abs((got - stated).days) <= 3:
                near += 1
            else:
                misses.append((a.get("imported_from"), stated, got, a.get("title", "")[:60]))
        if judged:
            print("%d titles; same day %d (%.1f %%), within 3 days %d (%.1f %%)" %
                  (judged, same, 100.0 * same / judged, near, 100.0 * near / judged))
            for miss in misses[:10]:
                print("  miss %s: title says %s, got %s  %s" % miss)

        def names(key_list):
            c = collections.Counter()
            for a in articles:
                for key in key_list:
                    value = a.get(key)
                    for v in (value if isinstance(value, list) else [value] if value else []):
                        c[v] += 1
            return c

        authors, outlets = names(["author", "authors"]), names(["source"])
        with_author = sum(1 for a in articles if a.get("author") or a.get("authors"))
        print("\n== bylines: %d articles with an author (%.1f %%), %d with a source" %
              (with_author, 100.0 * with_author / n, sum(1 for a in articles if a.get("source"))))
        print("distinct authors: %d, distinct sources: %d" % (len(authors), len(outlets)))
        print("top 30 authors: " + "; ".join("%s (%d)" % kv for kv in authors.most_common(30)))
        print("top 30 sources: " + "; ".join("%s (%d)" % kv for kv in outlets.most_common(30)))

        check = subprocess.run([sitegen, "check", "--source", root], capture_output=True, text=True)
        print("\n== sitegen check (exit code %d)" % check.returncode)
        print("\n".join(l for l in check.stdout.splitlines()))
        errors = [l for l in check.stderr.splitlines() if l.startswith("error")]
        warnings = [l for l in check.stderr.splitlines() if l.startswith("warning")]
        print("%d error line(s), %d warning line(s); first errors:" % (len(errors), len(warnings)))
        for line in errors[:5]:
            print("  " + line[:200])
        if args.keep:
            print("\nsite kept in " + root)
    finally:
        if not args.keep:
            shutil.rmtree(root)


if __name__ == "__main__":
    sys.exit(main())
